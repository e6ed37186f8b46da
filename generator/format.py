"""How values read in Vietnamese on a page and in messages: money, dates, numbers, text.

Each function that returns ``Markup`` escapes what it is given, so templates may use them
inside ``{% autoescape true %}`` without double escaping. The module imports no content
model at run time, so messages from loading (``load.py``) and the CLI use it too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from .text import fold

if TYPE_CHECKING:
    from .schema import Channel, Plan
    from .service_results import Totals
    from .tracking import KpiStatus


def money(amount: int, unit: str | None = None) -> Markup:
    """Format a fee: 0 is "Miễn phí", 50000 is "50.000 đồng", with an optional "/unit"."""
    if amount == 0:
        return Markup("Miễn phí")
    text = thousands(amount) + " đồng"
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


def thousands(amount: int) -> str:
    """A whole number with a dot between thousands, as Vietnamese write it: 50000 -> "50.000"."""
    return f"{amount:,}".replace(",", ".")


def decimal(value: float, places: int | None = None) -> str:
    """A figure with a decimal comma: ``places`` digits after it (2,5), else as short as it goes."""
    text = f"{value:g}" if places is None else f"{value:.{places}f}"
    return text.replace(".", ",")


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


def fee_cases(channels: Sequence[Channel]) -> list[tuple[str, Markup]]:
    """The fee cases of all channels, each once: (case, amount) in the order written."""
    seen: dict[str, Markup] = {}
    for channel in channels:
        for case in channel.fee_cases:
            seen.setdefault(case.case, money(case.fee, case.fee_unit))
    return list(seen.items())


def fee_saving(channel: Channel, channels: Sequence[Channel]) -> int:
    """How much less this channel costs than the dearest other channel (same fee unit)."""
    others = [c.fee for c in channels if c is not channel and c.fee_unit == channel.fee_unit]
    return max(0, max(others, default=0) - channel.fee)


def public_url(url: str) -> str:
    """A page's address as people type or scan it: ".../1.001193/", not ".../index.html"."""
    # Every web server serves a folder's index.html; the shorter address also makes a
    # smaller QR code (version 4 instead of 5), quicker to print, scan and make.
    return url.removesuffix("index.html") if url.endswith("/index.html") else url


def qr_svg(url: str) -> Markup:
    """An inline SVG QR code for ``url``, made locally (no network), for printed pages."""
    # A fixed mask: choosing the "best" of eight costs 4× the time (a third of a 2,000-page
    # build) and any mask scans; phones read these fine (checked against the printed page).
    import segno  # only pages with QR codes need it; messages import this module too

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
    """The full names of a task's units, as declared in the plan the task belongs to, joined as
    plans write them (an imported cell "A, B" shows as written)."""
    return ", ".join(plan.units.get(unit_id, unit_id) for unit_id in unit_ids)


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


def percent(value: float | None) -> str:
    """A rate as Vietnamese writes it: 96.5 -> "96,5 %"; None -> "chưa có số liệu"."""
    return "chưa có số liệu" if value is None else f"{number(value)} %"


def results_chart(series: Sequence[tuple[int, int, Totals | None]]) -> Markup:
    """Monthly on-time rate and online share as grouped bars, in SVG (offline, prints)."""
    width, height, left, bottom = 640, 220, 46, 24
    plot = height - bottom - 8
    step = (width - left) / max(len(series), 1)
    parts = [
        Markup(
            '<line class="ck-chart__axis" x1="{x}" x2="{w}" y1="{y}" y2="{y}"/>'
            '<text class="ck-chart__tick" x="{tx}" y="{ty}">{label}</text>'
        ).format(
            x=left,
            w=width,
            y=8 + plot - plot * level / 100,
            tx=left - 6,
            ty=8 + plot - plot * level / 100 + 4,
            label=f"{level}%",
        )
        for level in (0, 50, 100)
    ]
    for index, (_, month, totals) in enumerate(series):
        x = left + index * step
        for offset, value, kind in (
            (0.15, totals.on_time_rate if totals else None, "dung-han"),
            (0.5, totals.online_share if totals else None, "truc-tuyen"),
        ):
            if value is None:
                continue
            bar = plot * value / 100
            parts.append(
                Markup(
                    '<rect class="ck-chart__bar ck-chart__bar--{kind}" x="{x:.1f}" y="{y:.1f}" '
                    'width="{w:.1f}" height="{h:.1f}"><title>Tháng {m}: {v}</title></rect>'
                ).format(
                    kind=kind,
                    x=x + step * offset,
                    y=8 + plot - bar,
                    w=step * 0.33,
                    h=bar,
                    m=month,
                    v=percent(value),
                )
            )
        label = str(month) if totals else f"{month}*"
        parts.append(
            Markup('<text class="ck-chart__month" x="{x:.1f}" y="{y}">{t}</text>').format(
                x=x + step / 2, y=height - 6, t=label
            )
        )
    description = "; ".join(
        f"tháng {month}: đúng hạn {percent(t.on_time_rate)}, trực tuyến {percent(t.online_share)}"
        if t
        else f"tháng {month}: chưa có số liệu"
        for _, month, t in series
    )
    return Markup(
        '<svg class="ck-chart" viewBox="0 0 {w} {h}" role="img" aria-label="{d}">{body}</svg>'
    ).format(w=width, h=height, d=description, body=Markup("").join(parts))


_NUMBER_GAP = re.compile(r"(?<=\d) (?=\d)|(?<=\d) (?=[^\W\d_])")


def keep_numbers(text: str | None) -> str:
    """Join a number's digit groups, and a number and its unit, with no-break spaces, so that
    a line never splits "0918 386 122" or "15 giờ" (the wall board is read from afar)."""
    return _NUMBER_GAP.sub("\u00a0", text or "")
