"""The staff editor (Decap CMS at ``quan-tri/``): its configuration, generated from the schema.

Nothing here is written by hand per field: every collection's form is made by walking the
pydantic models, so a field added to ``schema.py`` appears in the editor with its Vietnamese
label, hint, required flag, pattern and choices. Alongside the Decap configuration goes a
"shape" of every content type (key order, which lists may be written as one text, which
mappings are edited as lists, yes/no fields): ``editor/congkhai-cms.js`` reads and writes
files with it, so saved files stay as staff would write them and pass ``congkhai check``.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import types
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from markupsafe import escape
from pydantic import BaseModel, BeforeValidator
from pydantic.fields import FieldInfo

from .dates import TAUGHT_PATTERN
from .labels import short_label
from .privacy import PERSONAL_DATA_RULES
from .schema import (
    CONTENT_MODELS,
    EditorOptions,
    PatternValidator,
    Procedure,
    PublicText,
    SiteConfig,
)

EDITOR_PATH = "quan-tri"
"""Where the editor is published in the public site."""

EDITOR_DIR = Path(__file__).resolve().parent.parent / "editor"
"""The editor's own script and the vendored, pinned Decap CMS (with their licences)."""

DECAP_VERSION = "3.16.3"
DECAP_FILE = f"decap-cms-{DECAP_VERSION}.js"
JS_YAML_FILE = "js-yaml-4.1.0.min.js"
VENDORED = {
    DECAP_FILE: "7c1efd6b616b4786e279aeef194dd21649a72058d3bc8d1f78901b574610dfb8",
    JS_YAML_FILE: "45dc3dd03dc07a06705a2c2989b8c7f709013f04bd5386e3279d4e447f07ebd7",
}
"""Vendored file -> SHA-256 of the file in its npm package (decap-cms, js-yaml)."""

# Fields whose text is usually a paragraph get a multi-line box; the rest a single line.
_MULTILINE = {
    "summary",
    "steps",
    "conditions",
    "content",
    "note",
    "notes",
    "reason",
    "description",
    "output",
    "purpose",
    "result",
    "legal_basis",
}

_WHOLE = r"^\d+$"
_DECIMAL = r"^-?\d+(\.\d+)?$"
_YES, _NO = "có", "không"

MONTH_FIELD = "_thang"
"""Editor-only field of a new results month: names the file (2026-11.yml); never saved."""


@dataclass(frozen=True)
class ContentType:
    """One editor collection: which model, where its files are, how new ones are named."""

    name: str
    label: str
    model: type[BaseModel]
    schema: str
    path: str
    """A folder (folder collection) or a file (one-file collection), from the project root."""
    folder: bool = True
    create: bool = True
    identifier: str | None = None
    summary: str | None = None
    slug: str | None = None
    header: tuple[str, ...] = ()
    """Comment lines kept under the ``yaml-language-server`` line."""


CONTENT_TYPES = (
    ContentType(
        "procedures", "Thủ tục hành chính", Procedure, "procedure", "content/procedures",
        identifier="name", summary="{{code}} – {{name}}",
    ),
    ContentType(
        "contacts", "Đầu mối phản ánh, kiến nghị", CONTENT_MODELS["contact"], "contact",
        "content/contacts", identifier="name",
    ),
    ContentType(
        "apologies", "Xin lỗi vì hồ sơ trễ hạn", CONTENT_MODELS["apology"], "apology",
        "content/apologies", identifier="dossier", summary="{{apologized}} – {{dossier}}",
        slug="{{year}}-{{month}}-{{slug}}",
        header=("# Không ghi họ tên, số giấy tờ, số điện thoại của người nộp hồ sơ.",),
    ),
    ContentType(
        "results", "Kết quả giải quyết hồ sơ (từng tháng)", CONTENT_MODELS["results"], "results",
        "content/results", identifier=MONTH_FIELD, summary="Tháng {{filename}}",
        slug="{{fields." + MONTH_FIELD + "}}",
    ),
    ContentType(
        "plans", "Kế hoạch (từng năm)", CONTENT_MODELS["plan"], "plan", "content/plan",
        create=False, identifier="title", summary="{{filename}}: {{number}} – {{title}}",
    ),
    ContentType(
        "feedback", "Quy định phản ánh, kiến nghị", CONTENT_MODELS["feedback"], "feedback",
        "content/feedback.yml", folder=False,
    ),
    ContentType(
        "synonyms", "Từ đồng nghĩa cho tìm kiếm", CONTENT_MODELS["synonyms"], "synonyms",
        "content/synonyms.yml", folder=False,
    ),
    ContentType(
        "site_config", "Thông tin phường, cấu hình trang", SiteConfig, "site_config",
        "site_config.yml", folder=False,
    ),
)  # fmt: skip
"""Every content type staff edit (a province's ward_procedures.yml is edited by its office)."""


