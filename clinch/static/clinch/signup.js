// Fill the zone from the browser when the visitor has not chosen one.
(function () {
  var field = document.getElementById("id_timezone");
  if (field && (!field.value || field.value === "UTC")) {
    try { field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"; } catch (e) {}
  }
})();
