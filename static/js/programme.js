/* Programme: keep the filter form's day in step with the day tabs when htmx swaps the results in place.
   Everything works without this file: the tabs and the form are plain links and a GET form. */
(function () {
  "use strict";
  document.addEventListener("htmx:afterSettle", function (event) {
    var current = document.querySelector("#day-tabs [aria-current='page']");
    var input = document.querySelector("[data-day-input]");
    if (current && input) input.value = current.getAttribute("data-day");
  });
})();
