"""The shape of every content file, defined once as pydantic models.

The models validate what the loader read (all scalars arrive as text), give every error
with its path, and export the JSON Schema that staff editors use for completion. Field
docstrings are in Vietnamese: they become the descriptions staff see in their editor and
the field names in "thiếu trường bắt buộc" messages.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from datetime import date
from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .dates import TAUGHT_PATTERN, date_parts, make_date
from .privacy import find_personal_data, personal_data_message


class Strict(BaseModel):
    """Base of every content model: frozen, no unknown keys, field docs from docstrings."""

    unknown_keys_are_errors: ClassVar[bool] = False
    """Whether an unknown key is an error even without ``--strict`` (privacy-sensitive files)."""
    unknown_key_hint: ClassVar[str] = ""
    """Added to the "trường không được hỗ trợ" message."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        str_strip_whitespace=True,
    )

    @model_validator(mode="after")
    def _share_fields_set(self) -> Self:
        # pydantic keeps, in every model, the set of fields that were written (for
        # exclude_unset). A catalogue holds about 100,000 small models whose sets are mostly
        # alike: one shared set per combination instead of one each saves about 15 % of its
        # memory. The models are frozen, so nothing ever adds to a shared set.
        _share(self)
        return self

    def __setstate__(self, state: dict[Any, Any]) -> None:
        """After unpickling (from a forked reader), share texts and field sets again."""
        super().__setstate__(state)
        _share(self)
        for name, value in self.__dict__.items():
            if isinstance(value, str):
                self.__dict__[name] = _shared_text(value)
            elif isinstance(value, list) and value and isinstance(value[0], str):
                self.__dict__[name] = [_shared_text(item) for item in value]


_FIELD_SETS: dict[frozenset[str], set[str]] = {}


def _share(model: BaseModel) -> None:
    fields_set = model.__pydantic_fields_set__
    shared = _FIELD_SETS.setdefault(frozenset(fields_set), fields_set)
    object.__setattr__(model, "__pydantic_fields_set__", shared)


@dataclasses.dataclass(frozen=True)
class PatternValidator(BeforeValidator):
    """A text validator that also tells editors (the staff editor's forms) what it accepts."""

    pattern: str = ""
    """The whole text must match this regular expression (Python and JavaScript alike)."""
    expected: str = ""
    """What to write, in Vietnamese, as ``check`` says it."""


def _pattern_text(pattern: str, error_type: str, expected: str, scheme: str = "") -> Any:
    """A validator that accepts text matching ``pattern`` and otherwise says what to write.

    With ``scheme`` ("tel", "mailto"), a value copied from a link is accepted and kept
    without its scheme.
    """
    compiled = re.compile(pattern)
    prefix = re.compile(rf"{scheme}:(//)?\s*", re.I) if scheme else None

    def check(value: object) -> object:
        if not isinstance(value, str):
            return value
        text = value.strip()
        if prefix is not None:
            text = prefix.sub("", text, count=1) if prefix.match(text) else text
        if not compiled.fullmatch(text):
            raise PydanticCustomError(error_type, expected)
        return text

    return PatternValidator(check, pattern=pattern, expected=expected)


def _text_or_number_schema(pattern: str, description: str) -> WithJsonSchema:
    # Editors read YAML 1.2, where an unquoted 1.001193 or 0296... is a number; congkhai
    # keeps it as the text that was written, so the editor must not flag it either.
    return WithJsonSchema(
        {
            "anyOf": [{"type": "string", "pattern": pattern}, {"type": "number"}],
            "description": description,
        }
    )


def _whole_number(kind: str, noun: str, expected: str) -> Any:
    """A parser of whole numbers written as text; "50.000" gets "write 50000" in the message."""

    def parse(value: object) -> object:
        if not isinstance(value, str):
            return value
        text = value.strip()
        if re.fullmatch(r"\d+", text):
            return int(text)
        if re.fullmatch(r"\d{1,3}([.,]\d{3})+", text):
            raise PydanticCustomError(
                f"{kind}_separator",
                f"cần {noun} viết liền không có dấu chấm, dấu phẩy (viết {{plain}})",
                {"plain": re.sub(r"[.,]", "", text)},
            )
        raise PydanticCustomError(kind, expected)

    return parse


_parse_money = _whole_number("money", "số tiền", "cần một số tiền (số nguyên, đồng)")


def _parse_number(value: object) -> object:
    if not isinstance(value, str):
        return value
    text = value.strip()
    if re.fullmatch(r"-?\d+(\.\d+)?", text):
        return float(text)
    if re.fullmatch(r"-?\d+,\d+", text):
        raise PydanticCustomError(
            "number_comma",
            "cần một số, phần thập phân viết bằng dấu chấm (viết {dotted})",
            {"dotted": text.replace(",", ".")},
        )
    raise PydanticCustomError("number", "cần một số")


