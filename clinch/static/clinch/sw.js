// Clinch's service worker: the capture page opens without a connection.
// Served at the site root (a view reads this file) so its scope is the whole site.
// Pages: network first, the kept copy when offline. Static files: the kept copy first.
// Nothing else is cached: the rest of the site needs the server.
"use strict";
var CACHE = "clinch-v1";
var CAPTURE = "/interviews/new/";
// Where static files live (STATIC_URL), passed by the page that registers the worker.
var STATIC = new URL(self.location.href).searchParams.get("static") || "/static/";

// The capture page and the files it links to (read from its HTML, so a new static URL needs no change here).
function keepCapturePage(cache) {
  return fetch(CAPTURE, {credentials: "same-origin"}).then(function (response) {
    if (!response.ok || response.redirected) return;  // not logged in: nothing to keep yet
    return response.clone().text().then(function (html) {
      var urls = [];
      html.replace(/<(?:link[^>]+rel="(?:stylesheet|manifest)"[^>]+href|script[^>]+src)="([^"]+)"/g, function (_, url) {
        urls.push(url.replace(/&amp;/g, "&"));
      });
      return Promise.all([cache.put(CAPTURE, response)].concat(urls.map(function (url) {
        return cache.add(url).catch(function () {});
      })));
    });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(keepCapturePage).catch(function () {}).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n !== CACHE; }).map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).then(function (response) {
      if (url.pathname === CAPTURE && !url.search && response.ok && !response.redirected) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(CAPTURE, copy); });
      }
      return response;
    }).catch(function () {
      return caches.match(url.pathname === CAPTURE ? CAPTURE : request).then(function (kept) {
        return kept || caches.match(CAPTURE).then(function (capture) {
          return capture || new Response("You are offline.", {status: 503, headers: {"Content-Type": "text/plain"}});
        });
      });
    }));
    return;
  }
  if (url.pathname.indexOf(STATIC) === 0) {
    event.respondWith(caches.match(request).then(function (kept) {
      return kept || fetch(request).then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
        }
        return response;
      });
    }));
  }
});
