// The "?" beside a figure is a <details>: Enter or Space opens it with no script at all.
// This only adds what people expect of a pop-up: one open at a time, Escape or a click
// elsewhere closes it, and opening it inside a sortable header does not sort the table.
(function () {
  "use strict";
  function closeAll(except) {
    document.querySelectorAll("details.help[open]").forEach(function (d) {
      if (d !== except) { d.removeAttribute("open"); }
    });
  }
  document.addEventListener("click", function (event) {
    var inside = event.target.closest ? event.target.closest("details.help") : null;
    closeAll(inside);
    if (inside) { event.stopPropagation(); }
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var open = document.querySelector("details.help[open]");
    if (open) {
      open.removeAttribute("open");
      open.querySelector("summary").focus();
    }
  });
}());
