"""Read YAML content files into plain data that remembers where every value was written.

PyYAML follows YAML 1.1, where ``0241234567`` is an octal number, ``1.001193`` a float,
``yes`` a boolean, ``1:30`` the number 90 and ``2024-05-01`` a date. Staff write codes,
phone numbers and times like that all the time, so this loader types nothing: every
scalar stays the text that was written (or ``None`` when empty), and the schema decides,
field by field, what the text must be. A code is therefore kept exactly as written, and a
fee is parsed as money, with an exact message when it is not.

The loader also refuses duplicate keys (PyYAML silently keeps the last), records the line
and column of every key and value, and turns YAML syntax errors into Vietnamese.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Problem, Severity, format_field_path, os_reason
from .format import decimal
from .text import nfc

NULL_TAG = "tag:yaml.org,2002:null"
Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Mark:
    """A position in a file, counted from 1 like an editor does."""

    line: int
    column: int


class MarkedDict(dict[str, Any]):
    """A YAML mapping that knows where it, each of its keys and each of its values start."""

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.key_marks: dict[str, Mark] = {}
        self.value_marks: dict[str, Mark] = {}


class MarkedList(list[Any]):
    """A YAML sequence that knows where it and each of its items start."""

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.item_marks: list[Mark] = []


@dataclass
class Document:
    """One content file: its data (``MarkedDict``/``MarkedList``/str/None) and load problems."""

    path: str
    data: Any
    problems: list[Problem] = field(default_factory=list)

    def mark_at(self, loc: Loc, *, key: bool = False) -> Mark:
        """Where the value at ``loc`` was written; the nearest enclosing value if it is absent.

        With ``key=True`` the position of the last key itself is returned (for unknown keys).
        """
        node: Any = self.data
        mark = getattr(node, "mark", Mark(1, 1))
        for index, part in enumerate(loc):
            last = index == len(loc) - 1
            if isinstance(node, MarkedDict) and isinstance(part, str) and part in node:
                mark = node.key_marks[part] if key and last else node.value_marks[part]
                node = node[part]
            elif isinstance(node, MarkedList) and isinstance(part, int) and 0 <= part < len(node):
                mark = node.item_marks[part]
                node = node[part]
            else:
                break
        return mark

    def keep_top_level(self) -> None:
        """Forget everything but where each top-level key and value is (saves memory).

        A 2,000-procedure ward keeps 2,000 documents for the cross-file checks, which only
        point at top-level fields (code, status, replaced_by).
        """
        if isinstance(self.data, MarkedDict):
            slim = MarkedDict(self.data.mark)
            slim.key_marks = self.data.key_marks
            slim.value_marks = self.data.value_marks
            slim.update(dict.fromkeys(self.data))
            self.data = slim

    def problem(
        self,
        loc: Loc,
        message: str,
        *,
        severity: Severity = Severity.ERROR,
        key: bool = False,
    ) -> Problem:
        """Make a problem located at ``loc`` in this document."""
        mark = self.mark_at(loc, key=key)
        return Problem(self.path, mark.line, mark.column, format_field_path(loc), message, severity)


def _mark(yaml_mark: Any) -> Mark:
    return Mark(yaml_mark.line + 1, yaml_mark.column + 1)


@dataclass
class _Pending:
    """A problem found while constructing, located once the whole tree (and its paths) exist."""

    container: object
    loc_tail: Loc
    mark: Mark
    message: str


_FOLDED_ITEM = re.compile(r"-(\s|$|[^\d\s-])")
_FOLDED_ITEM_MESSAGE = (
    'dòng này bắt đầu bằng "-" nhưng bị gộp vào chữ của dòng phía trên (thụt lề sâu hơn, '
    'hoặc thiếu dấu cách sau "-"); nếu là một mục mới của danh sách, hãy viết "- " thẳng cột '
    "với các mục khác"
)


class _TextOnlyConstruction:
    """Constructors shared by the C and the pure-Python loader: everything stays text."""

    pending: list[_Pending]
    seen: set[int]
    lines: list[str]

    def construct_marked_mapping(self, node: MappingNode) -> MarkedDict:
        mapping = MarkedDict(_mark(node.start_mark))
        for key_node, value_node in node.value:
            key = self._construct(key_node)
            key_mark = _mark(key_node.start_mark)
            if not isinstance(key, str) or not key:
                self.pending.append(
                    _Pending(mapping, (), key_mark, "tên trường phải là một chữ, không để trống")
                )
                continue
            if key in mapping:
                first = mapping.key_marks[key]
                self.pending.append(
                    _Pending(
                        mapping,
                        (key,),
                        key_mark,
                        f'trường "{key}" bị lặp lại (đã có ở dòng {first.line}); '
                        "mỗi trường chỉ được viết một lần",
                    )
                )
            mapping[key] = self._construct(value_node)
            self.check_folded_items(value_node, mapping, (key,))
            mapping.key_marks[key] = key_mark
            mapping.value_marks[key] = _mark(value_node.start_mark)
        return mapping

    def construct_marked_sequence(self, node: SequenceNode) -> MarkedList:
        sequence = MarkedList(_mark(node.start_mark))
        for index, item in enumerate(node.value):
            sequence.append(self._construct(item))
            self.check_folded_items(item, sequence, (index,))
            sequence.item_marks.append(_mark(item.start_mark))
        return sequence

    def check_folded_items(self, node: Node, container: object, tail: Loc) -> None:
        """Report a line starting with "- " that YAML silently joined to the text above.

        A list item indented deeper than the one before it is not a new item: it continues
        the previous item's text ("Nộp hồ sơ - Kiểm tra"), and the list loses an item without
        a word. Likewise a list written under a field that already has a value.
        """
        if not isinstance(node, ScalarNode) or node.style not in (None, ""):
            return
        first, last = node.start_mark.line, node.end_mark.line
        for number in range(first + 1, min(last, len(self.lines) - 1) + 1):
            line = self.lines[number]
            written = line.lstrip(" ")
            if _FOLDED_ITEM.match(written):
                column = len(line) - len(written) + 1
                self.pending.append(
                    _Pending(container, tail, Mark(number + 1, column), _FOLDED_ITEM_MESSAGE)
                )
                return

    def construct_text(self, node: ScalarNode) -> str | None:
        if node.tag == NULL_TAG:
            return None
        return str(node.value)

    def construct_tagged(self, tag_suffix: str, node: Node) -> Any:
        # Explicit tags (``!!int``, ``!Ref``) have no meaning in content: say so, keep the text.
        self.pending.append(
            _Pending(
                None,
                (),
                _mark(node.start_mark),
                f'không dùng thẻ YAML "{_short_tag(node.tag)}" ở đây',
            )
        )
        return self._construct(node, ignore_tag=True)

    def _construct(self, node: Node, *, ignore_tag: bool = False) -> Any:
        # An alias (``*name``) hands back a node already seen. Content has no use for them,
        # and expanding them is how a tiny file becomes a billion values: refuse them.
        if node.tag == _ALIAS_TAG:
            self.pending.append(_Pending(None, (), _mark(node.start_mark), _NO_ALIASES))
            return None
        if id(node) in self.seen and not ignore_tag:
            # libyaml hands back the anchored node, which knows only where the anchor was:
            # re-read with the pure-Python loader, which marks each alias where it is used.
            raise _RetryExact
        self.seen.add(id(node))
        if isinstance(node, MappingNode):
            return self.construct_marked_mapping(node)
        if isinstance(node, SequenceNode):
            return self.construct_marked_sequence(node)
        if not ignore_tag and node.tag not in _PLAIN_TAGS:
            return self.construct_tagged(node.tag, node)
        return self.construct_text(node)  # type: ignore[arg-type]


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


class _RetryExact(Exception):
    """The fast loader met something the exact loader reports better."""


_ALIAS_TAG = "tag:congkhai,2026:alias"
_NO_ALIASES = 'không dùng tham chiếu YAML ("*tên") trong nội dung; hãy viết đầy đủ giá trị'
_PLAIN_TAGS = {NULL_TAG, "tag:yaml.org,2002:str", _ALIAS_TAG}


def _text_only_resolvers(
    resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]],
) -> dict[str | None, list[tuple[str, re.Pattern[str]]]]:
    """Keep only YAML's "empty / ~ / null means nothing" rule; drop bool, int, float, date."""
    return {
        first: [(tag, regexp) for tag, regexp in rules if tag == NULL_TAG]
        for first, rules in resolvers.items()
    }


