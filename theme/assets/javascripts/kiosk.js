/* Kiosk: the "Quay lại" button, an on-screen key pad for the search box, and, after some time
 * without a touch, key or scroll, back to the home page with an empty search. The key pad sends
 * input events, so typing on it counts as activity. Only kiosk builds load this file. */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="ck-kiosk"]');
  if (!meta || document.querySelector("[data-ck-board]")) {
    return;
  }
  var seconds = Number(meta.getAttribute("content")) || 120;
  var home = new URL(meta.getAttribute("data-home"), window.location.href).href;
  var atHome = window.location.href.split(/[?#]/)[0] === home;
  var timer = null;

  /* "Quay lại": the previous page, or home when this page was the first one shown. */
  var back = document.querySelector("[data-ck-back]");
  if (back) {
    if (atHome) {
      back.setAttribute("aria-disabled", "true");
    }
    back.addEventListener("click", function () {
      if (atHome) {
        return;
      }
      if (window.history.length > 1) {
        window.history.back();
      } else {
        window.location.href = home;
      }
    });
  }

  /* The key pad: A–Z, 0–9, dot, space, backspace, clear; shown when the search box is touched. */
  var ROWS = ["1234567890", "QWERTYUIOP", "ASDFGHJKL.", "ZXCVBNM"];
  var input = document.querySelector("[data-ck-search] input[type=search]");
  var pad = null;

  function type(text) {
    var start = input.selectionStart === null ? input.value.length : input.selectionStart;
    var end = input.selectionEnd === null ? input.value.length : input.selectionEnd;
    input.value = input.value.slice(0, start) + text + input.value.slice(end);
    input.setSelectionRange(start + text.length, start + text.length);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function erase(all) {
    if (all) {
      input.value = "";
    } else {
      var start = input.selectionStart === null ? input.value.length : input.selectionStart;
      var end = input.selectionEnd === null ? input.value.length : input.selectionEnd;
      if (start === end && start > 0) {
        start -= 1;
      }
      input.value = input.value.slice(0, start) + input.value.slice(end);
      input.setSelectionRange(start, start);
    }
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function key(label, action, extra, name) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "ck-keypad__key" + (extra ? " " + extra : "");
    button.textContent = label;
    if (name) {
      button.setAttribute("aria-label", name);
    }
    /* Keep the caret in the search box: a touch on a key must not take the focus. */
    button.addEventListener("pointerdown", function (event) { event.preventDefault(); });
    button.addEventListener("click", function () {
      action();
      input.focus({ preventScroll: true });
    });
    return button;
  }

  function row(keys) {
    var line = document.createElement("div");
    line.className = "ck-keypad__row";
    keys.forEach(function (button) { line.appendChild(button); });
    return line;
  }

  function build() {
    pad = document.createElement("div");
    pad.className = "ck-keypad";
    pad.setAttribute("role", "group");
    pad.setAttribute("aria-label", "Bàn phím trên màn hình");
    pad.setAttribute("data-ck-keypad", "");
    var hint = document.createElement("p");
    hint.className = "ck-keypad__hint";
    hint.textContent = "Gõ chữ không dấu là đủ: tìm kiếm không phân biệt dấu (ví dụ: khai sinh).";
    pad.appendChild(hint);
    ROWS.forEach(function (letters) {
      pad.appendChild(row(letters.split("").map(function (letter) {
        return key(letter, function () { type(letter.toLowerCase()); }, "", letter === "." ? "Dấu chấm" : null);
      })));
    });
    pad.appendChild(row([
      key("Xóa hết", function () { erase(true); }, "ck-keypad__key--action"),
      key("Dấu cách", function () { type(" "); }, "ck-keypad__key--wide"),
      key("⌫ Xóa", function () { erase(false); }, "ck-keypad__key--action", "Xóa lùi một chữ"),
      key("Ẩn bàn phím", hide, "ck-keypad__key--action")
    ]));
    document.body.appendChild(pad);
  }

  function show() {
    if (!pad) {
      build();
    }
    pad.hidden = false;
    document.body.classList.add("ck-keypad-open");
  }

  function hide() {
    if (pad) {
      pad.hidden = true;
      document.body.classList.remove("ck-keypad-open");
    }
  }

  if (input) {
    /* The kiosk's own key pad replaces the system's on-screen keyboard. */
    input.setAttribute("inputmode", "none");
    input.addEventListener("focus", show);
    input.addEventListener("pointerdown", show);
  }

  function reset() {
    hide();
    if (atHome) {
      var search = document.querySelector("[data-ck-search] input[type=search]");
      if (search && search.value) {
        search.value = "";
        search.dispatchEvent(new Event("input"));
      }
      window.scrollTo(0, 0);
      document.documentElement.setAttribute("data-ck-idle-reset", String(Date.now()));
      arm();
    } else {
      window.location.href = home;
    }
  }

  function arm() {
    window.clearTimeout(timer);
    timer = window.setTimeout(reset, seconds * 1000);
  }

  ["pointerdown", "keydown", "input", "touchstart", "wheel", "scroll"].forEach(function (name) {
    window.addEventListener(name, arm, { passive: true, capture: true });
  });
  arm();
})();
