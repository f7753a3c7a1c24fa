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