def _parse_date(value: object) -> object:
    if not isinstance(value, str):
        return value
    parts = date_parts(value)
    if parts is None:
        raise PydanticCustomError("date", "cần một ngày dạng 15/01/2026 hoặc 2026-01-15")
    written = make_date(*parts)
    if written is None:
        raise PydanticCustomError("date_impossible", "ngày này không có trong lịch")
    return written


def _shared_text(value: str) -> str:
    # Legal documents, dossier items, agencies and units repeat across hundreds of procedures:
    # one copy of each short text instead of one per procedure (about 20 % of a large
    # catalogue's memory). Long paragraphs are rarely repeated; keeping them out keeps the
    # table of shared texts small.
    return sys.intern(value) if len(value) <= SHARED_TEXT_MAX else value


SHARED_TEXT_MAX = 300
"""Texts up to this many characters are shared between the models that hold them."""

Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_shared_text)
]
"""Any non-empty text."""

Code = Annotated[
    str,
    _pattern_text(
        r"\d\.\d{6}",
        "procedure_code",
        "cần mã thủ tục gồm một chữ số, dấu chấm và sáu chữ số (ví dụ 1.001193)",
    ),
    _text_or_number_schema(
        r"^\d\.\d{6}$", "Mã thủ tục trên Cơ sở dữ liệu quốc gia, ví dụ 1.001193."
    ),
]


def _plausible_phone(value: str) -> str:
    # Only a number someone can dial becomes a tel: link: 3 (113) to 15 digits (E.164).
    if not 3 <= sum(c.isdigit() for c in value) <= 15:
        raise PydanticCustomError("phone", "cần một số điện thoại có từ 3 đến 15 chữ số")
    return value


Phone = Annotated[
    str,
    AfterValidator(_plausible_phone),
    _pattern_text(
        r"\+?[0-9][0-9 .()-]{2,19}",
        "phone",
        "cần một số điện thoại (chữ số, có thể có dấu cách hoặc dấu chấm)",
        "tel",
    ),
    _text_or_number_schema(r"^\+?[0-9][0-9 .()-]{2,19}$", "Số điện thoại, ví dụ 0296 3861 234."),
]

Email = Annotated[
    str,
    _pattern_text(
        # Only plain addresses: a value is put into a mailto: link, so no quotes, spaces,
        # brackets or "?subject=" can ride along.
        r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+",
        "email",
        "cần một địa chỉ thư điện tử (ví dụ ten@angiang.gov.vn)",
        "mailto",
    ),
]

Url = Annotated[
    str,
    _pattern_text(
        r"https?://[^\s<>\"']+", "url", "cần một địa chỉ web bắt đầu bằng https:// hoặc http://"
    ),
]

Money = Annotated[
    int,
    BeforeValidator(_parse_money),
    Field(ge=0),
    WithJsonSchema({"type": "integer", "minimum": 0, "description": "Số tiền (đồng), viết liền."}),
]

Number = Annotated[
    float,
    BeforeValidator(_parse_number),
    WithJsonSchema({"type": "number"}),
]

VnDate = Annotated[
    date,
    BeforeValidator(_parse_date),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": TAUGHT_PATTERN,
            "description": "Ngày, dạng 15/01/2026 hoặc 2026-01-15.",
        }
    ),
]

UnitId = Annotated[
    str,
    _pattern_text(
        r"[a-z0-9]+(-[a-z0-9]+)*",
        "unit_id",
        "cần mã đơn vị viết thường, không dấu, nối bằng dấu gạch ngang (ví dụ van-phong)",
    ),
]


_YES = {"có", "co", "true", "yes", "đúng"}
_NO = {"không", "khong", "false", "no", "sai"}


def _parse_bool(value: object) -> object:
    if isinstance(value, str):
        word = value.strip().casefold()
        if word in _YES:
            return True
        if word in _NO:
            return False
        raise PydanticCustomError("yes_no", 'cần "có" hoặc "không"')
    return value


YesNo = Annotated[
    bool,
    BeforeValidator(_parse_bool),
    WithJsonSchema(
        {
            "anyOf": [{"type": "boolean"}, {"enum": ["có", "không"]}],
            "description": 'Viết "có" hoặc "không" (hoặc true, false).',
        }
    ),
]


def _one_or_many(value: object) -> object:
    return [value] if isinstance(value, str) else value


UnitIds = Annotated[
    list[UnitId],
    BeforeValidator(_one_or_many),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "string"}},
            ],
            "description": "Một mã đơn vị, hoặc danh sách mã đơn vị khai báo ở phần units.",
        }
    ),
]

HexColor = Annotated[
    str,
    _pattern_text(r"#[0-9a-fA-F]{6}", "hex_color", "cần một mã màu dạng #9b1c1c"),
]


def _no_personal_data(value: object) -> object:
    # A citizen's phone, ID number, private email or name must never be published
    # (NĐ 13/2023/NĐ-CP); the message masks what it found (see generator/privacy.py).
    if isinstance(value, str) and (found := find_personal_data(value)):
        raise PydanticCustomError(
            "personal_data", "{message}", {"message": personal_data_message(found)}
        )
    return value


PublicText = Annotated[Text, BeforeValidator(_no_personal_data)]
"""Text published about a citizen's dossier: checked for personal identifiers."""