_FAST_BASE: Any = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


class _FastLoader(_TextOnlyConstruction, _FAST_BASE):  # type: ignore[misc]
    yaml_implicit_resolvers = _text_only_resolvers(yaml.SafeLoader.yaml_implicit_resolvers)


class _ExactLoader(_TextOnlyConstruction, yaml.SafeLoader):
    # Used only to re-read a file that failed: PyYAML's own parser gives richer errors
    # (the offending character, where a quote was opened) than libyaml.
    yaml_implicit_resolvers = _text_only_resolvers(yaml.SafeLoader.yaml_implicit_resolvers)

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        """Turn each alias into a placeholder at the place it is used (reported later)."""
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()  # type: ignore[no-untyped-call]
            return ScalarNode(_ALIAS_TAG, "", event.start_mark, event.end_mark)
        return super().compose_node(parent, index)


MAX_FILE_BYTES = 2 * 1024 * 1024
"""A content file is a few kilobytes; anything this large is a mistake (a pasted export)."""

# Text typed with a legacy Vietnamese encoding and then read as Unicode: TCVN3 (ABC) puts
# tone marks on symbols such as "¸µ¶·¹" and letters on "¨©ª«¬®"; VNI writes "ñ" for "đ" and
# tones as separate letters "øûï…". None of these characters occurs in Vietnamese.
_LEGACY = re.compile("[¨©ª«¬®µ¶·¸¹»¼½¾øûïöñÑÖ\u00ad]")
# UTF-8 read as Windows-1252 and saved again ("Ä‘" for "đ", "á»" for "ờ").
_DOUBLE_UTF8 = re.compile("Ã[\u0080-\u00bf]|á[»º]|Ä[‘’\u0090-\u009f]|Æ[°¡]|Ä‘")


