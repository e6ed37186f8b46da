/* The wall TV board shows one screen at a time, each for data-seconds, then the next, forever.
 * A screen whose table (or list) is taller than the TV is cut into several screens, each with
 * its heading and its table's column headings. Needs no input and makes no request. */
(function () {
  "use strict";
  var board = document.querySelector("[data-ck-board]");
  if (!board) {
    return;
  }
  var seconds = Number(board.getAttribute("data-seconds")) || 15;
  var pager = board.querySelector("[data-ck-board-pager]");
  var originals = Array.prototype.slice.call(board.querySelectorAll("[data-ck-board-screen]"));
  var screens = [];
  var shown = 0;
  var timer = null;

  function room() {
    var head = board.querySelector(".ck-board__head");
    return window.innerHeight - (head ? head.getBoundingClientRect().height : 0);
  }

  /* An empty copy of a screen: its heading and, for a table, its column headings. */
  function emptyCopy(screen) {
    var copy = screen.cloneNode(true);
    var items = copy.querySelectorAll("[data-ck-board-item]");
    for (var i = 0; i < items.length; i += 1) {
      items[i].parentNode.removeChild(items[i]);
    }
    return copy;
  }

  function holder(screen) {
    var body = screen.querySelector("tbody");
    return body || screen;
  }

  /* Cut one screen into as many as it takes for each to fit the TV. */
  function cut(screen, limit) {
    var items = Array.prototype.slice.call(screen.querySelectorAll("[data-ck-board-item]"));
    var result = [];
    var current = emptyCopy(screen);
    board.appendChild(current);
    current.classList.add("ck-board__screen--shown");
    items.forEach(function (item) {
      var copy = item.cloneNode(true);
      holder(current).appendChild(copy);
      var full = current.getBoundingClientRect().height > limit;
      if (full && holder(current).querySelectorAll("[data-ck-board-item]").length > 1) {
        holder(current).removeChild(copy);
        current.classList.remove("ck-board__screen--shown");
        result.push(current);
        current = emptyCopy(screen);
        board.appendChild(current);
        current.classList.add("ck-board__screen--shown");
        holder(current).appendChild(copy);
      }
    });
    current.classList.remove("ck-board__screen--shown");
    result.push(current);
    return result;
  }

  function show(index) {
    screens.forEach(function (screen, i) {
      screen.classList.toggle("ck-board__screen--shown", i === index);
    });
    shown = index;
    if (pager) {
      pager.textContent = (index + 1) + "/" + screens.length;
    }
    board.setAttribute("data-ck-screen", String(index + 1));
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      show((shown + 1) % screens.length);
    }, seconds * 1000);
  }

  function layout() {
    screens.forEach(function (screen) {
      if (screen.parentNode) {
        screen.parentNode.removeChild(screen);
      }
    });
    board.classList.add("ck-board--paged");
    var limit = room();
    screens = [];
    originals.forEach(function (screen) {
      screens = screens.concat(cut(screen, limit));
    });
    board.setAttribute("data-ck-screens", String(screens.length));
    show(Math.min(shown, screens.length - 1));
  }

  originals.forEach(function (screen) {
    screen.parentNode.removeChild(screen);
  });
  layout();
  var resizing = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(layout, 300);
  });
})();
