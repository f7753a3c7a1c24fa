// The draft editor's small helpers. A static file, no inline script, so a strict CSP can forbid inline code.
// Without JavaScript every button still works as a form post; this only makes them quicker.
(function () {
  "use strict";

  // "Copy": subject and body to the clipboard, where the browser allows it.
  var copy = document.getElementById("copy");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      var subject = document.getElementById("id_subject");
      var body = document.getElementById("id_body");
      var text = (subject && subject.value ? subject.value + "\n\n" : "") + body.value;
      navigator.clipboard.writeText(text).then(function () { copy.textContent = "Copied"; });
    });
  }

  // Where the cursor goes when text[start:end] becomes `fix`: it stays on the same word
  // when it was after the change, and is left alone when it was before it.
  function moved(position, start, end, delta) {
    if (position >= end) return position + delta;
    if (position > start) return start;
    return position;
  }

  // One tap on "Use …" puts the suggested words in place in the text box, keeps the
  // writer's cursor, and lets htmx re-check the note. The fix is applied only when the
  // words it replaces are still there; otherwise the button posts the form as without JS.
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".fix-button") : null;
    if (!button) return;
    var field = document.getElementById("id_" + button.dataset.field);
    var start = parseInt(button.dataset.start, 10);
    var end = parseInt(button.dataset.end, 10);
    if (!field || field.value.slice(start, end) !== button.dataset.from) return;
    event.preventDefault();
    var fix = button.dataset.fix;
    var delta = fix.length - (end - start);
    var selStart = field.selectionStart, selEnd = field.selectionEnd;
    var focused = document.activeElement === field;
    field.value = field.value.slice(0, start) + fix + field.value.slice(end);
    field.setSelectionRange(moved(selStart, start, end, delta), moved(selEnd, start, end, delta));
    if (focused) field.focus();
    button.disabled = true;
    button.textContent = "Fixed";
    field.dispatchEvent(new Event("input", { bubbles: true }));
  });
})();

// The draft editor. The live check answers with the findings and where they are, never with the
// note itself: this marks them in the words on the page, and keeps "Open in my mail app" in step
// with what is typed.
(function () {
  "use strict";

  function field(name) {
    return document.getElementById("id_" + name);
  }

  // One run of the text, with line breaks as the text box holds them.
  function piece(text) {
    return document.createTextNode(text);
  }

  // The text of one field with its marks; marks whose words changed since the check are left out.
  function markedText(text, marks) {
    var out = document.createDocumentFragment();
    var at = 0;
    marks.forEach(function (m) {
      var start = m[1], end = m[2];
      if (start < at || text.slice(start, end) !== m[5]) return;
      out.appendChild(piece(text.slice(at, start)));
      var mark = document.createElement("mark");
      mark.className = "mark-" + m[3];
      mark.title = m[4];
      mark.textContent = text.slice(start, end);
      out.appendChild(mark);
      at = end;
    });
    out.appendChild(piece(text.slice(at)));
    return out;
  }

  function fill(box) {
    var marks = JSON.parse(box.getAttribute("data-marks") || "[]");
    var subject = field("subject"), body = field("body");
    box.textContent = "";
    if (subject && Number(box.getAttribute("data-subject-findings")) > 0) {
      var line = document.createElement("span");
      line.className = "marked-subject";
      line.appendChild(markedText(subject.value, marks.filter(function (m) { return m[0] === "subject"; })));
      box.appendChild(line);
      box.appendChild(piece("\n"));
    }
    if (body) box.appendChild(markedText(body.value, marks.filter(function (m) { return m[0] === "body"; })));
  }

  function markAll(root) {
    var boxes = (root || document).querySelectorAll(".marked[data-marks]");
    Array.prototype.forEach.call(boxes, fill);
  }

  // "Open in my mail app" carries what is in the editor now, not what was saved.
  function refreshMailto() {
    var link = document.getElementById("mailto"), subject = field("subject"), body = field("body");
    if (!link || !body) return;
    var to = link.getAttribute("href").split("?")[0];
    link.setAttribute("href", to + "?subject=" + encodeURIComponent(subject ? subject.value : "") +
      "&body=" + encodeURIComponent(body.value));
  }

  document.addEventListener("htmx:afterSettle", function () { markAll(document); });
  document.addEventListener("input", function (event) {
    if (event.target === field("subject") || event.target === field("body")) refreshMailto();
  });
})();
