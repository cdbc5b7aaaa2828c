// Catalogue: places left per slot, refreshed every 20 s without reloading the page. The page works without
// this file (reload it); changes are announced once through one polite live region.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function refresh() {
    var results = document.getElementById("results");
    if (!results || document.hidden) { return; }
    var url = results.getAttribute("data-places-url");
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        var changes = [];
        results.querySelectorAll("[data-slot-places]").forEach(function (node) {
          var info = data.slots[node.getAttribute("data-slot-places")];
          if (!info || String(info.left) === node.getAttribute("data-left")) { return; }
          node.setAttribute("data-left", String(info.left));
          node.querySelector("[data-label]").textContent = info.label;
          node.querySelector(".slot__icon").textContent = info.left > 0 ? "✓" : "✕";
          var item = node.closest(".slot");
          if (item) {
            item.classList.toggle("slot--full", info.left <= 0);
            var title = item.closest("article").querySelector("h2").textContent;
            var time = item.querySelector(".slot__time").textContent;
            changes.push(title + ", " + time + ": " + info.label);
          }
        });
        var announcer = results.querySelector("[data-places-announcer]");
        if (announcer && changes.length) { announcer.textContent = changes.join(". "); }
      })
      .catch(function () { /* offline for a moment: try again at the next tick */ });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var results = document.getElementById("results");
    var seconds = results ? parseInt(results.getAttribute("data-places-interval"), 10) : 0;
    if (seconds > 0) { window.setInterval(refresh, seconds * 1000); }
  });
})();