def _strip(annotation: Any) -> tuple[Any, list[Any], bool]:
    """The type inside ``Annotated``/``Optional``, its metadata, and whether None is allowed."""
    metadata: list[Any] = []
    optional = False
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            metadata.extend(annotation.__metadata__)
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [arg for arg in get_args(annotation) if arg is not type(None)]
            optional = optional or len(args) < len(get_args(annotation))
            if len(args) != 1:
                return annotation, metadata, optional
            annotation = args[0]
        else:
            return annotation, metadata, optional


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _validator_funcs(metadata: list[Any]) -> set[Any]:
    return {getattr(item, "func", None) for item in metadata}


_GUARD = next(item.func for item in _strip(PublicText)[1] if isinstance(item, BeforeValidator))
"""The personal-data check of ``PublicText`` (recognised in any field that uses it)."""


def _scalar(name: str, annotation: Any, metadata: list[Any]) -> tuple[dict[str, Any], Any]:
    """Widget settings and shape of a single value (text, number, date, choice, yes/no)."""
    funcs = _validator_funcs(metadata)
    multiline = name in _MULTILINE
    if get_origin(annotation) is Literal:
        options = [str(option) for option in get_args(annotation)]
        return {"widget": "select", "options": options}, "str"
    if annotation is bool:
        return {"widget": "select", "options": [_YES, _NO]}, "yesno"
    widget: dict[str, Any] = {"widget": "text" if multiline else "string"}
    if _GUARD in funcs:
        widget["widget"] = "congkhai-guarded-text" if multiline else "congkhai-guarded-string"
    for item in metadata:
        if isinstance(item, PatternValidator):
            widget["pattern"] = [f"^(?:{item.pattern})$", item.expected]
    if annotation is date:
        widget["pattern"] = [TAUGHT_PATTERN, "cần một ngày dạng 15/01/2026 hoặc 2026-01-15"]
    elif annotation is int:
        widget["pattern"] = [_WHOLE, "cần một số nguyên, viết liền (ví dụ 50000)"]
    elif annotation is float:
        widget["pattern"] = [_DECIMAL, "cần một số, phần thập phân viết bằng dấu chấm"]
    return widget, "str"


def _hint(description: str) -> str:
    # Decap renders hints as Markdown: "dấu *" would start italics.
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", description)


