/* The site's compact search index (plugins/dvk/derive/recindex.py; format in the README's "Search" section):
   model records, news posts and documents. window.DvkIndex(url) opens the index at `url` (ending in "/")
   and returns a promise of an engine:
     engine.search(query, filters) → promise of {hits: Int32Array of entry numbers, best first, words: [...]}
       (filters: facet → slug, e.g. {tinh: "lam-dong"}); every word must match (folded: no diacritics,
       "đ" as "d"); the last word also matches as a prefix (from prefix_min letters). Score: per word,
       its best field (title 4; owner, locality, province 2; summary and text 1), ×1.5 when spelt as
       typed, ×0.75 when only a prefix; ties: newest first (the higher entry number);
     engine.card(n) → promise of the card row [address, title, section, place, date, summary, image, image alt];
     engine.prefetch(query): loads the words of a query being typed that are already finished.
   Entry numbers run oldest first, after the undated entries (the first `undated`). Files are fetched
   whole, once, and kept: a next query only fetches what it has not seen. */
(function () {
  "use strict";
  var WEIGHTS = [4, 2, 1];                  // name; owner, locality, province; summary
  var EXACT = 1.5, PREFIX = 0.75;          // spelt as typed (diacritics and all); only a prefix of the word
  var WORD = /[\p{L}\p{N}_]+/gu;
  var decoder = new TextDecoder();

  function fold(s) { return window.DvkFold(s); }   /* site.js: the site's one folding rule */
  function words(s) { return s.normalize("NFC").toLowerCase().match(WORD) || []; }

  function Reader(buf) { this.b = new Uint8Array(buf); this.i = 0; }
  Reader.prototype.v = function () {
    var x = 0, m = 1, c;
    do { c = this.b[this.i++]; x += (c & 0x7f) * m; m *= 128; } while (c & 0x80);
    return x;
  };
  Reader.prototype.str = function () {
    var n = this.v(), s = decoder.decode(this.b.subarray(this.i, this.i + n));
    this.i += n;
    return s;
  };
  Reader.prototype.list = function () {
    var head = this.v(), n = Math.floor(head / 2), out = new Int32Array(n), k = 0;
    if (head % 2) {                          // a bitmap: entry e is bit e % 8 of byte e / 8
      var size = this.v(), b = this.b, at = this.i;
      for (var j = 0; j < size; j++) {
        var byte = b[at + j];
        for (var bit = 0; byte; bit++, byte >>= 1) if (byte & 1) out[k++] = 8 * j + bit;
      }
      this.i += size;
      return out;
    }
    for (var p = 0; k < n; k++) { p += this.v(); out[k] = p; }
    return out;
  };

  function shardFile(key) {
    if (/^[a-z0-9]+$/.test(key)) return key;
    return "_" + Array.prototype.map.call(new TextEncoder().encode(key),
      function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  function open(url) {
    var files = {}, version = "";
    function get(path) {
      if (!files[path]) {
        files[path] = fetch(url + path + "?v=" + version).then(function (r) {
          if (!r.ok) throw new Error(path);
          return new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
        });
        files[path].catch(function () { delete files[path]; });
      }
      return files[path];
    }

    return fetch(url + "index.json", {cache: "no-cache"}).then(function (r) {
      if (!r.ok) throw new Error("index.json");
      return r.json();
    }).then(function (m) {
      var keys = m.shards ? m.shards.split(" ") : [], keySet = {}, shards = {}, cards = {};
      keys.forEach(function (k) { keySet[k] = true; });
      version = m.version;

      function keyFor(f) {
        for (var l = f.length; l > 0; l--) if (keySet[f.slice(0, l)]) return f.slice(0, l);
        return null;
      }
      /* The shards that may hold words folded to `f` (or starting with it, for a prefix). */
      function shardsFor(f, prefix) {
        var out = [], k = keyFor(f);
        if (k) out.push(k);
        if (prefix) keys.forEach(function (key) { if (key.length > f.length && key.slice(0, f.length) === f) out.push(key); });
        return out;
      }
      function shard(key) {
        if (!shards[key]) {
          shards[key] = get("t/" + shardFile(key) + ".bin").then(function (buf) {
            var r = new Reader(buf), n = r.v(), entries = [];
            for (var i = 0; i < n; i++) {
              var f = r.str(), spellings = [], s = r.v();
              for (var j = 0; j < s; j++) spellings.push({w: r.str(), lists: [r.list(), r.list(), r.list()]});
              entries.push({f: f, spellings: spellings});
            }
            return entries;
          });
        }
        return shards[key];
      }
      function filterList(facet, slug) {
        if ((m.filters[facet] || []).indexOf(slug) < 0) return Promise.resolve(new Int32Array(0));
        return get("f/" + facet + "/" + slug + ".bin").then(function (buf) { return new Reader(buf).list(); });
      }

      /* Per query word: each record's best score for it (0: the word is not in the record). The last
         MEMO words' scores are kept: a reader refining a query ("dan van" → "dan van kheo") reuses them. */
      var memo = new Map(), MEMO = 8;
      function wordScores(w, prefix) {
        var id = w + (prefix ? "\u0000*" : ""), known = memo.get(id);
        if (known) {
          memo.delete(id);
          memo.set(id, known);              // most recently used last
          return known;
        }
        var scores = scoreWord(w, prefix);
        memo.set(id, scores);
        if (memo.size > MEMO) memo.delete(memo.keys().next().value);
        scores.catch(function () { memo.delete(id); });
        return scores;
      }
      function scoreWord(w, prefix) {
        var f = fold(w), keysNeeded = shardsFor(f, prefix);
        return Promise.all(keysNeeded.map(shard)).then(function (parts) {
          var score = new Float32Array(m.records), found = [];
          parts.forEach(function (entries) {
            entries.forEach(function (e) {
              var whole = e.f === f;
              if (!whole && !(prefix && e.f.slice(0, f.length) === f)) return;
              e.spellings.forEach(function (sp) {
                var k = (sp.w === w ? EXACT : 1) * (whole ? 1 : PREFIX);
                sp.lists.forEach(function (list, g) {
                  var s = WEIGHTS[g] * k;
                  for (var i = 0; i < list.length; i++) {
                    var n = list[i];
                    if (score[n] === 0) found.push(n);
                    if (score[n] < s) score[n] = s;
                  }
                });
              });
            });
          });
          return {score: score, found: found};
        });
      }

      function search(query, filters) {
        var ws = words(query || ""), facets = Object.keys(filters || {});
        var last = ws.length - 1;
        return Promise.all([
          Promise.all(ws.map(function (w, i) { return wordScores(w, i === last && fold(w).length >= m.prefix_min); })),
          Promise.all(facets.map(function (k) { return filterList(k, filters[k]); }))
        ]).then(function (got) {
          var perWord = got[0], lists = got[1], candidates = null;
          perWord.forEach(function (p) { if (!candidates || p.found.length < candidates.length) candidates = p.found; });
          lists.forEach(function (l) { if (!candidates || l.length < candidates.length) candidates = l; });
          if (!candidates) {
            candidates = new Int32Array(m.records);
            for (var i = 0; i < m.records; i++) candidates[i] = i;
          }
          var passed = null;
          if (lists.length) {
            passed = new Uint8Array(m.records);
            lists.forEach(function (l) { for (var i = 0; i < l.length; i++) passed[l[i]]++; });
          }
          /* Rank without comparing: each hit's score (in eighths: weights 4, 2, 1; ×1.5; ×0.75), plus one,
             then a counting sort by score, entry numbers descending (newest first) within a score. */
          var rank = new Uint32Array(m.records), top = 0, count = 0;
          for (var c = 0; c < candidates.length; c++) {
            var n = candidates[c], total = 0, ok = true;
            if (passed && passed[n] !== lists.length) continue;
            for (var k = 0; k < perWord.length && ok; k++) {
              var s = perWord[k].score[n];
              if (s === 0) ok = false; else total += s;
            }
            if (!ok) continue;
            rank[n] = Math.round(total * 8) + 1;
            if (rank[n] > top) top = rank[n];
            count++;
          }
          var starts = new Uint32Array(top + 2);
          for (var i = 0; i < m.records; i++) if (rank[i]) starts[rank[i]]++;
          for (var r = top, at = 0; r > 0; r--) { var size = starts[r]; starts[r] = at; at += size; }
          var hits = new Int32Array(count);
          for (var j = m.records - 1; j >= 0; j--) if (rank[j]) hits[starts[rank[j]]++] = j;
          return {hits: hits, words: ws};
        });
      }

      function card(n) {
        var page = Math.floor(n / m.card_page);
        if (!cards[page]) {
          cards[page] = get("c/" + page + ".bin").then(function (buf) { return JSON.parse(decoder.decode(buf)); });
        }
        return cards[page].then(function (rows) { return rows[n - page * m.card_page]; });
      }

      /* As the reader types: start loading the words already finished (followed by a space), which the
         search will need whatever comes next; a word still being typed is not fetched. */
      function prefetch(query) {
        var text = (query || "").normalize("NFC"), ws = words(text);
        if (!/\s$/.test(text)) ws.pop();
        ws.forEach(function (w) { wordScores(w, false).catch(function () {}); });
      }

      return {records: m.records, undated: m.undated, search: search, card: card, prefetch: prefetch, fold: fold,
              words: words,
              prefixMin: m.prefix_min, weights: WEIGHTS, exact: EXACT, prefix: PREFIX};
    });
  }

  window.DvkIndex = open;
})();
