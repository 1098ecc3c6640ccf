/* Site search on /tim-kiem/ (components/search-form.html) over the site's own index (recindex.js,
   plugins/dvk/recindex.py): model records, news posts and documents in one ranked list.
   Results load as the reader types; the query, filters and order stay in the address
   (?q=me+do+dau&tinh=lam-dong&sap-xep=moi-nhat) so a search can be linked.
   Words match with or without diacritics ("dan van kheo", "Dân vận khéo"; "đ" as "d"), in any case;
   the last word also matches as the start of a word ("me do da" finds "Mẹ đỡ đầu"). Results are
   built as DOM nodes: no index text ever goes through innerHTML. */
(function () {
  "use strict";
  var form = document.querySelector("[data-search-form]");
  var statusLine = document.querySelector("[data-search-status]");
  if (!form) return;
  if (!window.URLSearchParams || !window.Promise || !window.DecompressionStream || !window.DvkIndex) {
    statusLine.textContent = "Trình duyệt này quá cũ nên không tìm kiếm được. Hãy cập nhật trình duyệt, "
      + "hoặc tra cứu theo danh mục mô hình, tin tức theo năm, tháng và văn bản.";
    return;
  }
  var list = document.querySelector("[data-search-results]");
  var more = document.querySelector("[data-search-more]");
  var input = form.querySelector("input[name=q]");
  var filters = [].slice.call(form.querySelectorAll("select[data-filter]"));
  var sortSelect = form.querySelector("select[data-sort]");
  var indexUrl = form.getAttribute("data-index");
  var site = form.getAttribute("data-site") || "";
  var PAGE = 10, EXCERPT_WORDS = 30;
  var engine = null, index = null, token = 0, timer = null;
  var result = null, shown = 0, typed = [];     // result: the engine's answer (count, first(k), all())

  var options = form.querySelector("[data-search-options]");
  var optionCount = form.querySelector("[data-search-count]");
  form.hidden = false;
  if (window.matchMedia && window.matchMedia("(min-width: 48rem)").matches) options.open = true;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function load() {
    if (!engine) {
      engine = window.DvkIndex(indexUrl).then(function (ix) { index = ix; return ix; });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  function chosenFilters() {
    var chosen = {};
    filters.forEach(function (s) { if (s.value) chosen[s.getAttribute("data-filter")] = s.value; });
    return chosen;
  }

  function keepInAddress() {
    var params = new URLSearchParams();
    if (input.value.trim()) params.set("q", input.value.trim());
    filters.concat([sortSelect]).forEach(function (s) { if (s.value) params.set(s.name, s.value); });
    var qs = params.toString();
    history.replaceState(null, "", location.pathname + (qs ? "?" + qs : ""));
  }

  function fromAddress() {
    var params = new URLSearchParams(location.search);
    input.value = (params.get("q") || "").normalize("NFC");
    filters.concat([sortSelect]).forEach(function (s) {
      var v = params.get(s.name);
      if (v && s.querySelector('option[value="' + CSS.escape(v) + '"]')) s.value = v;
    });
  }

  function say(text) { statusLine.textContent = text; }

  /* Is a word of the text one the reader typed (folded; the last typed word may be its start)? */
  function isFound(word) {
    var f = index.fold(word), last = typed.length - 1;
    return typed.some(function (w, i) {
      var t = index.fold(w);
      return f === t || (i === last && t.length >= index.prefixMin && f.slice(0, t.length) === t);
    });
  }

  /* About EXCERPT_WORDS words of the summary from just before the first word found, those found in <mark>. */
  function excerpt(text, into) {
    var parts = (text || "").split(/([\p{L}\p{N}_]+)/u), found = [];
    for (var i = 1; i < parts.length; i += 2) found.push(isFound(parts[i]));
    var first = Math.max(0, found.indexOf(true)), from = first > 8 ? first - 4 : 0;
    var to = Math.min(found.length, from + EXCERPT_WORDS);
    if (from > 0) into.appendChild(document.createTextNode("… "));
    for (var k = from; k < to; k++) {
      if (k > from) into.appendChild(document.createTextNode(parts[2 * k]));
      var w = parts[2 * k + 1];
      into.appendChild(found[k] ? el("mark", null, w) : document.createTextNode(w));
    }
    into.appendChild(document.createTextNode(to < found.length ? " …" : parts[2 * to] || ""));
  }

  /* row: [address, title, section, place, date, summary, image, image alt] */
  function card(row) {
    var li = el("li", {"class": "search-result"});
    var body = el("div", {"class": "search-result__body"});
    body.appendChild(el("p", {"class": "search-result__type"}, [row[2], row[3], row[4]].filter(Boolean).join(" · ")));
    var h = el("h2", {"class": "search-result__title"});
    h.appendChild(el("a", {href: site + "/" + row[0]}, row[1]));
    body.appendChild(h);
    var ex = el("p", {"class": "search-result__excerpt"});
    excerpt(row[5], ex);
    body.appendChild(ex);
    li.appendChild(body);
    if (row[6]) {
      li.appendChild(el("img", {"class": "search-result__image", src: row[6], alt: row[7] || "",
                                loading: "lazy", decoding: "async", width: "160", height: "107"}));
    }
    return li;
  }

  function render(my) {
    var from = shown, drawn = 0;
    /* The first page is picked without ordering every hit, so its cards are asked for at once. */
    var next = Array.from(from ? result.all().subarray(from, from + PAGE) : result.first(PAGE));
    /* Each card as soon as it and those before it have their data: the first results show at once. The first
       card's file is asked for alone, the others once it is here: files asked for together share the
       connection and the page's time, and the reader waits for the first one (measured with
       `invoke bench-search` at 100,000 records: 8 files together take 4× as long as one). */
    var head = next.length ? index.card(next[0]) : null;
    var cards = next.map(function (n, i) {
      return i ? head.then(function () { return index.card(n); }, function () { return index.card(n); }) : head;
    });
    return cards.reduce(function (chain, pending) {
      return chain.then(function () { return pending; }).then(function (row) {
        if (my !== token) return;     // a newer query replaced this one
        if (!from && !drawn) list.textContent = "";
        list.appendChild(card(row));
        drawn++;
      });
    }, Promise.resolve()).then(function () {
      if (my !== token) return;
      shown = from + drawn;
      more.hidden = shown >= result.count;
    });
  }

  function search() {
    var my = ++token;
    var q = input.value.normalize("NFC").trim();
    var chosen = chosenFilters();
    var n = Object.keys(chosen).length;
    optionCount.textContent = n ? " (" + n + " bộ lọc đang chọn)" : "";
    if (n) options.open = true;
    var order = sortSelect.value;
    if (!q && !n) {
      keepInAddress();
      list.textContent = ""; more.hidden = true; result = null; shown = 0;
      say("Nhập từ khóa hoặc chọn bộ lọc để tìm.");
      return Promise.resolve();
    }
    say("Đang tìm…");
    var what = q ? " cho “" + q + "”" : "";
    return load().then(function (ix) {
      if (my !== token) return;
      if (!ix.records) {
        list.textContent = ""; more.hidden = true;
        say("Trang chưa có tin tức, mô hình hay văn bản nào để tìm.");
        return;
      }
      return ix.search(q, chosen, order).then(function (answer) {
        if (my !== token) return;
        typed = answer.words;
        result = answer;
        shown = 0;
        return render(my).then(function () {
          if (my !== token) return;
          if (!result.count) {
            list.textContent = "";
            say("Không tìm thấy kết quả nào" + what + ". Hãy thử từ khóa khác hoặc bỏ bớt bộ lọc.");
            return;
          }
          say("Tìm thấy " + result.count.toLocaleString("vi-VN") + " kết quả" + what + ".");
        });
      });
    }).catch(function () {
      if (my === token) say("Không tải được chỉ mục tìm kiếm. Hãy tải lại trang và thử lại.");
    }).then(function () {
      /* The address once the results are on screen: a new address makes the browser fetch the page's icon
         again, which would wait in line with the index's files. */
      if (my === token) keepInAddress();
    });
  }

  function soon() { clearTimeout(timer); timer = setTimeout(search, 150); }

  input.addEventListener("input", function () {
    if (index) index.prefetch(input.value);   // words already typed load during the pause before searching
    soon();
  });
  filters.concat([sortSelect]).forEach(function (s) { s.addEventListener("change", search); });
  form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); search(); });
  form.addEventListener("reset", function () { setTimeout(search, 0); });
  more.addEventListener("click", function () {
    var first = list.children.length;
    render(token).then(function () {
      var next = list.children[first];
      if (next) next.querySelector("a").focus();
    });
  });
  fromAddress();
  search();
  load();            // the index's table of contents, ready before the reader has typed
})();
