/* Service worker of the bulletin board: network first; when the network fails, the page,
   its script and style, the last list of notices and their images come from the cache.
   Answers from the cache carry "X-Board-Offline: 1" so the board says it is offline. */
"use strict";
var CACHE = "thongtin-board-v1";

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) {
      return k.indexOf("thongtin-board-") === 0 && k !== CACHE;
    }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

function wanted(url) {
  if (url.origin !== self.location.origin) { return false; }
  var path = url.pathname;
  return (path.indexOf("/board/") === 0 && path !== "/board/sw.js") ||
    path.indexOf("/notices-static/board") === 0 ||
    /^\/api\/v1\/units\/[^/]+\/notices$/.test(path) ||
    /^\/api\/v1\/notices\/\d+\/images\/\d+$/.test(path);
}

function store(url, response) {
  if (response.status !== 200 || response.type !== "basic") { return Promise.resolve(); }
  var copy = response.clone();
  return caches.open(CACHE).then(function (cache) { return cache.put(url, copy); });
}

function offlineCopy(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request.url, { ignoreVary: true }).then(function (hit) {
      if (!hit && request.mode === "navigate") {
        return cache.match(request.url, { ignoreVary: true, ignoreSearch: true });
      }
      return hit;
    });
  }).then(function (hit) {
    if (!hit) { return Response.error(); }
    var headers = new Headers(hit.headers);
    headers.set("X-Board-Offline", "1");
    return hit.blob().then(function (blob) {
      return new Response(blob, { status: hit.status, statusText: hit.statusText,
        headers: headers });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || !wanted(new URL(request.url))) { return; }
  event.respondWith(fetch(request).then(function (response) {
    event.waitUntil(store(request.url, response));
    return response;
  }, function () { return offlineCopy(request); }));
});

/* The board asks to keep its page and resources at once (its first load came before the
   worker, so the fetch handler did not see it). */
self.addEventListener("message", function (event) {
  var urls = (event.data && event.data.keep) || [];
  var port = event.ports && event.ports[0];
  event.waitUntil(Promise.all(urls.filter(function (u) { return wanted(new URL(u)); })
    .map(function (u) {
      return fetch(u, { cache: "no-store" }).then(function (r) { return store(u, r); },
        function () { return null; });
    })).then(function () { if (port) { port.postMessage("kept"); } }));
});
