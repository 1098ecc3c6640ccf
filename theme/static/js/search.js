/* Site search on /tim-kiem/ (components/search-form.html) over the Pagefind index (plugins/search).
   Results load as the reader types; the query, filters and order stay in the address
   (?q=me+do+dau&tinh=lam-dong&sap-xep=moi-nhat) so a search can be linked.
   Pagefind matches words without their marks ("khéo" for "kheo"), but "đ" is a letter of its own:
   each word the reader starts with "d" is also asked as "đ…" (đ only ever starts a Vietnamese
   syllable), and the answers are merged, best score first (or by date when sorting by date). */
(function () {
  "use strict";
  var form = document.querySelector("[data-search-form]");
  if (!form || !window.URLSearchParams || !window.Promise) return;
  var statusLine = document.querySelector("[data-search-status]");
  var list = document.querySelector("[data-search-results]");
  var more = document.querySelector("[data-search-more]");
  var input = form.querySelector("input[name=q]");
  var filters = [].slice.call(form.querySelectorAll("select[data-filter]"));
  var sortSelect = form.querySelector("select[data-sort]");
  var bundle = form.getAttribute("data-bundle");
  var site = form.getAttribute("data-site") || "";
  var PAGE = 10, MAX_D_WORDS = 3;
  var modelSection = form.getAttribute("data-model-section");
  var base = new URL((site || location.origin) + "/", location.href).pathname;
  var engine = null, shards = [], mergedShards = {}, token = 0, drawn = 0, timer = null;
  var merged = [], shown = 0, lists = [], sorted = null;

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

  /* The main bundle (news posts, documents) first; model pages live in shards grouped by province
     (pagefind/shards.json), merged in when a query may need them: a search narrowed to one province,
     or to news and documents, never loads the others. */
  function load() {
    if (!engine) {
      engine = fetch(bundle + "shards.json").then(function (r) { return r.ok ? r.json() : {}; })
        .catch(function () { return {}; })
        .then(function (manifest) {
          if (manifest.empty) return null;
          shards = manifest.shards || [];
          return import(bundle + "pagefind.js").then(function (pf) {
            return pf.options({baseUrl: base, excerptLength: 24}).then(function () { return pf; });
          });
        });
    }
    return engine;
  }

  /* The shards a query may need that are not merged in yet. */
  function missingShards(chosen) {
    if (chosen.muc && chosen.muc !== modelSection) return [];
    return shards.filter(function (s) {
      return !mergedShards[s.path] && (!chosen.tinh || s.provinces.indexOf(chosen.tinh) >= 0);
    });
  }

  function mergeShards(pf, wanted) {
    return Promise.all(wanted.map(function (s) {
      mergedShards[s.path] = mergedShards[s.path] || pf.mergeIndex(bundle + s.path, {baseUrl: base});
      return mergedShards[s.path];
    }));
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

  /* Each answer is already in date order: take the first `count` of each, by their date. */
  function mergeByDate(count, desc) {
    return Promise.all(lists.map(function (l) {
      return Promise.all(l.slice(0, count).map(function (x) { return x.data(); }));
    })).then(function (datas) {
      var seen = {}, all = [];
      datas.forEach(function (ds) {
        ds.forEach(function (d) { if (!seen[d.url]) { seen[d.url] = true; all.push(d); } });
      });
      all.sort(function (a, b) {
        var x = (a.meta || {}).thoidiem || "", y = (b.meta || {}).thoidiem || "";
        return desc ? (x < y ? 1 : x > y ? -1 : 0) : (x < y ? -1 : x > y ? 1 : 0);
      });
      return all.slice(0, count);
    });
  }

  function total() { return merged.length; }

  function render(my, stamp) {
    var want = shown + PAGE;
    var pending = sorted
      ? mergeByDate(want, sorted === "desc").then(function (ds) { return ds.slice(shown); })
      : Promise.all(merged.slice(shown, want).map(function (x) { return x.data(); }));
    return pending.then(function (datas) {
      if (my !== token || stamp !== drawn) return;     // a newer query, or a fuller answer, replaced this one
      datas.forEach(function (d) { list.appendChild(card(d)); });
      shown += datas.length;
      more.hidden = shown >= total();
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

    function ask(pf) {
      var opts = {filters: chosen};
      if (sorted) opts.sort = {ngay: sorted};
      return Promise.all((q ? spellings(q) : [null]).map(function (a) { return pf.search(a, opts); }));
    }

    /* Show the answers; `final` is false for the early answer from the bundles already loaded. */
    function show(responses, final) {
      if (my !== token) return;
      lists = responses.filter(Boolean).map(function (r) { return r.results; });
      merged = mergeByScore(responses.filter(Boolean));
      list.textContent = ""; shown = 0;
      var stamp = ++drawn;
      if (!final) {
        if (!merged.length) return;
        say("Đang tìm thêm trong các mô hình…");
        return render(my, stamp);
      }
      if (!merged.length) {
        more.hidden = true;
        say("Không tìm thấy kết quả nào" + what + ". Hãy thử từ khóa khác hoặc bỏ bớt bộ lọc.");
        return;
      }
      say("Tìm thấy " + merged.length.toLocaleString("vi-VN") + " kết quả" + what + ".");
      return render(my, stamp);
    }

    /* First the bundles already loaded (news and documents; on later queries, the shards merged so far),
       so the first answers come at once; then the model shards this query may need, and the full answer. */
    return load().then(function (pf) {
      if (!pf) {
        list.textContent = ""; more.hidden = true;
        say("Trang chưa có tin tức, mô hình hay văn bản nào để tìm.");
        return;
      }
      var missing = missingShards(chosen);
      var early = missing.length && (!chosen.muc || chosen.muc !== modelSection)
        ? ask(pf).then(function (r) { show(r, false); }) : Promise.resolve();     // its cards load meanwhile
      return early.then(function () {
        if (my !== token) return;
        return mergeShards(pf, missing).then(function () { return ask(pf); }).then(function (r) { return show(r, true); });
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
})();
