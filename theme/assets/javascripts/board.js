/* The wall TV board scrolls itself: down slowly, a pause at the end, back to the top, again. */
(function () {
  "use strict";
  var board = document.querySelector("[data-ck-board]");
  if (!board) {
    return;
  }
  var speed = Number(board.getAttribute("data-speed")) || 40; /* pixels a second */
  var pause = 4000;
  var last = null, waitUntil = performance.now() + pause;

  function step(now) {
    var bottom = document.documentElement.scrollHeight - window.innerHeight;
    if (now >= waitUntil) {
      var elapsed = last === null ? 0 : Math.min(now - last, 100);
      window.scrollBy(0, speed * elapsed / 1000);
      if (window.scrollY >= bottom - 1) {
        waitUntil = now + pause;
        setTimeout(function () { window.scrollTo(0, 0); }, pause - 200);
      }
    }
    last = now;
    board.setAttribute("data-ck-position", String(Math.round(window.scrollY)));
    window.requestAnimationFrame(step);
  }
  window.requestAnimationFrame(step);
})();
