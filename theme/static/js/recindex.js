/* The site's compact search index (plugins/dvk/derive/recindex.py; format in the README's "Search" section):
   model records, news posts and documents. window.DvkIndex(url) opens the index at `url` (ending in "/")
   and returns a promise of an engine:
     engine.search(query, filters, order) → promise of {count, words: [...], first(k), all()}: the entries found,
       as Int32Arrays of entry numbers: all() every one, in order, first(k) the first k of them, picked without
       ordering the others (filters: facet → slug, e.g. {tinh: "lam-dong"}; order: "" best first, "moi-nhat"
       newest first, "cu-nhat" oldest first, undated entries last in both); every word must match (folded: no diacritics,
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

  /* The hot loops, small functions on typed arrays only, so that the engine compiles them early. */
  /* Each entry of `list` gets at least score `s`; those seen first are added to `found`. */
  function raise(score, list, s, found, count) {
    for (var i = 0; i < list.length; i++) {
      var n = list[i], was = score[n];
      if (was === 0) found[count++] = n;
      if (was < s) score[n] = s;
    }
    return count;
  }
  /* rank[n]: the sum of the words' scores plus one for the candidates with every word (and, when there are
     `filters` filters, every filter value: passed[n]); byRank counts them by rank. Returns how many. */
  function rankAll(candidates, scores, passed, filters, rank, byRank) {
    var W = scores.length, count = 0;
    for (var c = 0; c < candidates.length; c++) {
      var n = candidates[c], total = 1;
      if (filters && passed[n] !== filters) continue;
      for (var k = 0; k < W; k++) {
        var s = scores[k][n];
        if (s === 0) { total = 0; break; }
        total += s;
      }
      if (total) {
        rank[n] = total;
        byRank[total]++;
        count++;
      }
    }
    return count;
  }

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
      /* The shards that may hold words folded to `f` or, for a prefix, starting with it; and whether a prefix
         file stands for those of them whose keys are longer than `f` (when there are two or more). */
      function shardsFor(f, prefix) {
        var out = [], k = keyFor(f), longer = [];
        if (k) out.push(k);
        if (prefix) keys.forEach(function (key) { if (key.length > f.length && key.slice(0, f.length) === f) longer.push(key); });
        if (longer.length >= 2) return {keys: out, prefixFile: true};
        return {keys: out.concat(longer), prefixFile: false};
      }
      /* A prefix file: the entries with a word longer than `f` that starts with it, by their best field. */
      var prefixes = {};
      function prefixLists(f) {
        if (!prefixes[f]) {
          prefixes[f] = get("p/" + shardFile(f) + ".bin").then(function (buf) {
            var r = new Reader(buf);
            return [r.list(), r.list(), r.list()];
          });
          prefixes[f].catch(function () { delete prefixes[f]; });
        }
        return prefixes[f];
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

      /* Per query word: each entry's best score for it, in eighths (name 32, owner 16, summary 8; ×1.5 spelt as
         typed, ×0.75 only a prefix: whole numbers up to 48), 0 when the word is not in the entry, and the
         entries that have it. The last MEMO words' scores are kept: a reader refining a query ("dan van" →
         "dan van kheo") reuses them. */
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
        var f = fold(w), needed = shardsFor(f, prefix), byFile = needed.prefixFile;
        return Promise.all([Promise.all(needed.keys.map(shard)), byFile ? prefixLists(f) : null]).then(function (got) {
          var lists = [], values = [], room = 0;
          if (byFile) {                     // the words longer than f: only a prefix, never spelt as typed
            got[1].forEach(function (list, g) {
              lists.push(list);
              values.push(WEIGHTS[g] * PREFIX * 8);
              room += list.length;
            });
          }
          got[0].forEach(function (entries) {
            entries.forEach(function (e) {
              var whole = e.f === f;
              if (!whole && (byFile || !(prefix && e.f.slice(0, f.length) === f))) return;
              e.spellings.forEach(function (sp) {
                var k = (sp.w === w ? EXACT : 1) * (whole ? 1 : PREFIX);
                sp.lists.forEach(function (list, g) {
                  if (!list.length) return;
                  lists.push(list);
                  values.push(WEIGHTS[g] * k * 8);
                  room += list.length;
                });
              });
            });
          });
          var score = new Uint8Array(m.records), found = new Int32Array(room), count = 0;
          for (var l = 0; l < lists.length; l++) count = raise(score, lists[l], values[l], found, count);
          return {score: score, found: found.subarray(0, count)};
        });
      }

      /* The entries with every word and filter value: `count`, `first(k)` (the first k of the order, found
         without ordering them all: the page shows them while the rest waits) and `all()` (every one, in
         order). order "": best first (the sum of the words' scores; ties: newest first, the higher entry
         number); "moi-nhat" newest first, "cu-nhat" oldest first, the undated ones last in both. */
      function search(query, filters, order) {
        var ws = words(query || ""), facets = Object.keys(filters || {});
        var last = ws.length - 1;
        return Promise.all([
          Promise.all(ws.map(function (w, i) { return wordScores(w, i === last && fold(w).length >= m.prefix_min); })),
          Promise.all(facets.map(function (k) { return filterList(k, filters[k]); }))
        ]).then(function (got) {
          return answer(ws, got[0], got[1], order || "");
        });
      }

      function answer(ws, perWord, lists, order) {
        var N = m.records, candidates = null;
        perWord.forEach(function (p) { if (!candidates || p.found.length < candidates.length) candidates = p.found; });
        lists.forEach(function (l) { if (!candidates || l.length < candidates.length) candidates = l; });
        if (!candidates) {
          candidates = new Int32Array(N);
          for (var i = 0; i < N; i++) candidates[i] = i;
        }
        var passed = null;
        if (lists.length) {
          passed = new Uint8Array(N);
          lists.forEach(function (l) { for (var i = 0; i < l.length; i++) passed[l[i]]++; });
        }
        var scores = perWord.map(function (p) { return p.score; }), W = scores.length, L = lists.length;
        /* rank: the score sum plus one (0: not a hit); byRank: how many hits have each rank. */
        var rank = new Uint32Array(N), byRank = new Uint32Array(48 * W + 2);
        var count = rankAll(candidates, scores, passed || new Uint8Array(0), L, rank, byRank);
        var undated = Math.min(m.undated, N), everything = null;

        /* By date: the dated hits newest (or oldest) first, then the undated ones; at most `limit`. */
        function byDate(limit) {
          var out = new Int32Array(Math.min(limit, count)), at = 0, j;
          if (order === "cu-nhat") {
            for (j = undated; j < N && at < out.length; j++) if (rank[j]) out[at++] = j;
          } else {
            for (j = N - 1; j >= undated && at < out.length; j--) if (rank[j]) out[at++] = j;
          }
          for (j = 0; j < undated && at < out.length; j++) if (rank[j]) out[at++] = j;
          return out;
        }

        function all() {
          if (everything) return everything;
          if (order) return (everything = byDate(count));
          /* A counting sort: where each rank starts, then the entries, newest first within a rank. */
          var out = new Int32Array(count), starts = new Uint32Array(byRank.length), j;
          for (var r = byRank.length - 1, sum = 0; r > 0; r--) { starts[r] = sum; sum += byRank[r]; }
          for (j = N - 1; j >= 0; j--) if (rank[j]) out[starts[rank[j]]++] = j;
          return (everything = out);
        }

        function first(k) {
          if (everything) return everything.slice(0, k);
          if (order) return byDate(k);
          /* The lowest rank among the first k, `edge`: every hit ranked above it, and the newest of those at it. */
          var above = 0, edge = byRank.length - 1;
          while (edge > 1 && above + byRank[edge] < k) above += byRank[edge--];
          var atEdge = Math.min(k - above, byRank[edge]), picked = [];
          for (var j = N - 1; j >= 0 && (above > 0 || atEdge > 0); j--) {
            var r = rank[j];
            if (r > edge) { picked.push(j); above--; } else if (r === edge && atEdge > 0) { picked.push(j); atEdge--; }
          }
          picked.sort(function (a, b) { return rank[b] - rank[a] || b - a; });
          return Int32Array.from(picked);
        }

        return {count: count, words: ws, first: first, all: all};
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
