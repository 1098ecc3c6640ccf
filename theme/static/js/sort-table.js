/* Sortable statistics tables (progressive enhancement; the page works without it).
   A <table data-sortable> whose header cells carry data-sort="text" or data-sort="number" gets a
   button in each of those headers. Pressing it (mouse, Enter or Space) sorts the body rows by that
   column, descending first for numbers and ascending first for text, then toggles; the header says
   so with aria-sort, the others lose theirs. Cells give their sort value in data-value (raw numbers;
   the row header's data-value is its position in the server's order); text sorts in Vietnamese
   collation. The footer row (totals) never moves. */
(function () {
  "use strict";
  var collator = new Intl.Collator("vi");

  function value(row, index, kind) {
    var cell = row.cells[index];
    if (kind === "number") return parseFloat(cell.getAttribute("data-value")) || 0;
    return cell.textContent.trim();
  }

  function sortBy(table, th, index, kind) {
    var current = th.getAttribute("aria-sort");
    var first = kind === "number" ? "descending" : "ascending";
    var dir = current === first ? (first === "ascending" ? "descending" : "ascending") : first;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var va = value(a, index, kind), vb = value(b, index, kind);
      var c = kind === "number" ? va - vb : collator.compare(va, vb);
      if (c === 0) c = parseFloat(a.cells[0].getAttribute("data-value")) - parseFloat(b.cells[0].getAttribute("data-value"));
      else if (dir === "descending") c = -c;
      return c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    table.querySelectorAll("thead th[aria-sort]").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir);
  }

  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      var kind = th.getAttribute("data-sort");
      if (!kind) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "stat-table__sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, th, index, kind); });
    });
    var hint = table.querySelector(".stat-table__hint");
    if (hint) hint.hidden = false;
  });
})();