# --- Procedures (thủ tục hành chính) -------------------------------------------------

ChannelMode = Literal["trực tiếp", "trực tuyến", "bưu chính"]
OnlineLevel = Literal["toàn trình", "một phần"]
ProcedureStatus = Literal["còn hiệu lực", "được sửa đổi", "được thay thế", "bãi bỏ"]
OperatingBody = Literal[
    "ủy ban nhân dân", "công an", "hải quan", "thuế", "bảo hiểm xã hội", "kho bạc", "cơ quan khác"
]
WARD_BODY: OperatingBody = "ủy ban nhân dân"
"""The ward's People's Committee (and its one-stop centre): the body of most procedures."""
OTHER_BODY_NAMES: dict[OperatingBody, str] = {
    "công an": "Công an",
    "thuế": "cơ quan Thuế",
    "hải quan": "Hải quan",
    "bảo hiểm xã hội": "Bảo hiểm xã hội",
    "kho bạc": "Kho bạc Nhà nước",
    "cơ quan khác": "cơ quan khác",
}
"""How pages name each other body ("Do Công an thực hiện"), in the catalogue's order."""


class Decision(Strict):
    """Quyết định công bố thủ tục hành chính."""

    number: Text
    """Số quyết định, ví dụ 1234/QĐ-UBND."""
    date: VnDate
    """Ngày ban hành quyết định."""
    issuer: Text | None = None
    """Người hoặc cơ quan ban hành, ví dụ Chủ tịch UBND tỉnh An Giang."""


class FeeCase(Strict):
    """Một mức phí, lệ phí áp dụng cho một trường hợp riêng."""

    case: Text
    """Trường hợp, ví dụ "Đăng ký khai sinh quá hạn" hoặc "Cấp thêm bản sao"."""
    fee: Money
    """Phí, lệ phí trong trường hợp này (đồng, viết liền); 0 nếu miễn phí."""
    fee_unit: Text | None = None
    """Đơn vị tính nếu không tính theo hồ sơ, ví dụ "bản"."""


class Channel(Strict):
    """Một cách thức thực hiện: trực tiếp, trực tuyến hoặc qua bưu chính."""

    mode: ChannelMode
    """Cách nộp hồ sơ: "trực tiếp", "trực tuyến" hoặc "bưu chính"."""
    time_limit: Text
    """Thời hạn giải quyết, viết như văn bản công bố, ví dụ "03 ngày làm việc"."""
    fee: Money
    """Phí, lệ phí (đồng, viết liền); 0 nếu miễn phí."""
    fee_unit: Text | None = None
    """Đơn vị tính phí nếu không tính theo hồ sơ, ví dụ "trang" hoặc "bản"."""
    fee_note: Text | None = None
    """Ghi chú về phí, lệ phí: các mức khác, trường hợp được miễn."""
    fee_cases: list[FeeCase] = []
    """Các mức phí theo trường hợp (nếu có), ví dụ miễn phí khi đúng hạn, có phí khi quá hạn."""
    url: Url | None = None
    """Địa chỉ nộp hồ sơ trực tuyến (với cách "trực tuyến")."""
    level: OnlineLevel | None = None
    """Mức dịch vụ công trực tuyến, chỉ với cách "trực tuyến": "toàn trình" hoặc "một phần"."""
    description: Text | None = None
    """Mô tả cách nộp (cột "Mô tả" trên Cổng): nộp ở đâu, thời gian tiếp nhận, các trường hợp."""


class Form(Strict):
    """Mẫu đơn, tờ khai kèm theo một thành phần hồ sơ."""

    name: Text
    """Tên hoặc ký hiệu mẫu, ví dụ "Tờ khai đăng ký khai sinh"."""
    file: Text | None = None
    """Tệp mẫu đặt trong thư mục content/forms/, ví dụ to-khai-dang-ky-khai-sinh.docx."""
    url: Url | None = None
    """Địa chỉ tải mẫu trên trang khác (nếu không có tệp trong content/forms/)."""
    pdf: Text | None = None
    """Bản PDF của mẫu trong thư mục content/forms/, để in đúng mẫu, ví dụ to-khai.pdf."""


class DossierItem(Strict):
    """Một thành phần hồ sơ."""

    name: Text
    """Tên giấy tờ."""
    copies: Text | None = None
    """Số lượng và loại bản, ví dụ "01 bản chính"."""
    when: Text | None = None
    """Chỉ nộp trong trường hợp nào, ví dụ "Trẻ em bị bỏ rơi"; bỏ trống nếu ai cũng phải nộp."""
    form: Form | None = None
    """Mẫu đơn, tờ khai (nếu có)."""
    note: Text | None = None
    """Ghi chú: trường hợp phải nộp, giấy tờ thay thế."""
    group: Text | None = None
    """Nhóm giấy tờ (trường hợp) như tiêu đề trên Cổng, ví dụ "Trường hợp ủy quyền"; các giấy tờ
    liền nhau cùng nhóm hiện dưới một tiêu đề."""


