// Progressive enhancement: without JavaScript the address is still selectable in its field.
document.querySelectorAll("[data-copy]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    var field = document.querySelector(button.dataset.copy);
    var status = document.getElementById("copy-status");
    field.select();
    navigator.clipboard.writeText(field.value).then(function () { status.textContent = "Copied."; },
      function () { status.textContent = "Select the address and copy it."; });
  });
});
