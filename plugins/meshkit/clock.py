"""The build date: `SOURCE_DATE_EPOCH` when set (tests, reproducible builds), else today."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def build_date() -> date:
    """The date "overdue" and "recently updated" are judged against."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()