class LegalDocument(Strict):
    """Một văn bản làm căn cứ pháp lý."""

    number: Text
    """Số, ký hiệu văn bản, ví dụ 123/2015/NĐ-CP."""
    title: Text
    """Trích yếu văn bản."""
    date: VnDate | None = None
    """Ngày ban hành."""


class Change(Strict):
    """Một lần thủ tục được công bố mới, sửa đổi, thay thế hoặc bãi bỏ."""

    date: VnDate
    """Ngày có hiệu lực của thay đổi."""
    description: Text
    """Thay đổi gì, ví dụ "Giảm thời hạn giải quyết từ 05 xuống 03 ngày làm việc"."""
    decision: Text | None = None
    """Quyết định công bố thay đổi, ví dụ "Quyết định số 1542/QĐ-UBND ngày 01/07/2025"."""


class Agencies(Strict):
    """Các cơ quan liên quan đến thủ tục."""

    competent: Text
    """Cơ quan có thẩm quyền quyết định."""
    implementing: Text
    """Cơ quan trực tiếp thực hiện."""
    coordinating: Text | None = None
    """Cơ quan phối hợp (nếu có)."""


class Procedure(Strict):
    """Một thủ tục hành chính phường tiếp nhận, giải quyết (tệp content/procedures/*.yml)."""

    code: Code
    """Mã thủ tục trên Cơ sở dữ liệu quốc gia về thủ tục hành chính, ví dụ "1.001193"."""
    name: Text
    """Tên thủ tục hành chính."""
    field: Text
    """Lĩnh vực, ví dụ Hộ tịch, Chứng thực."""
    level: Text
    """Cấp thực hiện, ví dụ Cấp xã."""
    summary: Text | None = None
    """Một hai câu giới thiệu thủ tục bằng lời thường, cho người dân."""
    keywords: list[Text] = []
    """Cách người dân hay gọi thủ tục này (ví dụ "làm giấy khai sinh", "sổ đỏ"), để tìm kiếm."""
    decision: Decision
    """Quyết định công bố thủ tục."""
    subjects: list[Text] = Field(min_length=1)
    """Đối tượng thực hiện."""
    steps: list[Text] = Field(min_length=1)
    """Trình tự thực hiện, mỗi bước một mục."""
    step_notes: list[Text] = []
    """Lưu ý về trình tự thực hiện (như phần "Lưu ý" trên Cổng Dịch vụ công), mỗi ý một mục."""
    channels: list[Channel] = Field(min_length=1)
    """Cách thức thực hiện, mỗi cách một mục, kèm thời hạn và phí, lệ phí."""
    dossier: list[DossierItem] = Field(min_length=1)
    """Thành phần, số lượng hồ sơ."""
    conditions: list[Text] = []
    """Yêu cầu, điều kiện thực hiện (nếu có)."""
    legal_basis: list[LegalDocument] = Field(min_length=1)
    """Căn cứ pháp lý."""
    result: Text
    """Kết quả thực hiện thủ tục."""
    agencies: Agencies
    """Cơ quan có thẩm quyền, cơ quan thực hiện, cơ quan phối hợp."""
    submit_at: Text | None = None
    """Nơi tiếp nhận hồ sơ; bỏ trống nếu là Trung tâm Phục vụ hành chính công của phường."""
    operating_body: OperatingBody = WARD_BODY
    """Cơ quan thực hiện thủ tục: "ủy ban nhân dân" (UBND phường, Trung tâm Phục vụ hành chính
    công), hoặc "công an", "hải quan", "thuế", "bảo hiểm xã hội", "kho bạc", "cơ quan khác"."""
    one_stop: YesNo = True
    """Tiếp nhận và trả kết quả tại Trung tâm Phục vụ hành chính công (bộ phận một cửa)."""
    inter_agency: YesNo = False
    """Thủ tục liên thông (cùng cấp hoặc giữa các cấp)."""
    vertical: YesNo = False
    """Thủ tục của cơ quan ngành dọc, tiếp nhận tại Trung tâm Phục vụ hành chính công của phường."""
    status: ProcedureStatus = "còn hiệu lực"
    """Tình trạng: "còn hiệu lực", "được sửa đổi", "được thay thế" hoặc "bãi bỏ"."""
    status_date: VnDate | None = None
    """Ngày có tình trạng hiện tại (ngày sửa đổi, thay thế, bãi bỏ)."""
    replaced_by: Code | None = None
    """Mã thủ tục thay thế (bắt buộc khi tình trạng là "được thay thế")."""
    updated: VnDate | None = None
    """Ngày cập nhật nội dung lần cuối (dùng khi không có lịch sử git)."""
    history: list[Change] = []
    """Lịch sử công bố, sửa đổi của thủ tục, mới nhất trước hoặc sau đều được."""
    draft: YesNo = False
    """Bản nháp: được kiểm tra nhưng chưa công bố. Xóa dòng này khi nội dung đã đầy đủ."""

    @property
    def other_body(self) -> bool:
        """Carried out by another body (police, tax…), not by the ward's People's Committee."""
        return self.operating_body != WARD_BODY

    @property
    def body_name(self) -> str:
        """The other body as a page names it ("Công an"); "" for the ward's People's Committee."""
        return OTHER_BODY_NAMES.get(self.operating_body, "")


