"""Click's own messages (usage, errors, help headings) in Vietnamese.

Click passes every text it prints through ``gettext`` (``from gettext import gettext as _`` in
each of its modules) but picks the language from the environment, which a ward's machine or CI
does not set to Vietnamese. ``install()`` points those module-level names at this catalogue
instead. ``tests/test_cli.py`` reads Click's source and fails when a text of the installed
Click has no translation here.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

TEXTS: dict[str, str] = {
    # core.py
    "Aborted!": "Đã dừng.",
    "deprecated": "không còn dùng",
    "Missing command.": "Thiếu lệnh.",
    "Options": "Tùy chọn",
    "required": "bắt buộc",
    "Positional arguments": "Tham số",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": (
        "Cảnh báo: lệnh {name!r} không còn dùng nữa.{extra_message}"
    ),
    "Commands": "Các lệnh",
    "Value must be an iterable.": "Giá trị phải là một danh sách.",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": (
        "Cảnh báo: {name!r} không còn dùng nữa.{extra_message}"
    ),
    "Could not determine name for option with declarations {decls!r}": (
        "Không xác định được tên của tùy chọn {decls!r}"
    ),
    "No options defined but a name was passed ({name}). Did you mean to declare an argument "
    "instead? Did you mean to pass '--{name}'?": (
        "Không có tùy chọn nào nhưng có tên ({name}). Có phải bạn muốn viết '--{name}'?"
    ),
    "env var: {var}": "biến môi trường: {var}",
    "default: {default}": "mặc định: {default}",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.": (
        "Mỗi tham số chỉ có một tên, nhận được {length}: {decls}."
    ),
    "(dynamic)": "(tính khi chạy)",
    "Name '{name}' defined twice": "Tên '{name}' được khai báo hai lần",
    "Boolean option {decl!r} cannot use the same flag for true/false.": (
        "Tùy chọn bật/tắt {decl!r} không thể dùng cùng một cờ cho cả bật và tắt."
    ),
    # decorators.py
    "Do you want to continue?": "Bạn có muốn tiếp tục không?",
    "Confirm the action without prompting.": "Xác nhận mà không hỏi lại.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "Show the version and exit.": "In phiên bản rồi thoát.",
    "Show this message and exit.": "In hướng dẫn này rồi thoát.",
    # exceptions.py
    "Missing argument": "Thiếu tham số",
    "unknown error": "lỗi không rõ",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Missing option": "Thiếu tùy chọn",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "Error: {message}": "Lỗi cách dùng: {message}",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: '{command} {option}'.",
    "Missing parameter": "Thiếu tham số",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Missing {param_type}": "Thiếu {param_type}",
    # formatting.py
    "Usage:": "Cách dùng:",
    # parser.py
    "Invalid start character for option ({option})": (
        "Tùy chọn bắt đầu bằng ký tự không hợp lệ ({option})"
    ),
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Argument {name!r} takes {nargs} values.": "Tham số {name!r} cần {nargs} giá trị.",
    # shell_completion.py
    "Couldn't detect Bash version, shell completion is not supported.": (
        "Không xác định được phiên bản Bash, không hỗ trợ tự hoàn thành lệnh."
    ),
    "Shell completion is not supported for Bash versions older than 4.4.": (
        "Không hỗ trợ tự hoàn thành lệnh với Bash cũ hơn 4.4."
    ),
    # termui.py
    "Press any key to continue...": "Nhấn phím bất kỳ để tiếp tục...",
    "Repeat for confirmation": "Nhập lại để xác nhận",
    "Error: The two entered values do not match.": "Lỗi: hai giá trị đã nhập không khớp.",
    "Unknown color {colour!r}": "Không biết màu {colour!r}",
    "Error: invalid input": "Lỗi: giá trị không hợp lệ",
    # types.py
    "file": "tệp",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "Choice({choices})": "Lựa chọn({choices})",
    "directory": "thư mục",
    "path": "đường dẫn",
    "{value} is not in the range {range}.": "{value} không nằm trong khoảng {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} không phải có/không. Các giá trị nhận được: {states}"
    ),
    "{value!r} is not a valid {number_type}.": "{value!r} không phải là số hợp lệ.",
    "{value!r} is not a valid UUID.": "{value!r} không phải UUID hợp lệ.",
    "{name} {filename!r} is a file.": "{filename!r} là một tệp, không phải thư mục.",
    "{name} {filename!r} is a directory.": "{filename!r} là một thư mục, không phải tệp.",
    "{name} {filename!r} is not readable.": "Không đọc được {filename!r}.",
    "{name} {filename!r} is not writable.": "Không ghi được vào {filename!r}.",
    "{name} {filename!r} is not executable.": "Không chạy được {filename!r}.",
    "{name} {filename!r} does not exist.": "Không có {filename!r}.",
    # utils.py
    "Unknown standard stream '{name}'": "Không có luồng chuẩn '{name}'",
    # _termui_impl.py
    "{editor}: Editing failed": "{editor}: không sửa được",
    "{editor}: Editing failed: {e}": "{editor}: không sửa được: {e}",
}
"""Click's English text → the Vietnamese one (placeholders kept)."""

