"""One record → procedure data in schema terms: every field mapped, named or flagged."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ...dates import find_dmy
from ...schema import WARD_BODY
from ...text import fold
from ..cells import clean, clean_field, one_line
from ..portal_list import procedure_code
from ..writer import Note, blank
from .channels import parse_channels
from .dossier import parse_dossier
from .fields import parse_result, parse_steps, split_lines, split_subjects
from .issues import Issues
from .legal import parse_legal_basis

_CODE = re.compile(r"\d\.\d{6}")
# "1872/QĐ-BTP ngày 04/9/2020", "Quyết định số 1872/QĐ-BTP, ngày 04 tháng 9 năm 2020": the words
# before the number are not part of it; the date is read from the rest.
_DECISION = re.compile(
    r"^(?:(?:Quyết định|QĐ)\s+)?(?:số\s*:?\s*)?(?P<number>[^\s,;]+)(?P<rest>.*)$", re.IGNORECASE
)
_USED = {
    "ma_thu_tuc",
    "ten_thu_tuc",
    "linh_vuc",
    "cap_thuc_hien",
    "so_quyet_dinh",
    "ngay_quyet_dinh",
    "ngay_ban_hanh",
    "doi_tuong_thuc_hien",
    "trinh_tu_thuc_hien",
    "cach_thuc_thuc_hien",
    "thanh_phan_ho_so",
    "can_cu_phap_ly",
    "yeu_cau_dieu_kien",
    "ket_qua_xu_ly",
    "co_quan_co_tham_quyen",
    "co_quan_thuc_hien",
    "co_quan_phoi_hop",
    "detail_url",
    "raw_text",
    "formality_id",
    "loai_thu_tuc",
    "dia_chi_tiep_nhan",
}
_LABELS = {
    "thu_tuc_lien_quan": "thủ tục liên quan",
    "co_quan_duoc_uy_quyen": "cơ quan được ủy quyền",
}
NOT_IMPORTED = {
    "raw_text": "toàn văn trang do máy thu thập chép lại; các trường khác đã lấy từ đó",
    "formality_id": "mã nội bộ của trang trên Cổng, đã có trong detail_url",
    "loai_thu_tuc": "loại thủ tục (ví dụ TTHC được giao luật quy định chi tiết): chưa có trường",
    "thu_tuc_lien_quan": "thủ tục liên quan: chưa có trường, ghi vào báo cáo để cán bộ xem",
    "co_quan_duoc_uy_quyen": "cơ quan được ủy quyền: chưa có trường, ghi vào báo cáo",
}
"""Source fields the importer does not map, and why (the report and the bench name them)."""

# Which body carries a procedure out, from the portal's implementing / competent body and
# field. A procedure the commune's People's Committee carries out wins over the others.
_BODIES = (
    (
        WARD_BODY,
        re.compile(
            r"(?:uy ban nhan dan|ubnd)\s*(?:cac\s*)?\(?\s*(?:cap\s*)?"
            r"(?:xa|phuong|thi tran|dac khu|co so)\b"
        ),
    ),
    # The commune's own offices and one-stop desk (since 2025 its departments are "Phòng Văn
    # hóa - Xã hội", "Phòng Kinh tế"…, under the People's Committee).
    (
        WARD_BODY,
        re.compile(
            r"^(?:phong (?:van hoa|kinh te|noi vu)|van phong (?:hdnd|hoi dong nhan dan)"
            r"|cong chuc |bo phan (?:tiep nhan|mot cua)[^,]*(?:cap xa|xa|phuong)"
            r"|trung tam phuc vu hanh chinh cong (?:cap )?(?:xa|phuong))"
        ),
    ),
    ("hải quan", re.compile(r"hai quan")),
    ("thuế", re.compile(r"\bthue\b")),
    ("công an", re.compile(r"cong an|canh sat|xuat nhap canh")),
    ("bảo hiểm xã hội", re.compile(r"bao hiem xa hoi")),
    ("kho bạc", re.compile(r"kho bac")),
)


@dataclass
class Recovered:
    """A record turned into procedure data (with notes and placeholders) and its issues."""

    code: str
    data: dict[str, Any]
    issues: Issues


def record_code(record: dict[str, Any]) -> str | None:
    """The record's procedure code, if it has a valid one (a JSON number keeps six decimals)."""
    value = record.get("ma_thu_tuc")
    if isinstance(value, float):
        return procedure_code(value)
    match = _CODE.match(clean(value).strip())
    return match.group(0) if match else None


