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