# --- Feedback contact points (phản ánh, kiến nghị) -----------------------------------


class Officer(Strict):
    """Cán bộ đầu mối tiếp nhận phản ánh, kiến nghị."""

    name: Text
    """Họ và tên."""
    role: Text
    """Chức vụ, nhiệm vụ."""
    phone: Phone | None = None
    """Số điện thoại công vụ."""
    email: Email | None = None
    """Thư điện tử công vụ."""


class Contact(Strict):
    """Một đầu mối tiếp nhận phản ánh, kiến nghị (tệp content/contacts/*.yml)."""

    name: Text
    """Tên đầu mối, ví dụ "Bộ phận tiếp nhận phản ánh, kiến nghị của UBND phường"."""
    purpose: Text | None = None
    """Tiếp nhận những phản ánh, kiến nghị nào."""
    address: Text
    """Địa chỉ gửi văn bản hoặc đến trực tiếp."""
    phone: Phone | None = None
    """Số điện thoại."""
    hotline: Phone | None = None
    """Đường dây nóng."""
    email: Email | None = None
    """Thư điện tử."""
    hours: Text | None = None
    """Thời gian tiếp nhận."""
    officers: list[Officer] = []
    """Cán bộ đầu mối."""
    order: int = 100
    """Thứ tự hiển thị trên trang (số nhỏ đứng trước)."""


# --- The yearly plan (kế hoạch) -------------------------------------------------------

TaskStatus = Literal["chưa bắt đầu", "đang thực hiện", "hoàn thành"]
Measure = Literal["tỷ lệ đúng hạn", "tỷ lệ trực tuyến", "tỷ lệ số hóa", "tỷ lệ hài lòng"]
Comparison = Literal["tối thiểu", "tối đa", "bằng"]


class ProgressNote(Strict):
    """Một lần cập nhật tiến độ."""

    date: VnDate
    """Ngày cập nhật."""
    note: PublicText
    """Đã làm được gì (không nêu tên, số điện thoại, số giấy tờ của người dân)."""


class Task(Strict):
    """Một nhiệm vụ trong kế hoạch."""

    number: Text | None = None
    """Số thứ tự như trong kế hoạch, ví dụ "1", "1.1" hoặc "a)" (trang có liên kết #II.1)."""
    content: Text
    """Nội dung nhiệm vụ."""
    lead: UnitIds
    """Đơn vị chủ trì (mã đơn vị khai báo ở phần units)."""
    cooperating: UnitIds = []
    """Đơn vị phối hợp (mã đơn vị)."""
    deadline: Text
    """Thời gian hoàn thành, viết như trong kế hoạch, ví dụ "Quý I/2026", "Thường xuyên"."""
    output: Text | None = None
    """Kết quả, sản phẩm dự kiến."""
    notes: Text | None = None
    """Ghi chú."""
    status: TaskStatus = "chưa bắt đầu"
    """Tình trạng: "chưa bắt đầu", "đang thực hiện" hoặc "hoàn thành". "Quá hạn" được tự tính."""
    completed: VnDate | None = None
    """Ngày hoàn thành (nếu bỏ trống: ngày của lần cập nhật tiến độ cuối cùng)."""
    progress: list[ProgressNote] = []
    """Các lần cập nhật tiến độ, có ngày."""


class Subsection(Strict):
    """Một nhóm nhiệm vụ trong một phần của kế hoạch (I, II, III…)."""

    number: Text | None = None
    """Số thứ tự như trong kế hoạch, ví dụ "I"."""
    title: Text
    """Tên nhóm nhiệm vụ."""
    tasks: list[Task] = Field(min_length=1)
    """Các nhiệm vụ."""


class Section(Strict):
    """Một phần của kế hoạch (1, 2, 3…)."""

    number: Text | None = None
    """Số thứ tự như trong kế hoạch, ví dụ "1"."""
    title: Text
    """Tên phần."""
    tasks: list[Task] = []
    """Các nhiệm vụ không thuộc nhóm nào."""
    subsections: list[Subsection] = []
    """Các nhóm nhiệm vụ."""


class Measurement(Strict):
    """Một lần đo kết quả của chỉ tiêu."""

    date: VnDate
    """Ngày của số liệu (ví dụ ngày cuối quý)."""
    value: Number
    """Kết quả (một số)."""


