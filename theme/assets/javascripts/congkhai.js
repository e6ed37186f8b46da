/* congkhai: small enhancements on top of plain HTML; every page works without this file. */
(function () {
  "use strict";

  function pad(number) {
    return String(number).padStart(2, "0");
  }

  /* Paper copies (niêm yết) show the day they were printed, not the day the site was built. */
  window.addEventListener("beforeprint", function () {
    var now = new Date();
    var today = pad(now.getDate()) + "/" + pad(now.getMonth() + 1) + "/" + now.getFullYear();
    document.querySelectorAll("[data-ck-print-date]").forEach(function (element) {
      element.textContent = today;
    });
  });

  /* The closed drawer is out of the tab order (congkhai.css): its menu button, a <label> in
     Material's header, becomes a focusable button for the keyboard. */
  document.querySelectorAll(".md-header label[for='__drawer']").forEach(function (button) {
    button.setAttribute("tabindex", "0");
    button.setAttribute("role", "button");
    button.setAttribute("aria-label", "Mở danh mục trang");
    // Material's keyboard handler already clicks a focused label on Enter.
  });

  /* Catalogue filters: by field, by way of submitting, by statutory list. */
  var form = document.querySelector("[data-ck-filter]");
  if (!form) {
    return;
  }
  var sections = Array.prototype.slice.call(document.querySelectorAll("section[data-field]"));
  var count = form.querySelector("[data-ck-count]");
  var empty = document.querySelector("[data-ck-empty]");
  var total = count.getAttribute("data-total");
  var explain = form.querySelector("[data-ck-explain]");

  function hasTag(row, attribute, value) {
    return !value || (row.getAttribute(attribute) || "").split(" ").indexOf(value) !== -1;
  }

  function apply() {
    var field = form.elements.field.value;
    var channel = form.elements.channel.value;
    var list = form.elements.list.value;
    var shown = 0;
    sections.forEach(function (section) {
      var inField = !field || section.getAttribute("data-field") === field;
      var visible = 0;
      section.querySelectorAll("tbody tr").forEach(function (row) {
        var keep = inField && hasTag(row, "data-channels", channel) && hasTag(row, "data-lists", list);
        row.hidden = !keep;
        visible += keep ? 1 : 0;
      });
      section.hidden = visible === 0;
      shown += visible;
    });
    // The field jump offers only the fields the filters leave on the page.
    document.querySelectorAll("[data-field-link]").forEach(function (item) {
      var target = document.getElementById(item.getAttribute("data-field-link"));
      item.hidden = !target || target.parentNode.hidden;
    });
    var chosen = form.elements.list.selectedOptions[0];
    if (explain) {
      explain.textContent = chosen ? chosen.getAttribute("data-explain") || "" : "";
    }
    count.textContent = "Đang hiển thị " + shown + " trên " + total + " thủ tục";
    if (empty) {
      empty.hidden = shown !== 0;
    }
  }

  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  // The page as built shows everything: filter at load only when the browser restored a choice
  // (going back to the page), and spare a phone the walk over every row otherwise.
  if (form.elements.field.value || form.elements.channel.value || form.elements.list.value) {
    apply();
  }
})();
