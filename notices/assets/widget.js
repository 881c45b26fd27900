/* Thông tin cơ sở – embeddable widget. No framework; renders inside a shadow root.
   <script src="https://HOST/widget.js" data-unit="CODE" async></script> */
(function () {
  "use strict";
  var T = __MESSAGES__;
  var L = __LIMITS__;
  var script = document.currentScript ||
    document.querySelector('script[src*="widget.js"][data-unit]');
  if (!script || script.getAttribute("data-tt-done")) { return; }
  script.setAttribute("data-tt-done", "1");
  var unit = script.getAttribute("data-unit");
  var base = new URL(script.src, location.href).origin;
  /* The API's links are root-relative unless the service knows its public address:
     resolve them against the service, not the page that embeds the widget. */
  function link(u) { return new URL(u, base).href; }
  /* The host is a custom element, not a div: page rules for div, section or p never reach
     it, and the shadow root resets everything it could inherit (see :host below). */
  var host = document.createElement("thongtin-widget");
  host.setAttribute("data-thongtin-widget", unit);
  script.parentNode.insertBefore(host, script.nextSibling);
  var root = host.attachShadow({ mode: "open" });

  /* !important inside the shadow tree beats the page's !important on the host; "all" leaves
     direction and unicode-bidi alone, so they are set on their own. */
  var CSS = [
    ":host{all:initial!important;display:block!important;visibility:visible!important;",
    "opacity:1!important;position:static!important;float:none!important;contain:content;",
    "direction:ltr!important;unicode-bidi:isolate!important;text-transform:none!important;",
    "letter-spacing:normal!important;word-spacing:normal!important;text-align:left!important;",
    "font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif!important;",
    "color:#1a1a1a!important;white-space:normal!important;max-width:100%!important}",
    "*{box-sizing:border-box}",
    ".w,.w *{direction:ltr;text-transform:none;letter-spacing:normal;word-spacing:normal;text-indent:0}",
    ".w{font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1a1a1a;",
    "text-align:left;white-space:normal;",
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
    ".v{display:block;font-size:13px;color:#0b4f8a;margin-top:4px}",
    ".body{margin-top:6px}",
    "button{font:inherit;cursor:pointer;border-radius:6px;border:1px solid #0b4f8a;background:#0b4f8a;color:#fff;padding:8px 16px}",
    "button.l{background:none;color:#0b4f8a;border:0;padding:4px 0;text-decoration:underline}",
    "button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,a:focus-visible{outline:3px solid #f9a825;outline-offset:2px}",
    "label{display:block;margin:10px 0 4px;font-weight:600}",
    "input[type=text],input[type=tel],input[type=email],input[type=search],input[type=file],select,textarea{display:block;width:100%;font:inherit;padding:8px;border:1px solid #8a97a5;border-radius:6px;background:#fff;color:#1a1a1a}",
    "textarea{min-height:96px;resize:vertical}",
    ".c{display:flex;gap:8px;align-items:flex-start;font-weight:400}",
    ".c input{margin-top:5px}",
    ".h{font-size:14px;color:#444;margin:10px 0 0}",
    ".err{color:#b00020;margin:8px 0}",
    ".ok{background:#e8f5e9;border:1px solid #2e7d32;border-radius:6px;padding:12px;margin-top:8px}",
    ".w .code{font-size:24px;font-weight:700;letter-spacing:2px}",
    ".fe{color:#b00020;font-size:14px;margin:4px 0 0}",
    "[aria-invalid=true]{border-color:#b00020!important;box-shadow:0 0 0 1px #b00020}",
    ".ph{margin:6px 0 0;padding-left:20px;font-size:14px}",
    ".st{display:flex;gap:12px;flex-wrap:wrap;border:0;padding:0;margin:8px 0}",
    ".st label{display:inline-flex;gap:4px;margin:0;font-weight:400}",
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
  var draftPanel = addTab("d", T.dtTab);
  var trackPanel = addTab("s", T.tabTrack);
  var factPanel = addTab("r", T.tabFactcheck);

  var status = el("p", { "class": "m", role: "status" });
  var list = el("ul", { "class": "n", "aria-label": T.notices });
  noticePanel.appendChild(list);
  noticePanel.appendChild(status);

  /* The notice's verification code, linked to its page on this service (/xac-minh/…). */
  function verifyLink(n) {
    if (!n.verification_code || !n.links || !n.links.verify) { return null; }
    var href = /^https?:/.test(n.links.verify) ? n.links.verify : base + n.links.verify;
    return el("a", { "class": "v", href: href, target: "_blank", rel: "noopener",
      text: T.code + " " + n.verification_code });
  }
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
        el("p", { text: n.summary }), body, toggle, verifyLink(n)
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
  function getJSON(url) {
    return fetch(url).then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); });
  }
  function newKey() {
    return (crypto.randomUUID ? crypto.randomUUID() :
      String(Date.now()) + Math.random().toString(16).slice(2));
  }
  /* POST a JSON body (or FormData) with an Idempotency-Key; resolves to {ok, j}. */
  function sendJSON(url, body, idemKey) {
    var headers = { "Idempotency-Key": idemKey };
    if (!(body instanceof FormData)) { headers["Content-Type"] = "application/json"; body = JSON.stringify(body); }
    return fetch(url, { method: "POST", headers: headers, body: body })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); });
  }
  /* A control's label, the control and, after it, the place for its error message. */
  function field(label, control) {
    var id = control.id || ("tt-f" + (++uid));
    control.id = id;
    return [el("label", { "for": id, text: label }), control, errorSlot(control)];
  }
  function errorSlot(control) {
    var p = el("p", { "class": "fe", id: control.id + "-e", hidden: "" });
    control.ttError = p;
    return p;
  }
  function fieldError(control, text) {
    control.ttError.textContent = text;
    control.ttError.removeAttribute("hidden");
    control.setAttribute("aria-invalid", "true");
    control.setAttribute("aria-describedby", control.ttError.id);
  }
  function clearErrors(box, controls) {
    box.textContent = "";
    controls.forEach(function (c) {
      c.ttError.textContent = ""; c.ttError.setAttribute("hidden", "");
      c.removeAttribute("aria-invalid"); c.removeAttribute("aria-describedby");
    });
  }
  /* The error shape ({code, status, message, errors}): errors map a field (nested for
     nested fields) to messages. Each message goes next to the control it names (by its
     dotted path, else by the path's first part); the rest goes to the summary. */
  function showErrors(box, lead, res, controls) {
    var rest = [], first = null;
    (function walk(errs, path) {
      if (typeof errs === "string") { place(path, errs); return; }
      if (Array.isArray(errs)) {
        var texts = errs.filter(function (e) { return typeof e === "string"; });
        if (texts.length) { place(path, texts.join(" ")); }
        errs.forEach(function (e) { if (e && typeof e === "object") { walk(e, path); } });
        return;
      }
      Object.keys(errs || {}).forEach(function (k) {
        walk(errs[k], path && k !== "_schema" ? path + "." + k : (path || k));
      });
    })(res.errors || {}, "");
    function place(path, text) {
      var c = controls[path] || controls[path.split(".")[0]];
      if (c) {
        fieldError(c, c.ttError.textContent ? c.ttError.textContent + " " + text : text);
        first = first || c;
      } else { rest.push(text); }
    }
    box.textContent = [lead, res.message || ""].concat(rest).join(" ").trim();
    if (first) { first.focus(); }
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
  /* Photos: up to the service's count, each redrawn on a canvas (longest side at most
     L.side pixels, JPEG) until it fits the service's size limit, before anything is sent. */
  var photos = el("input", { type: "file", name: "images", accept: "image/*", multiple: "" });
  var photoList = el("ul", { "class": "ph", "aria-live": "polite" });
  var shrunk = [], preparing = null;
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
    field(T.photos.replace("{n}", L.images), photos), [photoList],
    [el("p", { "class": "h", text: T.contactHint })],
    field(T.name, name), field(T.phone, phone), field(T.email, email),
    field(T.notifyVia, notify),
    [el("label", { "class": "c", "for": consentId }, [consent, consentText]), errorSlot(consent),
      el("p", { "class": "h" }, [policyLink])],
    [error, send]
  ).forEach(function (n) { form.appendChild(n); });
  formPanel.appendChild(form);
  formPanel.appendChild(done);
  var controls = { category_code: category, title: subject, description: description,
    images: photos, reporter: name, "reporter.name": name, "reporter.phone": phone,
    "reporter.email": email, notify_via: notify, consent: consent };
  var all = [category, subject, description, photos, name, phone, email, notify, consent];

  function shrink(file) {
    return new Promise(function (ok, fail) {
      var img = new Image(), url = URL.createObjectURL(file), side = L.side, q = 0.85;
      img.onerror = function () { URL.revokeObjectURL(url); fail(); };
      img.onload = function () {
        URL.revokeObjectURL(url);
        (function draw() {
          var w = img.naturalWidth, h = img.naturalHeight, k = Math.min(1, side / Math.max(w, h));
          var c = document.createElement("canvas");
          c.width = Math.max(1, Math.round(w * k)); c.height = Math.max(1, Math.round(h * k));
          var g = c.getContext("2d");
          g.fillStyle = "#fff"; g.fillRect(0, 0, c.width, c.height);
          g.drawImage(img, 0, 0, c.width, c.height);
          c.toBlob(function (b) {
            if (b && b.size <= L.bytes) { ok(b); return; }
            if (!b || side < 320) { fail(); return; }
            side = Math.round(side * 0.7); q = Math.max(0.6, q - 0.1); draw();
          }, "image/jpeg", q);
        })();
      };
      img.src = url;
    });
  }
  photos.addEventListener("change", function () {
    var files = Array.prototype.slice.call(photos.files || []);
    clearErrors(error, [photos]);
    shrunk = []; photoList.textContent = "";
    if (files.length > L.images) {
      fieldError(photos, T.photosTooMany.replace("{n}", L.images)); photos.value = ""; return;
    }
    photoList.appendChild(el("li", { text: T.photosPreparing }));
    preparing = Promise.all(files.map(shrink)).then(function (blobs) {
      shrunk = blobs; photoList.textContent = "";
      blobs.forEach(function (b, i) {
        photoList.appendChild(el("li", { "data-photo": String(b.size),
          text: files[i].name + " (" + Math.max(1, Math.round(b.size / 1024)) + " KB)" }));
      });
    }, function () {
      shrunk = []; photoList.textContent = ""; photos.value = "";
      fieldError(photos, T.photoUnreadable);
    });
  });

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
  form.addEventListener("input", function () { key = null; });
  function refuse(control, text) {
    error.textContent = text; fieldError(control, text); control.focus();
  }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    clearErrors(error, all);
    var hasName = name.value.trim() !== "", hasPhone = phone.value.trim() !== "",
      hasEmail = email.value.trim() !== "", hasContact = hasPhone || hasEmail;
    if (!category.value) { refuse(category, T.categoryNeeded); return; }
    if (description.value.trim().length < 5) { refuse(description, T.descriptionNeeded); return; }
    if (hasName !== hasContact) { refuse(hasName ? phone : name, T.nameNeeded); return; }
    if (hasName && notify.value === "email" && !hasEmail) { refuse(email, T.notifyNeedsEmail); return; }
    if (hasName && notify.value !== "email" && !hasPhone) { refuse(phone, T.notifyNeedsPhone); return; }
    if (hasName && (!consent.checked || !policy)) { refuse(consent, T.consentNeeded); return; }
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
    (preparing || Promise.resolve()).then(function () {
      var payload = body;
      if (shrunk.length) { /* multipart: nested fields as "reporter.phone" */
        payload = new FormData();
        Object.keys(body).forEach(function (k) {
          if (body[k] && typeof body[k] === "object") {
            Object.keys(body[k]).forEach(function (s) { payload.append(k + "." + s, body[k][s]); });
          } else { payload.append(k, String(body[k])); }
        });
        shrunk.forEach(function (b, i) { payload.append("images", b, "anh-" + (i + 1) + ".jpg"); });
      }
      return sendJSON(base + "/api/v1/feedback", payload, key);
    })
      .then(function (res) {
        if (!res.ok) { showErrors(error, T.sendError, res.j, controls); return; }
        done.textContent = "";
        done.appendChild(el("p", { text: T.sent }));
        done.appendChild(el("p", { "class": "code", "data-code": "", text: res.j.tracking_code }));
        if (res.j.lookup_token) {
          done.appendChild(el("p", { text: T.token + " " + res.j.lookup_token }));
        }
        done.appendChild(el("p", { text: T.due + " " + fmt(res.j.due_at) }));
        var follow = el("button", { type: "button", "class": "l", text: T.follow });
        follow.addEventListener("click", function () {
          select("s", true);
          more().then(function (p) { p.fill(res.j.tracking_code, res.j.lookup_token || ""); });
        });
        var again = el("button", { type: "button", text: T.another });
        again.addEventListener("click", function () {
          form.reset(); key = null; shrunk = []; preparing = null; photoList.textContent = "";
          done.setAttribute("hidden", ""); form.removeAttribute("hidden"); category.focus();
        });
        done.appendChild(el("p", {}, [follow]));
        done.appendChild(again);
        form.setAttribute("hidden", "");
        done.removeAttribute("hidden");
        done.focus();
      })
      .catch(function () { error.textContent = T.network; })
      .then(function () { send.disabled = false; send.textContent = T.send; });
  });

  /* Q&A, drafts and the tracking tab live in a second script, loaded on the first sign of
     use (a focus or pointer in the widget, or a tab opened): the page pays for the notices
     and the form only. The part registers through a resolver named after its own URL. */
  var G = window.__thongtinWidget = window.__thongtinWidget || {};
  var moreSrc = base + "/widget-more.js", parts = null;
  function more() {
    if (!G[moreSrc + "#p"]) {
      G[moreSrc + "#p"] = new Promise(function (ok, fail) {
        G[moreSrc] = ok;
        var s = document.createElement("script");
        s.src = moreSrc; s.async = true; s.onerror = fail;
        (document.head || document.documentElement).appendChild(s);
      });
    }
    return G[moreSrc + "#p"].then(function (factory) {
      parts = parts || factory(api);
      return parts;
    });
  }
  var api = { T: T, base: base, unit: unit, el: el, fmt: fmt, link: link, field: field,
    getJSON: getJSON, newKey: newKey, select: select, send: sendJSON, showErrors: showErrors,
    clearErrors: clearErrors, errorSlot: errorSlot, fieldError: fieldError, policy: function () { return policy; },
    shrink: shrink };
  ["focusin", "pointerover", "touchstart"].forEach(function (ev) {
    host.addEventListener(ev, function () { more().catch(function () {}); },
      { once: true, passive: true });
  });
  function lazyTab(key, panel) {
    onShow[key] = function () {
      more().then(function (p) { p[key](panel); })
        .catch(function () { panel.textContent = T.network; });
    };
  }
  lazyTab("s", trackPanel);
  lazyTab("q", qaPanel);
  lazyTab("d", draftPanel);
  lazyTab("r", factPanel);
  select("n");
})();