class Kpi(Strict):
    """Một chỉ tiêu của kế hoạch."""

    name: Text
    """Tên chỉ tiêu."""
    unit: Text
    """Đơn vị tính, ví dụ "%"."""
    target: Number
    """Chỉ tiêu năm (một số)."""
    comparison: Comparison = "tối thiểu"
    """Chỉ tiêu là mức "tối thiểu", "tối đa" hay phải "bằng"."""
    actual: Number | None = None
    """Kết quả thực tế mới nhất (bỏ trống nếu chưa có)."""
    as_of: VnDate | None = None
    """Ngày của kết quả thực tế."""
    history: list[Measurement] = []
    """Kết quả các kỳ trước (ví dụ cuối mỗi quý), dùng cho báo cáo quý."""
    lead: UnitId
    """Đơn vị chủ trì (mã đơn vị)."""
    note: Text | None = None
    """Ghi chú, nguồn chỉ tiêu."""
    measure: Measure | None = None
    """Số liệu của trang Kết quả giải quyết hồ sơ dùng để so với chỉ tiêu này (nếu có)."""
    may_exceed_100: YesNo = False
    """Ghi "có" nếu chỉ tiêu tính bằng % mà được phép vượt 100 (ví dụ tỷ lệ tăng trưởng)."""

    def meets(self, value: float) -> bool:
        """Whether ``value`` meets the target, as ``comparison`` says."""
        if self.comparison == "tối thiểu":
            return value >= self.target
        if self.comparison == "tối đa":
            return value <= self.target
        return value == self.target


class Plan(Strict):
    """Kế hoạch kiểm soát thủ tục hành chính và thực hiện cơ chế một cửa trong năm."""

    number: Text
    """Số kế hoạch, ví dụ 18/KH-UBND."""
    date: VnDate
    """Ngày ban hành."""
    year: int | None = None
    """Năm của kế hoạch, nếu khác năm ban hành (kế hoạch năm sau ban hành vào cuối năm)."""
    title: Text
    """Tên kế hoạch."""
    issuer: Text
    """Cơ quan ban hành."""
    signer: Text | None = None
    """Người ký."""
    legal_basis: list[Text] = []
    """Căn cứ ban hành kế hoạch."""
    units: dict[UnitId, Text] = Field(min_length=1)
    """Các đơn vị được giao nhiệm vụ: mã đơn vị và tên đầy đủ."""
    sections: list[Section] = Field(min_length=1)
    """Các phần của kế hoạch."""
    kpis: list[Kpi] = []
    """Các chỉ tiêu của kế hoạch."""


# --- Service results (kết quả giải quyết hồ sơ) and apologies (xin lỗi) -----------------


_parse_count = _whole_number("count", "số hồ sơ", "cần một số nguyên không âm (số hồ sơ)")


def plan_year(plan: Plan) -> int:
    """The year a plan is for."""
    return plan.year or plan.date.year


def section_tasks(section: Section) -> list[Task]:
    """A section's tasks in the order of the source, subsections included."""
    return [*section.tasks, *(task for sub in section.subsections for task in sub.tasks)]


Count = Annotated[
    int,
    BeforeValidator(_parse_count),
    Field(ge=0),
    WithJsonSchema({"type": "integer", "minimum": 0}),
]

MaskedDossier = Annotated[
    str,
    BeforeValidator(_no_personal_data),
    _pattern_text(
        r"[A-Za-z0-9.\-]*\*{2,}[A-Za-z0-9.\-*]*",
        "masked_dossier",
        "cần số hồ sơ đã che bớt bằng dấu * (ví dụ H19.***.2345)",
    ),
]


class FieldResult(Strict):
    """Số liệu hồ sơ của một lĩnh vực trong tháng."""

    field: Text
    """Lĩnh vực, ví dụ Hộ tịch."""
    received_in_person: Count = 0
    """Hồ sơ tiếp nhận trực tiếp."""
    received_online: Count = 0
    """Hồ sơ tiếp nhận trực tuyến."""
    received_postal: Count = 0
    """Hồ sơ tiếp nhận qua bưu chính."""
    resolved_early: Count = 0
    """Hồ sơ giải quyết trước hạn."""
    resolved_on_time: Count = 0
    """Hồ sơ giải quyết đúng hạn."""
    resolved_late: Count = 0
    """Hồ sơ giải quyết trễ hạn."""
    pending: Count = 0
    """Hồ sơ đang giải quyết cuối tháng."""
    returned: Count = 0
    """Hồ sơ trả lại để bổ sung."""
    digitised: Count = 0
    """Hồ sơ được số hóa thành phần hồ sơ, kết quả giải quyết."""
    very_satisfied: Count = 0
    """Lượt đánh giá rất hài lòng."""
    satisfied: Count = 0
    """Lượt đánh giá hài lòng."""
    not_satisfied: Count = 0
    """Lượt đánh giá không hài lòng."""
    note: PublicText | None = None
    """Ghi chú (không nêu tên, số điện thoại, số giấy tờ của người dân)."""


class MonthlyResults(Strict):
    """Kết quả tiếp nhận, giải quyết hồ sơ trong một tháng (tệp content/results/<năm>-<tháng>)."""

    fields: list[FieldResult] = Field(min_length=1)
    """Mỗi lĩnh vực một mục."""


ApologyStatus = Literal["đã trả kết quả", "chưa trả kết quả"]


