/* congkhai search: Vietnamese the way people type it (no diacritics, capitals, NFD, typos, codes).
 *
 * The index (tim-kiem/chi-muc.js) sets window.congkhaiIndex = {fields, rows}; each row is
 * [kind, code, title, field, time, summary, url]. Kinds: 0 procedure, 1 retired procedure,
 * 2 plan task, 3 contact point; procedures rank first. Pure functions are exported on
 * window.congkhaiSearch so tests can run the very same ranking.
 */
(function () {
  "use strict";

  var KIND_PENALTY = [0, 20, 60, 60];
  var KIND_LABEL = ["", "Đã thay thế hoặc bãi bỏ", "Nhiệm vụ kế hoạch", "Phản ánh, kiến nghị"];

  /* "Đăng Ký" -> "dang ky": lower case, no tone or vowel marks, đ -> d. */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "d").toLowerCase();
  }

  function words(text) {
    return text.normalize("NFC").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  /* A code as typed: "1.001193", "1001193", "1 001193". */
  function codeOf(query) {
    var digits = query.replace(/[\s.]/g, "");
    return /^\d{7}$/.test(digits) ? digits[0] + "." + digits.slice(1) : null;
  }

  /* At most one typo: a letter wrong, missing, extra, or two letters swapped. */
  function withinOneEdit(a, b) {
    if (a === b) {
      return true;
    }
    if (Math.abs(a.length - b.length) > 1) {
      return false;
    }
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) {
      i++;
    }
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  function prepare(index) {
    var vocabulary = new Set();
    var prepared = index.rows.map(function (row) {
      var title = row[2], field = index.fields[row[3]] || "";
      var titleWords = words(title);
      return {
        kind: row[0], code: row[1], title: title, field: field, time: row[4], url: row[6],
        titleWords: titleWords,
        titleFolded: titleWords.map(fold),
        titleText: " " + titleWords.map(fold).join(" ") + " ",
        fieldFolded: words(field).map(fold),
        summaryFolded: words(row[5] || "").map(fold)
      };
    });
    prepared.forEach(function (entry) {
      [entry.titleFolded, entry.fieldFolded, entry.summaryFolded].forEach(function (list) {
        list.forEach(function (word) { vocabulary.add(word); });
      });
    });
    /* A word that exists somewhere is taken as typed; only unknown words are forgiven a typo. */
    prepared.vocabulary = vocabulary;
    return prepared;
  }

  /* How well one query word matches a list of words: 0 when it does not. */
  function wordScore(word, folded, list, exactList, last, fuzzy) {
    var best = 0;
    for (var i = 0; i < list.length; i++) {
      var candidate = list[i], score = 0;
      if (candidate === folded) {
        score = 10 + (exactList && exactList[i] === word ? 4 : 0);
      } else if (last && folded.length >= 2 && candidate.indexOf(folded) === 0) {
        score = 6;
      } else if (fuzzy && folded.length >= 4 && withinOneEdit(folded, candidate)) {
        score = 4;
      }
      if (score > best) {
        best = score;
      }
    }
    return best;
  }

  function score(entry, query, vocabulary) {
    var code = codeOf(query);
    if (code) {
      return entry.kind < 2 && entry.code === code ? 1000 - KIND_PENALTY[entry.kind] : null;
    }
    var queryWords = words(query);
    if (!queryWords.length) {
      return null;
    }
    var total = 0, titleHits = 0;
    for (var i = 0; i < queryWords.length; i++) {
      var word = queryWords[i], folded = fold(word), last = i === queryWords.length - 1;
      var fuzzy = !vocabulary.has(folded);
      var inTitle = wordScore(word, folded, entry.titleFolded, entry.titleWords, last, fuzzy);
      var inField = wordScore(word, folded, entry.fieldFolded, null, last, fuzzy) * 0.6;
      var inSummary = wordScore(word, folded, entry.summaryFolded, null, last, fuzzy) * 0.4;
      var best = Math.max(inTitle, inField, inSummary);
      if (!best) {
        return null;
      }
      titleHits += inTitle ? 1 : 0;
      total += best;
    }
    var phrase = " " + queryWords.map(fold).join(" ") + " ";
    if (queryWords.length > 1 && entry.titleText.indexOf(phrase) !== -1) {
      total += 15;
    }
    /* The fewer words a title has beyond the query, the closer the match. */
    total += 12 * titleHits / entry.titleFolded.length;
    return total - KIND_PENALTY[entry.kind];
  }

  function search(prepared, query, limit) {
    var results = [];
    for (var i = 0; i < prepared.length; i++) {
      var value = score(prepared[i], query, prepared.vocabulary);
      if (value !== null) {
        results.push({ entry: prepared[i], score: value, order: i });
      }
    }
    results.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return results.slice(0, limit || 10).map(function (result) { return result.entry; });
  }

  window.congkhaiSearch = { fold: fold, prepare: prepare, search: search };

  /* The search boxes of the page. */
  function urlOf(entry, base) {
    var path = entry.url || "thu-tuc/" + entry.code + "/index.html";
    return base.replace(/\/?$/, "/") + path;
  }

  function render(box, prepared) {
    var input = box.querySelector("input[type=search]");
    var list = box.querySelector("[data-ck-results]");
    var status = box.querySelector("[data-ck-status]");
    var base = box.getAttribute("data-base") || ".";
    var query = input.value.trim();
    list.textContent = "";
    if (!query) {
      status.textContent = "";
      return;
    }
    var found = search(prepared, query, 10);
    status.textContent = found.length ? "Tìm thấy " + found.length + " kết quả cho “" + query + "”"
      : "Không tìm thấy kết quả cho “" + query + "”. Hãy thử từ khác hoặc xem danh mục thủ tục.";
    found.forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = urlOf(entry, base);
      link.textContent = entry.title;
      var meta = document.createElement("span");
      meta.className = "ck-result__meta";
      var parts = entry.kind < 2 ? ["Mã " + entry.code, entry.field, entry.time] :
        [KIND_LABEL[entry.kind], entry.field, entry.time];
      if (entry.kind === 1) {
        parts.push(KIND_LABEL[1]);
      }
      meta.textContent = parts.filter(Boolean).join(" · ");
      item.appendChild(link);
      item.appendChild(meta);
      list.appendChild(item);
    });
  }

  // The index is a script file (it loads from file:// too), added to the page on demand.
  var pending = [];
  function withIndex(box, callback) {
    if (window.congkhaiIndex) {
      callback(window.congkhaiIndex);
      return;
    }
    pending.push(callback);
    if (pending.length > 1) {
      return;
    }
    var status = box.querySelector("[data-ck-status]");
    status.textContent = "Đang tải danh mục để tìm…";
    var script = document.createElement("script");
    script.src = box.getAttribute("data-index");
    script.onload = function () {
      status.textContent = "";
      var waiting = pending;
      pending = [];
      waiting.forEach(function (run) { run(window.congkhaiIndex); });
    };
    script.onerror = function () {
      status.textContent = "Không tải được danh mục để tìm; hãy tải lại trang.";
      pending = [];
    };
    document.head.appendChild(script);
  }

  function start() {
    var boxes = document.querySelectorAll("[data-ck-search]");
    var prepared = null;
    boxes.forEach(function (box) {
      var form = box.querySelector("form");
      var input = box.querySelector("input[type=search]");
      box.hidden = false;
      var noScript = box.parentNode.querySelector("[data-ck-search-fallback]");
      if (noScript) {
        noScript.hidden = true;
      }
      function update() {
        withIndex(box, function (index) {
          prepared = prepared || prepare(index);
          render(box, prepared);
        });
      }
      function load() {
        withIndex(box, function (index) { prepared = prepared || prepare(index); });
      }
      ["focus", "pointerdown", "keydown"].forEach(function (name) {
        input.addEventListener(name, load, { once: true });
      });
      input.addEventListener("input", update);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var first = box.querySelector("[data-ck-results] a");
        if (first) {
          window.location.href = first.href;
        }
      });
      var fromUrl = new URLSearchParams(window.location.search).get("q");
      if (fromUrl && !input.value) {
        input.value = fromUrl;
      }
      if (input.value) {
        update();
      } else if (box.hasAttribute("data-eager")) {
        load();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