def _field(model: type[BaseModel], name: str, info: FieldInfo) -> tuple[dict[str, Any], Any]:
    """One Decap field (recursively for objects and lists) and its shape."""
    annotation, metadata, optional = _strip(info.annotation)
    metadata = [*info.metadata, *metadata]
    field: dict[str, Any] = {"name": name, "label": short_label(model, name)}
    if info.description:
        field["hint"] = _hint(info.description)
    field["required"] = info.is_required() and not optional
    shape: Any
    if _is_model(annotation):
        fields, shape = model_fields(annotation)
        if not field["required"]:
            # Decap checks an empty optional object's required fields all the same (a dossier
            # item without a form could not be saved): there they are optional, and
            # `congkhai check` still asks for them once any is filled in.
            fields = [{**sub, "required": False} for sub in fields]
        field.update(widget="object", collapsed=False, fields=fields)
    elif get_origin(annotation) is list:
        item, item_meta, _ = _strip(get_args(annotation)[0])
        field["widget"] = "list"
        if _is_model(item):
            fields, item_shape = model_fields(item)
            # The first required field names the item when it is collapsed (a task's content,
            # a section's title rather than its optional number).
            title = next((f for f in fields if f["required"] and "fields" not in f), fields[0])
            field.update(fields=fields, summary="{{fields." + title["name"] + "}}")
            field["collapsed"] = True
        else:
            widget, item_shape = _scalar(name, item, item_meta)
            field["field"] = {"name": "item", "label": field["label"], **widget}
            # A collapsed text item shows only its label: keep the texts in sight.
            field["collapsed"] = False
        # UnitIds: a list that reads one text as a one-item list; saved back as one text.
        reads_one = any(isinstance(meta, BeforeValidator) for meta in metadata)
        many = "one_or_many" if reads_one else "list"
        shape = [many, item_shape]
    elif get_origin(annotation) is dict:
        key_type, value_type = get_args(annotation)
        key_widget, _ = _scalar("key", *_strip(key_type)[:2])
        value_widget, _ = _scalar("value", *_strip(value_type)[:2])
        field.update(
            widget="list",
            summary="{{fields.key}}: {{fields.value}}",
            fields=[
                {"name": "key", "label": "Mã", **key_widget},
                {"name": "value", "label": "Tên", **value_widget},
            ],
        )
        shape = ["dict"]
    else:
        widget, shape = _scalar(name, annotation, metadata)
        field.update(widget)
    return field, shape