class Apology(Strict):
    """Một lần xin lỗi công khai vì hồ sơ trễ hạn (tệp content/apologies/*.yml).

    Không ghi họ tên, số giấy tờ, số điện thoại của người nộp hồ sơ.
    """

    # A "ho_ten:" or "cccd:" key must stop the build, not be quietly ignored.
    unknown_keys_are_errors = True
    unknown_key_hint = "; không ghi họ tên, số giấy tờ hay số điện thoại của người nộp hồ sơ"

    dossier: MaskedDossier
    """Số hồ sơ, đã che bớt bằng dấu *, ví dụ H19.***.2345."""
    procedure: Code
    """Mã thủ tục."""
    received: VnDate
    """Ngày tiếp nhận hồ sơ."""
    due: VnDate
    """Ngày hẹn trả kết quả ban đầu."""
    new_due: VnDate
    """Ngày hẹn trả kết quả mới (ghi trong Phiếu xin lỗi và hẹn lại ngày trả kết quả)."""
    reason: PublicText
    """Lý do trễ hạn."""
    apologized: VnDate
    """Ngày gửi Phiếu xin lỗi."""
    status: ApologyStatus = "chưa trả kết quả"
    """Tình trạng: "đã trả kết quả" hoặc "chưa trả kết quả"."""
    returned: VnDate | None = None
    """Ngày đã trả kết quả (khi tình trạng là "đã trả kết quả")."""


# --- Site configuration (site_config.yml) ---------------------------------------------


class OpeningHours(Strict):
    """Giờ làm việc trong một nhóm ngày."""

    days: Text
    """Các ngày, ví dụ "Thứ Hai đến Thứ Sáu"."""
    hours: Text
    """Giờ, ví dụ "Sáng 7:00 – 11:30, chiều 13:30 – 17:00"."""


class TimeLimit(Strict):
    """Một bước xử lý phản ánh, kiến nghị và thời hạn của bước đó."""

    step: Text
    """Bước, ví dụ "Phân loại, chuyển xử lý"."""
    limit: Text
    """Thời hạn, ví dụ "03 ngày làm việc kể từ ngày tiếp nhận"."""


class FeedbackRules(Strict):
    """Quy định về tiếp nhận, xử lý phản ánh, kiến nghị (tệp content/feedback.yml)."""

    legal_basis: list[LegalDocument] = Field(min_length=1)
    """Văn bản quy định việc tiếp nhận, xử lý phản ánh, kiến nghị."""
    portal_name: Text
    """Tên kênh trực tuyến, ví dụ "Cổng Dịch vụ công quốc gia – Phản ánh, kiến nghị"."""
    portal_url: Url
    """Địa chỉ kênh gửi phản ánh, kiến nghị trực tuyến."""
    time_limits: list[TimeLimit] = Field(min_length=1)
    """Thời hạn xử lý theo quy định, từng bước."""
    note: Text | None = None
    """Ghi chú thêm cho người dân."""


class ServiceCentre(Strict):
    """Trung tâm Phục vụ hành chính công của phường (bộ phận một cửa, theo NĐ 118/2025/NĐ-CP)."""

    name: Text
    """Tên trung tâm."""
    address: Text
    """Địa chỉ."""
    phone: Phone | None = None
    """Số điện thoại."""
    email: Email | None = None
    """Thư điện tử."""
    hours: list[OpeningHours] = Field(min_length=1)
    """Giờ tiếp nhận và trả kết quả."""


class Ward(Strict):
    """Thông tin về phường."""

    name: Text
    """Tên phường, ví dụ "Phường Hòa An"."""
    authority: Text
    """Tên cơ quan, ví dụ "Ủy ban nhân dân phường Hòa An"."""
    province: Text
    """Tỉnh, thành phố."""
    address: Text
    """Địa chỉ trụ sở."""
    phone: Phone
    """Số điện thoại."""
    email: Email
    """Thư điện tử."""
    service_centre: ServiceCentre
    """Trung tâm Phục vụ hành chính công."""


class SiteSettings(Strict):
    """Thiết lập của trang web."""

    url: Url
    """Địa chỉ công khai của trang web."""
    title: Text | None = None
    """Tiêu đề trang web; mặc định "Công khai thủ tục hành chính – <tên phường>"."""
    description: Text | None = None
    """Mô tả ngắn của trang web."""
    plan: Text
    """Tệp kế hoạch của năm, ví dụ content/plan/2026.yml."""
    notice: Text | None = None
    """Thông báo hiện ở đầu mọi trang (ví dụ lịch nghỉ lễ); bỏ trống nếu không có."""


class ThemeOptions(Strict):
    """Giao diện."""

    primary_color: HexColor = "#9b1c1c"
    """Màu chủ đạo (thanh tiêu đề), dạng #9b1c1c; chữ trắng phải đọc rõ trên nền này."""
    accent_color: HexColor = "#b45309"
    """Màu nhấn (liên kết khi trỏ vào)."""


