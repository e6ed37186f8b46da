/* Inside an embedded view (nhung/): tell the portal page how tall the view is, so its loader
 * (nhung-tai.js) sizes the iframe and the portal never shows an inner scrollbar; with the
 * address ending in #tab-moi, links open in a new tab instead of the portal's window. */
(function () {
  "use strict";
  if (window.location.hash === "#tab-moi") {
    var base = document.querySelector("base");
    if (base) {
      base.setAttribute("target", "_blank");
    }
    document.querySelectorAll("a[href]").forEach(function (link) {
      link.setAttribute("rel", "noopener");
    });
  }
  if (window.parent === window) {
    return;
  }
  var view = document.querySelector("[data-ck-embed]");
  var last = 0;

  function height() {
    var inner = view.closest(".md-content__inner") || view;
    var bottom = inner.getBoundingClientRect().bottom + window.scrollY;
    var margin = parseFloat(window.getComputedStyle(inner).marginBottom) || 0;
    return Math.ceil(bottom + margin);
  }

  function send() {
    var now = height();
    if (now !== last) {
      last = now;
      window.parent.postMessage({ congkhai: "chieu-cao", height: now }, "*");
    }
  }

  if (window.ResizeObserver) {
    new ResizeObserver(send).observe(view);
  }
  window.addEventListener("load", send);
  send();
})();
