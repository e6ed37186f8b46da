/* congkhai search boxes: type, see results as you type, Enter opens the first.
 *
 * Ranking lives in search-rank.js (window.congkhaiSearch, also usable from Node); this file
 * only wires the boxes of the page: it loads the index on demand (tim-kiem/chi-muc.js, a
 * script so it loads from file:// too), lists the results, announces their number, and when
 * nothing matches shows the catalogue by field and the feedback contact instead.
 */
(function () {
  "use strict";

  var KIND_LABEL = ["", "Đã thay thế hoặc bãi bỏ", "Nhiệm vụ kế hoạch", "Phản ánh, kiến nghị"];
  var ranker = window.congkhaiSearch;

  /* The search boxes of the page. */
  function urlOf(entry, base) {
    var path = entry.url || "thu-tuc/" + entry.code + "/index.html";
    return base.replace(/\/?$/, "/") + path;
  }

  function render(box, index) {
    var input = box.querySelector("input[type=search]");
    var list = box.querySelector("[data-ck-results]");
    var status = box.querySelector("[data-ck-status]");
    var empty = box.querySelector("[data-ck-search-empty]");
    var base = box.getAttribute("data-base") || ".";
    var query = input.value;
    var shown = query.trim();
    list.textContent = "";
    if (empty) {
      empty.hidden = true;
    }
    if (!shown) {
      status.textContent = "";
      box.ckShown = null;
      return;
    }
    var found = ranker.search(index, query, 10);
    var previous = box.ckShown;
    if (found.incomplete && previous && previous.found.length &&
        shown.indexOf(previous.query) === 0) {
      /* Mid-word ("dn…", "tôi "): keep the last results rather than flash "not found". */
      status.textContent = "Gõ tiếp… (đang hiện kết quả cho “" + previous.query + "”)";
      list.textContent = "";
      previous.items.forEach(function (item) { list.appendChild(item); });
      return;
    }
    box.ckShown = { query: shown, found: found, items: [] };
    if (!found.length) {
      status.textContent = "Không tìm thấy kết quả cho “" + shown + "”.";
      if (empty) {
        empty.hidden = false;
      }
      return;
    }
    var text = "Tìm thấy " + found.length + " kết quả cho “" + shown + "”";
    if (found.unmatched && found.unmatched.length) {
      text += " (không có chữ “" + found.unmatched.join("”, “") + "”; đây là các kết quả gần nhất)";
    }
    status.textContent = text + ".";
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
      box.ckShown.items.push(item);
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
    boxes.forEach(function (box) {
      var form = box.querySelector("form");
      var input = box.querySelector("input[type=search]");
      box.hidden = false;
      var noScript = box.parentNode.querySelector("[data-ck-search-fallback]");
      if (noScript) {
        noScript.hidden = true;
      }
      function update() {
        withIndex(box, function (index) { render(box, index); });
      }
      function load() {
        /* Preparing the index (folding every word) is done while the citizen starts typing. */
        withIndex(box, function (index) { ranker.prepare(index); });
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
