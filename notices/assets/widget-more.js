/* Thông tin cơ sở – the widget's second part, loaded by widget.js when first needed: the
   tracking tab (status look-up and rating with the tracking code), the Q&A tab and the
   drafts tab. It hands a factory to the loader that asked for it (named by this URL). */
(function () {
  "use strict";
  var M = __MESSAGES__;
  var me = document.currentScript && document.currentScript.src;
  var G = window.__thongtinWidget || {};
  if (!me || typeof G[me] !== "function") { return; }
  G[me](function (api) {
    var T = {}, el = api.el, fmt = api.fmt, field = api.field, getJSON = api.getJSON,
      newKey = api.newKey, select = api.select, base = api.base, unit = api.unit,
      link = api.link;
    Object.keys(api.T).forEach(function (k) { T[k] = api.T[k]; });
    Object.keys(M).forEach(function (k) { T[k] = M[k]; });

    /* Tracking: the owner looks an item up with its code and the phone used (or the secret
       token the submission returned), reads the answer and rates it once. */
    var pending = null, tInputs = null;
    function fill(code, token) {
      pending = { code: code, token: token };
      if (tInputs) { tInputs.code.value = code; tInputs.token.value = token; tInputs.phone.value = ""; }
    }
    function track(panel) {
      var code = el("input", { type: "text", name: "code", maxlength: "20", autocomplete: "off",
        autocapitalize: "characters", spellcheck: "false" });
      var phone = el("input", { type: "tel", name: "phone", autocomplete: "tel", maxlength: "32" });
      var token = el("input", { type: "text", name: "token", maxlength: "100", autocomplete: "off",
        spellcheck: "false" });
      var err = el("p", { "class": "err", role: "alert" });
      var go = el("button", { type: "submit", text: T.trSearch });
      var f = el("form", { novalidate: "", "data-track-form": "" });
      var out = el("article", { hidden: "", tabindex: "-1", "data-track": "" });
      [].concat([el("h3", { text: T.trTitle })], field(T.trCode, code),
        [el("p", { "class": "h", text: T.trProofHint })],
        field(T.trPhone, phone), field(T.trToken, token), [err, go])
        .forEach(function (n) { f.appendChild(n); });
      panel.appendChild(f); panel.appendChild(out);
      tInputs = { code: code, phone: phone, token: token };
      if (pending) { fill(pending.code, pending.token); }
      var controls = { code: code, phone: phone, token: token };
      function proof() {
        var p = {};
        if (token.value.trim()) { p.token = token.value.trim(); } else { p.phone = phone.value.trim(); }
        return p;
      }
      function show(item, shownCode) {
        out.textContent = "";
        var parts = [el("h4", { text: T.trCodeShown + " " + item.tracking_code }),
          el("p", {}, [el("strong", { text: T.trStatus + " " }),
            el("span", { "data-status": item.status, text: item.status_label })])];
        if (item.title) { parts.push(el("p", { "class": "t", text: item.title })); }
        parts.push(el("p", { "class": "m", text: item.category + T.sep + item.office + T.sep +
          T.trSent + " " + fmt(item.created_at) + T.sep + T.due + " " + fmt(item.due_at) }));
        if (item.merged_into) { parts.push(el("p", { text: T.trMerged + " " + item.merged_into })); }
        if (item.public_answer) {
          parts.push(el("h4", { text: T.trAnswer }),
            el("p", { "class": "x", "data-answer": "", text: item.public_answer }));
        }
        if (item.timeline && item.timeline.length) {
          parts.push(el("h4", { text: T.trTimeline }), el("ul", { "class": "n" },
            item.timeline.map(function (e) {
              return el("li", { "class": "i" }, [el("span", { "class": "m", text: fmt(e.at) }),
                el("p", { text: e.label + (e.note ? ": " + e.note : "") })]);
            })));
        }
        if (item.rating) {
          parts.push(el("p", { "class": "ok", "data-rated": String(item.rating),
            text: T.trRated.replace("{n}", item.rating) }));
        } else if (item.status === "answered" || item.status === "closed") {
          parts.push(rateForm(shownCode));
        }
        parts.forEach(function (n) { out.appendChild(n); });
        out.removeAttribute("hidden");
      }
      function rateForm(shownCode) {
        var rf = el("form", { novalidate: "", "data-rate-form": "" });
        var group = el("fieldset", { "class": "st" },
          [el("legend", { text: T.trRate })]);
        var stars = [];
        for (var i = 1; i <= 5; i++) {
          var r = el("input", { type: "radio", name: "rating", value: String(i), id: "tt-r" + i });
          stars.push(r);
          group.appendChild(el("label", { "for": r.id }, [r, el("span", { text: T.trStars.replace("{n}", i) })]));
        }
        group.id = "tt-rate";
        var comment = el("textarea", { name: "comment", maxlength: "1000" });
        var rErr = el("p", { "class": "err", role: "alert" });
        var rSend = el("button", { type: "submit", text: T.trRateSend });
        [group, api.errorSlot(group)].concat(field(T.trComment, comment), [rErr, rSend])
          .forEach(function (n) { rf.appendChild(n); });
        var rKey = null;
        rf.addEventListener("submit", function (ev) {
          ev.preventDefault();
          api.clearErrors(rErr, [group, comment]);
          var chosen = stars.filter(function (s) { return s.checked; })[0];
          if (!chosen) {
            rErr.textContent = T.trRateNeeded; api.fieldError(group, T.trRateNeeded); stars[0].focus(); return;
          }
          var body = proof();
          body.rating = Number(chosen.value);
          if (comment.value.trim()) { body.comment = comment.value.trim(); }
          rKey = rKey || newKey();
          rSend.disabled = true;
          api.send(base + "/api/v1/feedback/" + encodeURIComponent(shownCode) + "/rating", body, rKey)
            .then(function (res) {
              if (!res.ok) {
                api.showErrors(rErr, T.trRateError, res.j, { rating: group, comment: comment });
                return;
              }
              show(res.j, shownCode);
              out.focus();
            })
            .catch(function () { rErr.textContent = T.network; })
            .then(function () { rSend.disabled = false; });
        });
        return rf;
      }
      f.addEventListener("submit", function (ev) {
        ev.preventDefault();
        api.clearErrors(err, [code, phone, token]);
        var c = code.value.trim().toUpperCase();
        if (!c) { err.textContent = T.trCodeNeeded; api.fieldError(code, T.trCodeNeeded); code.focus(); return; }
        if (!phone.value.trim() && !token.value.trim()) {
          err.textContent = T.trProofNeeded; api.fieldError(phone, T.trProofNeeded); phone.focus(); return;
        }
        var p = proof(), q = Object.keys(p).map(function (k) {
          return k + "=" + encodeURIComponent(p[k]);
        }).join("&");
        go.disabled = true;
        out.setAttribute("hidden", "");
        fetch(base + "/api/v1/feedback/" + encodeURIComponent(c) + "?" + q)
          .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
          .then(function (res) {
            if (!res.ok) { api.showErrors(err, T.trError, res.j, controls); return; }
            show(res.j, c);
            out.focus();
          })
          .catch(function () { err.textContent = T.network; })
          .then(function () { go.disabled = false; });
      });
    }

    /* Q&A: published answers of this commune, searched by the server without diacritics. */
    function qa(qaPanel) {
      var qInput = el("input", { type: "search", name: "q", maxlength: "200", autocomplete: "off" });
      var qForm = el("form", { role: "search", "class": "qf", "aria-label": T.tabQa },
        field(T.qaLabel, qInput).concat([el("button", { type: "submit", text: T.qaSearch })]));
      var qStatus = el("p", { "class": "m", role: "status" });
      var qList = el("ul", { "class": "n", "aria-label": T.qaResults });
      var qMore = el("button", { type: "button", "class": "l", hidden: "", text: T.qaMore });
      var qResults = el("div", {}, [qStatus, qList, qMore]);
      var qDetail = el("article", { hidden: "" });
      var ask = el("button", { type: "button", "class": "l", text: T.qaAskButton });
      ask.addEventListener("click", function () { select("f", true); });
      [qForm, qResults, qDetail, el("p", { "class": "h" }, [el("span", { text: T.qaAsk + " " }), ask])]
        .forEach(function (n) { qaPanel.appendChild(n); });

      var qSeq = 0, qNext = null, qTimer = null, qOpener = null;
      function answerMeta(a) { return a.category + T.sep + T.qaPublished + " " + fmt(a.published_at); }
      function excerpt(text) { return text.length > 160 ? text.slice(0, 157) + "\u2026" : text; }
      function closeDetail() {
        qDetail.setAttribute("hidden", ""); qDetail.textContent = ""; qResults.removeAttribute("hidden");
      }
      function openAnswer(id, opener) {
        qOpener = opener;
        getJSON(base + "/api/v1/answers/" + encodeURIComponent(id)).then(function (a) {
          var back = el("button", { type: "button", "class": "l", text: T.qaBack });
          back.addEventListener("click", function () { closeDetail(); if (qOpener) { qOpener.focus(); } });
          var title = el("h3", { tabindex: "-1", text: a.title });
          qDetail.textContent = "";
          [back, title, el("p", { "class": "m", text: a.unit + T.sep + answerMeta(a) }),
            el("h4", { text: T.qaQuestion }), el("p", { "class": "x", text: a.question }),
            el("h4", { text: T.qaAnswer }), el("p", { "class": "x", "data-answer": "", text: a.answer })]
            .forEach(function (n) { qDetail.appendChild(n); });
          qResults.setAttribute("hidden", "");
          qDetail.removeAttribute("hidden");
          title.focus();
        }).catch(function () { qStatus.textContent = T.qaError; });
      }
      function searchAnswers(append) {
        var seq = ++qSeq, q = qInput.value.trim();
        clearTimeout(qTimer);
        closeDetail();
        qStatus.textContent = T.qaSearching;
        getJSON(base + "/api/v1/answers?limit=10&unit=" + encodeURIComponent(unit) +
          (q ? "&q=" + encodeURIComponent(q) : "") + (append && qNext ? "&offset=" + qNext : ""))
          .then(function (data) {
            if (seq !== qSeq) { return; } /* a newer search is under way */
            if (!append) { qList.textContent = ""; }
            data.items.forEach(function (a) {
              var open = el("button", { type: "button", "class": "l t", text: a.title });
              open.addEventListener("click", function () { openAnswer(a.id, open); });
              qList.appendChild(el("li", { "class": "i", "data-answer-id": String(a.id) }, [
                open, el("span", { "class": "m", text: answerMeta(a) }),
                el("p", { text: excerpt(a.question) })]));
            });
            qNext = data.next_offset;
            if (qNext === null || qNext === undefined) { qMore.setAttribute("hidden", ""); }
            else { qMore.removeAttribute("hidden"); }
            qStatus.textContent = qList.childNodes.length ? (q ? T.qaFound : T.qaLatest)
              : (q ? T.qaNone : T.qaEmpty);
          })
          .catch(function () { if (seq === qSeq) { qStatus.textContent = T.qaError; } });
      }
      qForm.addEventListener("submit", function (ev) { ev.preventDefault(); searchAnswers(false); });
      qInput.addEventListener("input", function () {
        clearTimeout(qTimer);
        qTimer = setTimeout(function () { searchAnswers(false); }, 400);
      });
      qMore.addEventListener("click", function () { searchAnswers(true); });
      searchAnswers(false);

    }

    function drafts(dPanel) {
         /* Drafts put to the public for comment: the list, one draft with its comment counts per
            article, published comments (masked by the server), the summary, and a comment form. */
      var dStatus = el("p", { "class": "m", role: "status" });
      var dList = el("ul", { "class": "n", "aria-label": T.dtList });
      var dView = el("article", { hidden: "" });
      [dList, dStatus, dView].forEach(function (n) { dPanel.appendChild(n); });
      var dOpener = null;
      function dWindow(c) { return T.dtWindow + " " + fmt(c.opens_at) + " " + T.dtTo + " " + fmt(c.closes_at); }
      function loadDrafts() {
        getJSON(base + "/api/v1/units/" + encodeURIComponent(unit) + "/consultations").then(function (data) {
          dList.textContent = "";
          data.items.forEach(function (c) {
            var open = el("button", { type: "button", "class": "l t", text: c.title });
            open.addEventListener("click", function () { openDraft(c.id, open); });
            dList.appendChild(el("li", { "class": "i", "data-consultation-id": String(c.id) }, [open,
              el("span", { "class": "m", text: c.status_label + T.sep + dWindow(c) + T.sep +
                c.comment_count + " " + T.dtComments })]));
          });
          dStatus.textContent = data.items.length ? "" : T.dtNone;
        }).catch(function () { dStatus.textContent = T.dtError; });
      }
      function closeDraft() {
        dView.setAttribute("hidden", ""); dView.textContent = "";
        dList.removeAttribute("hidden"); dStatus.removeAttribute("hidden");
      }
      function sectionLabel(c, number) {
        var found = T.dtWhole;
        c.sections.forEach(function (s) { if (s.number === number) { found = s.label; } });
        return found;
      }
      function loadComments(c, cList, cStatus) {
        getJSON(base + "/api/v1/consultations/" + c.id + "/comments?limit=100").then(function (data) {
          cList.textContent = "";
          data.items.forEach(function (k) {
            var li = el("li", { "class": "i", "data-comment-id": String(k.id) }, [
              el("span", { "class": "m", text: sectionLabel(c, k.section) + T.sep + fmt(k.created_at) }),
              el("p", { "class": "x", text: k.body })]);
            if (k.response) {
              li.appendChild(el("p", { "class": "x", text: T.dtResponse + " (" +
                k.response.decision_label + "): " + k.response.body }));
            }
            cList.appendChild(li);
          });
          cStatus.textContent = data.items.length ? "" : T.dtNoComments;
        }).catch(function () { cStatus.textContent = T.dtError; });
      }
      function commentForm(c, sent) {
        var target = el("select", { name: "section" }, [el("option", { value: "", text: T.dtWhole })]);
        c.sections.forEach(function (s) {
          target.appendChild(el("option", { value: String(s.number), text: s.label + ". " + s.title }));
        });
        var text = el("textarea", { name: "body", required: "", maxlength: "4000" });
        var cName = el("input", { type: "text", name: "name", autocomplete: "name", maxlength: "120" });
        var cPhone = el("input", { type: "tel", name: "phone", autocomplete: "tel", maxlength: "32" });
        var dconsent = el("input", { type: "checkbox", name: "consent", id: "tt-dc" + c.id });
        var pol = api.policy();
        var dLink = el("a", { target: "_blank", rel: "noopener noreferrer", text: T.policyLink });
        if (pol) { dLink.setAttribute("href", api.link(pol.url)); } else { dLink.setAttribute("hidden", ""); }
        var cError = el("p", { "class": "err", role: "alert" });
        var cSend = el("button", { type: "submit", text: T.dtSend });
        var cDone = el("p", { "class": "ok", hidden: "", tabindex: "-1", role: "status", text: T.dtSent });
        var f = el("form", { novalidate: "", "data-comment-form": "" });
        [].concat([el("h4", { text: T.dtFormTitle })], field(T.dtTarget, target),
          field(T.dtBody, text), [el("p", { "class": "h", text: T.dtContactHint })],
          field(T.dtName, cName), field(T.dtPhone, cPhone),
          [el("label", { "class": "c", "for": dconsent.id }, [dconsent, el("span", { text: T.dtConsent })]),
            api.errorSlot(dconsent), el("p", { "class": "h" }, [dLink])],
          [cError, cSend]).forEach(function (n) { f.appendChild(n); });
        var controls = { section: target, body: text, author: cName, "author.name": cName,
          "author.phone": cPhone, consent: dconsent };
        var all = [target, text, cName, cPhone, dconsent];
        var k = null;
        f.addEventListener("input", function () { k = null; });
        function refuse(control, message) {
          cError.textContent = message; api.fieldError(control, message); control.focus();
        }
        f.addEventListener("submit", function (ev) {
          ev.preventDefault();
          api.clearErrors(cError, all);
          cDone.setAttribute("hidden", "");
          var hasName = cName.value.trim() !== "", hasPhone = cPhone.value.trim() !== "";
          if (text.value.trim().length < 5) { refuse(text, T.dtBodyNeeded); return; }
          if (hasName !== hasPhone) { refuse(hasName ? cPhone : cName, T.nameNeeded); return; }
          pol = api.policy();
          if (hasName && (!dconsent.checked || !pol)) { refuse(dconsent, T.consentNeeded); return; }
          var body = { section: target.value ? Number(target.value) : null, body: text.value.trim(),
            channel: "widget" };
          if (hasName) {
            body.author = { name: cName.value.trim(), phone: cPhone.value.trim() };
            /* the version of the privacy notice in force, as the feedback form sends */
            body.consent = { purpose: T.dtConsentPurpose, policy_version: pol.version, text: T.dtConsent };
          } else {
            body.anonymous = true;
          }
          k = k || newKey(); /* the same key on retry: never two comments */
          cSend.disabled = true;
          cSend.textContent = T.sending;
          api.send(base + "/api/v1/consultations/" + c.id + "/comments", body, k)
            .then(function (res) {
              if (!res.ok) { api.showErrors(cError, T.dtSendError, res.j, controls); return; }
              f.reset(); k = null;
              cDone.removeAttribute("hidden"); cDone.focus();
              sent(res.j.section);
            })
            .catch(function () { cError.textContent = T.network; })
            .then(function () { cSend.disabled = false; cSend.textContent = T.dtSend; });
        });
        return [f, cDone];
      }
      function openDraft(id, opener) {
        dOpener = opener;
        getJSON(base + "/api/v1/consultations/" + encodeURIComponent(id)).then(function (c) {
          var back = el("button", { type: "button", "class": "l", text: T.dtBack });
          back.addEventListener("click", function () { closeDraft(); if (dOpener) { dOpener.focus(); } });
          var title = el("h3", { tabindex: "-1", text: c.title });
          var parts = [back, title, el("p", { "class": "m", text: c.status_label + T.sep + dWindow(c) }),
            el("p", { "class": "m", text: T.dtOffice + " " + c.office }),
            el("p", { "class": "x", text: c.description })];
          if (c.attachments.length) {
            parts.push(el("h4", { text: T.dtFiles }), el("ul", {}, c.attachments.map(function (a) {
              return el("li", {}, [el("a", { href: link(a.url), target: "_blank", rel: "noopener noreferrer",
                text: a.filename })]);
            })));
          }
          if (c.summary) {
            parts.push(el("h4", { text: T.dtSummary }),
              el("p", { "class": "x", "data-summary": "", text: c.summary.text }));
          }
          var counts = {};
          var secs = el("ul", { "class": "n", "aria-label": T.dtSections });
          c.sections.forEach(function (s) {
            counts[s.number] = el("span", { "class": "m", "data-count": "", text: s.comment_count + " " + T.dtComments });
            secs.appendChild(el("li", { "class": "i", "data-section": String(s.number) }, [
              el("span", { "class": "t", text: s.label + ". " + s.title }),
              el("p", { "class": "x", text: s.body }), counts[s.number]]));
          });
          parts.push(el("h4", { text: T.dtSections }), secs);
          var cList = el("ul", { "class": "n", "aria-label": T.dtPublished });
          var cStatus = el("p", { "class": "m" });
          if (c.status === "open") {
            parts = parts.concat(commentForm(c, function (number) {
              var span = counts[number];
              if (span) { span.textContent = (parseInt(span.textContent, 10) + 1) + " " + T.dtComments; }
              loadComments(c, cList, cStatus);
            }));
          } else {
            parts.push(el("p", { "class": "h", text: c.status === "planned" ? T.dtPlanned : T.dtClosed }));
          }
          parts.push(el("h4", { text: T.dtPublished }), cStatus, cList);
          dView.textContent = "";
          parts.forEach(function (n) { dView.appendChild(n); });
          dList.setAttribute("hidden", ""); dStatus.setAttribute("hidden", "");
          dView.removeAttribute("hidden");
          title.focus();
          loadComments(c, cList, cStatus);
        }).catch(function () { dStatus.textContent = T.dtError; });
      }
      loadDrafts();
    }
    /* "Báo tin giả": a link, the text or a screenshot of something that may be false and
       where it was seen; a phone or e-mail (with consent) to hear the verdict. The
       screenshot is scaled down like feedback photos (copies still match by image hash). */
    function report(panel) {
      var link = el("input", { type: "url", name: "link", maxlength: "2000", inputmode: "url" });
      var content = el("textarea", { name: "content", maxlength: "4000" });
      var shot = el("input", { type: "file", name: "image", accept: "image/jpeg,image/png,image/webp" });
      var where = el("input", { type: "text", name: "seen_where", maxlength: "300" });
      var phone = el("input", { type: "tel", name: "phone", autocomplete: "tel", maxlength: "32" });
      var email = el("input", { type: "email", name: "email", autocomplete: "email",
        maxlength: "254" });
      var consent = el("input", { type: "checkbox", name: "consent", id: "tt-fc-consent" });
      var err = el("p", { "class": "err", role: "alert" });
      var go = el("button", { type: "submit", text: T.fcSend });
      var f = el("form", { novalidate: "", "data-factcheck-form": "" });
      var out = el("div", { "class": "ok", hidden: "", tabindex: "-1", role: "status",
        "data-factcheck-done": "" });
      [].concat([el("h3", { text: T.fcTitle }), el("p", { "class": "h", text: T.fcLead })],
        field(T.fcLink, link), field(T.fcContent, content), field(T.fcImage, shot),
        field(T.fcWhere, where), [el("p", { "class": "h", text: T.fcContactHint })],
        field(T.fcPhone, phone), field(T.fcEmail, email),
        [el("label", { "class": "c", "for": "tt-fc-consent" },
          [consent, el("span", { text: T.fcConsent })]), api.errorSlot(consent)],
        [err, go]).forEach(function (n) { f.appendChild(n); });
      panel.appendChild(f); panel.appendChild(out);
      var controls = { link: link, content: content, image: shot, seen_where: where,
        reporter: phone, "reporter.phone": phone, "reporter.email": email, consent: consent };
      var all = [link, content, shot, where, phone, email, consent];
      var key = null;
      f.addEventListener("input", function () { key = null; });
      function refuse(control, text) {
        err.textContent = text; api.fieldError(control, text); control.focus();
      }
      f.addEventListener("submit", function (ev) {
        ev.preventDefault();
        api.clearErrors(err, all);
        var file = shot.files && shot.files[0], pol = api.policy();
        var tel = phone.value.trim(), mail = email.value.trim();
        if (!link.value.trim() && content.value.trim().length < 5 && !file) {
          refuse(content, T.fcNothing); return;
        }
        if ((tel || mail) && (!consent.checked || !pol)) { refuse(consent, T.fcConsentNeeded); return; }
        var body = new FormData();
        body.append("unit_code", unit);
        body.append("channel", "widget");
        [["link", link], ["content", content], ["seen_where", where]].forEach(function (p) {
          if (p[1].value.trim()) { body.append(p[0], p[1].value.trim()); }
        });
        if (tel || mail) {
          if (tel) { body.append("reporter.phone", tel); }
          if (mail) { body.append("reporter.email", mail); }
          body.append("notify_via", tel ? "sms" : "email");
          body.append("consent.purpose", T.fcConsentPurpose);
          body.append("consent.policy_version", pol.version);
          body.append("consent.text", T.fcConsent);
        }
        key = key || newKey(); /* the same key on retry: never two reports */
        go.disabled = true;
        go.textContent = T.sending;
        (file ? api.shrink(file).catch(function () { throw { unreadable: true }; })
          : Promise.resolve(null)).then(function (blob) {
          if (blob) { body.append("image", blob, "anh-chup.jpg"); }
          return api.send(base + "/api/v1/misinformation-reports", body, key);
        }).then(function (res) {
          if (!res.ok) { api.showErrors(err, T.fcError, res.j, controls); return; }
          out.textContent = "";
          out.appendChild(el("p", { text: T.fcSent }));
          out.appendChild(el("p", { "class": "code", "data-code": "", text: res.j.tracking_code }));
          out.appendChild(el("p", { text: T.fcSentHint }));
          f.setAttribute("hidden", ""); out.removeAttribute("hidden"); out.focus();
        }).catch(function (e) {
          if (e && e.unreadable) { refuse(shot, T.photoUnreadable); } else { err.textContent = T.network; }
        }).then(function () { go.disabled = false; go.textContent = T.fcSend; });
      });
    }
    return { s: track, fill: fill, q: qa, d: drafts, r: report };
  });
})();