class KioskOptions(Strict):
    """Màn hình tra cứu (kiosk) tại Trung tâm và bảng tin trên ti vi."""

    idle_seconds: int = Field(default=120, ge=10)
    """Sau bao nhiêu giây không có thao tác thì kiosk quay về trang chủ và xóa ô tìm kiếm."""
    board_seconds: int = Field(default=15, ge=5, le=600)
    """Bảng tin trên ti vi: mỗi trang hiện bao nhiêu giây rồi chuyển sang trang sau."""


class CatalogueOptions(Strict):
    """Thủ tục nào có trong danh mục của phường."""

    exclude_bodies: list[OperatingBody] = []
    """Bỏ khỏi danh mục các thủ tục do cơ quan này thực hiện, ví dụ ["hải quan", "thuế"]."""


class EditorOptions(Strict):
    """Trang quản trị nội dung (quan-tri/): kho lưu nội dung và cách cán bộ đăng nhập."""

    backend: Literal["github", "gitea", "forgejo"] = "github"
    """Nơi lưu kho nội dung: "github", "gitea" hoặc "forgejo" (máy chủ git của tỉnh)."""
    repo: Text | None = None
    """Kho nội dung, dạng tổ-chức/tên-kho, ví dụ ubnd-hoa-an/cong-khai."""
    branch: Text = "main"
    """Nhánh được công bố, thường là main."""
    base_url: Url | None = None
    """Địa chỉ máy chủ git (Gitea, Forgejo) hoặc dịch vụ đăng nhập OAuth của tỉnh (GitHub)."""
    app_id: Text | None = None
    """Mã ứng dụng OAuth2 (Client ID) tạo trên máy chủ git, với Gitea, Forgejo."""


class QuickAnswer(Strict):
    """Một thủ tục hay được hỏi, hiện thành nút lớn dưới ô tìm kiếm."""

    code: Code
    """Mã thủ tục, ví dụ "1.001193"."""
    label: Text | None = None
    """Chữ trên nút, ngắn gọn (ví dụ "Khai sinh"); mặc định là tên thủ tục."""


class SearchOptions(Strict):
    """Tìm kiếm."""

    quick_answers: list[QuickAnswer] = []
    """Các thủ tục hay được hỏi nhất, hiện thành nút lớn dưới ô tìm kiếm ở trang chủ và kiosk."""


class SiteConfig(Strict):
    """Cấu hình của trang công khai (tệp site_config.yml)."""

    ward: Ward
    """Thông tin về phường."""
    site: SiteSettings
    """Thiết lập của trang web."""
    theme: ThemeOptions = ThemeOptions()
    """Giao diện."""
    kiosk: KioskOptions = KioskOptions()
    """Màn hình kiosk và bảng tin."""
    catalogue: CatalogueOptions = CatalogueOptions()
    """Danh mục thủ tục của phường."""
    editor: EditorOptions = EditorOptions()
    """Trang quản trị nội dung (quan-tri/)."""
    search: SearchOptions = SearchOptions()
    """Tìm kiếm: nút trả lời nhanh."""


class LocalProcedure(Strict):
    """Một thủ tục trong danh mục của tỉnh mà phường tiếp nhận."""

    code: Code
    """Mã thủ tục trong danh mục của tỉnh (content/procedures/)."""
    note: Text | None = None
    """Ghi chú riêng của phường, hiện trên trang thủ tục (ví dụ quyết định lệ phí của tỉnh)."""


class WardProcedures(Strict):
    """Các thủ tục phường tiếp nhận (tệp wards/<phường>/procedures.yml trong kho của tỉnh)."""

    all: YesNo = False
    """Ghi "có" để nhận mọi thủ tục trong danh mục của tỉnh."""
    procedures: list[LocalProcedure] = []
    """Mỗi thủ tục một mục (mã, ghi chú nếu có); khi all: có, chỉ cần ghi thủ tục có ghi chú."""


class Synonym(Strict):
    """Một cách gọi thường ngày và các từ chính thức nó chỉ tới."""

    everyday: list[Text] = Field(min_length=1)
    """Cách người dân hay gõ, ví dụ "sổ đỏ", "làm giấy khai sinh" (có dấu hay không đều được)."""
    means: Text
    """Các từ có trong tên thủ tục, ví dụ "giấy chứng nhận quyền sử dụng đất"."""
    field: Text | None = None
    """Lĩnh vực (để dễ quản lý)."""
    source: Text | None = None
    """Căn cứ của tên chính thức hoặc nơi thấy cách gọi này."""


class Synonyms(Strict):
    """Từ đồng nghĩa riêng của phường cho tìm kiếm (tệp content/synonyms.yml)."""

    synonyms: list[Synonym] = []
    """Mỗi mục: cách gọi thường ngày (everyday) và từ chính thức (means)."""


CONTENT_MODELS: dict[str, type[Strict]] = {
    "site_config": SiteConfig,
    "procedure": Procedure,
    "contact": Contact,
    "plan": Plan,
    "feedback": FeedbackRules,
    "results": MonthlyResults,
    "apology": Apology,
    "ward_procedures": WardProcedures,
    "synonyms": Synonyms,
}
"""Every top-level content type, by the name its JSON Schema file is published under."""
