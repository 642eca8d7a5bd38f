"""The situation report: one self-contained HTML file (map, timeline, tables) from a store.

``write_report(store, "report.html", ReportFilters(since="2022-09-01"))`` writes a page that
opens with no network: Leaflet, its clustering plugin and the borders are inlined, and all
article text is escaped. ``live_page()`` gives the same page reading the web API instead.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from eventwire.report._data import (
    REPORT_EVENT_FIELDS,
    ReportFilters,
    filtered_events,
    in_regions,
    report_data,
    slim_event,
)
from eventwire.report._html import content_security_policy, render_page, script_json
from eventwire.store import Store

__all__ = [
    "REPORT_EVENT_FIELDS",
    "ReportFilters",
    "content_security_policy",
    "filtered_events",
    "in_regions",
    "live_page",
    "render_report",
    "report_data",
    "script_json",
    "slim_event",
    "write_report",
]


def render_report(
    store: Store, filters: ReportFilters | None = None, *, title: str | None = None
) -> str:
    """Return the self-contained report page for the events in ``store`` that match."""
    data = report_data(store, filters, title=title)
    return render_page(data=data, config={"mode": "static"}, title=data["meta"]["title"])


def write_report(
    store: Store,
    path: str | os.PathLike[str],
    filters: ReportFilters | None = None,
    *,
    title: str | None = None,
) -> dict[str, Any]:
    """Write the report page to ``path``; return its header numbers (articles, events...)."""
    data = report_data(store, filters, title=title)
    page = render_page(data=data, config={"mode": "static"}, title=data["meta"]["title"])
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    meta: dict[str, Any] = data["meta"]
    return meta


def live_page(api: str = "/api/report", *, refresh_seconds: int = 60) -> str:
    """Return the report page that loads its data from the web API (``api``) and refreshes."""
    config = {"mode": "live", "api": api, "refresh_seconds": refresh_seconds}
    return render_page(
        data=None, config=config, title="eventwire: live situation", connect="'self'"
    )
