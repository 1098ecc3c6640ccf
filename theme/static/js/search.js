/* Site search on /tim-kiem/ (components/search-form.html): model records from their own compact index
   (recindex.js, plugins/dvk/recindex.py), news posts and documents from Pagefind (plugins/search), merged
   into one ranked list. Results load as the reader types; the query, filters and order stay in the address
   (?q=me+do+dau&tinh=lam-dong&sap-xep=moi-nhat) so a search can be linked.
   Pagefind matches words without their marks ("khéo" for "kheo"), but "đ" is a letter of its own:
   each word the reader starts with "d" is also asked as "đ…" (đ only ever starts a Vietnamese
   syllable), and the answers are merged. The record index folds "đ" itself. */
(function () {
  "use strict";
  var form = document.querySelector("[data-search-form]");
  if (!form || !window.URLSearchParams || !window.Promise || !window.DecompressionStream || !window.DvkRecords) return;
  var statusLine = document.querySelector("[data-search-status]");
  var list = document.querySelector("[data-search-results]");
  var more = document.querySelector("[data-search-more]");
  var input = form.querySelector("input[name=q]");
  var filters = [].slice.call(form.querySelectorAll("select[data-filter]"));
  var sortSelect = form.querySelector("select[data-sort]");
  var bundle = form.getAttribute("data-bundle");
  var recordsUrl = form.getAttribute("data-records");
  var site = form.getAttribute("data-site") || "";
  var PAGE = 10, MAX_D_WORDS = 3;
  var modelSection = form.getAttribute("data-model-section");
  var base = new URL((site || location.origin) + "/", location.href).pathname;
  var engine = null, recordEngine = null, records = null, token = 0, drawn = 0, timer = null;
  var merged = [], shown = 0, lists = [], sorted = null, recordHits = [], typedWords = [];

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

  /* Pagefind, with the news posts and documents (null when the site has none). */
  function load() {
    if (!engine) {
      engine = fetch(bundle + "shards.json").then(function (r) { return r.ok ? r.json() : {}; })
        .catch(function () { return {}; })
        .then(function (manifest) {
          if (manifest.empty) return null;
          return import(bundle + "pagefind.js").then(function (pf) {
            return pf.options({baseUrl: base, excerptLength: 24}).then(function () { return pf; });
          });
        });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  /* The record index (null when the site has no records). */
  function loadRecords() {
    if (!recordEngine) {
      recordEngine = window.DvkRecords(recordsUrl).then(function (rec) {
        records = rec.records ? rec : null;
        return records;
      });
      recordEngine.catch(function () { recordEngine = null; });
    }
    return recordEngine;
  }

  /* "me do dau" → ["me do dau", "me do đau", "me đo dau", "me đo đau"] */
  function spellings(query) {
    var out = [[]], flips = 0;
    query.split(/\s+/).filter(Boolean).forEach(function (w) {
      if (/^[dD]/.test(w) && flips < MAX_D_WORDS) {
        flips++;
        var alt = (w[0] === "D" ? "Đ" : "đ") + w.slice(1);
        out = out.reduce(function (acc, v) { return acc.concat([v.concat(w), v.concat(alt)]); }, []);
      } else {
        out = out.map(function (v) { return v.concat(w); });
      }
    });
    return out.map(function (v) { return v.join(" "); });
  }

  function chosenFilters() {
    var chosen = {};
    filters.forEach(function (s) {
      var opt = s.options[s.selectedIndex];
      if (s.value && opt) chosen[s.getAttribute("data-filter")] = opt.getAttribute("data-value");
    });
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

  /* The excerpt comes as text with <mark> around the words found: rebuild it as nodes, nothing else. */
  function excerptNodes(html, into) {
    var doc = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html");
    doc.body.childNodes.forEach(function (n) {
      if (n.nodeName === "MARK") into.appendChild(el("mark", null, n.textContent));
      else into.appendChild(document.createTextNode(n.textContent));
    });
  }

  function card(data) {
    var meta = data.meta || {};
    var li = el("li", {"class": "search-result"});
    var line = [meta.muc, meta.noi, meta.ngay].filter(Boolean).join(" · ");
    var body = el("div", {"class": "search-result__body"});
    body.appendChild(el("p", {"class": "search-result__type"}, line));
    var h = el("h2", {"class": "search-result__title"});
    h.appendChild(el("a", {href: data.url}, meta.title || data.url));
    body.appendChild(h);
    var ex = el("p", {"class": "search-result__excerpt"});
    excerptNodes(data.excerpt || "", ex);
    body.appendChild(ex);
    li.appendChild(body);
    if (meta.image) {
      li.appendChild(el("img", {"class": "search-result__image", src: meta.image, alt: meta.image_alt || "",
                                loading: "lazy", decoding: "async", width: "160", height: "107"}));
    }
    return li;
  }

  function mergeByScore(responses) {
    var best = {};
    responses.forEach(function (r) {
      r.results.forEach(function (x) { if (!best[x.id] || best[x.id].score < x.score) best[x.id] = x; });
    });
    return Object.keys(best).map(function (k) { return best[k]; })
      .sort(function (a, b) { return b.score - a.score; });
  }

  /* Where a typed word is found in a text: "whole", "prefix" (the last word only) or null; exact spelling or not. */
  function matcher(rec, typed) {
    var last = typed.length - 1;
    var folded = typed.map(rec.fold);
    return function (text) {
      var ws = rec.words(text || ""), fs = ws.map(rec.fold);
      return typed.map(function (w, i) {
        var best = 0;
        fs.forEach(function (f, j) {
          var s = f === folded[i] ? 1 : (i === last && folded[i].length >= rec.prefixMin && f.slice(0, folded[i].length) === folded[i]) ? rec.prefix : 0;
          if (s && ws[j] === w) s *= rec.exact;
          if (s > best) best = s;
        });
        return best;
      });
    };
  }

  /* A record's card data, in the shape of a Pagefind result's. */
  function recordData(rec, n, typed) {
    return rec.card(n).then(function (row) {
      return {url: site + "/mo-hinh/" + row[0] + "/", record: true, words: typed,
              meta: {muc: modelSection, noi: row[2], ngay: row[3] ? String(row[3]) : "", title: row[1],
                     image: row[5], image_alt: row[6], thoidiem: row[3] ? row[3] + "-12-31" : ""},
              summary: row[4]};
    });
  }

  /* A summary cut to about 30 words around the first word found, the words found in <mark>. */
  function recordExcerpt(rec, text, typed, into) {
    var found = matcher(rec, typed);
    var parts = text.split(/([\p{L}\p{N}_]+)/u), hits = [];
    for (var i = 1; i < parts.length; i += 2) hits.push(Math.max.apply(null, found(parts[i]).concat([0])) > 0);
    var first = Math.max(0, hits.indexOf(true)), from = Math.max(0, first - 8), to = Math.min(hits.length, from + 30);
    if (from > 0) into.appendChild(document.createTextNode("… "));
    for (var k = from; k < to; k++) {
      if (k > from) into.appendChild(document.createTextNode(parts[2 * k]));
      into.appendChild(hits[k] ? el("mark", null, parts[2 * k + 1]) : document.createTextNode(parts[2 * k + 1]));
    }
    into.appendChild(document.createTextNode(to < hits.length ? " …" : parts[2 * to] || ""));
  }

  function total() { return merged.length; }

  function itemData(item) { return item.data(); }

  /* Records are numbered newest first; pages come from Pagefind in date order: merge by date. */
  function byDate(count, desc) {
    var recs = recordHits.slice(0, count).map(function (h) {
      return {date: h.date, load: function () { return recordData(records, h.n, typedWords); }};
    });
    return Promise.all(lists.map(function (l) {
      return Promise.all(l.slice(0, count).map(function (x) { return x.data(); }));
    })).then(function (datas) {
      var seen = {}, all = recs.slice();
      datas.forEach(function (ds) {
        ds.forEach(function (d) {
          if (!seen[d.url]) { seen[d.url] = true; all.push({date: (d.meta || {}).thoidiem || "", data: d}); }
        });
      });
      all.sort(function (a, b) { var x = a.date, y = b.date; return desc ? (x < y ? 1 : x > y ? -1 : 0) : (x < y ? -1 : x > y ? 1 : 0); });
      return Promise.all(all.slice(0, count).map(function (a) { return a.data ? a.data : a.load(); }));
    });
  }

  function render(my, stamp) {
    var want = shown + PAGE;
    var pending = sorted
      ? byDate(want, sorted === "desc").then(function (ds) { return ds.slice(shown); })
      : Promise.all(merged.slice(shown, want).map(itemData));
    return pending.then(function (datas) {
      if (my !== token || stamp !== drawn) return;     // a newer query replaced this one
      datas.forEach(function (d) {
        var li = card(d);
        if (d.record) recordExcerpt(records, d.summary, d.words, li.querySelector(".search-result__excerpt"));
        list.appendChild(li);
      });
      shown += datas.length;
      more.hidden = shown >= total();
    });
  }

  /* Record hits and Pagefind's pages in one ranked list. A page's Pagefind score does not compare with a
     record's, so the first pages are scored like records: a word in the title counts as in a record's name,
     a word found elsewhere as in a summary; the pages after them follow in Pagefind's order, below. */
  function rank(recHits, pages, typed, byDateOnly) {
    var items = recHits.map(function (h) {
      return {score: h.score, data: function () { return recordData(records, h.n, typed); }};
    });
    if (byDateOnly) return Promise.resolve(items.concat(pages));     // only counted: byDate() orders them
    if (!pages.length) return Promise.resolve(items);
    var scored = pages.slice(0, PAGE), found = typed.length && records ? matcher(records, typed) : null;
    return Promise.all(scored.map(function (x) { return x.data(); })).then(function (datas) {
      datas.forEach(function (d, i) {
        var score = typed.length;
        if (found) {
          score = found((d.meta || {}).title).reduce(function (sum, s) {
            return sum + (s ? records.weights[0] * s : records.weights[2]);
          }, 0);
        }
        items.push({score: score, data: function () { return Promise.resolve(d); }});
      });
      pages.slice(PAGE).forEach(function (x, i) {
        items.push({score: 0.5 / (i + 1), data: function () { return x.data(); }});
      });
      return items.sort(function (a, b) { return b.score - a.score; });
    });
  }

  function search() {
    var my = ++token;
    var q = input.value.normalize("NFC").trim();
    var chosen = chosenFilters();
    var n = Object.keys(chosen).length;
    optionCount.textContent = n ? " (" + n + " bộ lọc đang chọn)" : "";
    if (n) options.open = true;
    sorted = sortSelect.value ? (sortSelect.value === "cu-nhat" ? "asc" : "desc") : null;
    keepInAddress();
    if (!q && !Object.keys(chosen).length) {
      list.textContent = ""; more.hidden = true; merged = []; shown = 0;
      say("Nhập từ khóa hoặc chọn bộ lọc để tìm.");
      return Promise.resolve();
    }
    say("Đang tìm…");
    var what = q ? " cho “" + q + "”" : "";
    var wantRecords = !chosen.muc || chosen.muc === modelSection;
    var wantPages = !chosen.muc || chosen.muc !== modelSection;
    var recFilters = {};
    filters.forEach(function (s) { if (s.value && s.name !== "muc") recFilters[s.name] = s.value; });

    function ask(pf) {
      if (!pf || !wantPages) return null;
      var opts = {filters: chosen};
      if (sorted) opts.sort = {ngay: sorted};
      return Promise.all((q ? spellings(q) : [null]).map(function (a) { return pf.search(a, opts); }));
    }

    return Promise.all([
      wantRecords ? loadRecords().then(function (rec) { return rec ? rec.search(q, recFilters) : null; }) : null,
      load().then(ask)
    ]).then(function (got) {
      if (my !== token) return;
      var recAnswer = got[0], responses = (got[1] || []).filter(Boolean);
      if (!records && !got[1] && wantPages && wantRecords) {
        list.textContent = ""; more.hidden = true;
        say("Trang chưa có tin tức, mô hình hay văn bản nào để tìm.");
        return;
      }
      var typed = typedWords = records ? records.words(q) : [];
      recordHits = recAnswer ? recAnswer.hits : [];
      if (sorted) {
        recordHits = recordHits.slice().sort(function (a, b) { return sorted === "desc" ? a.n - b.n : b.n - a.n; });
        recordHits.forEach(function (h) { var y = records.year(h.n); h.date = y ? y + "-12-31" : ""; });
      }
      lists = responses.map(function (r) { return r.results; });
      return rank(recordHits, mergeByScore(responses), typed, sorted).then(function (items) {
        if (my !== token) return;
        merged = items;
        list.textContent = ""; shown = 0;
        var stamp = ++drawn;
        if (!merged.length) {
          more.hidden = true;
          say("Không tìm thấy kết quả nào" + what + ". Hãy thử từ khóa khác hoặc bỏ bớt bộ lọc.");
          return;
        }
        say("Tìm thấy " + merged.length.toLocaleString("vi-VN") + " kết quả" + what + ".");
        return render(my, stamp);
      });
    }).catch(function () {
      if (my === token) say("Không tải được chỉ mục tìm kiếm. Hãy tải lại trang và thử lại.");
    });
  }

  function soon() { clearTimeout(timer); timer = setTimeout(search, 150); }

  input.addEventListener("input", soon);
  filters.concat([sortSelect]).forEach(function (s) { s.addEventListener("change", search); });
  form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); search(); });
  form.addEventListener("reset", function () { setTimeout(search, 0); });
  more.addEventListener("click", function () {
    var first = list.children.length;
    render(token, drawn).then(function () {
      var next = list.children[first];
      if (next) next.querySelector("a").focus();
    });
  });
  fromAddress();
  search();
  load(); loadRecords();          // get both indexes ready while the reader types
})();
