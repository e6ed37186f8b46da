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

  // Decap's Vietnamese phrases leave a few buttons in English ("Add …"): fill them in.
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
})();
