/* congkhai search widget for the ward's portal: paste
 *   <div data-congkhai-tim-kiem></div>
 *   <script src="https://…/assets/javascripts/nhung-tim-kiem.js" async></script>
 * into any HTML block. The box lives in a shadow root with its own style sheet (made from
 * script, so the portal's styles and its Content-Security-Policy for inline styles are not
 * touched); it loads congkhai's own ranker (search-rank.js) and index (tim-kiem/chi-muc.js)
 * from the congkhai site, the same ranking as the site, and links results to the site.
 * It requests nothing from anywhere else. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) {
    return;
  }
  var site = new URL("../../", script.src).href;
  /* As on the site's own search page (search.js). */
  var KIND_LABEL = ["", "Đã thay thế hoặc bãi bỏ", "Nhiệm vụ kế hoạch", "Phản ánh, kiến nghị"];
  var CSS = [
    ":host { all: initial; display: block; font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; color: #1f2937; }",
    ".box { border: 1px solid #d1d5db; border-radius: 8px; padding: 12px; background: #fff; }",
    "label { display: block; font-weight: 700; margin-bottom: 6px; }",
    "input { box-sizing: border-box; width: 100%; min-height: 48px; font: inherit; padding: 8px 12px; border: 2px solid #6b7280; border-radius: 6px; }",
    "input:focus { outline: 3px solid #b45309; outline-offset: 1px; }",
    ".hint, .status { font-size: 14px; color: #4b5563; margin: 6px 0 0; }",
    "ol { list-style: none; margin: 8px 0 0; padding: 0; }",
    "li { border-top: 1px solid #e5e7eb; padding: 8px 0; }",
    "a { color: #9b1c1c; font-weight: 700; text-decoration: underline; }",
    ".meta { display: block; font-size: 14px; color: #4b5563; }"
  ].join("\n");

  function load(path, ready) {
    var tag = document.createElement("script");
    tag.src = site + path;
    tag.async = true;
    tag.onload = ready;
    tag.onerror = ready;
    document.head.appendChild(tag);
  }

  var waiting = [];
  var state = "idle";
  /* The ranker and the index, loaded once for every box of the page, when first needed. */
  function ready(callback) {
    if (state === "done") {
      callback();
      return;
    }
    waiting.push(callback);
    if (state === "loading") {
      return;
    }
    state = "loading";
    var left = 2;
    function one() {
      left -= 1;
      if (left === 0) {
        state = "done";
        waiting.splice(0).forEach(function (run) { run(); });
      }
    }
    if (window.congkhaiSearch) {
      one();
    } else {
      load("assets/javascripts/search-rank.js", one);
    }
    if (window.congkhaiIndex) {
      one();
    } else {
      load("tim-kiem/chi-muc.js", one);
    }
  }

  function element(name, className, text) {
    var made = document.createElement(name);
    if (className) {
      made.className = className;
    }
    if (text) {
      made.textContent = text;
    }
    return made;
  }

  function mount(host, number) {
    if (host.shadowRoot) {
      return;
    }
    var root = host.attachShadow({ mode: "open" });
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
    var box = element("div", "box");
    var form = element("form");
    form.setAttribute("role", "search");
    var id = "congkhai-tim-kiem-" + number;
    var label = element("label", "", "Tìm thủ tục hành chính");
    label.setAttribute("for", id);
    var input = element("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    input.spellcheck = false;
    input.placeholder = "Ví dụ: khai sinh, chứng thực, 1.001193";
    var hint = element("p", "hint", "Gõ có dấu hoặc không dấu.");
    var status = element("p", "status");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var list = element("ol");
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(hint);
    box.appendChild(form);
    box.appendChild(status);
    box.appendChild(list);
    root.appendChild(box);

    function show() {
      var query = input.value.trim();
      list.textContent = "";
      if (!query) {
        status.textContent = "";
        return;
      }
      if (!window.congkhaiSearch || !window.congkhaiIndex) {
        status.textContent = "Không tải được danh mục để tìm.";
        return;
      }
      var found = window.congkhaiSearch.search(window.congkhaiIndex, input.value, 8);
      if (!found.length) {
        status.textContent = "Không tìm thấy kết quả cho “" + query + "”.";
        var more = element("li");
        var catalogue = element("a", "", "Xem danh mục thủ tục theo lĩnh vực");
        catalogue.href = site + "thu-tuc/index.html";
        more.appendChild(catalogue);
        list.appendChild(more);
        return;
      }
      status.textContent = "Tìm thấy " + found.length + " kết quả cho “" + query + "”.";
      found.forEach(function (entry) {
        var item = element("li");
        var link = element("a", "", entry.title);
        link.href = site + (entry.url || "thu-tuc/" + entry.code + "/index.html");
        var what = entry.kind < 2 ? "Mã " + entry.code : KIND_LABEL[entry.kind];
        var meta = element("span", "meta", [what, entry.field, entry.time,
          entry.kind === 1 ? KIND_LABEL[1] : ""].filter(Boolean).join(" · "));
        item.appendChild(link);
        item.appendChild(meta);
        list.appendChild(item);
      });
    }

    input.addEventListener("focus", function () { ready(function () {}); }, { once: true });
    input.addEventListener("input", function () { ready(show); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      ready(function () {
        show();
        var first = list.querySelector("a");
        if (first) {
          window.location.href = first.href;
        }
      });
    });
  }

  var hosts = document.querySelectorAll("[data-congkhai-tim-kiem]");
  for (var i = 0; i < hosts.length; i += 1) {
    mount(hosts[i], i + 1);
  }
})();
