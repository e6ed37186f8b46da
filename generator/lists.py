"""The statutory procedure lists a ward must post, and the catalogue's channel filters.

The seed plans require the ward to publish, as separate lists, the procedures received at the
one-stop office and those not, those received through the public postal service (BCCI),
inter-agency (liên thông) and vertically managed (ngành dọc) procedures, and the online public
services, full (toàn trình) or partial (một phần). Each list has its own page and URL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .model import IN_FORCE
from .schema import Procedure


def online_level(procedure: Procedure) -> str | None:
    """The procedure's online service level ("toàn trình", "một phần"), if it is offered online."""
    return next((c.level for c in procedure.channels if c.mode == "trực tuyến"), None)


def has_channel(procedure: Procedure, mode: str) -> bool:
    """Whether the procedure can be submitted this way ("trực tiếp", "trực tuyến", "bưu chính")."""
    return any(channel.mode == mode for channel in procedure.channels)


@dataclass(frozen=True)
class ChannelFilter:
    """One choice of the catalogue's "Cách nộp" filter."""

    slug: str
    label: str
    includes: Callable[[Procedure], bool]


CHANNEL_FILTERS = (
    ChannelFilter(
        "truc-tuyen-toan-trinh", "Trực tuyến toàn trình", lambda p: online_level(p) == "toàn trình"
    ),
    ChannelFilter(
        "truc-tuyen-mot-phan", "Trực tuyến một phần", lambda p: online_level(p) == "một phần"
    ),
    ChannelFilter(
        "chi-truc-tiep",
        "Chỉ nộp trực tiếp",
        lambda p: [c.mode for c in p.channels] == ["trực tiếp"],
    ),
    ChannelFilter("buu-chinh", "Qua dịch vụ bưu chính", lambda p: has_channel(p, "bưu chính")),
)


@dataclass(frozen=True)
class ProcedureList:
    """A list of procedures the ward must post, with its own page."""

    slug: str
    title: str
    summary: str
    includes: Callable[[Procedure], bool]
    current: bool = True
    """Whether the list holds procedures in force (all lists but the retired one)."""


STATUTORY_LISTS = (
    ProcedureList(
        "tiep-nhan-tai-mot-cua",
        "Thủ tục tiếp nhận tại Trung tâm Phục vụ hành chính công",
        "Hồ sơ được tiếp nhận và trả kết quả tại Trung tâm Phục vụ hành chính công của phường "
        "(bộ phận một cửa).",
        lambda p: p.one_stop,
    ),
    ProcedureList(
        "khong-tiep-nhan-tai-mot-cua",
        "Thủ tục không tiếp nhận tại Trung tâm Phục vụ hành chính công",
        "Thủ tục do Ủy ban nhân dân phường giải quyết nhưng hồ sơ không nộp tại bộ phận một cửa.",
        lambda p: not p.one_stop,
    ),
    ProcedureList(
        "buu-chinh-cong-ich",
        "Thủ tục tiếp nhận qua dịch vụ bưu chính công ích",
        "Gửi hồ sơ và nhận kết quả qua bưu điện (dịch vụ bưu chính công ích), không phải đến "
        "Trung tâm Phục vụ hành chính công.",
        lambda p: has_channel(p, "bưu chính"),
    ),
    ProcedureList(
        "khong-qua-buu-chinh",
        "Thủ tục không tiếp nhận qua dịch vụ bưu chính công ích",
        "Phải nộp trực tiếp hoặc trực tuyến; không gửi hồ sơ qua bưu chính.",
        lambda p: not has_channel(p, "bưu chính"),
    ),
    ProcedureList(
        "lien-thong",
        "Thủ tục liên thông",
        "Nộp một bộ hồ sơ ở một nơi để được nhiều cơ quan cùng giải quyết (cùng cấp hoặc giữa "
        "các cấp), không phải tự đi từng nơi.",
        lambda p: p.inter_agency,
    ),
    ProcedureList(
        "nganh-doc",
        "Thủ tục của cơ quan ngành dọc tiếp nhận tại phường",
        "Thủ tục của cơ quan do cấp trên quản lý theo ngành (như thuế, bảo hiểm xã hội, công "
        "an), nhưng nộp hồ sơ được ngay tại Trung tâm Phục vụ hành chính công của phường.",
        lambda p: p.vertical,
    ),
    ProcedureList(
        "truc-tuyen-toan-trinh",
        "Dịch vụ công trực tuyến toàn trình",
        "Làm trọn trên mạng: nộp hồ sơ, nộp phí và nhận kết quả trên Cổng Dịch vụ công, không "
        "phải đến Trung tâm Phục vụ hành chính công.",
        lambda p: online_level(p) == "toàn trình",
    ),
    ProcedureList(
        "truc-tuyen-mot-phan",
        "Dịch vụ công trực tuyến một phần",
        "Nộp hồ sơ trực tuyến, nhưng có bước phải thực hiện trực tiếp (xuất trình bản chính, "
        "nhận kết quả).",
        lambda p: online_level(p) == "một phần",
    ),
    ProcedureList(
        "het-hieu-luc",
        "Thủ tục đã được thay thế hoặc bãi bỏ",
        "Không còn áp dụng; trang của từng thủ tục vẫn được giữ để tra cứu.",
        lambda p: p.status not in IN_FORCE,
        current=False,
    ),
)


def members(procedure_list: ProcedureList, procedures: tuple[Procedure, ...]) -> list[Procedure]:
    """The procedures on a list, in catalogue order."""
    return [
        p
        for p in procedures
        if (p.status in IN_FORCE) == procedure_list.current and procedure_list.includes(p)
    ]


def tags(procedure: Procedure) -> tuple[list[str], list[str]]:
    """The channel-filter and list slugs a procedure belongs to (for the catalogue's filters)."""
    return (
        [f.slug for f in CHANNEL_FILTERS if f.includes(procedure)],
        [lst.slug for lst in STATUTORY_LISTS if lst.current and lst.includes(procedure)],
    )
