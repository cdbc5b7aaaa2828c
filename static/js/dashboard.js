// Check-in dashboard: a button to pause and resume the live updates (WCAG 2.2.2, Pause, Stop, Hide).
// The polling itself is htmx (hx-trigger="every 15s"); while paused, its requests are cancelled.
(function () {
  "use strict";
  var button = document.querySelector("[data-dashboard-pause]");
  if (!button) return;
  var paused = false;
  button.hidden = false;

  function live() {
    return document.querySelector("[data-dashboard-live]");
  }

  function render() {
    button.setAttribute("aria-pressed", paused ? "true" : "false");
    button.textContent = paused ? button.dataset.labelResume : button.dataset.labelPause;
    var region = live();
    if (region) region.classList.toggle("is-paused", paused);
  }

  button.addEventListener("click", function () {
    paused = !paused;
    render();
  });

  document.body.addEventListener("htmx:beforeRequest", function (event) {
    if (paused && event.target && event.target.hasAttribute("data-dashboard-live")) {
      event.preventDefault();
    }
  });
  document.body.addEventListener("htmx:afterSwap", render);
})();
