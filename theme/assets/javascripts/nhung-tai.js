/* congkhai: loaded by the ward portal's page, next to the iframes of congkhai's views. Sizes each
 * iframe to the height its view reports, so the portal shows no inner scrollbar. It listens
 * only to messages from the congkhai site it was loaded from, touches only iframes marked
 * data-congkhai, adds no style sheet and makes no request. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__congkhaiLoader) {
    return;
  }
  window.__congkhaiLoader = true;
  var origin = new URL(script.src, window.location.href).origin;

  function frames() {
    return document.querySelectorAll("iframe[data-congkhai]");
  }

  for (var i = 0; i < frames().length; i += 1) {
    frames()[i].style.border = "0";
    frames()[i].style.width = "100%";
  }
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || data.congkhai !== "chieu-cao") {
      return;
    }
    var height = Number(data.height);
    if (!(height > 0 && height < 100000)) {
      return;
    }
    var list = frames();
    for (var j = 0; j < list.length; j += 1) {
      if (list[j].contentWindow === event.source) {
        list[j].style.height = height + "px";
        list[j].setAttribute("data-congkhai-height", String(height));
      }
    }
  });
})();
