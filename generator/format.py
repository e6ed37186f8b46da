"""How values read in Vietnamese on a page: money, dates, multi-line text.

Each function escapes what it is given and returns ``Markup``, so templates may use them
inside ``{% autoescape true %}`` without double escaping.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

import segno
from markupsafe import Markup, escape

from .schema import Channel, Plan
from .text import fold
from .tracking import KpiStatus


def money(amount: int, unit: str | None = None) -> Markup:
    """Format a fee: 0 is "Miễn phí", 50000 is "50.000 đồng", with an optional "/unit"."""
    if amount == 0:
        return Markup("Miễn phí")
    text = f"{amount:,}".replace(",", ".") + " đồng"
    if unit:
        text += f"/{unit}"
    return escape(text)


def vn_date(value: date | None) -> Markup:
    """Format a date as Vietnamese offices write it: 01/07/2025."""
    return escape(value.strftime("%d/%m/%Y")) if value else Markup("")


def paragraphs(text: str | None) -> Markup:
    """Render staff text with blank-line paragraphs and line breaks, escaped."""
    if not text:
        return Markup("")
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]
    return Markup("").join(
        Markup("<p>{}</p>").format(Markup("<br>").join(escape(line) for line in block.split("\n")))
        for block in blocks
    )


def tel_href(phone: str) -> str:
    """The ``tel:`` link for a phone number as written ("0296 3861 234" -> "tel:02963861234")."""
    return "tel:" + re.sub(r"[^0-9+]", "", phone)


def number(value: float) -> str:
    """Format a figure the Vietnamese way: 46.8 -> "46,8", 50.0 -> "50"."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def fee_summary(channels: Sequence[Channel]) -> Markup:
    """A procedure's fee in one phrase: one amount, or the amount of each channel if they differ."""
    fees = {(channel.fee, channel.fee_unit) for channel in channels}
    if len(fees) == 1:
        return money(*fees.pop())
    return Markup("; ").join(
        Markup("{}: {}").format(channel.mode.capitalize(), money(channel.fee, channel.fee_unit))
        for channel in channels
    )


def fee_saving(channel: Channel, channels: Sequence[Channel]) -> int:
    """How much less this channel costs than the dearest other channel (same fee unit)."""
    others = [c.fee for c in channels if c is not channel and c.fee_unit == channel.fee_unit]
    return max(0, max(others, default=0) - channel.fee)


def qr_svg(url: str) -> Markup:
    """An inline SVG QR code for ``url``, made locally (no network), for printed pages."""
    # A fixed mask: choosing the "best" of eight costs 4× the time (a third of a 2,000-page
    # build) and any mask scans; phones read these fine (checked against the printed page).
    code = segno.make(url, error="m", mask=0)
    # A quiet zone of four modules, as the QR standard asks: phone readers need it.
    return Markup(
        code.svg_inline(
            scale=3, border=4, omitsize=True, svgclass="ck-qr", title="Mã QR mở trang này"
        )
    )


def css_token(text: str) -> str:
    """A CSS class fragment for a status word: "đang thực hiện" -> "dang-thuc-hien"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def unit_names(unit_ids: Sequence[str], plan: Plan) -> str:
    """The full names of a task's units, as declared in the plan the task belongs to."""
    return "; ".join(plan.units.get(unit_id, unit_id) for unit_id in unit_ids)


def kpi_bar(status: KpiStatus) -> Markup:
    """A KPI's value against its target as a small inline SVG bar (no script, prints)."""
    kpi = status.kpi
    scale = status.scale

    def at(value: float) -> str:
        return f"{max(0.0, min(value / scale, 1.0)) * 100:.1f}"

    label = f"Chỉ tiêu {kpi.comparison} {number(kpi.target)} {kpi.unit}"
    if status.value is not None:
        label = f"Thực hiện {number(status.value)} {kpi.unit}; {label}"
    state = {True: "dat", False: "chua-dat", None: "chua-co"}[status.met]
    value_bar = (
        Markup('<rect class="ck-bar__value" x="0" y="2" height="12" width="{}"/>').format(
            at(status.value)
        )
        if status.value is not None
        else Markup("")
    )
    return Markup(
        '<svg class="ck-bar ck-bar--{state}" viewBox="0 0 100 16" preserveAspectRatio="none" '
        'role="img" aria-label="{label}"><rect class="ck-bar__track" x="0" y="2" width="100" '
        'height="12"/>{value}<line class="ck-bar__target" x1="{target}" x2="{target}" y1="0" '
        'y2="16"/></svg>'
    ).format(state=state, label=label, value=value_bar, target=at(kpi.target))
