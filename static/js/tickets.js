// Progressive enhancement for the ticket pages; every form works without this file.
(function () {
  "use strict";

  // Show as many first-name fields as people chosen (the no-JS form shows all five, all optional).
  function syncCompanions(fieldset) {
    var select = fieldset.querySelector("select[name='companions']");
    if (!select) { return; }
    var items = fieldset.querySelectorAll("[data-companion]");
    var count = parseInt(select.value, 10) || 0;
    items.forEach(function (item) {
      var index = parseInt(item.getAttribute("data-companion"), 10);
      var input = item.querySelector("input");
      var filled = input && input.value.trim() !== "";
      item.hidden = index > count && !filled;
    });
  }

  function init() {
    document.querySelectorAll("[data-companions]").forEach(function (fieldset) {
      syncCompanions(fieldset);
      fieldset.addEventListener("change", function () { syncCompanions(fieldset); });
    });
    // Cancelling frees places for others at once: ask before an accidental tap does it.
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
      });
    });
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  document.addEventListener("DOMContentLoaded", init);
})();
