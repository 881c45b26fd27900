/* Bulletin board (hall TV): rotates current notices; an emergency stays on screen while the
   other current notices rotate in a strip below it; revalidates with ETag; a service worker
   keeps the page and the last content, so a reload without network still shows them, with
   the time the board last heard from the server. */
(function () {
  "use strict";
  var body = document.body;
  var S = JSON.parse(body.getAttribute("data-strings"));
  var api = body.getAttribute("data-api");
  var unit = body.getAttribute("data-unit");
  var rotateMs = parseFloat(body.getAttribute("data-rotate")) * 1000;
  var refreshMs = parseFloat(body.getAttribute("data-refresh")) * 1000;
  var stage = document.getElementById("stage");
  var empty = document.getElementById("empty");
  var counter = document.getElementById("counter");
  var offline = document.getElementById("offline");
  var updated = document.getElementById("updated");
  var strip = document.getElementById("strip");
  var stripCounter = document.getElementById("strip-counter");
  var stripTitle = document.getElementById("strip-title");
  var stripSummary = document.getElementById("strip-summary");
  var keysUrl = body.getAttribute("data-keys");
  var clock = document.getElementById("clock");
  var etag = null, items = [], index = 0, stripIndex = 0, shownKey = null, stripKey = null;
  var storeKey = "thongtin-board:" + unit + ":last-heard";
  var lastOk = null;
  var SAFE = { P: 1, BR: 1, STRONG: 1, B: 1, EM: 1, I: 1, U: 1, UL: 1, OL: 1, LI: 1, H3: 1,
    H4: 1, BLOCKQUOTE: 1 };
  empty.textContent = S.none;
  try {
    var saved = window.localStorage.getItem(storeKey);
    if (saved) { lastOk = new Date(saved); }
  } catch (e) { /* storage off: the time is kept for this page only */ }

  /* The one date format people read: 04/12/2026 21:03 (Vietnam time). */
  function fmtDate(d) {
    var p = {};
    new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit",
      month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(d).forEach(function (part) { p[part.type] = part.value; });
    return p.day + "/" + p.month + "/" + p.year + " " + p.hour + ":" + p.minute;
  }
  function tick() {
    var now = new Date();
    clock.textContent = now.toLocaleTimeString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh",
      hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }) + " · " +
      now.toLocaleDateString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", weekday: "long",
        day: "2-digit", month: "2-digit" });
  }
  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) { n.className = cls; }
    if (text) { n.textContent = text; }
    return n;
  }
  /* WCAG relative luminance and contrast: the badge text is black or white, whichever
     contrasts more with the official colour of the risk level. */
  function luminance(hex) {
    var v = hex.replace("#", "");
    var c = [0, 2, 4].map(function (i) {
      var s = parseInt(v.substr(i, 2), 16) / 255;
      return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }
  function textOn(hex) {
    var l = luminance(hex);
    return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? "#000" : "#fff";
  }
  /* The body is sanitised HTML from the server; copy only its structure (paragraphs,
     lists, emphasis) into the page, links as plain text, never attributes. */
  function copySafe(src, dst) {
    Array.prototype.forEach.call(src.childNodes, function (node) {
      if (node.nodeType === 3) {
        dst.appendChild(document.createTextNode(node.nodeValue));
      } else if (node.nodeType === 1) {
        var target = dst;
        if (SAFE[node.tagName]) {
          target = document.createElement(node.tagName.toLowerCase());
          dst.appendChild(target);
        }
        copySafe(node, target);
      }
    });
  }
  function renderBody(html) {
    var box = el("div", "body");
    copySafe(new DOMParser().parseFromString(html || "", "text/html").body, box);
    return box;
  }
  function emergencies() {
    return items.filter(function (n) { return n.priority === "emergency"; });
  }
  function others() {
    return items.filter(function (n) { return n.priority !== "emergency"; });
  }
  function showStrip(list) {
    if (!list.length) {
      strip.hidden = true; stripKey = null; return;
    }
    stripIndex = stripIndex % list.length;
    var n = list[stripIndex];
    var key = n.id + ":" + n.version + ":" + stripIndex + ":" + list.length;
    strip.hidden = false;
    if (key === stripKey) { return; }
    stripKey = key;
    strip.setAttribute("data-id", String(n.id));
    stripCounter.textContent = S.others.replace("{i}", stripIndex + 1)
      .replace("{n}", list.length);
    stripTitle.textContent = n.title;
    stripSummary.textContent = n.summary || "";
  }
  function show() {
    var urgent = emergencies();
    var emergency = urgent.length > 0;
    var list = emergency ? urgent : items;
    body.classList.toggle("emergency", emergency);
    showStrip(emergency ? others() : []);
    if (!list.length) {
      stage.textContent = ""; stage.appendChild(empty); counter.textContent = "";
      shownKey = null; return;
    }
    index = index % list.length;
    var n = list[index];
    if (emergency) {
      counter.textContent = S.page_emergency.replace("{i}", index + 1)
        .replace("{n}", list.length).replace("{total}", items.length);
    } else {
      counter.textContent = S.page.replace("{i}", index + 1).replace("{n}", list.length);
    }
    var key = n.id + ":" + n.version + ":" + index + ":" + list.length;
    if (key === shownKey) { return; }
    shownKey = key;
    var box = el("article", "notice");
    box.setAttribute("data-id", String(n.id));
    box.setAttribute("data-priority", n.priority);
    if (emergency) { box.appendChild(el("div", "badge", S.emergency)); }
    if (n.risk) {
      var risk = el("div", "badge risk", n.risk.label);
      risk.style.backgroundColor = n.risk.colour;
      risk.style.color = textOn(n.risk.colour);
      box.appendChild(risk);
    }
    if (n.images && n.images.length) {
      var img = document.createElement("img");
      img.src = n.images[0].url; img.alt = n.images[0].alt || "";
      box.appendChild(img);
    }
    box.appendChild(el("h2", "", n.title));
    if (n.summary) { box.appendChild(el("p", "summary", n.summary)); }
    box.appendChild(renderBody(n.body));
    if (n.expires_at) {
      box.appendChild(el("div", "meta", S.until + " " + fmtDate(new Date(n.expires_at))));
    }
    if (n.verification_code) {
      box.appendChild(el("div", "meta code", S.code + " " + n.verification_code));
    }
    stage.textContent = "";
    stage.appendChild(box);
  }
  function showHeard(isOffline) {
    if (lastOk) { updated.textContent = S.updated + " " + fmtDate(lastOk); }
    offline.hidden = !isOffline;
    if (isOffline) {
      offline.textContent = S.offline;
      body.setAttribute("data-offline", "1");
    } else {
      body.removeAttribute("data-offline");
    }
  }
  function rotate() {
    index += 1; stripIndex += 1; show();
  }
  /* Signatures (notices/verification/signing.py): each notice is shown only if its Ed25519
     signature over the canonical JSON of its fields verifies with a published key (WebCrypto).
     A browser that cannot verify at all (no Ed25519 in WebCrypto, or not a secure context)
     still shows the notices: a blank board in an emergency is the worse failure. */
  var keyStore = "thongtin-board:keys", keySet = null, keysTried = false;
  function canon(v) {
    if (v === null || typeof v !== "object") { return JSON.stringify(v); }
    if (Array.isArray(v)) { return "[" + v.map(canon).join(",") + "]"; }
    return "{" + Object.keys(v).sort().map(function (k) {
      return JSON.stringify(k) + ":" + canon(v[k]);
    }).join(",") + "}";
  }
  function signedPayload(n) {
    return {
      format: n.signature.format, id: n.id, version: n.version,
      verification_code: n.verification_code, unit: n.unit.code, unit_name: n.unit.name,
      title: n.title, summary: n.summary, body: n.body, category: n.category.code,
      priority: n.priority, risk_level: n.risk ? n.risk.level : null,
      targets: (n.targets || []).map(function (t) { return t.code; }).sort(),
      published_at: n.published_at, expires_at: n.expires_at
    };
  }
  function unb64(text) {
    var b = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4));
    var out = new Uint8Array(b.length);
    for (var i = 0; i < b.length; i += 1) { out[i] = b.charCodeAt(i); }
    return out;
  }
  function canVerify() {
    return !!(window.crypto && window.crypto.subtle && window.isSecureContext);
  }
  function loadKeys(force) {
    if (keySet && !force) { return Promise.resolve(keySet); }
    if (!keysUrl) { return Promise.resolve(null); }
    return fetch(keysUrl, { cache: "no-store" }).then(function (r) {
      if (!r.ok) { throw new Error(String(r.status)); }
      return r.json();
    }).then(function (doc) {
      keySet = doc.keys || [];
      try { window.localStorage.setItem(keyStore, JSON.stringify(keySet)); } catch (e) { }
      return keySet;
    }).catch(function () {
      try { keySet = JSON.parse(window.localStorage.getItem(keyStore) || "null"); } catch (e) { }
      return keySet;
    });
  }
  function verifyOne(n, keysList) {
    if (!n.signature) { return Promise.resolve(false); }
    var key = keysList.filter(function (k) { return k.id === n.signature.key_id; })[0];
    if (!key || new Date(key.expires_at) <= new Date()) { return Promise.resolve(false); }
    var data = new TextEncoder().encode(canon(signedPayload(n)));
    return window.crypto.subtle.importKey("raw", unb64(key.public_key), { name: "Ed25519" },
      false, ["verify"]).then(function (k) {
      return window.crypto.subtle.verify({ name: "Ed25519" }, k, unb64(n.signature.value), data);
    }).catch(function () { return false; });
  }
  function verified(list) {
    if (!canVerify()) {
      body.setAttribute("data-verified", "unavailable");
      return Promise.resolve(list);
    }
    var unknown = function (keysList) {
      return list.some(function (n) {
        return n.signature && !keysList.some(function (k) { return k.id === n.signature.key_id; });
      });
    };
    return loadKeys(false).then(function (keysList) {
      if (keysList && unknown(keysList) && !keysTried) {
        keysTried = true;
        return loadKeys(true);
      }
      return keysList;
    }).then(function (keysList) {
      if (!keysList) {
        body.setAttribute("data-verified", "unavailable");
        return list;
      }
      return Promise.all(list.map(function (n) { return verifyOne(n, keysList); }))
        .then(function (results) {
          var kept = list.filter(function (n, i) { return results[i]; });
          body.setAttribute("data-verified", String(kept.length));
          body.setAttribute("data-rejected", String(list.length - kept.length));
          if (kept.length < list.length && window.console) {
            window.console.warn("board: " + (list.length - kept.length) +
              " notice(s) refused: signature does not verify");
          }
          return kept;
        });
    });
  }
  function take(data) {
    keysTried = false;
    return verified(data.items || []).then(takeVerified);
  }
  function takeVerified(list) {
    var hadEmergency = emergencies().length > 0;
    items = list;
    if (emergencies().length > 0 && !hadEmergency) { index = 0; }
    shownKey = null; stripKey = null;
    show();
  }
  function refresh() {
    var headers = {};
    if (etag) { headers["If-None-Match"] = etag; }
    fetch(api, { headers: headers, cache: "no-store" })
      .then(function (r) {
        var fromCache = r.headers.get("X-Board-Offline") === "1";
        if (r.status === 304) { return { data: null, fromCache: fromCache }; }
        if (!r.ok) { throw new Error(String(r.status)); }
        if (!fromCache) { etag = r.headers.get("ETag"); }
        return r.json().then(function (data) { return { data: data, fromCache: fromCache }; });
      })
      .then(function (got) {
        if (!got.fromCache) {
          lastOk = new Date();
          try { window.localStorage.setItem(storeKey, lastOk.toISOString()); } catch (e) { }
        }
        /* content kept by the service worker is shown only when there is nothing newer */
        if (got.data && (!got.fromCache || !items.length)) { take(got.data); }
        showHeard(got.fromCache);
      })
      .catch(function () {
        /* keep showing what we have */
        showHeard(true);
      });
  }
  /* The service worker keeps this page, its script and style and the last list. */
  function keepOffline() {
    if (!("serviceWorker" in navigator)) { return; }
    var sw = body.getAttribute("data-sw");
    var scope = body.getAttribute("data-sw-scope");
    navigator.serviceWorker.register(sw, { scope: scope }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (reg) {
      var urls = [location.href, new URL(api, location.href).href];
      document.querySelectorAll("link[rel=stylesheet], script[src]").forEach(function (n) {
        urls.push(n.href || n.src);
      });
      var channel = new MessageChannel();
      channel.port1.onmessage = function () { body.setAttribute("data-kept", "1"); };
      reg.active.postMessage({ keep: urls }, [channel.port2]);
    }).catch(function () { /* no offline copy; the board still works online */ });
  }
  tick();
  setInterval(tick, 1000);
  showHeard(false);
  refresh();
  setInterval(refresh, refreshMs);
  setInterval(rotate, rotateMs);
  keepOffline();
})();