def _legacy_text(text: str, display: str) -> Problem | None:
    """A problem at the first sign of mojibake, or None when the text reads as Vietnamese."""
    for pattern, message in (
        (
            _DOUBLE_UTF8,
            "văn bản bị lỗi mã chữ (ví dụ {sample}): tệp đã bị chuyển mã hai lần; "
            "hãy lấy lại bản gốc hoặc gõ lại các chữ lỗi",
        ),
        (
            _LEGACY,
            "văn bản có vẻ được gõ bằng bảng mã cũ TCVN3 (ABC) hoặc VNI (ví dụ {sample}); "
            "hãy chuyển sang Unicode bằng Unikey (Công cụ chuyển mã) rồi lưu lại",
        ),
    ):
        found = list(pattern.finditer(text))
        if len(found) >= 2:
            first = found[0]
            line, column = _line_column(text, first.start())
            word = re.search(r"\S*$", text[: first.start()])
            sample = (word.group(0) if word else "") + text[first.start() : first.end() + 4]
            return Problem(
                display, line, column, "", message.format(sample=f'"{sample.split()[0]}"')
            )
    return None


_NOT_TEXT = (
    "tệp không phải văn bản mà là {kind}; congkhai chỉ đọc văn bản YAML (.yml) hoặc CSV (.csv) "
    "— hãy chép nội dung vào tệp .yml theo mẫu, hoặc lưu bảng số liệu thành CSV UTF-8"
)
_MAGIC = (
    (b"PK\x03\x04", "một tệp nén (Excel .xlsx, Word .docx hoặc .zip)"),
    (b"\xd0\xcf\x11\xe0", "một tệp Excel .xls hoặc Word .doc"),
    (b"%PDF", "một tệp PDF"),
    (b"\x89PNG", "một ảnh PNG"),
    (b"\xff\xd8\xff", "một ảnh JPEG"),
    (b"GIF8", "một ảnh GIF"),
    (b"\x1f\x8b", "một tệp nén gzip"),
)


