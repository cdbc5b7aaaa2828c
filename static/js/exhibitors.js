// Floor plan zoom and pan (progressive enhancement: without this file the plan frame simply scrolls).
// Zoom changes the drawing's width inside its scrolling frame; panning is the frame's own scrolling
// (touch, trackpad, keyboard arrows once the frame has focus) plus dragging with a mouse.
(function () {
  "use strict";
  var STEPS = [1, 1.5, 2, 3, 4, 6];

  function setup(plan) {
    if (plan.dataset.ready) { return; }
    plan.dataset.ready = "1";
    var frame = plan.querySelector("[data-plan-frame]");
    var svg = frame && frame.querySelector("svg");
    var controls = plan.querySelector("[data-plan-controls]");
    if (!frame || !svg || !controls) { return; }
    plan.classList.add("plan--zoomable");
    controls.hidden = false;
    var level = 0;

    function apply(newLevel, focusX, focusY) {
      var rect = frame.getBoundingClientRect();
      var fx = focusX === undefined ? rect.width / 2 : focusX;
      var fy = focusY === undefined ? rect.height / 2 : focusY;
      var oldWidth = svg.getBoundingClientRect().width;
      var ratioX = (frame.scrollLeft + fx) / oldWidth;
      var ratioY = (frame.scrollTop + fy) / Math.max(svg.getBoundingClientRect().height, 1);
      level = Math.max(0, Math.min(STEPS.length - 1, newLevel));
      svg.style.width = (STEPS[level] * 100) + "%";
      var newRect = svg.getBoundingClientRect();
      frame.scrollLeft = ratioX * newRect.width - fx;
      frame.scrollTop = ratioY * newRect.height - fy;
      controls.querySelector('[data-zoom="in"]').disabled = level === STEPS.length - 1;
      controls.querySelector('[data-zoom="out"]').disabled = level === 0;
    }

    controls.addEventListener("click", function (event) {
      var button = event.target.closest("[data-zoom]");
      if (!button) { return; }
      var action = button.getAttribute("data-zoom");
      if (action === "in") { apply(level + 1); }
      else if (action === "out") { apply(level - 1); }
      else { apply(0); frame.scrollLeft = 0; frame.scrollTop = 0; }
    });

    frame.addEventListener("keydown", function (event) {
      if (event.target !== frame) { return; }
      if (event.key === "+" || event.key === "=") { apply(level + 1); event.preventDefault(); }
      else if (event.key === "-") { apply(level - 1); event.preventDefault(); }
    });

    // Drag to pan with a mouse (touch screens pan by scrolling natively).
    var drag = null;
    frame.addEventListener("pointerdown", function (event) {
      if (event.pointerType !== "mouse" || event.button !== 0 || level === 0) { return; }
      drag = { x: event.clientX, y: event.clientY, left: frame.scrollLeft, top: frame.scrollTop, moved: false };
    });
    window.addEventListener("pointermove", function (event) {
      if (!drag) { return; }
      var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 5) { return; }
      drag.moved = true;
      frame.classList.add("is-dragging");
      frame.scrollLeft = drag.left - dx;
      frame.scrollTop = drag.top - dy;
    });
    window.addEventListener("pointerup", function () {
      if (drag && drag.moved) {
        // A drag is not a click on the stand under the pointer.
        frame.addEventListener("click", function (e) { e.preventDefault(); e.stopPropagation(); }, { capture: true, once: true });
      }
      drag = null;
      frame.classList.remove("is-dragging");
    });

    // On a narrow screen, start zoomed in on the highlighted stand so its code is readable.
    var chosen = svg.querySelector(".stand--chosen rect");
    if (chosen && frame.clientWidth < 700) {
      apply(2);
      var box = chosen.getBoundingClientRect(), area = frame.getBoundingClientRect();
      frame.scrollLeft += box.left - area.left - area.width / 2 + box.width / 2;
      frame.scrollTop += box.top - area.top - area.height / 2 + box.height / 2;
    }
  }

  function setupAll(root) {
    (root || document).querySelectorAll("[data-plan]").forEach(setup);
  }
  document.addEventListener("DOMContentLoaded", function () { setupAll(document); });
  document.addEventListener("htmx:afterSettle", function () { setupAll(document); });
})();
