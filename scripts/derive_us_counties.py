"""Derive ``src/eventwire/data/us_counties.csv``: a point for every US county.

Input: the npm package ``us-atlas`` 3.0.1 (ISC licence; the US Census Bureau's cartographic
county boundaries, 2017 edition, a US Government work in the public domain), as packed by
``npm pack us-atlas@3.0.1``. The script reads ``counties-10m.json`` (unprojected TopoJSON)
from the tarball, decodes the quantised arcs and writes each county's area centroid (its
largest polygon's, so an island part does not pull the point into the sea) with its name,
state and FIPS code. Only the stdlib is used; the package is no dependency of eventwire. The
gazetteer build (``gazetteer/_build.py``) names the source and licence in each row it adds.

Reproduce::

    cd /tmp && npm pack us-atlas@3.0.1
    .venv/bin/python scripts/derive_us_counties.py /tmp/us-atlas-3.0.1.tgz
"""

from __future__ import annotations

import csv
import json
import sys
import tarfile
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "src" / "eventwire" / "data" / "us_counties.csv"

Ring = list[tuple[float, float]]


def _arcs(topo: dict[str, Any]) -> list[Ring]:
    """Return the topology's arcs as absolute (lon, lat) points."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out: list[Ring] = []
    for arc in topo["arcs"]:
        x = y = 0
        points: Ring = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        out.append(points)
    return out


def _ring(indices: list[int], arcs: list[Ring]) -> Ring:
    points: Ring = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _area_centroid(ring: Ring) -> tuple[float, float, float]:
    """Return (|area|, lon, lat) of a ring by the shoelace formula (planar degrees)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        xs, ys = zip(*ring, strict=True)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


def main(tgz: str) -> None:
    with tarfile.open(tgz) as tar:
        member = tar.extractfile("package/counties-10m.json")
        if member is None:
            raise SystemExit("counties-10m.json not found in the package")
        topo = json.load(member)
    arcs = _arcs(topo)
    states = {g["id"]: g["properties"]["name"] for g in topo["objects"]["states"]["geometries"]}
    rows = []
    for g in topo["objects"]["counties"]["geometries"]:
        polygons = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        # The outer ring of each polygon; the largest one carries the point.
        best = max((_area_centroid(_ring(p[0], arcs)) for p in polygons), key=lambda t: t[0])
        fips = g["id"]
        rows.append(
            {
                "name": g["properties"]["name"],
                "state": states.get(fips[:2], ""),
                "lat": f"{best[2]:.4f}",
                "lon": f"{best[1]:.4f}",
                "fips": fips,
            }
        )
    rows.sort(key=lambda r: r["fips"])
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["name", "state", "lat", "lon", "fips"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} counties to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