def _binary_kind(raw: bytes) -> str | None:
    """A message when ``raw`` is not a text file (a spreadsheet, an image, UTF-16), else None."""
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            return _NOT_TEXT.format(kind=kind)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return (
            'tệp được lưu bằng mã UTF-16 ("Unicode Text"); hãy mở tệp và lưu lại với bảng mã '
            '"UTF-8"'
        )
    if b"\x00" in raw[:65536]:
        return _NOT_TEXT.format(kind="dữ liệu nhị phân (có byte 0)")
    return None


def decode(raw: bytes, display: str) -> tuple[str | None, Problem | None]:
    """Decode a content file's bytes as UTF-8 (BOM allowed) and normalise it to NFC."""
    if len(raw) > MAX_FILE_BYTES:
        size = decimal(len(raw) / 1024 / 1024, 1)
        return None, Problem(
            display,
            1,
            1,
            "",
            f"tệp quá lớn ({size} MB); một tệp nội dung không quá 2 MB"
            " — có thể đã dán nhầm dữ liệu",
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if (kind := _binary_kind(raw)) is not None:
        # Never echo the bytes: they are not text, and may not be ours to show.
        return None, Problem(display, 1, 1, "", kind)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, Problem(
            display,
            line,
            column,
            "",
            "tệp không được lưu bằng mã UTF-8 (có thể là Windows-1258, TCVN3 hoặc VNI); "
            'hãy mở tệp và lưu lại với bảng mã "UTF-8"',
        )
    text = nfc(text.replace("\r\n", "\n"))
    return text, _legacy_text(text, display)


MAX_DEPTH = 40
"""The deepest nesting a content file may have (a plan, the deepest, needs about ten)."""

_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\']|\'\')*\'')
_BRACKET = re.compile(r"[\[\]{}]")
_DASHES = re.compile(r"(?:[-?][ ]+)+")
_SAFE_BOUND = 1000


def too_deep(text: str) -> Mark | None:
    """Where nesting first goes deeper than ``MAX_DEPTH`` levels, found without parsing.

    libyaml (the fast C parser) recurses once per level and crashes the whole process on a
    few thousand levels of "[[[[…" or "- - - -…", which fit in a small file: such input is
    stopped here, before any parser sees it.
    """
    # Fast path (nearly every file): each level of nesting needs one of these characters, so
    # their count bounds the depth; below _SAFE_BOUND levels libyaml is far from its limit
    # (about 10,000) and the Python fallback turns deeper input into a message.
    if sum(text.count(c) for c in "[{-?:") < _SAFE_BOUND:
        return None
    indents: list[int] = []
    flow = 0
    for number, line in enumerate(text.split("\n"), start=1):
        written = line.lstrip(" ")
        if not written or written.startswith("#"):
            continue
        indent = len(line) - len(written)
        if flow == 0:
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
        dashes = _DASHES.match(written)
        depth = len(indents) + (
            dashes.group().count("-") + dashes.group().count("?") if dashes else 0
        )
        if depth + flow > MAX_DEPTH:
            return Mark(number, indent + 1)
        if "[" not in written and "{" not in written:
            continue
        plain = _QUOTED.sub(lambda m: " " * len(m.group()), written)
        for bracket in _BRACKET.finditer(plain):
            if bracket.group() in "]}":
                flow = max(flow - 1, 0)
                continue
            before = plain[: bracket.start()].rstrip()
            if before and before[-1] not in ":,[{-?":
                continue  # "Điều 5 [sửa đổi]": a bracket inside text
            flow += 1
            if depth + flow > MAX_DEPTH:
                return Mark(number, indent + bracket.start() + 1)
    return None


