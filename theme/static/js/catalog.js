/* Instant catalog filters (components/catalog-filters.html). Without this script the filters are plain
   links to pre-generated listings, one filter at a time. With it, the panel becomes a form: every filter
   (field, province, kind, level, year) and a text query combine at once, in the browser, over the index
   /mo-hinh/chi-muc.json (dvk.catalog.catalog_index), fetched from the same site the first time it is
   needed. The choice is kept in the address (?linh-vuc=kinh-te&tinh=lam-dong&q=…) so it can be shared. */
(function () {
  "use strict";
  var panel = document.querySelector("[data-catalog-filters]");
  var results = document.querySelector("[data-catalog-results]");
  if (!panel || !results || !window.fetch || !window.URLSearchParams) return;
  var PAGE = 24;
  var COLUMNS = {field: 5, province: 3, kind: 6, level: 7, year: 8};
  var FACET_COLUMN = {"linh-vuc": "field", "tinh": "province", "loai": "kind", "cap": "level", "nam": "year"};
  var site = panel.getAttribute("data-site") || "";
  var index = null, loading = null, shown = PAGE, matches = [];

  function fold(s) { return window.DvkFold(s); }   /* site.js: the site's one folding rule */
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function capitalize(s) { return s.charAt(0).toUpperCase() + s.slice(1); }

  /* ---- the form, built from the links the page already has */
  var facets = [];
  var form = el("form", {"class": "filters__form", "role": "search", "aria-label": "Lọc mô hình"});
  var q = el("input", {type: "search", id: "loc-tu-khoa", name: "q", autocomplete: "off"});
  var qBox = el("div", {"class": "filters__query"});
  qBox.appendChild(el("label", {"for": "loc-tu-khoa"}, "Tên mô hình hoặc đơn vị"));
  qBox.appendChild(q);
  form.appendChild(qBox);
  panel.querySelectorAll("[data-facet]").forEach(function (group) {
    var key = group.getAttribute("data-facet");
    var id = "loc-" + key;
    var box = el("div");
    var select = el("select", {id: id, name: key});
    select.appendChild(el("option", {value: ""}, "Tất cả"));
    var bySlug = {};
    group.querySelectorAll("a[data-value]").forEach(function (a) {
      var label = a.firstChild.textContent.trim();
      select.appendChild(el("option", {value: a.getAttribute("data-slug")}, label));
      bySlug[a.getAttribute("data-slug")] = a.getAttribute("data-value");
    });
    box.appendChild(el("label", {"for": id}, group.getAttribute("data-label")));
    box.appendChild(select);
    form.appendChild(box);
    facets.push({key: key, select: select, bySlug: bySlug});
  });
  var reset = el("button", {type: "reset", "class": "button button--secondary"}, "Bỏ lọc");
  var resetBox = el("div");
  resetBox.appendChild(reset);
  form.appendChild(resetBox);
  var status = el("p", {"class": "filters__status", role: "status", "aria-live": "polite"});
  panel.querySelector("[data-filter-links]").hidden = true;
  panel.appendChild(form);
  panel.appendChild(status);

  /* ---- state <-> address */
  var params = new URLSearchParams(location.search);
  var activeKey = panel.getAttribute("data-active-key");
  facets.forEach(function (f) {
    var slug = params.get(f.key);
    if (slug === null && f.key === activeKey) {
      var value = panel.getAttribute("data-active-value");
      slug = Object.keys(f.bySlug).filter(function (s) { return f.bySlug[s] === value; })[0] || "";
    }
    if (slug && f.bySlug[slug] !== undefined) f.select.value = slug;
  });
  q.value = params.get("q") || "";

  function chosen() {
    var c = {q: fold(q.value.trim())};
    facets.forEach(function (f) { if (f.select.value) c[f.key] = f.bySlug[f.select.value]; });
    return c;
  }
  function remember() {
    var p = new URLSearchParams();
    if (q.value.trim()) p.set("q", q.value.trim());
    facets.forEach(function (f) { if (f.select.value) p.set(f.key, f.select.value); });
    var search = p.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : ""));
  }

  /* ---- filtering over the index */
  function load() {
    if (!loading) {
      status.textContent = "Đang tải danh sách mô hình…";
      loading = fetch(panel.getAttribute("data-index"), {credentials: "same-origin"})
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (data) {
          var pos = function (list) { var m = {}; list.forEach(function (x, i) { m[x[0]] = i; }); return m; };
          data.pos = {field: pos(data.fields), province: pos(data.provinces), kind: pos(data.kinds), level: pos(data.levels)};
          data.text = data.models.map(function (r) {
            return fold(r[1] + " " + r[2] + " " + data.provinces[r[3]][1] + " " + r[4]);
          });
          index = data;
          return data;
        });
    }
    return loading;
  }
  function filter() {
    var c = chosen();
    var tests = [];
    Object.keys(FACET_COLUMN).forEach(function (key) {
      if (c[key] === undefined) return;
      var dim = FACET_COLUMN[key], col = COLUMNS[dim];
      var want = dim === "year" ? parseInt(c[key], 10) : index.pos[dim][c[key]];
      tests.push(function (r) { return r[col] === want; });
    });
    var words = c.q ? c.q.split(/\s+/) : [];
    matches = [];
    index.models.forEach(function (r, i) {
      for (var t = 0; t < tests.length; t++) if (!tests[t](r)) return;
      for (var w = 0; w < words.length; w++) if (index.text[i].indexOf(words[w]) < 0) return;
      matches.push(r);
    });
  }
  function card(r) {
    var art = el("article", {"class": "card card--model"});
    var h = el("h3", {"class": "card__title"});
    h.appendChild(el("a", {href: site + "/mo-hinh/" + r[0] + "/"}, r[1]));
    art.appendChild(h);
    art.appendChild(el("p", {"class": "card__owner"}, r[2]));
    var meta = el("ul", {"class": "card__meta"});
    var place = el("li", {}, index.provinces[r[3]][1]);
    if (r[4]) { place.appendChild(document.createTextNode(" ")); place.appendChild(el("span", {"class": "card__former"}, "(" + r[4] + ")")); }
    meta.appendChild(place);
    meta.appendChild(el("li", {}, index.fields[r[5]][1]));
    meta.appendChild(el("li", {}, capitalize(index.kinds[r[6]][1])));
    meta.appendChild(el("li", {}, r[7] >= 0 ? "Công nhận " + index.levels[r[7]][1] + ", " + r[8]
      : capitalize(index.statuses[r[9]][1]) + (r[10] ? " năm " + r[10] : "")));
    art.appendChild(meta);
    if (r[11]) art.appendChild(el("p", {"class": "badge badge--illustrative"}, "Minh họa"));
    return art;
  }
  function render() {
    var grid = el("div", {"class": "card-grid"});
    matches.slice(0, shown).forEach(function (r) { grid.appendChild(card(r)); });
    results.textContent = "";
    results.appendChild(el("h2", {"class": "visually-hidden", id: "danh-sach"}, "Danh sách mô hình"));
    results.appendChild(grid);
    if (matches.length > shown) {
      var more = el("button", {type: "button", "class": "button button--secondary"},
        "Hiển thị thêm " + Math.min(PAGE, matches.length - shown).toLocaleString("vi-VN") + " mô hình");
      more.addEventListener("click", function () {
        var first = shown;
        shown += PAGE;
        render();
        var link = results.querySelectorAll(".card__title a")[first];
        if (link) link.focus();
      });
      results.appendChild(more);
    }
    status.textContent = matches.length
      ? "Tìm thấy " + matches.length.toLocaleString("vi-VN") + " mô hình" + (matches.length > shown ? ", đang hiện " + shown.toLocaleString("vi-VN") : "") + "."
      : "Không có mô hình nào khớp với lựa chọn. Hãy bỏ bớt điều kiện lọc.";
  }
  function update() {
    shown = PAGE;
    remember();
    load().then(function () { filter(); render(); }, function () {
      status.textContent = "Không tải được danh sách để lọc nhanh. Hãy dùng các liên kết lọc trong trang.";
      panel.querySelector("[data-filter-links]").hidden = false;
    });
  }
  form.addEventListener("change", update);
  form.addEventListener("input", function (ev) { if (ev.target === q) update(); });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); update(); });
  form.addEventListener("reset", function () { setTimeout(update, 0); });
  if (params.toString()) update();
})();
