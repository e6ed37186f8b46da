// congkhai's additions to Decap CMS: read and write content files as staff write them, and
// refuse a citizen's personal data in the form with the same message as `congkhai check`.
// Everything per field comes from du-lieu.js, which congkhai generates from its schema.
(function () {
  "use strict";
  var data = window.CONGKHAI_EDITOR;
  var CMS = window.CMS;
  var yaml = window.jsyaml;
  var YES_WORDS = ["có", "co", "true", "yes", "đúng"];
  var NO_WORDS = ["không", "khong", "false", "no", "sai"];

  function isEmpty(value) {
    if (value === null || value === undefined) return true;
    if (typeof value === "string") return value.trim() === "";
    if (Array.isArray(value)) return value.length === 0;
    if (typeof value === "object") return Object.keys(value).length === 0;
    return false;
  }

  // File → form: every scalar stays text (YAML's failsafe schema, like congkhai's loader);
  // yes/no words become the form's two choices, one unit becomes a one-item list, and a
  // mapping of codes to names becomes a list of (code, name) rows.
  function toForm(value, shape) {
    if (value === null || value === undefined) return value;
    if (shape === "yesno" && typeof value === "string") {
      var word = value.trim().toLowerCase();
      if (YES_WORDS.indexOf(word) >= 0) return data.yes;
      if (NO_WORDS.indexOf(word) >= 0) return data.no;
      return value;
    }
    if (Array.isArray(shape) && shape[0] === "dict" && typeof value === "object") {
      return Object.keys(value).map(function (key) {
        return { key: key, value: value[key] };
      });
    }
    if (Array.isArray(shape) && (shape[0] === "list" || shape[0] === "one_or_many")) {
      var items = Array.isArray(value) ? value : [value];
      return items.map(function (item) {
        return toForm(item, shape[1]);
      });
    }
    if (shape && shape.map && typeof value === "object" && !Array.isArray(value)) {
      var out = {};
      Object.keys(value).forEach(function (key) {
        out[key] = toForm(value[key], shape.map[key]);
      });
      return out;
    }
    return value;
  }

  // Form → file: keys in the schema's order (unknown keys kept after them), empty fields
  // left out (as staff leave out what does not apply), editor-only fields dropped.
  function toFile(value, shape, drop) {
    if (value === null || value === undefined) return undefined;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    if (Array.isArray(shape) && shape[0] === "dict" && Array.isArray(value)) {
      var mapping = {};
      value.forEach(function (row) {
        if (row && !isEmpty(row.key)) mapping[String(row.key).trim()] = row.value;
      });
      return isEmpty(mapping) ? undefined : mapping;
    }
    if (Array.isArray(shape) && Array.isArray(value)) {
      var items = value
        .map(function (item) {
          return toFile(item, shape[1], []);
        })
        .filter(function (item) {
          return !isEmpty(item);
        });
      if (items.length === 0) return undefined;
      return shape[0] === "one_or_many" && items.length === 1 ? items[0] : items;
    }
    if (shape && shape.map && typeof value === "object" && !Array.isArray(value)) {
      var out = {};
      var keys = Object.keys(shape.map).concat(
        Object.keys(value).filter(function (key) {
          return !(key in shape.map);
        })
      );
      keys.forEach(function (key) {
        if ((drop || []).indexOf(key) >= 0 || !(key in value)) return;
        var item = toFile(value[key], shape.map[key], []);
        if (!isEmpty(item)) out[key] = item;
      });
      return out;
    }
    return value;
  }

  // Codes (1.001193) and phone numbers (0296...) are text to congkhai but numbers to other YAML
  // readers, which would drop their zeros: the dumper quotes what this type would claim, as
  // staff are taught to. (Reading uses the failsafe schema: every value stays text.)
  var numberLike = new yaml.Type("tag:congkhai,2026:number-like", {
    kind: "scalar",
    resolve: function (text) {
      return /^(0\d+|[+-]?\d+\.\d+)$/.test(text);
    },
  });
  var DUMP_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({ implicit: [numberLike] });

  Object.keys(data.formats).forEach(function (name) {
    var format = data.formats[name];
    CMS.registerCustomFormat(name, "yml", {
      fromFile: function (text) {
        var parsed = yaml.load(text, { schema: yaml.FAILSAFE_SCHEMA }) || {};
        return toForm(parsed, format.shape);
      },
      toFile: function (value) {
        var body = yaml.dump(toFile(value, format.shape, format.drop) || {}, {
          schema: DUMP_SCHEMA,
          lineWidth: 100,
          noRefs: true,
          quotingType: '"',
        });
        // The first line points VS Code's YAML extension at the schema: always restored.
        return format.header.join("\n") + "\n" + body;
      },
    });
  });

  // Text published about a citizen's dossier: the same patterns and messages as `check`.
  function guarded(baseName) {
    var base = CMS.getWidget(baseName);
    var rules = data.personalData.map(function (rule) {
      return [new RegExp(rule[0]), rule[1]];
    });
    var Control = window.createClass({
      isValid: function () {
        var value = this.props.value;
        if (typeof value !== "string") return true;
        for (var i = 0; i < rules.length; i++) {
          if (rules[i][0].test(value)) return { error: { message: rules[i][1] } };
        }
        return true;
      },
      render: function () {
        return window.h(base.control, this.props);
      },
    });
    CMS.registerWidget("congkhai-guarded-" + baseName, Control, base.preview);
  }
  guarded("string");
  guarded("text");

  // Decap's Vietnamese phrases leave some texts in English ("Add …"): fill them in.
  var MISSING_VI = {
    "auth.loginWithForgejo": "Đăng nhập bằng Forgejo",
    "collection.collectionTop.viewAs": "Xem dạng",
    "collection.collectionTop.viewAsList": "Xem dạng danh sách",
    "collection.collectionTop.viewAsGrid": "Xem dạng lưới",
    "collection.collectionTop.groupBy": "Nhóm theo",
    "collection.entries.unpublishedHeader": "Mục chưa công bố",
    "collection.groups.other": "Khác",
    "collection.groups.negateLabel": "Không %{label}",
    "editor.editorControl.field.widgetLabel": "Ô %{widgetLabel}",
    "editor.editorInterface.togglePreview": "Bật, tắt xem trước",
    "editor.editorInterface.toggleScrollSync": "Cuộn cùng nhau",
    "editor.editorToolbar.statusInfoTooltipDraft":
      "Mục đang là bản nháp. Khi đã xong, chuyển sang trạng thái chờ duyệt để gửi duyệt.",
    "editor.editorToolbar.statusInfoTooltipInReview":
      "Mục đang chờ duyệt, không cần làm gì thêm; vẫn có thể sửa tiếp trong khi chờ.",
    "editor.editorWidgets.datetime.setToNow": "Đặt %{fieldLabel} là bây giờ",
    "editor.editorWidgets.list.add": "Thêm %{item}",
    "editor.editorWidgets.list.addType": "Thêm %{item}",
    "editor.editorWidgets.object.expand": "Mở ra",
    "editor.editorWidgets.object.collapse": "Thu gọn",
    "ui.settingsDropdown.account": "Tùy chọn tài khoản",
    // Decap's own Vietnamese, corrected where it is cut short ("Trạng:") or keeps English words.
    "editor.editorToolbar.status": "Trạng thái: %{status}",
    // The workflow cards' date is formatted in English ("1 December"): numbers only.
    "workflow.workflow.dateFormat": "DD/MM/YYYY",
    "editor.editorToolbar.deployPreviewPendingButtonLabel": "Kiểm tra bản xem trước",
    "app.app.waitingBackend": "Đang kết nối với kho nội dung…",
    "app.app.checkConfigYml": "Kiểm tra lại tệp config.yml.",
    "editor.editorWidgets.unknownControl.noControl": "Không có ô nhập cho kiểu trường '%{widget}'.",
    "editor.editorWidgets.unknownPreview.noPreview": "Không có bản xem trước cho kiểu trường '%{widget}'.",
    "ui.errorBoundary.reportIt": "báo lỗi cho Decap CMS trên GitHub.",
    "ui.errorBoundary.privacyWarning":
      "Trang báo lỗi được điền sẵn nội dung lỗi và thông tin kỹ thuật.\nHãy xem lại và xóa dữ liệu riêng tư nếu có.",
    "ui.toast.onBackendDown": "Dịch vụ kho nội dung đang gặp sự cố. Xem %{details} để biết thêm.",
    "auth.errors.identitySettings":
      "Không truy cập được thiết lập danh tính. Khi dùng git-gateway, hãy bật dịch vụ Identity và Git Gateway.",
    // Parts congkhai does not use today (notes, Markdown, images, i18n), translated all the
    // same so that no English shows if a later schema uses them (tests/test_editor.py checks
    // every phrase of Decap's English locale).
    "auth.loginWithAzure": "Đăng nhập bằng Azure",
    "editor.editorControlPane.i18n.writingInLocale": "Đang viết bằng %{locale}",
    "editor.editorControlPane.i18n.copyFromLocale": "Điền từ ngôn ngữ khác",
    "editor.editorControlPane.i18n.copyFromLocaleConfirm":
      "Điền dữ liệu từ ngôn ngữ %{locale}?\nMọi nội dung đang có sẽ bị ghi đè.",
    "editor.editorInterface.toggleI18n": "Bật, tắt nhiều ngôn ngữ",
    "editor.editorInterface.toggleNotes": "Hiện, ẩn ghi chú",
    "editor.editorNotesPane.title": "Ghi chú",
    "editor.editorNotesPane.emptyState": "Chưa có ghi chú. Viết ghi chú đầu tiên ở dưới để cùng trao đổi.",
    "editor.editorNotesPane.addNote": "Thêm ghi chú",
    "editor.editorNotesPane.addPlaceholder": "Viết một ghi chú…",
    "editor.editorNotesPane.editPlaceholder": "Sửa ghi chú…",
    "editor.editorNotesPane.save": "Lưu",
    "editor.editorNotesPane.cancel": "Hủy",
    "editor.editorNotesPane.edit": "Sửa",
    "editor.editorNotesPane.delete": "Xóa",
    "editor.editorNotesPane.resolve": "Đánh dấu đã xong",
    "editor.editorNotesPane.unresolve": "Mở lại",
    "editor.editorNotesPane.confirmDelete": "Xóa ghi chú này?",
    "editor.editorNotesPane.shortcut": "Mẹo: bấm Ctrl+Enter để thêm ghi chú nhanh",
    "editor.editorWidgets.markdown.bold": "Chữ đậm",
    "editor.editorWidgets.markdown.italic": "Chữ nghiêng",
    "editor.editorWidgets.markdown.strikethrough": "Gạch ngang",
    "editor.editorWidgets.markdown.code": "Mã",
    "editor.editorWidgets.markdown.link": "Liên kết",
    "editor.editorWidgets.markdown.linkPrompt": "Nhập địa chỉ của liên kết",
    "editor.editorWidgets.markdown.headings": "Đề mục",
    "editor.editorWidgets.markdown.quote": "Trích dẫn",
    "editor.editorWidgets.markdown.bulletedList": "Danh sách gạch đầu dòng",
    "editor.editorWidgets.markdown.numberedList": "Danh sách đánh số",
    "editor.editorWidgets.markdown.addComponent": "Thêm thành phần",
    "editor.editorWidgets.markdown.toggleMode.rich": "Chuyển sang soạn thảo trực quan",
    "editor.editorWidgets.markdown.toggleMode.markdown": "Chuyển sang soạn thảo Markdown",
    "editor.editorWidgets.image.chooseMultiple": "Chọn ảnh",
    "editor.editorWidgets.image.chooseUrl": "Chèn từ địa chỉ trên mạng",
    "editor.editorWidgets.image.replaceUrl": "Thay bằng địa chỉ trên mạng",
    "editor.editorWidgets.image.promptUrl": "Nhập địa chỉ của ảnh",
    "editor.editorWidgets.image.addMore": "Thêm ảnh",
    "editor.editorWidgets.image.removeAll": "Bỏ tất cả ảnh",
    "editor.editorWidgets.file.chooseUrl": "Chèn từ địa chỉ trên mạng",
    "editor.editorWidgets.file.chooseMultiple": "Chọn tệp",
    "editor.editorWidgets.file.replaceUrl": "Thay bằng địa chỉ trên mạng",
    "editor.editorWidgets.file.promptUrl": "Nhập địa chỉ của tệp",
    "editor.editorWidgets.file.addMore": "Thêm tệp",
    "editor.editorWidgets.file.removeAll": "Bỏ tất cả tệp",
    "mediaLibrary.mediaLibraryCard.copy": "Sao chép",
    "mediaLibrary.mediaLibraryCard.copyUrl": "Chép địa chỉ",
    "mediaLibrary.mediaLibraryCard.copyPath": "Chép đường dẫn",
    "mediaLibrary.mediaLibraryCard.copyName": "Chép tên",
    "mediaLibrary.mediaLibraryCard.copied": "Đã chép",
    "mediaLibrary.mediaLibraryModal.close": "Đóng",
    "ui.toast.noteAdded": "Đã thêm ghi chú",
    "ui.toast.onFailToAddNote": "Không thêm được ghi chú: %{details}",
    "ui.toast.noteUpdated": "Đã sửa ghi chú",
    "ui.toast.onFailToUpdateNote": "Không sửa được ghi chú: %{details}",
    "ui.toast.noteDeleted": "Đã xóa ghi chú",
    "ui.toast.onFailToDeleteNote": "Không xóa được ghi chú: %{details}",
    "ui.toast.noteResolved": "Ghi chú đã xong",
    "ui.toast.noteReopened": "Đã mở lại ghi chú",
    "ui.toast.onFailToToggleNote": "Không đổi được trạng thái ghi chú: %{details}",
  };
  var vi = CMS.getLocale && CMS.getLocale("vi");
  if (vi) {
    Object.keys(MISSING_VI).forEach(function (key) {
      var parts = key.split(".");
      var node = vi;
      for (var i = 0; i < parts.length - 1; i++) {
        node = node[parts[i]] = node[parts[i]] || {};
      }
      node[parts[parts.length - 1]] = MISSING_VI[key];
    });
  }
  // Decap's list items have a bar of icon-only controls (open/close, drag to reorder, remove)
  // with no text: a screen reader says only "nút". Neither its config nor its locale can name
  // them, so they are named here after each render, by their icon (the bundle is pinned; a
  // browser test with axe fails if a new version draws other icons).
  var ICON_CHEVRON = "m5.123 6.33";
  var ICON_CLOSE = "M11.916 9.96";
  var REORDER_HELP =
    "Giữ chuột (hoặc ngón tay) trên nút này rồi kéo lên, xuống để đổi thứ tự các mục.";

  function iconOf(control) {
    var path = control.querySelector("svg path");
    var d = path ? path.getAttribute("d") || "" : "";
    if (d.indexOf(ICON_CHEVRON) === 0) return "chevron";
    if (d.indexOf(ICON_CLOSE) === 0) return "close";
    return "";
  }

  // The label of the field (list or group) a control belongs to, without "(không bắt buộc)".
  function fieldLabel(control) {
    var field = control.closest('[id*="-field-"]');
    var label = field && document.querySelector('label[for="' + field.id + '"]');
    return label ? label.textContent.replace(/\s*\(không bắt buộc\)\s*$/, "").trim() : "";
  }

  // What a control acts on: "mục 2 – Trình tự thực hiện" for a list item's bar (its place in
  // the list and the list's label), "tất cả các mục – …" for a list's own bar, or the group.
  function targetName(control) {
    var bar = control.parentElement;
    var text = fieldLabel(control);
    var name;
    if (bar && /ListItemTopBar/.test(bar.className)) {
      var item = bar.parentElement;
      var index = Array.prototype.indexOf.call(item.parentElement.children, item) + 1;
      name = "mục " + index;
    } else if (bar && bar.textContent.trim()) {
      name = "tất cả các mục"; // a list's bar: "3 trình tự thực hiện" beside the button
    } else {
      return text || "nhóm";
    }
    return text ? name + " – " + text : name;
  }

  function setAttr(element, name, value) {
    if (element.getAttribute(name) !== value) element.setAttribute(name, value);
  }

  function nameControls() {
    var controls = document.querySelectorAll("button, [role=button]");
    for (var i = 0; i < controls.length; i++) {
      var control = controls[i];
      if (control.textContent.trim() && !control.hasAttribute("data-congkhai-name")) continue;
      if (control.getAttribute("aria-roledescription") === "sortable" || control.hasAttribute("data-congkhai-drag")) {
        control.setAttribute("data-congkhai-drag", "");
        control.setAttribute("data-congkhai-name", "");
        setAttr(control, "aria-label", "Kéo để đổi thứ tự " + targetName(control));
        setAttr(control, "aria-roledescription", "nút kéo thả");
        continue;
      }
      var icon = iconOf(control);
      if (!icon) continue;
      control.setAttribute("data-congkhai-name", "");
      var inItemBar = /ListItemTopBar/.test(control.parentElement.className);
      if (icon === "close") {
        // The same × removes a list item and closes a dialog (the media library).
        setAttr(control, "aria-label", inItemBar ? "Xóa " + targetName(control) : "Đóng");
      } else {
        // The chevron points right when closed (the icon turned a quarter), down when open.
        var turn = window.getComputedStyle(control.querySelector("svg").parentElement).transform;
        var closed = turn !== "none" && Math.abs(new DOMMatrix(turn).b) > 0.5;
        setAttr(control, "aria-label", (closed ? "Mở " : "Thu gọn ") + targetName(control));
        setAttr(control, "aria-expanded", closed ? "false" : "true");
      }
    }
    // Decap's dialogs (the media library) have a title but no name for screen readers.
    var dialogs = document.querySelectorAll('[role="dialog"]:not([aria-label])');
    for (var d = 0; d < dialogs.length; d++) {
      var title = dialogs[d].querySelector("h1, h2, h3");
      if (title && title.textContent.trim()) {
        dialogs[d].setAttribute("aria-label", title.textContent.trim());
      }
    }
    var regions = document.querySelectorAll('[id^="DndLiveRegion-"]:not([data-congkhai-vi])');
    for (var k = 0; k < regions.length; k++) {
      regions[k].setAttribute("data-congkhai-vi", "");
      new MutationObserver(translateAnnouncement).observe(regions[k], {
        childList: true,
        characterData: true,
        subtree: true,
      });
    }
    // dnd-kit's hidden help speaks of the keyboard, which Decap's lists do not enable (mouse
    // and touch only); say in Vietnamese what does work.
    var helps = document.querySelectorAll('[id^="DndDescribedBy-"]');
    for (var j = 0; j < helps.length; j++) {
      var node = helps[j].firstChild;
      if (node && node.nodeType === 3 && node.data !== REORDER_HELP) node.data = REORDER_HELP;
    }
  }

  // (tests/editor/roundtrip.js runs this file in node, where there is no page to watch.)
  if (typeof MutationObserver !== "function") return;
  // What dnd-kit says to screen readers while an item is dragged (its English defaults, with
  // Decap's internal item ids), said in Vietnamese.
  var ANNOUNCEMENTS = [
    [/^Picked up draggable item/, "Đã nhấc mục lên."],
    [/was moved over droppable area/, "Mục đang ở trên một vị trí mới."],
    [/is no longer over a droppable area/, "Mục không còn ở trên vị trí nào."],
    [/^Dragging was cancelled/, "Đã hủy kéo, mục về chỗ cũ."],
    [/was dropped over droppable area/, "Đã thả mục vào vị trí mới."],
    [/was dropped\.$/, "Đã thả mục."],
  ];

  function translateAnnouncement(records) {
    records.forEach(function (record) {
      var region = record.target.nodeType === 3 ? record.target.parentElement : record.target;
      var node = region && region.firstChild;
      if (!node || node.nodeType !== 3) return;
      for (var i = 0; i < ANNOUNCEMENTS.length; i++) {
        if (ANNOUNCEMENTS[i][0].test(node.data)) {
          node.data = ANNOUNCEMENTS[i][1];
          return;
        }
      }
    });
  }

  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    Promise.resolve().then(function () {
      pending = false;
      nameControls();
    });
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["class"],
  });
})();