def parse(text: str, display: str) -> Document:
    """Parse YAML text into a ``Document``; never raises for bad input."""
    if (deep := too_deep(text)) is not None:
        return Document(display, None, [Problem(display, deep.line, deep.column, "", _TOO_DEEP)])
    try:
        return _construct_with(_FastLoader, text, display)
    except (yaml.YAMLError, _RetryExact):
        try:
            return _construct_with(_ExactLoader, text, display)
        except yaml.YAMLError as error:
            return Document(display, None, [_syntax_problem(error, text, display)])
        except RecursionError:
            return Document(display, None, [Problem(display, 1, 1, "", _TOO_DEEP)])
    except RecursionError:
        return Document(display, None, [Problem(display, 1, 1, "", _TOO_DEEP)])


_TOO_DEEP = (
    f"nội dung lồng nhau quá sâu (hơn {MAX_DEPTH} cấp) từ chỗ này; một tệp nội dung chỉ cần "
    "vài cấp — hãy kiểm tra lại cách thụt lề và các dấu ngoặc [ ] { }"
)


def read_document(path: Path, display: str) -> Document:
    """Read and parse one content file; every problem ends up in ``Document.problems``."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        message = f"không đọc được tệp ({os_reason(error)})"
        return Document(display, None, [Problem(display, 1, 1, "", message)])
    text, problem = decode(raw, display)
    if text is None:
        return Document(display, None, [problem] if problem else [])
    document = parse(text, display)
    if problem is not None:
        document.problems.insert(0, problem)
    return document


def _construct_with(loader_class: type[Any], text: str, display: str) -> Document:
    loader = loader_class(text)
    loader.pending = []
    loader.seen = set()
    loader.lines = text.split("\n")
    try:
        node = loader.get_single_node()
        data = loader._construct(node) if node is not None else None
    finally:
        loader.dispose()
    document = Document(display, data)
    paths = dict(_container_paths(data, ()))
    for pending in loader.pending:
        loc = paths.get(id(pending.container), ()) + pending.loc_tail
        document.problems.append(
            Problem(
                display,
                pending.mark.line,
                pending.mark.column,
                format_field_path(loc),
                pending.message,
            )
        )
    return document


def _container_paths(data: Any, loc: Loc) -> Iterator[tuple[int, Loc]]:
    if isinstance(data, MarkedDict):
        yield id(data), loc
        for key, value in data.items():
            yield from _container_paths(value, (*loc, key))
    elif isinstance(data, MarkedList):
        yield id(data), loc
        for index, value in enumerate(data):
            yield from _container_paths(value, (*loc, index))


def _syntax_problem(error: yaml.YAMLError, text: str, display: str) -> Problem:
    """Translate a PyYAML syntax error into one Vietnamese problem at the right place."""
    if isinstance(error, yaml.reader.ReaderError):
        message = (
            f"tệp có ký tự điều khiển U+{error.character:04X} không được phép; hãy xóa ký tự đó"
        )
        line, column = _line_column(text, error.position)
        return Problem(display, line, column, "", message)
    assert isinstance(error, yaml.MarkedYAMLError)
    problem = error.problem or ""
    context = error.context or ""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = _translate_syntax(problem, context, error)
    if "'<scalar>'" in problem and mark is not None:
        lines = _lines(text)
        written = lines[mark.line][: mark.column].rstrip() if mark.line < len(lines) else ""
        if written.endswith(('"', "'")):
            message = (
                "có chữ viết tiếp sau dấu ngoặc kép đóng; hãy đặt cả giá trị trong dấu ngoặc kép"
            )
    started = error.context_mark
    if started is not None and (
        "quoted scalar" in context
        or "flow sequence" in context
        or "flow mapping" in context
        or "could not find expected ':'" in problem
    ):
        # PyYAML notices these where it gave up (often the next line); staff need the line
        # where the quote, the bracket or the key without ":" is.
        line, column = started.line + 1, started.column + 1
        written = (
            _lines(text)[started.line][started.column :] if started.line < len(_lines(text)) else ""
        )
        if "could not find expected ':'" in problem and re.match(r"-[^\s-]", written):
            message = 'sau dấu "-" của mục danh sách cần một dấu cách ("- ")'
        elif "could not find expected ':'" in problem and re.match(r"[^\s:#]+:\S", written):
            message = 'thiếu dấu cách sau dấu hai chấm; hãy viết "tên: giá trị"'
    if "mapping values are not allowed" in problem and mark is not None:
        lines = _lines(text)
        written = lines[mark.line] if mark.line < len(lines) else ""
        key = re.match(r"( *)[^\s:#\-][^:]*:(\s|$)", written)
        if key is not None and key.end() - 1 - len(key.group(2)) == mark.column:
            # "name: X" then "  address: Y": the deeper line continues X, and its ":" is refused.
            message = (
                "dòng này thụt lề sâu hơn trường phía trên nên bị coi là phần tiếp theo của giá "
                "trị đó; các trường cùng cấp phải thẳng cột"
            )
            column = len(key.group(1)) + 1
    return Problem(display, line, column, "", message)


def _lines(text: str) -> list[str]:
    # YAML also breaks lines at U+0085, U+2028 and U+2029: split the same way.
    return re.split("\r\n|[\n\r\u0085\u2028\u2029]", text)


def _line_column(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def _translate_syntax(problem: str, context: str, error: yaml.MarkedYAMLError) -> str:
    quote_hint = "hãy đặt cả giá trị trong dấu ngoặc kép"
    if "'\\t'" in problem:
        return "có ký tự Tab; YAML chỉ cho phép thụt lề bằng dấu cách"
    if "quoted scalar" in context:
        return "dấu ngoặc kép mở ở đây chưa được đóng; hãy thêm dấu ngoặc kép ở cuối giá trị"
    if "mapping values are not allowed" in problem:
        return f'giá trị có dấu hai chấm và dấu cách (": "); {quote_hint}'
    if "could not find expected ':'" in problem:
        return 'thiếu dấu hai chấm ":" sau tên trường'
    if "cannot start any token" in problem:
        char = problem.split("'")[1] if "'" in problem else "?"
        return f'giá trị không được bắt đầu bằng ký tự "{char}"; {quote_hint}'
    if "alias" in context or "anchor" in context:
        return f'giá trị không được bắt đầu bằng "*" hoặc "&"; {quote_hint}'
    if "undefined alias" in problem:
        return f'giá trị không được bắt đầu bằng "*"; {quote_hint}'
    if "block mapping" in context or "block collection" in context or "block end" in problem:
        return (
            "thụt lề không khớp với các dòng phía trên; các trường cùng cấp phải thẳng cột, "
            'mục danh sách bắt đầu bằng "- "'
        )
    if "flow sequence" in context:
        return 'danh sách mở ngoặc vuông "[" ở đây thiếu dấu "]" đóng hoặc dấu phẩy giữa các mục'
    if "flow mapping" in context:
        return 'nhóm trường mở ngoặc nhọn "{" ở đây thiếu dấu "}" đóng hoặc dấu phẩy'
    if "sequence entries are not allowed" in problem:
        return (
            'không thể bắt đầu danh sách ("- ") ở đây; mỗi mục danh sách viết trên một dòng '
            "riêng, dưới tên trường"
        )
    if "expected a single document" in problem or "document" in context:
        return 'mỗi tệp chỉ chứa một nội dung; hãy xóa dòng "---" thứ hai'
    return f"cú pháp YAML không hợp lệ ({problem or context})"
