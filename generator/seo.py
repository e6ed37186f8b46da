"""What search engines and link previews (Zalo, Facebook) read: descriptions, JSON-LD, robots.txt.

Plain functions of the content; the plugin hands them to the templates.
"""

from __future__ import annotations

import json
from typing import Any

from .format import thousands
from .schema import Procedure, Ward

DESCRIPTION_LENGTH = 160
"""Search engines and link previews cut descriptions at about this many characters."""


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """``text`` on one line, cut at a word boundary with "…" when longer than ``limit``."""
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    cut = words[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.–-")
    return cut + "…"


def procedure_description(procedure: Procedure) -> str:
    """A procedure's page in a sentence: its summary, or its time limit and fee."""
    if procedure.summary:
        return shorten(procedure.summary)
    channel = procedure.channels[0]
    fee = "miễn phí" if channel.fee == 0 else f"phí, lệ phí {thousands(channel.fee)} đồng"
    return shorten(
        f"{procedure.name}: hồ sơ cần nộp, cách nộp; thời hạn giải quyết {channel.time_limit}; "
        f"{fee}."
    )


def json_script(data: object) -> str:
    """JSON that is safe inside an HTML <script> element (no "</script>", no "<!--")."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def government_service(procedure: Procedure, ward: Ward, url: str | None) -> dict[str, Any]:
    """A procedure as schema.org ``GovernmentService``: who runs it, where, how, for how much."""
    centre = ward.service_centre
    operator = {
        "@type": "GovernmentOrganization",
        "name": ward.authority,
        "address": ward.address,
        "telephone": ward.phone,
        "email": ward.email,
    }
    channels: list[dict[str, Any]] = []
    offers: list[dict[str, Any]] = []
    for channel in procedure.channels:
        entry: dict[str, Any] = {"@type": "ServiceChannel", "name": f"Nộp {channel.mode}"}
        if channel.mode == "trực tuyến" and channel.url:
            entry["serviceUrl"] = channel.url
        if channel.mode == "trực tiếp":
            entry["serviceLocation"] = {
                "@type": "Place",
                "name": centre.name,
                "address": procedure.submit_at or centre.address,
            }
        channels.append(entry)
        offers.append(_offer(f"Nộp {channel.mode}", channel.fee, channel.fee_unit))
        offers.extend(_offer(case.case, case.fee, case.fee_unit) for case in channel.fee_cases)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": procedure.name,
        "identifier": procedure.code,
        "description": procedure_description(procedure),
        "serviceType": procedure.field,
        "serviceOperator": operator,
        "provider": operator,
        "areaServed": {"@type": "AdministrativeArea", "name": f"{ward.name}, {ward.province}"},
        "audience": {"@type": "Audience", "audienceType": "; ".join(procedure.subjects)},
        "availableChannel": channels,
        "offers": offers,
    }
    if url:
        data["url"] = url
    return data


def _offer(name: str, fee: int, unit: str | None) -> dict[str, Any]:
    offer: dict[str, Any] = {"@type": "Offer", "name": name, "price": fee, "priceCurrency": "VND"}
    if unit:
        offer["description"] = f"Tính theo {unit}"
    return offer


def robots_txt(site_url: str) -> str:
    """robots.txt: everything may be indexed; the sitemap lists every page."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n"


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string: only letters, digits and a few safe marks stay as is."""
    # Staff text (the ward's name) goes into a <style> element: escaping every other character
    # as a hex escape leaves no way out of the string or the element.
    safe = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:/-_")
    return '"' + "".join(c if c in safe or ord(c) > 127 else f"\\{ord(c):x} " for c in text) + '"'