PLURALS: dict[str, str] = {
    "Got unexpected extra argument ({args})": "Thừa tham số ({args})",
    "Takes {nargs} values but 1 was given.": "Cần {nargs} giá trị nhưng chỉ có 1.",
    "Did you mean {possibility}?": "Có phải {possibility}?",
    "Option {name!r} requires an argument.": "Tùy chọn {name!r} cần một giá trị.",
    "{value!r} is not {choice}.": "{value!r} không phải là {choice}.",
    "{value!r} does not match the format {format}.": "{value!r} không đúng dạng {format}.",
    "{len_type} values are required, but {len_value} was given.": (
        "Cần {len_type} giá trị, nhưng có {len_value}."
    ),
}
"""Click's singular texts that have a plural; keyed by the singular."""

PLURAL_FORMS: dict[str, str] = {
    "Got unexpected extra arguments ({args})": "Thừa tham số ({args})",
    "Takes {nargs} values but {len} were given.": "Cần {nargs} giá trị nhưng có {len}.",
    "(Did you mean one of: {possibilities}?)": "(Có phải một trong: {possibilities}?)",
    "Option {name!r} requires {nargs} arguments.": "Tùy chọn {name!r} cần {nargs} giá trị.",
    "{value!r} is not one of {choices}.": "{value!r} không phải một trong {choices}.",
    "{value!r} does not match the formats {formats}.": (
        "{value!r} không đúng một trong các dạng {formats}."
    ),
    "{len_type} values are required, but {len_value} were given.": (
        "Cần {len_type} giá trị, nhưng có {len_value}."
    ),
}
"""The plural texts (Vietnamese has one form for both)."""

CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.shell_completion",
    "click.termui",
    "click.types",
    "click.utils",
    "click._termui_impl",
)


def gettext(message: str) -> str:
    """The Vietnamese text of one of Click's messages (unknown ones stay as they are)."""
    return TEXTS.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The Vietnamese text of one of Click's messages that has a plural."""
    if count == 1:
        return PLURALS.get(singular, singular)
    return PLURAL_FORMS.get(plural, plural)


def install() -> None:
    """Make Click speak Vietnamese; call before any ``click.Path`` or option is made."""
    for name in CLICK_MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
    # An option's placeholder in the help is its type's name in capitals ("TEXT", "INTEGER").
    click.types.STRING.name = "chữ"
    click.types.INT.name = "số"
    click.types.FLOAT.name = "số"
    click.types.BOOL.name = "có/không"


class Command(click.Command):
    """A command whose usage line says "[TÙY CHỌN]" rather than "[OPTIONS]"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[TÙY CHỌN]")
        super().__init__(*args, **kwargs)


class Group(click.Group):
    """A command group whose usage line and sub-commands are in Vietnamese too."""

    command_class = Command
    group_class = type  # sub-groups are of this class as well

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[TÙY CHỌN]")
        kwargs.setdefault("subcommand_metavar", "LỆNH [THAM SỐ]...")
        super().__init__(*args, **kwargs)


class Count(click.ParamType):  # type: ignore[type-arg]
    """A whole number from 1 up (Click's IntRange describes its range in English)."""

    name = "SỐ"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        """The number, or a usage error in Vietnamese."""
        text = str(value).strip()
        if isinstance(value, int) and value >= 1:
            return value
        if text.isdigit() and int(text) >= 1:
            return int(text)
        self.fail(f"cần một số nguyên từ 1 trở lên, nhận được {text!r}", param, ctx)


install()  # on import, so that it runs before any command module makes its options