def recover(record: dict[str, Any]) -> Recovered:
    """Everything the record gives, as procedure data in schema terms."""
    issues = Issues()
    code = record_code(record) or ""

    def text(key: str) -> str:
        """A record field as clean text, "" for nothing."""
        return clean_field(record.get(key))

    url = text("detail_url")
    online_url = url if re.match(r"https?://\S+$", url) else None
    data: dict[str, Any] = {"code": code}
    data["name"] = one_line(text("ten_thu_tuc")) or blank("tên thủ tục (bản ghi không có)")
    data["field"] = one_line(text("linh_vuc")) or blank("lĩnh vực (bản ghi không có)")
    data["level"] = one_line(text("cap_thuc_hien")) or blank("cấp thực hiện (bản ghi không có)")
    data["decision"] = _decision(
        text("so_quyet_dinh"), text("ngay_quyet_dinh") or text("ngay_ban_hanh"), issues
    )
    subjects = split_subjects(text("doi_tuong_thuc_hien"))
    data["subjects"] = subjects or blank("đối tượng thực hiện (bản ghi không có)")
    if any(s.count("(") != s.count(")") for s in subjects):
        # "Tổ chức (không bao gồm doanh nghiệp, HTX": the portal lost a bracket; kept whole.
        issues.check(
            "doi_tuong_thuc_hien: trên Cổng có dấu ngoặc không đóng; đã giữ nguyên một đối tượng, "
            "hãy đối chiếu với quyết định công bố"
        )
    steps, step_notes = parse_steps(text("trinh_tu_thuc_hien"))
    data["steps"] = Note(steps or None, None if steps else "CẦN ĐIỀN: trình tự thực hiện")
    if step_notes:
        # The portal's "Lưu ý" under the steps is published as the page shows it on the portal.
        data["step_notes"] = step_notes
    channels = parse_channels(text("cach_thuc_thuc_hien"), issues, online_url)
    data["channels"] = channels or blank("cách thức thực hiện (bản ghi không có)")
    if online_url and any(isinstance(c, dict) and c.get("url") for c in channels):
        issues.check(
            "channels: địa chỉ nộp trực tuyến là trang của thủ tục trên Cổng; thay bằng địa chỉ "
            "trên Cổng dịch vụ công của tỉnh nếu có"
        )
    items, dossier_notes = parse_dossier(text("thanh_phan_ho_so"), issues)
    above = _notes_above(
        "Chữ trên Cổng không rõ số lượng, chưa gắn vào giấy tờ nào — chép vào giấy tờ phù hợp:",
        dossier_notes,
    )
    data["dossier"] = Note(items or None, None if items else "CẦN ĐIỀN: thành phần hồ sơ", above)
    if dossier_notes:
        issues.check(f"thanh_phan_ho_so: {len(dossier_notes)} ghi chú để ở chú thích trên dossier")
    conditions_text = text("yeu_cau_dieu_kien")
    if "Từ khóa" in conditions_text or "Mô tả" in conditions_text:
        # The result table's columns in the conditions field: a crawler's copy gone wrong.
        issues.check(
            "yeu_cau_dieu_kien: trên Cổng trường này có chữ của bảng kết quả (Từ khóa, Mô tả); "
            "đã bỏ các chữ đó, hãy đối chiếu với quyết định công bố"
        )
        conditions_text = clean_field(
            re.sub(r"Không có thông tin|Từ khóa|Mô tả", "\n", conditions_text)
        )
    conditions = split_lines(conditions_text)
    if conditions:
        data["conditions"] = conditions
    legal = parse_legal_basis(text("can_cu_phap_ly"), issues)
    data["legal_basis"] = legal or blank("căn cứ pháp lý (bản ghi không có)")
    result, result_codes = parse_result(record.get("ket_qua_xu_ly") or "", issues)
    comment = f"mã kết quả trên Cổng: {', '.join(result_codes)}" if result_codes else None
    # The result table's "Từ khóa" / "Mô tả" columns: search words, not a fact for citizens,
    # kept beside the codes so nothing the portal says is dropped.
    extra = [
        f"{label.lower()}: {value}"
        for label, value in re.findall(
            r"(Từ khóa|Mô tả)((?:(?!Từ khóa|Mô tả|Mã:|Chọn cơ quan).)*)", text("ket_qua_xu_ly")
        )
        if clean_field(value).strip()
    ]
    if extra:
        comment = "; ".join([comment or "", *extra]).strip("; ")
    data["result"] = (
        Note(result, comment) if result else blank("kết quả thực hiện (bản ghi không có)")
    )
    agencies: dict[str, Any] = {
        "competent": one_line(text("co_quan_co_tham_quyen")).rstrip(".")
        or blank("cơ quan có thẩm quyền (Cổng ghi trống)"),
        "implementing": one_line(text("co_quan_thuc_hien")).rstrip(".")
        or blank("cơ quan thực hiện (Cổng ghi trống)"),
    }
    if coordinating := one_line(text("co_quan_phoi_hop")).rstrip("."):
        agencies["coordinating"] = coordinating
    data["agencies"] = agencies
    if address := one_line(text("dia_chi_tiep_nhan")):
        data["submit_at"] = address
    body = operating_body(
        text("co_quan_thuc_hien"), text("co_quan_co_tham_quyen"), text("linh_vuc")
    )
    if body is None:
        issues.check(
            "co_quan_thuc_hien: Cổng không ghi cơ quan thực hiện; coi là UBND phường — sửa "
            "operating_body nếu thủ tục do cơ quan khác (công an, thuế…) thực hiện"
        )
    elif body != WARD_BODY:
        data["operating_body"] = body
        if not address:
            issues.check(
                f"submit_at: thủ tục do cơ quan {body} thực hiện; ghi nơi nộp hồ sơ của cơ quan đó"
            )
    for key, label in _LABELS.items():
        if value := text(key):
            issues.check(
                f'{key}: Cổng ghi {label} "{one_line(value)[:80]}"; chưa có trường tương ứng'
            )
    unknown = sorted(k for k in record if k not in _USED and k not in _LABELS and text(k))
    if unknown:
        issues.check("bỏ qua các trường không dùng: " + ", ".join(unknown))
    return Recovered(code, data, issues)