def model_fields(model: type[BaseModel]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Decap fields of every field of ``model``, in the model's order, and the model's shape."""
    fields = []
    shape: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        field, field_shape = _field(model, name, info)
        fields.append(field)
        shape[name] = field_shape
    return fields, {"map": shape}


def _collection(kind: ContentType) -> dict[str, Any]:
    fields, _shape = model_fields(kind.model)
    collection: dict[str, Any] = {
        "name": kind.name,
        "label": kind.label,
        "format": f"congkhai-{kind.schema}",
        "editor": {"preview": False},
    }
    if kind.folder:
        if kind.identifier == MONTH_FIELD:
            fields.insert(0, _month_field())
        collection.update(
            folder=kind.path,
            extension="yml",
            create=kind.create,
            delete=False,
            identifier_field=kind.identifier,
            fields=fields,
        )
        if kind.summary:
            collection["summary"] = kind.summary
        if kind.slug:
            collection["slug"] = kind.slug
        return collection
    collection["files"] = [
        {"name": kind.name, "label": kind.label, "file": kind.path, "fields": fields}
    ]
    return collection


def _month_field() -> dict[str, Any]:
    return {
        "name": MONTH_FIELD,
        "label": "Tháng (chỉ khi thêm tháng mới)",
        "hint": "Năm và tháng của số liệu, ví dụ 2026-11; đặt tên tệp content/results/2026-11.yml.",
        "widget": "string",
        "required": False,
        "pattern": [r"^\d{4}-(0[1-9]|1[0-2])$", "cần năm và tháng dạng 2026-11"],
    }


def _backend(options: EditorOptions) -> dict[str, Any]:
    backend: dict[str, Any] = {"name": options.backend, "branch": options.branch}
    if options.repo:
        backend["repo"] = options.repo
    if options.backend == "github":
        if options.base_url:
            backend["base_url"] = options.base_url
    elif options.base_url:
        backend["base_url"] = options.base_url
        backend["api_root"] = options.base_url.rstrip("/") + "/api/v1"
        if options.app_id:
            backend["app_id"] = options.app_id
    # Gitea's backend has no draft → ready → publish workflow; GitHub's and Forgejo's do.
    return backend


def editor_config(
    options: EditorOptions | None = None, *, local_url: str | None = None, workflow: bool = True
) -> dict[str, Any]:
    """The Decap CMS configuration: backend, Vietnamese UI, one collection per content type."""
    options = options or EditorOptions()
    config: dict[str, Any] = {
        "backend": _backend(options),
        "local_backend": {"url": local_url} if local_url else True,
        "locale": "vi",
        "media_folder": "content/forms",
        "public_folder": "/bieu-mau",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [_collection(kind) for kind in CONTENT_TYPES],
    }
    if workflow and options.backend != "gitea":
        config["publish_mode"] = "editorial_workflow"
    return config


def editor_shapes() -> dict[str, Any]:
    """What ``congkhai-cms.js`` needs per format: header lines and the shape of the data."""
    formats = {}
    for kind in CONTENT_TYPES:
        depth = kind.path.count("/") + (1 if kind.folder else 0)
        schema = "../" * depth + f"schema/{kind.schema}.schema.json"
        formats[f"congkhai-{kind.schema}"] = {
            "header": [f"# yaml-language-server: $schema={schema}", *kind.header],
            "shape": model_fields(kind.model)[1],
            "drop": [MONTH_FIELD],
        }
    return {
        "formats": formats,
        "yes": _YES,
        "no": _NO,
        # The same patterns and messages as `congkhai check` (JavaScript reads Python's syntax
        # for these: digits, classes, look-arounds).
        "personalData": [[rule.pattern, message] for rule, _kind, message in PERSONAL_DATA_RULES],
    }


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _csp(options: EditorOptions) -> str:
    """Only what the editor needs: its own files, its git host, and the local mode."""
    hosts = {"github": "https://api.github.com", "gitea": "", "forgejo": ""}[options.backend]
    remote = " ".join(part for part in (hosts, options.base_url or "") if part)
    images = "https://avatars.githubusercontent.com" if options.backend == "github" else ""
    # The local mode (decap-server on the staff member's own machine; any port).
    local = "http://localhost:* http://127.0.0.1:*"
    return "; ".join(
        [
            "default-src 'self'",
            # Decap validates its configuration with Ajv 8, which compiles each schema into a
            # `new Function` at start-up; no option skips it (docs/dev/editor-choice.md, "CSP").
            "script-src 'self' 'unsafe-eval'",
            # Decap's components style themselves with <style> elements (emotion).
            "style-src 'self' 'unsafe-inline'",
            f"img-src 'self' data: blob: {remote} {images}".rstrip(),
            # Decap reads its own draft backups and media through blob: URLs.
            f"connect-src 'self' blob: {remote} {local}".replace("  ", " "),
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def _attribute(text: str) -> str:
    # Quotes in a policy are single quotes; keep them readable, escape what HTML needs.
    return html.escape(text, quote=False).replace('"', "&quot;")


def editor_page(title: str, options: EditorOptions, csp: str | None = None) -> str:
    """The editor's HTML page: no inline script, so its policy needs no hash."""
    return f"""<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="{_attribute(csp or _csp(options))}">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>Quản trị nội dung – {escape(title)}</title>
  <link rel="stylesheet" href="congkhai-cms.css">
  <link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
  <noscript>Trang quản trị cần bật JavaScript.</noscript>
  <script src="{JS_YAML_FILE}"></script>
  <script src="{DECAP_FILE}"></script>
  <script src="du-lieu.js"></script>
  <script src="congkhai-cms.js"></script>
</body>
</html>
"""


def editor_files(title: str, options: EditorOptions) -> dict[str, str | Path]:
    """Every file of ``quan-tri/``: path in the site -> text, or the file to copy."""
    shapes = "window.CONGKHAI_EDITOR = " + _json(editor_shapes()).rstrip() + ";\n"
    return {
        f"{EDITOR_PATH}/index.html": editor_page(title, options),
        # JSON is YAML: Decap reads it as its config.yml.
        f"{EDITOR_PATH}/config.yml": _json(editor_config(options)),
        f"{EDITOR_PATH}/du-lieu.js": shapes,
        f"{EDITOR_PATH}/congkhai-cms.js": EDITOR_DIR / "congkhai-cms.js",
        f"{EDITOR_PATH}/congkhai-cms.css": EDITOR_DIR / "congkhai-cms.css",
        **{f"{EDITOR_PATH}/{name}": EDITOR_DIR / "vendor" / name for name in VENDORED},
    }


def vendored_intact() -> dict[str, bool]:
    """Whether each vendored file is byte for byte the one of its pinned npm package."""
    return {
        name: hashlib.sha256((EDITOR_DIR / "vendor" / name).read_bytes()).hexdigest() == digest
        for name, digest in VENDORED.items()
    }
