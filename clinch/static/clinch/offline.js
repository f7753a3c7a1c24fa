// Offline capture: an interview captured without a connection is kept on the phone (IndexedDB)
// and sent when the connection returns. Each kept capture has its own idempotency key
// (capture_key), which the server honours: sent twice, it is saved once.
// Also registers the service worker that lets the capture page open offline.
(function () {
  "use strict";
  var script = document.currentScript;
  var DB = "clinch", STORE = "captures";
  var status = document.getElementById("sync-status");
  var flushing = false;

  if ("serviceWorker" in navigator && script && script.dataset.sw) {
    navigator.serviceWorker.register(script.dataset.sw, {scope: "/"}).catch(function () {});
  }

  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE, {keyPath: "key"}); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function run(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () { resolve(result && "result" in result ? result.result : undefined); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function say(html, state) {
    if (!status) return;
    status.hidden = !html;
    status.className = "sync-status" + (state ? " sync-" + state : "");
    status.innerHTML = html;
  }

  function text(value) {
    var span = document.createElement("span");
    span.textContent = value;
    return span.innerHTML;
  }

  function showWaiting() {
    return run("readonly", function (store) { return store.getAll(); }).then(function (kept) {
      if (!kept.length) { say(""); return kept; }
      var names = kept.map(function (k) { return text(k.title); }).join(", ");
      say("<strong>Waiting to sync:</strong> " + kept.length + " interview" + (kept.length > 1 ? "s" : "") +
          " kept on this phone (" + names + "). " +
          (navigator.onLine ? "Sending now…" : "It is saved when the connection returns."), "waiting");
      return kept;
    });
  }

  function csrfToken() {
    var headers = document.body.getAttribute("hx-headers");
    try { return JSON.parse(headers)["X-CSRFToken"]; } catch (e) { return ""; }
  }

  function send(record) {
    var body = new URLSearchParams();
    record.fields.forEach(function (pair) {
      if (pair[0] !== "csrfmiddlewaretoken") body.append(pair[0], pair[1]);
    });
    body.append("csrfmiddlewaretoken", csrfToken());
    return fetch(record.action, {method: "POST", body: body, credentials: "same-origin",
                                 headers: {"X-CSRFToken": csrfToken()}});
  }

  // Sends every kept capture, one at a time; a capture leaves the phone only once the server has it.
  function flush() {
    if (flushing || !navigator.onLine) return Promise.resolve();
    flushing = true;
    return showWaiting().then(function (kept) {
      // One the server turned down is not sent again and again: it waits for the person.
      return kept.filter(function (record) { return !record.problem; }).reduce(function (chain, record) {
        return chain.then(function () {
          return send(record).then(function (response) {
            if (response.ok && response.redirected && new URL(response.url).pathname.indexOf("/opportunities/") === 0) {
              return run("readwrite", function (store) { store.delete(record.key); }).then(function () {
                say("Saved: <a href=\"" + text(response.url) + "\">" + text(record.title) + "</a>.", "saved");
              });
            }
            record.problem = true;
            return run("readwrite", function (store) { store.put(record); }).then(function () {
              say("<strong>Not saved:</strong> " + text(record.title) + " needs a look. Open <a href=\"" +
                  text(record.action) + "\">Record an interview</a> online and enter it again.", "problem");
            });
          });
        });
      }, Promise.resolve());
    }).catch(function () { /* still offline after all: it stays kept */ }).then(function () {
      flushing = false;
      return run("readonly", function (store) { return store.count(); }).then(function (left) {
        if (left && status && !status.classList.contains("sync-problem")) showWaiting();
      });
    });
  }

  // The capture page without a connection: keep the interview instead of posting it.
  var form = document.querySelector("form.capture[data-offline]");
  if (form) {
    if (!navigator.onLine) freshTimes(form);
    form.addEventListener("submit", function (event) {
      if (navigator.onLine) return;
      event.preventDefault();
      if (event.submitter && event.submitter.name === "add_interviewer") { addPerson(form); return; }
      keep(form);
    });
    document.body.addEventListener("htmx:beforeRequest", function (event) {
      if (navigator.onLine) return;
      event.preventDefault();  // no server to ask: the page does it itself
      var source = event.detail && event.detail.elt;
      if (source && source.name === "add_interviewer") addPerson(form);
    });
  }

  function keep(form) {
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string") fields.push([name, name === "capture_key" ? "" : value]);
    });
    var key = newKey();
    fields = fields.filter(function (pair) { return pair[0] !== "capture_key"; });
    fields.push(["capture_key", key]);
    var get = function (name) { var f = form.elements[name]; return f ? f.value : ""; };
    var record = {key: key, action: form.getAttribute("action") || location.pathname, fields: fields,
                  title: (get("role") || "Interview") + " at " + (get("company") || "?"), kept_at: Date.now()};
    run("readwrite", function (store) { store.put(record); }).then(function () {
      form.reset();
      window.scrollTo(0, 0);
      return showWaiting();
    });
  }

  // "Add another person" offline: a copy of the last person block, empty, numbered on.
  function addPerson(form) {
    var blocks = form.querySelectorAll("#people fieldset.person");
    var last = blocks[blocks.length - 1];
    var index = blocks.length;
    var copy = last.cloneNode(true);
    copy.querySelectorAll("[name],[id],[for],[aria-describedby]").forEach(function (el) {
      ["name", "id", "for", "aria-describedby"].forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value) el.setAttribute(attr, value.replace(/p\d+-/g, "p" + index + "-"));
      });
      if (el.matches("input:not([type=hidden]):not([type=checkbox]):not([type=radio]), textarea")) el.value = "";
    });
    copy.querySelectorAll(".errors, .form-errors, .namesake").forEach(function (el) { el.remove(); });
    var legend = copy.querySelector("legend");
    if (legend) legend.textContent = "Person " + (index + 1);
    last.after(copy);
    form.elements.interviewer_count.value = String(index + 1);
    var name = copy.querySelector("[name='p" + index + "-name']");
    if (name) name.focus();
  }

  // A page kept from earlier shows that day's times: start from now, as the server would.
  function freshTimes(form) {
    var now = new Date(), end = new Date(now);
    end.setMinutes(Math.floor(now.getMinutes() / 15) * 15, 0, 0);
    var start = new Date(end.getTime() - 3600 * 1000);
    var pad = function (n) { return String(n).padStart(2, "0"); };
    var set = function (name, value) { var f = form.elements[name]; if (f) f.value = value; };
    set("day", start.getFullYear() + "-" + pad(start.getMonth() + 1) + "-" + pad(start.getDate()));
    set("start", pad(start.getHours()) + ":" + pad(start.getMinutes()));
    set("end", pad(end.getHours()) + ":" + pad(end.getMinutes()));
  }

  window.addEventListener("online", flush);
  window.addEventListener("offline", showWaiting);
  if (window.indexedDB) (navigator.onLine ? flush() : showWaiting()).catch(function () {});
})();
