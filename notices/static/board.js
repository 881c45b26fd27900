/* Bulletin board: rotates current notices, an emergency takes over the screen,
   revalidates with ETag, keeps the last content when the network drops. */
(function () {
  "use strict";
  var body = document.body;
  var S = JSON.parse(body.getAttribute("data-strings"));
  var api = body.getAttribute("data-api");
  var rotateMs = parseFloat(body.getAttribute("data-rotate")) * 1000;
  var refreshMs = parseFloat(body.getAttribute("data-refresh")) * 1000;
  var stage = document.getElementById("stage");
  var empty = document.getElementById("empty");
  var counter = document.getElementById("counter");
  var offline = document.getElementById("offline");
  var clock = document.getElementById("clock");
  var etag = null, items = [], index = 0, shownKey = null, lastOk = null;
  empty.textContent = S.none;

  function fmtTime(d, withDate) {
    var opts = { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit" };
    if (withDate) { opts.day = "2-digit"; opts.month = "2-digit"; opts.year = "numeric"; }
    else { opts.second = "2-digit"; }
    return d.toLocaleString("vi-VN", opts);
  }
  function tick() {
    var now = new Date();
    clock.textContent = fmtTime(now, false) + " · " + now.toLocaleDateString("vi-VN",
      { timeZone: "Asia/Ho_Chi_Minh", weekday: "long", day: "2-digit", month: "2-digit" });
  }
  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) { n.className = cls; }
    if (text) { n.textContent = text; }
    return n;
  }
  function visible() {
    var urgent = items.filter(function (n) { return n.priority === "emergency"; });
    return urgent.length ? urgent : items;
  }
  function show() {
    var list = visible();
    var emergency = list.length > 0 && list[0].priority === "emergency";
    body.classList.toggle("emergency", emergency);
    if (!list.length) {
      stage.textContent = ""; stage.appendChild(empty); counter.textContent = "";
      shownKey = null; return;
    }
    index = index % list.length;
    var n = list[index];
    var key = n.id + ":" + n.version + ":" + list.length;
    if (key === shownKey) { return; }
    shownKey = key;
    var box = el("article", "notice");
    box.setAttribute("data-id", String(n.id));
    box.setAttribute("data-priority", n.priority);
    if (emergency) { box.appendChild(el("div", "badge", S.emergency)); }
    if (n.risk) {
      var risk = el("div", "badge", n.risk.label);
      risk.style.background = n.risk.colour;
      risk.style.color = n.risk.level <= 2 ? "#000" : "#fff";
      box.appendChild(risk);
    }
    if (n.images.length) {
      var img = document.createElement("img");
      img.src = n.images[0].url; img.alt = n.images[0].alt || "";
      box.appendChild(img);
    }
    box.appendChild(el("h2", "", n.title));
    box.appendChild(el("p", "summary", n.summary));
    var text = new DOMParser().parseFromString(n.body, "text/html").body.textContent;
    box.appendChild(el("div", "body", text));
    if (n.expires_at) {
      box.appendChild(el("div", "meta", S.until + " " + fmtTime(new Date(n.expires_at), true)));
    }
    stage.textContent = "";
    stage.appendChild(box);
    counter.textContent = S.page.replace("{i}", index + 1).replace("{n}", list.length);
  }
  function rotate() { index += 1; shownKey = null; show(); }
  function refresh() {
    var headers = {};
    if (etag) { headers["If-None-Match"] = etag; }
    fetch(api, { headers: headers, cache: "no-store" })
      .then(function (r) {
        if (r.status === 304) { return null; }
        if (!r.ok) { throw new Error(String(r.status)); }
        etag = r.headers.get("ETag");
        return r.json();
      })
      .then(function (data) {
        lastOk = new Date();
        offline.hidden = true;
        body.removeAttribute("data-offline");
        if (data) {
          var hadEmergency = visible().length && visible()[0].priority === "emergency";
          items = data.items;
          var nowEmergency = visible().length && visible()[0].priority === "emergency";
          if (nowEmergency && !hadEmergency) { index = 0; }
          shownKey = null;
          show();
        }
      })
      .catch(function () {
        /* keep showing what we have */
        body.setAttribute("data-offline", "1");
        offline.textContent = S.offline + " " + (lastOk ? fmtTime(lastOk, false) : "—");
        offline.hidden = false;
      });
  }
  tick();
  setInterval(tick, 1000);
  refresh();
  setInterval(refresh, refreshMs);
  setInterval(rotate, rotateMs);
})();
