"""CAP alerts signed with an enveloped XML signature (CAP 1.2 allows a ds:Signature as the
alert's last child), by the signing generation's ECDSA P-256 key, its self-signed
certificate in KeyInfo. Anyone verifies it with a standard XML-signature library against
the certificate published at /.well-known/thongtin-keys.json.

ECDSA signatures are randomised: a signed alert is kept per (alert document, key) so one
process serves the same bytes (and ETag) every time.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from lxml import etree
from signxml import XMLSigner, XMLVerifier, methods
from signxml.algorithms import SignatureMethod
from signxml.verifier import SignatureConfiguration

from notices.verification import keys

C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_SIGNED: OrderedDict[tuple[str, str], bytes] = OrderedDict()


def sign(document: bytes) -> bytes:
    """``document`` (a CAP alert) with an enveloped signature; unchanged without a key."""
    key = keys.signing()
    if key is None:
        return document
    cache_key = (hashlib.sha256(document).hexdigest(), key.id)
    signed = _SIGNED.get(cache_key)
    if signed is None:
        root = etree.fromstring(document, _PARSER)
        signer = XMLSigner(method=methods.enveloped, signature_algorithm="ecdsa-sha256",
                           digest_algorithm="sha256", c14n_algorithm=C14N)
        element = signer.sign(root, key=keys.private_ecdsa(key.id),
                              cert=key.ecdsa_certificate)
        signed = etree.tostring(element, xml_declaration=True, encoding="UTF-8")
        _SIGNED[cache_key] = signed
        while len(_SIGNED) > 500:
            _SIGNED.popitem(last=False)
    return signed


def verify(document: bytes, certificate_pem: str) -> bytes:
    """The signed CAP alert if its signature verifies with ``certificate_pem``; raises
    ``signxml.exceptions.InvalidSignature`` (or a subclass) otherwise."""
    result = XMLVerifier().verify(document, x509_cert=certificate_pem,
                                  expect_config=_config())
    return etree.tostring(result.signed_xml)


def _config() -> SignatureConfiguration:
    """Only the algorithm we sign with is accepted."""
    return SignatureConfiguration(signature_methods=frozenset({SignatureMethod.ECDSA_SHA256}))
