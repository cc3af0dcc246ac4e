/* jjj site: the language toggle on every page, and on the index the filters, with the
   command line's meaning. Data comes from data.js (window.JJJ_DATA), made by jjj. No inline
   script, no eval, no HTML built from strings: text goes in through textContent. */
"use strict";
(function () {
  var FACETS = ["expert", "theme", "region", "source"];
  var KINDS = ["proposal", "finding", "all"];

  function params() { return new URLSearchParams(window.location.search); }

  function language(query) { return query.get("lang") === "zh" ? "zh" : "en"; }

  /* Internal links carry the language chosen, so that it follows the reader. */
  function applyLanguage(lang) {
    var root = document.documentElement;
    root.setAttribute("data-lang", lang);
    root.setAttribute("lang", lang === "zh" ? "zh" : "en");
    var toggle = document.querySelector(".lang-toggle");
    if (toggle) { toggle.setAttribute("aria-pressed", lang === "zh" ? "true" : "false"); }
    var links = document.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute("href");
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.charAt(0) === "#") { continue; }
      var hash = "";
      var at = href.indexOf("#");
      if (at >= 0) { hash = href.slice(at); href = href.slice(0, at); }
      href = href.replace(/\?.*$/, "");
      links[i].setAttribute("href", href + (lang === "zh" ? "?lang=zh" : "") + hash);
    }
  }

  /* As query.py's name_key: case, spacing, dashes as spaces, the kind of apostrophe and
     full-width forms set aside. */
  function nameKey(name) {
    return name.replace(/[-\u2013\u2014\u2010\u2011]/g, " ").replace(/[\u2019\u2018]/g, "'")
      .normalize("NFKC").toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  }

  /* The ids a URL's values name, as query.resolve reads the command line's: each value
     whole if it is a name, else its comma-separated parts. Unknown names are collected. */
  function resolve(data, facet, values, unknown) {
    var lookup = data.names[facet];
    var ids = [];
    values.forEach(function (given) {
      var parts = Object.prototype.hasOwnProperty.call(lookup, nameKey(given)) ? [given] : given.split(/[,\uff0c\u3001]/);
      parts.forEach(function (part) {
        part = part.trim();
        if (!part) { return; }
        var key = nameKey(part);
        if (Object.prototype.hasOwnProperty.call(lookup, key)) { ids.push(lookup[key]); }
        else { unknown.push(facet + " '" + part + "'"); }
      });
    });
    return ids;
  }

  /* Search, as explore/fulltext.py's: Chinese as a substring (layout spaces aside), other
     words from the start of a word, quoted phrases as phrases; ranked by the score its
     rank_documents gives, equal scores in list order. Python's [^\W_] (a letter or digit) is
     [\p{L}\p{N}] here. */
  var searching = null;

  function searcher(data) {
    if (searching) { return searching; }
    var chinese = data.chinese.map(function (range) {
      return "\\u{" + range[0].toString(16) + "}-\\u{" + range[1].toString(16) + "}";
    }).join("");
    var C = "[" + chinese + "]";
    var WORD_CHAR = "(?:(?!" + C + ")[\\p{L}\\p{N}])";  // a letter or digit, not Chinese
    searching = {
      isChinese: new RegExp(C, "u"),
      layout: new RegExp("(?<=" + C + ")\\s+(?=" + C + ")", "gu"),
      word: /[\p{L}\p{N}]+/gu,
      start: "(?<!" + WORD_CHAR + ")",
      rest: WORD_CHAR + "*",
      between: "[^\\p{L}\\p{N}]*",
      parts: "[^\\p{L}\\p{N}]+"
    };
    return searching;
  }

  function escapeRegExp(text) { return text.replace(/[\\^$.*+?()[\]{}|\/]/g, "\\$&"); }

  function words(s, text) {
    var found = [];
    text.toLowerCase().split(/\s+/).filter(Boolean).forEach(function (token) {
      var parts = token.match(s.word) || [];
      if (s.isChinese.test(token) || parts.length > 1) { found.push(token); } else { found.push.apply(found, parts); }
    });
    return found;
  }

  function queryTerms(s, query) {
    query = query.replace(s.layout, "");
    var terms = [];
    query.split(/("[^"]*"?)/).forEach(function (chunk) {
      if (chunk.charAt(0) === '"') {
        var phrase = words(s, chunk.replace(/^"+|"+$/g, ""));
        if (phrase.length) { terms.push(phrase); }
      } else {
        words(s, chunk).forEach(function (word) { terms.push([word]); });
      }
    });
    return terms;
  }

  function pattern(s, term) {
    var pieces = term.map(function (word, index) {
      if (s.isChinese.test(word)) { return Array.from(word).map(escapeRegExp).join("\\s*"); }
      var joined = (word.match(s.word) || []).map(escapeRegExp).join(s.parts);
      return s.start + joined + (index < term.length - 1 ? s.rest : "");
    });
    return new RegExp(pieces.join(s.between), "iu");
  }

  /* Each item's score for the query, in catalogue order; -1 for an item it does not find. */
  function scores(data, query) {
    var s = searcher(data);
    var terms = queryTerms(s, query);
    var found = data.items.map(function () { return -1; });
    if (!terms.length) { return found; }
    var patterns = terms.map(function (term) { return pattern(s, term); });
    var together = terms.length === 1 ? patterns[0] : pattern(s, [].concat.apply([], terms));
    data.items.forEach(function (item, index) {
      var matching = [];
      for (var order = 0; order < item.fields.length; order++) {
        var text = item.fields[order];
        var each = null;  // made only for a field a term matches: most match none
        for (var t = 0; t < patterns.length; t++) {
          if (patterns[t].test(text)) { (each = each || patterns.map(function () { return false; }))[t] = true; }
        }
        if (each) { matching.push({ order: order, text: text, each: each }); }
      }
      for (var i = 0; i < terms.length; i++) {
        if (!matching.some(function (m) { return m.each[i]; })) { return; }
      }
      var best = null;
      matching.forEach(function (m) {
        var matched = m.each.filter(Boolean).length;
        var standing = together === patterns[0] || together.test(m.text) ? 3 : matched === terms.length ? 2 : 1;
        var rank = [standing, matched, data.weights[m.order], -m.order];
        if (best === null || later(rank, best)) { best = rank; }
      });
      found[index] = 100 * best[0] + 10 * best[2] + matching.length;
    });
    return found;
  }

  function later(a, b) {
    for (var i = 0; i < a.length; i++) { if (a[i] !== b[i]) { return a[i] > b[i]; } }
    return false;
  }

  function selectionOf(data, query) {
    var selection = { kind: "proposal", unknown: [] };
    var kind = query.get("kind");
    if (kind !== null) {
      if (KINDS.indexOf(kind) >= 0) { selection.kind = kind; } else { selection.unknown.push("kind '" + kind + "'"); }
    }
    FACETS.forEach(function (facet) {
      selection[facet] = resolve(data, facet, query.getAll(facet), selection.unknown);
    });
    return selection;
  }

  /* The set an item's values must meet for one facet: the ids named, and for a region every
     place within it. Null when the facet is not filtered. */
  function wanted(data, facet, ids) {
    if (!ids.length) { return null; }
    var set = {};
    ids.forEach(function (id) {
      (facet === "region" ? data.descendants[id] : [id]).forEach(function (each) { set[each] = true; });
    });
    return set;
  }

  /* What render needs of the page and the data, found once: each item's row (in catalogue
     order, as items are), each value's count cell and box, and for each item the region values
     it counts toward (those holding one of its places), so that a keystroke walks the items
     once and touches only what changed. The rows come in lists of `size` (index.py), the
     catalogue's i-th in list i / size. */
  var prepared = null;

  function prepare(data) {
    if (prepared) { return prepared; }
    var list = document.getElementById("items");
    var lists = Array.prototype.slice.call(list.children);
    var byId = {};
    lists.forEach(function (ol) {
      Array.prototype.forEach.call(ol.children, function (row) { byId[row.getAttribute("data-item-id")] = row; });
    });
    var rows = data.items.map(function (item) { return byId[item.id]; });
    var cells = {};
    var boxes = {};
    var details = {};
    FACETS.forEach(function (facet) {
      cells[facet] = {};
      boxes[facet] = {};
      data.values[facet].forEach(function (id) {
        cells[facet][id] = document.querySelector('[data-count="' + facet + ":" + id + '"]');
        boxes[facet][id] = document.querySelector('input[name="' + facet + '"][value="' + id + '"]');
      });
      details[facet] = document.querySelector('details[data-facet="' + facet + '"]');
    });
    var within = {};  // each place: the region values it counts toward
    data.values.region.forEach(function (region) {
      data.descendants[region].forEach(function (place) { (within[place] = within[place] || []).push(region); });
    });
    var counted = data.items.map(function (item) {
      var each = {};
      FACETS.forEach(function (facet) {
        var seen = {};
        item[facet].forEach(function (value) {
          (facet === "region" ? within[value] || [] : [value]).forEach(function (id) { seen[id] = true; });
        });
        each[facet] = Object.keys(seen);
      });
      return each;
    });
    prepared = {
      lists: lists, size: Number(list.getAttribute("data-rows")), rows: rows, cells: cells,
      boxes: boxes, details: details, counted: counted, counts: {},
      moved: new Uint8Array(rows.length), moves: 0,  // the rows a search took from their place
      held: lists.map(function () { return -1; }),
      starts: lists.map(function (list) { return list.start; }),
      shown: new Uint8Array(rows.length).fill(1)
    };
    return prepared;
  }

  function meets(values, set) {
    for (var i = 0; i < values.length; i++) { if (set[values[i]]) { return true; } }
    return false;
  }

  function render(data) {
    var page = prepare(data);
    var query = params();
    var selection = selectionOf(data, query);
    var sets = {};
    FACETS.forEach(function (facet) { sets[facet] = wanted(data, facet, selection[facet]); });
    var problem = document.getElementById("problem");
    if (selection.unknown.length) {
      problem.textContent = "Unknown: " + selection.unknown.join(", ") + " · 未知：" + selection.unknown.join("，");
      problem.hidden = false;
    } else {
      problem.hidden = true;
    }
    var q = (query.get("q") || "").trim();
    var scored = q ? scores(data, q) : null;
    /* One walk over the items. Each value's count is the items the filters select with this
       facet's filter replaced by that value alone, as `jjj themes --theme …` counts
       (query.codebook): an item no facet filter turns away counts toward its values in every
       facet; one that only this facet's filter turns away, toward its values in this facet. */
    var items = data.items;
    var shown = new Uint8Array(items.length);
    var order = [];  // the items shown, by their place in the catalogue
    var counts = {};
    FACETS.forEach(function (facet) {
      counts[facet] = {};
      data.values[facet].forEach(function (id) { counts[facet][id] = 0; });
    });
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      if (scored !== null && scored[i] < 0) { continue; }
      if (selection.kind !== "all" && item.kind !== selection.kind) { continue; }
      var failed = null;
      var failures = 0;
      for (var f = 0; f < FACETS.length && failures < 2; f++) {
        var set = sets[FACETS[f]];
        if (set && !meets(item[FACETS[f]], set)) { failed = FACETS[f]; failures++; }
      }
      if (failures > 1) { continue; }
      var counted = page.counted[i];
      for (var g = 0; g < FACETS.length; g++) {
        if (failed !== null && failed !== FACETS[g]) { continue; }
        var tally = counts[FACETS[g]];
        var values = counted[FACETS[g]];
        for (var v = 0; v < values.length; v++) { if (tally[values[v]] !== undefined) { tally[values[v]]++; } }
      }
      if (failed === null && !selection.unknown.length) { shown[i] = 1; order.push(i); }
    }
    var count = order.length;
    if (scored !== null) {
      // best first; Array.prototype.sort is stable, which keeps list order among equal scores
      order.sort(function (a, b) { return scored[b] - scored[a]; });
    }
    showRows(data, page, shown, order, scored !== null);
    var box = document.getElementById("q");
    if (box && box.value.trim() !== q) { box.value = q; }
    document.querySelector("#status").firstChild.textContent = count + " ";
    FACETS.forEach(function (facet) {
      data.values[facet].forEach(function (id) {
        var key = facet + ":" + id;
        var cell = page.cells[facet][id];
        if (cell && page.counts[key] !== counts[facet][id]) { cell.textContent = String(counts[facet][id]); }
        page.counts[key] = counts[facet][id];
        var ticked = page.boxes[facet][id];
        if (ticked) { ticked.checked = selection[facet].indexOf(id) >= 0; }
      });
      // a facet filtered is shown open, so that what filters the list is in sight
      if (page.details[facet] && selection[facet].length) { page.details[facet].open = true; }
    });
    var kinds = document.querySelectorAll('input[name="kind"]');
    for (var k = 0; k < kinds.length; k++) { kinds[k].checked = kinds[k].value === selection.kind; }
  }

  /* The rows shown, in `order`, the others hidden, touching as few rows as it can: a row's
     `hidden` is set only when it changes, and a row shown already in its place stays there.
     Without a search the order is the catalogue's: the rows a search moved go back home
     first, each before the row that follows it there. With a search, the rows shown fill the
     lists in order, `size` to a list, so that a list holds no more rows than it did. Each
     list is then numbered on from the one before, and sized (--rows) for the browser to
     guess its height while it is off the screen. */
  function showRows(data, page, shown, order, searched) {
    var rows = page.rows;
    var size = page.size;
    var i;
    if (!searched && page.moves) {
      for (i = rows.length - 1; i >= 0; i--) {
        if (page.moved[i]) {
          var home = Math.floor(i / size);
          page.lists[home].insertBefore(rows[i], i + 1 < rows.length && Math.floor((i + 1) / size) === home ? rows[i + 1] : null);
        }
      }
      page.moved.fill(0);
      page.moves = 0;
    }
    var held = page.lists.map(function () { return 0; });
    for (i = 0; i < rows.length; i++) {
      if (page.shown[i] !== shown[i]) { rows[i].hidden = !shown[i]; }
      if (!searched && shown[i]) { held[Math.floor(i / size)]++; }
    }
    page.shown = shown;
    if (searched) {
      var at = null;
      order.forEach(function (index, k) {
        var list = page.lists[Math.floor(k / size)];
        if (k % size === 0) { at = list.firstElementChild; }
        while (at && at !== rows[index] && at.hidden) { at = at.nextElementSibling; }
        if (at === rows[index]) { at = at.nextElementSibling; } else {
          list.insertBefore(rows[index], at);
          page.moved[index] = 1;
          page.moves++;
        }
        held[Math.floor(k / size)]++;
      });
    }
    // a list showing no row is left numbered as it was
    var before = 0;
    page.lists.forEach(function (list, l) {
      if (page.held[l] !== held[l]) { list.style.setProperty("--rows", String(held[l])); }
      if (held[l] && page.starts[l] !== before + 1) { list.start = page.starts[l] = before + 1; }
      before += held[l];
    });
    page.held = held;
  }

  /* The URL the form's state makes: ids, comma lists, the CLI's flag names. */
  function urlOfForm(form) {
    var query = new URLSearchParams();
    FACETS.forEach(function (facet) {
      var ids = [];
      var boxes = form.querySelectorAll('input[name="' + facet + '"]:checked');
      for (var i = 0; i < boxes.length; i++) { ids.push(boxes[i].value); }
      if (ids.length) { query.set(facet, ids.join(",")); }
    });
    var q = form.querySelector("#q").value.trim();
    if (q) { query.set("q", q); }
    var kind = form.querySelector('input[name="kind"]:checked');
    if (kind && kind.value !== "proposal") { query.set("kind", kind.value); }
    if (language(params()) === "zh") { query.set("lang", "zh"); }
    var text = query.toString();
    return window.location.pathname + (text ? "?" + text : "");
  }

  function start() {
    var lang = language(params());
    applyLanguage(lang);
    var toggle = document.querySelector(".lang-toggle");
    if (toggle) {
      toggle.addEventListener("click", function () {
        var query = params();
        var next = language(query) === "zh" ? "en" : "zh";
        if (next === "zh") { query.set("lang", "zh"); } else { query.delete("lang"); }
        var text = query.toString();
        window.history.pushState(null, "", window.location.pathname + (text ? "?" + text : "") + window.location.hash);
        applyLanguage(next);
      });
    }
    var data = window.JJJ_DATA;
    var form = document.getElementById("filters");
    if (data && form) {
      form.hidden = false;
      form.addEventListener("change", function (event) {
        if (event.target.id === "q") { return; }  // the search is kept as it is typed
        window.history.pushState(null, "", urlOfForm(form));
        render(data);
      });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      document.getElementById("q").addEventListener("input", function () {
        window.history.replaceState(null, "", urlOfForm(form));
        render(data);
      });
      document.getElementById("clear").addEventListener("click", function () {
        var query = new URLSearchParams();
        if (language(params()) === "zh") { query.set("lang", "zh"); }
        var text = query.toString();
        window.history.pushState(null, "", window.location.pathname + (text ? "?" + text : ""));
        render(data);
      });
      render(data);
    }
    window.addEventListener("popstate", function () {
      applyLanguage(language(params()));
      if (data && form) { render(data); }
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
