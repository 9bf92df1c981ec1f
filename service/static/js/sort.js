// Click a column header of a .sortable table to sort by it (again to reverse).
(function () {
  "use strict";
  function cellValue(row, index) {
    var cell = row.cells[index];
    var raw = cell.getAttribute("data-value");
    if (raw !== null && raw !== "") { return parseFloat(raw); }
    return cell.textContent.trim();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("table.sortable").forEach(function (table) {
      var headers = table.tHead.rows[0].cells;
      Array.prototype.forEach.call(headers, function (th, index) {
        th.classList.add("sort-header");
        th.addEventListener("click", function () {
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          var ascending = th.getAttribute("data-order") !== "asc";
          rows.sort(function (a, b) {
            var x = cellValue(a, index), y = cellValue(b, index);
            var order = (typeof x === "number" && typeof y === "number") ? x - y : String(x).localeCompare(String(y), "zh-CN");
            return ascending ? order : -order;
          });
          Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("data-order"); });
          th.setAttribute("data-order", ascending ? "asc" : "desc");
          rows.forEach(function (row) { body.appendChild(row); });
        });
      });
    });
  });
}());
