(function () {
  "use strict";
  var table = document.getElementById("claims-table");
  if (!table) { return; }
  var body = table.tBodies[0];
  var verdictFilter = document.getElementById("verdict-filter");
  var textFilter = document.getElementById("text-filter");
  var shown = document.getElementById("shown-count");
  var order = {contradict: 0, derived: 1, agree: 2, "new": 3, unchecked: 4};

  function key(row, column) {
    var value = row.getAttribute("data-" + column) || "";
    if (column === "value") { var n = parseFloat(value); return isNaN(n) ? Infinity : n; }
    if (column === "verdict") { return value in order ? order[value] : 9; }
    return value.toLowerCase();
  }

  function sortBy(header) {
    var column = header.getAttribute("data-column");
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var headers = table.tHead.querySelectorAll("th[data-column]");
    for (var i = 0; i < headers.length; i++) { headers[i].removeAttribute("aria-sort"); }
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var ka = key(a, column), kb = key(b, column);
      var c = ka < kb ? -1 : ka > kb ? 1 : (+a.getAttribute("data-index")) - (+b.getAttribute("data-index"));
      return ascending ? c : -c;
    });
    for (var j = 0; j < rows.length; j++) { body.appendChild(rows[j]); }
  }

  function applyFilter() {
    var verdict = verdictFilter.value;
    var needle = textFilter.value.trim().toLowerCase();
    var count = 0;
    for (var i = 0; i < body.rows.length; i++) {
      var row = body.rows[i];
      var ok = (verdict === "all" || row.getAttribute("data-verdict") === verdict) &&
               (needle === "" || row.textContent.toLowerCase().indexOf(needle) !== -1);
      row.hidden = !ok;
      if (ok) { count++; }
    }
    shown.textContent = String(count);
  }

  var buttons = table.tHead.querySelectorAll("th[data-column] button");
  for (var k = 0; k < buttons.length; k++) {
    buttons[k].addEventListener("click", function (event) { sortBy(event.currentTarget.parentNode); });
  }
  verdictFilter.addEventListener("change", applyFilter);
  textFilter.addEventListener("input", applyFilter);
  applyFilter();
}());
