"""The build date: today in Vietnam, or as fixed by SOURCE_DATE_EPOCH (reproducible builds)."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone

VIETNAM = timezone(timedelta(hours=7))


def build_date() -> date:
    """The day the site is built, as a ward office sees it (UTC+7, no daylight saving)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=VIETNAM).date()
    return datetime.now(tz=VIETNAM).date()