def operating_body(implementing: str, competent: str, field_name: str) -> str | None:
    """Which body carries the procedure out (schema ``operating_body``); None when unsaid."""
    for source in (implementing, competent, field_name):
        folded = fold(source)
        if not folded:
            continue
        found = [body for body, pattern in _BODIES if pattern.search(folded)]
        if found:
            return found[0]
        if source is not field_name:
            return "cơ quan khác"
    return None


def _decision(number_text: str, date_text: str, issues: Issues) -> Any:
    match = _DECISION.match(one_line(number_text))
    if not match:
        issues.cannot("so_quyet_dinh", "bản ghi không có số quyết định", blanked=True)
        return blank("quyết định công bố thủ tục: number (số) và date (ngày)")
    decision: dict[str, Any] = {"number": match.group("number").rstrip(".,;")}
    if written := find_dmy(match.group("rest")) or find_dmy(date_text):
        decision["date"] = written
    else:
        decision["date"] = blank("ngày ban hành quyết định (Cổng không ghi)")
        issues.cannot("so_quyet_dinh", "không có ngày ban hành quyết định", blanked=True)
    issues.check(
        f"decision: {decision['number']} là quyết định ghi trên Cổng; nếu phường công bố theo "
        "quyết định của Chủ tịch UBND tỉnh thì ghi quyết định đó"
    )
    return decision


def _notes_above(title: str, notes: list[str]) -> tuple[str, ...]:
    return (title, *(f"  - {note}" for note in notes)) if notes else ()
