/* Thông tin cơ sở – embeddable widget. No framework; renders inside a shadow root.
   <script src="https://HOST/widget.js" data-unit="CODE" async></script> */
(function () {
  "use strict";
  var T = __MESSAGES__;
  var script = document.currentScript ||
    document.querySelector('script[src*="widget.js"][data-unit]');
  if (!script || script.getAttribute("data-tt-done")) { return; }
  script.setAttribute("data-tt-done", "1");
  var unit = script.getAttribute("data-unit");
  var base = new URL(script.src, location.href).origin;
  /* The API's links are root-relative unless the service knows its public address:
     resolve them against the service, not the page that embeds the widget. */
  function link(u) { return new URL(u, base).href; }
  var host = document.createElement("div");
  host.setAttribute("data-thongtin-widget", unit);
  script.parentNode.insertBefore(host, script.nextSibling);
  var root = host.attachShadow({ mode: "open" });

  var CSS = [
    ":host{all:initial;display:block;contain:content}",
    "*{box-sizing:border-box}",
    ".w{font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1a1a1a;",
    "background:#fff;border:1px solid #c9d3dd;border-radius:8px;padding:16px;max-width:640px;margin:0}",
    "h2{font-size:20px;margin:0 0 12px;color:#0b4f8a}",
    "h3{font-size:18px;margin:16px 0 8px}",
    "ul.n{list-style:none;margin:0;padding:0}",
    "li.i{border-left:4px solid #8aa4bd;padding:8px 12px;margin:0 0 10px;background:#f6f8fa}",
    "li.e{border-left-color:#c62828;background:#fdecea}",
    ".b{display:inline-block;font-size:12px;font-weight:700;padding:1px 8px;border-radius:10px;margin-right:6px}",
    ".be{background:#c62828;color:#fff}.bp{background:#0b4f8a;color:#fff}",
    ".t{font-weight:700;display:block;margin:4px 0}",
    ".m{font-size:13px;color:#555}",
    ".body{margin-top:6px}",
    "button{font:inherit;cursor:pointer;border-radius:6px;border:1px solid #0b4f8a;background:#0b4f8a;color:#fff;padding:8px 16px}",
    "button.l{background:none;color:#0b4f8a;border:0;padding:4px 0;text-decoration:underline}",
    "button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,a:focus-visible{outline:3px solid #f9a825;outline-offset:2px}",
    "label{display:block;margin:10px 0 4px;font-weight:600}",
    "input[type=text],input[type=tel],input[type=search],select,textarea{display:block;width:100%;font:inherit;padding:8px;border:1px solid #8a97a5;border-radius:6px;background:#fff;color:#1a1a1a}",
    "textarea{min-height:96px;resize:vertical}",
    ".c{display:flex;gap:8px;align-items:flex-start;font-weight:400}",
    ".c input{margin-top:5px}",
    ".h{font-size:14px;color:#444;margin:10px 0 0}",
    ".err{color:#b00020;margin:8px 0}",
    ".ok{background:#e8f5e9;border:1px solid #2e7d32;border-radius:6px;padding:12px;margin-top:8px}",
    ".code{font-size:24px;font-weight:700;letter-spacing:2px}",
    ".tl{display:flex;flex-wrap:wrap;gap:4px;border-bottom:2px solid #0b4f8a;margin:0 0 12px}",
    "button.tab{background:#eef3f8;color:#0b4f8a;border:1px solid #c9d3dd;border-bottom:0;border-radius:6px 6px 0 0}",
    "button.tab[aria-selected=true]{background:#0b4f8a;color:#fff;border-color:#0b4f8a}",
    ".p:focus-visible{outline:3px solid #f9a825;outline-offset:2px}",
    ".qf{display:flex;gap:8px;flex-wrap:wrap}.qf input{flex:1 1 12em;width:auto}.qf label{flex-basis:100%;margin-top:0}",
    ".x{white-space:pre-line;margin:4px 0 12px}",
    "h4{font-size:16px;margin:12px 0 0}",
    "[hidden]{display:none!important}"
  ].join("");

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }
  function fmt(iso) {
    if (!iso) { return ""; }
    var d = new Date(iso);
    return d.toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit",
      minute: "2-digit", day: "2-digit", month: "2-digit", year: "numeric" });
  }
  function safeBody(html) {
    /* The server sanitises with nh3; parse inertly and keep text structure only. */
    var doc = new DOMParser().parseFromString(html, "text/html");
    var frag = document.createDocumentFragment();
    Array.prototype.forEach.call(doc.body.childNodes, function (n) {
      frag.appendChild(document.importNode(n, true));
    });
    frag.querySelectorAll("a").forEach(function (a) {
      a.setAttribute("target", "_blank"); a.setAttribute("rel", "noopener noreferrer");
    });
    return frag;
  }

  var style = el("style", { text: CSS });
  var wrap = el("section", { "class": "w", "aria-label": T.title, lang: "vi" });
  root.appendChild(style);
  root.appendChild(wrap);
  wrap.appendChild(el("h2", { text: T.title }));

  /* Tabs (WAI-ARIA tabs pattern: Left/Right arrows, Home and End move between tabs and
     select them; Tab enters the panel). A panel is built once; the Q&A panel loads on first display. */
  var tabList = el("div", { role: "tablist", "class": "tl", "aria-label": T.sections });
  wrap.appendChild(tabList);
  var tabs = [], panels = [], onShow = {};
  function addTab(key, label) {
    var tab = el("button", { type: "button", role: "tab", "class": "tab", id: "tt-t-" + key,
      "aria-controls": "tt-p-" + key, "aria-selected": "false", tabindex: "-1",
      "data-tab": key, text: label });
    var panel = el("div", { role: "tabpanel", "class": "p", id: "tt-p-" + key,
      "aria-labelledby": "tt-t-" + key, tabindex: "0", hidden: "" });
    tab.addEventListener("click", function () { select(key); });
    tabs.push(tab); panels.push(panel);
    tabList.appendChild(tab); wrap.appendChild(panel);
    return panel;
  }
  function select(key, focus) {
    tabs.forEach(function (t, i) {
      var on = t.getAttribute("data-tab") === key;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.setAttribute("tabindex", on ? "0" : "-1");
      if (on) { panels[i].removeAttribute("hidden"); } else { panels[i].setAttribute("hidden", ""); }
      if (on && focus) { t.focus(); }
    });
    if (onShow[key]) { onShow[key](); onShow[key] = null; }
  }
  tabList.addEventListener("keydown", function (ev) {
    var i = tabs.indexOf(ev.target), n = tabs.length, to = null;
    if (i < 0) { return; }
    if (ev.key === "ArrowRight") { to = (i + 1) % n; }
    else if (ev.key === "ArrowLeft") { to = (i + n - 1) % n; }
    else if (ev.key === "Home") { to = 0; } else if (ev.key === "End") { to = n - 1; }
    if (to === null) { return; }
    ev.preventDefault();
    select(tabs[to].getAttribute("data-tab"), true);
  });
  var noticePanel = addTab("n", T.notices);
  var formPanel = addTab("f", T.tabFeedback);
  var qaPanel = addTab("q", T.tabQa);

  var status = el("p", { "class": "m", role: "status" });
  var list = el("ul", { "class": "n", "aria-label": T.notices });
  noticePanel.appendChild(list);
  noticePanel.appendChild(status);

  function renderNotices(data) {
    list.textContent = "";
    if (!data.items.length) { status.textContent = T.none; return; }
    status.textContent = "";
    data.items.forEach(function (n) {
      var emergency = n.priority === "emergency";
      var body = el("div", { "class": "body", hidden: "" });
      body.appendChild(safeBody(n.body));
      var toggle = el("button", { type: "button", "class": "l", "aria-expanded": "false",
        text: T.more });
      toggle.addEventListener("click", function () {
        var open = body.hasAttribute("hidden");
        if (open) { body.removeAttribute("hidden"); } else { body.setAttribute("hidden", ""); }
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        toggle.textContent = open ? T.less : T.more;
      });
      var badge = emergency ? el("span", { "class": "b be", text: T.emergency })
        : (n.priority === "priority" ? el("span", { "class": "b bp", text: T.priority }) : null);
      var meta = T.published + " " + fmt(n.published_at) +
        (n.expires_at ? T.sep + T.until + " " + fmt(n.expires_at) : "");
      var item = el("li", { "class": emergency ? "i e" : "i", "data-priority": n.priority }, [
        badge, el("span", { "class": "t", text: n.title }),
        el("span", { "class": "m", text: meta }),
        el("p", { text: n.summary }), body, toggle
      ]);
      if (n.risk) { item.style.borderLeftColor = n.risk.colour; }
      list.appendChild(item);
    });
  }

  fetch(base + "/api/v1/units/" + encodeURIComponent(unit) + "/notices?per_page=10")
    .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
    .then(renderNotices)
    .catch(function () { status.textContent = T.loadError; });

  /* Feedback form */
  var uid = 0;
  function field(label, control) {
    var id = "tt-f" + (++uid);
    control.id = id;
    return [el("label", { "for": id, text: label }), control];
  }
  var form = el("form", { novalidate: "" });
  var category = el("select", { name: "category", required: "" },
    [el("option", { value: "", text: T.choose })]);
  var subject = el("input", { type: "text", name: "title", maxlength: "200" });
  var description = el("textarea", { name: "description", required: "", maxlength: "4000" });
  var name = el("input", { type: "text", name: "name", autocomplete: "name", maxlength: "120" });
  var phone = el("input", { type: "tel", name: "phone", autocomplete: "tel", maxlength: "32" });
  var email = el("input", { type: "email", name: "email", autocomplete: "email",
    maxlength: "254" });
  /* How the citizen wants to be told: the first route tried; the others their contact
     data allows are fallbacks (the service decides). */
  var notify = el("select", { name: "notify_via" }, [
    el("option", { value: "zalo", text: T.notifyZalo }),
    el("option", { value: "sms", text: T.notifySms }),
    el("option", { value: "email", text: T.notifyEmail })]);
  /* Consent: the text and version come from the privacy notice in force; until it has
     loaded, contact fields stay disabled (anonymous feedback still works). Never pre-ticked. */
  var consent = el("input", { type: "checkbox", name: "consent" });
  var consentId = "tt-consent";
  consent.id = consentId;
  consent.checked = false;
  var consentText = el("span", { text: T.consentLoading });
  var policyLink = el("a", { target: "_blank", rel: "noopener noreferrer",
    text: T.policyLink, hidden: "" });
  var policy = null;
  var contact = [name, phone, email, notify, consent];
  contact.forEach(function (c) { c.disabled = true; });
  var error = el("p", { "class": "err", role: "alert" });
  var send = el("button", { type: "submit", text: T.send });
  var done = el("div", { "class": "ok", hidden: "", tabindex: "-1", role: "status" });
  [].concat(
    [el("h3", { text: T.formTitle })],
    field(T.category, category), field(T.subject, subject),
    field(T.description, description),
    [el("p", { "class": "h", text: T.contactHint })],
    field(T.name, name), field(T.phone, phone), field(T.email, email),
    field(T.notifyVia, notify),
    [el("label", { "class": "c", "for": consentId }, [consent, consentText]),
      el("p", { "class": "h" }, [policyLink])],
    [error, send]
  ).forEach(function (n) { form.appendChild(n); });
  formPanel.appendChild(form);
  formPanel.appendChild(done);

  fetch(base + "/api/v1/privacy-notice")
    .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
    .then(function (n) {
      policy = n;
      consentText.textContent = n.consent_text;
      policyLink.setAttribute("href", link(n.url));
      policyLink.removeAttribute("hidden");
      contact.forEach(function (c) { c.disabled = false; });
    })
    .catch(function () { consentText.textContent = T.consentUnavailable; });

  fetch(base + "/api/v1/units/" + encodeURIComponent(unit) + "/categories")
    .then(function (r) { return r.ok ? r.json() : []; })
    .then(function (cats) {
      cats.forEach(function (c) {
        category.appendChild(el("option", { value: c.code, text: c.name }));
      });
    }).catch(function () {});

  var key = null;
  function newKey() {
    return (crypto.randomUUID ? crypto.randomUUID() :
      String(Date.now()) + Math.random().toString(16).slice(2));
  }
  form.addEventListener("input", function () { key = null; });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    error.textContent = "";
    var hasName = name.value.trim() !== "", hasPhone = phone.value.trim() !== "",
      hasEmail = email.value.trim() !== "", hasContact = hasPhone || hasEmail;
    if (!category.value) { error.textContent = T.categoryNeeded; category.focus(); return; }
    if (description.value.trim().length < 5) {
      error.textContent = T.descriptionNeeded; description.focus(); return;
    }
    if (hasName !== hasContact) {
      error.textContent = T.nameNeeded; (hasName ? phone : name).focus(); return;
    }
    if (hasName && notify.value === "email" && !hasEmail) {
      error.textContent = T.notifyNeedsEmail; email.focus(); return;
    }
    if (hasName && notify.value !== "email" && !hasPhone) {
      error.textContent = T.notifyNeedsPhone; phone.focus(); return;
    }
    if (hasName && (!consent.checked || !policy)) {
      error.textContent = T.consentNeeded; consent.focus(); return;
    }
    var body = { unit_code: unit, category_code: category.value,
      description: description.value.trim(), channel: "widget" };
    if (subject.value.trim()) { body.title = subject.value.trim(); }
    if (hasName) {
      body.reporter = { name: name.value.trim() };
      if (hasPhone) { body.reporter.phone = phone.value.trim(); }
      if (hasEmail) { body.reporter.email = email.value.trim(); }
      body.notify_via = notify.value;
      body.consent = { purpose: T.consentPurpose, policy_version: policy.version,
        text: policy.consent_text };
    } else {
      body.anonymous = true;
    }
    key = key || newKey(); /* the same key on retry: never two items */
    send.disabled = true;
    send.textContent = T.sending;
    fetch(base + "/api/v1/feedback", { method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": key },
      body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
      .then(function (res) {
        if (!res.ok) {
          var detail = res.j.errors ? Object.keys(res.j.errors).map(function (k) {
            return [].concat(res.j.errors[k]).join(" ");
          }).join(" ") : "";
          error.textContent = T.sendError + " " + (res.j.message || "") + " " + detail;
          return;
        }
        done.textContent = "";
        done.appendChild(el("p", { text: T.sent }));
        done.appendChild(el("p", { "class": "code", "data-code": "", text: res.j.tracking_code }));
        if (res.j.lookup_token) {
          done.appendChild(el("p", { text: T.token + " " + res.j.lookup_token }));
        }
        done.appendChild(el("p", { text: T.due + " " + fmt(res.j.due_at) }));
        var again = el("button", { type: "button", text: T.another });
        again.addEventListener("click", function () {
          form.reset(); key = null; done.setAttribute("hidden", "");
          form.removeAttribute("hidden"); category.focus();
        });
        done.appendChild(again);
        form.setAttribute("hidden", "");
        done.removeAttribute("hidden");
        done.focus();
      })
      .catch(function () { error.textContent = T.network; })
      .then(function () { send.disabled = false; send.textContent = T.send; });
  });

  /* Q&A: published answers of this commune, searched by the server without diacritics. */
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
  function getJSON(url) {
    return fetch(url).then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); });
  }
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
  onShow.q = function () { searchAnswers(false); };

  /* Drafts put to the public for comment: the list, one draft with its comment counts per
     article, published comments (masked by the server), the summary, and a comment form. */
  var dPanel = addTab("d", T.dtTab);
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
    var dconsent = el("input", { type: "checkbox", name: "consent", id: "tt-dc" + (++uid) });
    var cError = el("p", { "class": "err", role: "alert" });
    var cSend = el("button", { type: "submit", text: T.dtSend });
    var cDone = el("p", { "class": "ok", hidden: "", tabindex: "-1", role: "status", text: T.dtSent });
    var f = el("form", { novalidate: "", "data-comment-form": "" });
    [].concat([el("h4", { text: T.dtFormTitle })], field(T.dtTarget, target),
      field(T.dtBody, text), [el("p", { "class": "h", text: T.dtContactHint })],
      field(T.dtName, cName), field(T.dtPhone, cPhone),
      [el("label", { "class": "c", "for": dconsent.id }, [dconsent, el("span", { text: T.dtConsent })])],
      [cError, cSend]).forEach(function (n) { f.appendChild(n); });
    var k = null;
    f.addEventListener("input", function () { k = null; });
    f.addEventListener("submit", function (ev) {
      ev.preventDefault();
      cError.textContent = "";
      cDone.setAttribute("hidden", "");
      var hasName = cName.value.trim() !== "", hasPhone = cPhone.value.trim() !== "";
      if (text.value.trim().length < 5) { cError.textContent = T.dtBodyNeeded; text.focus(); return; }
      if (hasName !== hasPhone) { cError.textContent = T.nameNeeded; (hasName ? cPhone : cName).focus(); return; }
      if (hasName && !dconsent.checked) { cError.textContent = T.consentNeeded; dconsent.focus(); return; }
      var body = { section: target.value ? Number(target.value) : null, body: text.value.trim(),
        channel: "widget" };
      if (hasName) {
        body.author = { name: cName.value.trim(), phone: cPhone.value.trim() };
        body.consent = { purpose: T.dtConsentPurpose, policy_version: "widget-1", text: T.dtConsent };
      } else {
        body.anonymous = true;
      }
      k = k || newKey(); /* the same key on retry: never two comments */
      cSend.disabled = true;
      cSend.textContent = T.sending;
      fetch(base + "/api/v1/consultations/" + c.id + "/comments", { method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": k },
        body: JSON.stringify(body) })
        .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
        .then(function (res) {
          if (!res.ok) {
            var detail = res.j.errors ? JSON.stringify(res.j.errors).replace(/[{}\[\]"]/g, " ") : "";
            cError.textContent = T.dtSendError + " " + (res.j.message || "") + " " + detail;
            return;
          }
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
  onShow.d = loadDrafts;
  select("n");
})();
