/* Kiosk: after some time without a touch, key or scroll, go back to the home page with an
 * empty search. An on-screen keyboard sends key and input events, so typing counts. */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="ck-kiosk"]');
  if (!meta || document.querySelector("[data-ck-board]")) {
    return;
  }
  var seconds = Number(meta.getAttribute("content")) || 120;
  var home = new URL(meta.getAttribute("data-home"), window.location.href).href;
  var timer = null;

  function reset() {
    var atHome = window.location.href.split(/[?#]/)[0] === home;
    var search = document.querySelector("[data-ck-search] input[type=search]");
    if (atHome) {
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
