// Draft editor: "Copy" puts the subject and body on the clipboard, for sending from a mail app.
(function () {
  var copy = document.getElementById("copy");
  if (!copy || !navigator.clipboard) return;
  copy.hidden = false;
  copy.addEventListener("click", function () {
    var subject = document.getElementById("id_subject");
    var body = document.getElementById("id_body");
    var text = (subject && subject.value ? subject.value + "\n\n" : "") + body.value;
    navigator.clipboard.writeText(text).then(function () { copy.textContent = "Copied"; });
  });
})();
