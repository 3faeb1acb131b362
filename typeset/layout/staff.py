"""What layout staff say in the sidecar `<source>.yaml`, read for placement.

    layout: yibin-tabloid
    pages: 4                        # fixed page count (else the content decides)
    sections: {1: 要闻, 2: 综合}      # section names for the running heads
    editors: {责任编辑: 王伟, 校对: 李娜}
    promo_qr_url: https://…
    placement:
      - item: 作风硬                 # an item key (item5, item4.1) or part of its title
        page: 2
        columns: [1, 5]             # first and last column, 1-based
        lines: [44, 86]             # first and last grid line, 1-based
      - item: item2
        width: 3                    # columns, wherever it goes
      - item: 樊灿涛调研
        order: 1                    # place it first (reading order of importance)

Unpinned items flow around pinned ones. A pin that cannot be honoured is an
error naming the sidecar line; nothing is moved or cut silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import TypesetError
from ..sidecar import Sidecar

PLACEMENT_KEYS = ("item", "page", "columns", "lines", "width", "order")


@dataclass(frozen=True)
class Pin:
    page: int | None = None        # 0-based
    col: int | None = None         # 0-based first column
    width: int | None = None
    line: int | None = None        # 0-based first grid line
    height: int | None = None
    source: str = ""               # sidecar file:line, for messages


@dataclass(frozen=True)
class StaffPlan:
    pins: dict = field(default_factory=dict)       # unit key → Pin
    order: dict = field(default_factory=dict)      # unit key → order number
    pages: int | None = None
    sections: dict = field(default_factory=dict)   # page number (1-based) → name
    editors: dict = field(default_factory=dict)    # label → name
    qr_url: str | None = None


def read_staff(sidecar: Sidecar, titles: dict[str, str]) -> StaffPlan:
    """`titles`: unit key → title, to resolve `item:` by key or title text."""
    data, file = sidecar.data, sidecar.path

    def fail(key: str, message: str):
        raise TypesetError(f"{key}: {message}", file, sidecar.lines.get(key))

    pages = data.get("pages")
    if pages is not None and (not isinstance(pages, int) or isinstance(pages, bool) or pages < 1):
        fail("pages", f"expected a page count (a whole number ≥ 1), got {pages!r}")
    sections = data.get("sections") or {}
    if not isinstance(sections, dict) or not all(isinstance(k, int) for k in sections):
        fail("sections", "expected page numbers mapped to section names, e.g. {2: 综合}")
    editors = data.get("editors") or {}
    if not isinstance(editors, dict):
        fail("editors", "expected labels mapped to names, e.g. {责任编辑: 王伟}")
    qr_url = data.get("promo_qr_url")

    pins: dict[str, Pin] = {}
    order: dict[str, int] = {}
    entries = data.get("placement") or []
    if not isinstance(entries, list):
        fail("placement", "expected a list of entries (- item: …)")
    for index, entry in enumerate(entries):
        where = f"placement[{index}]"
        if not isinstance(entry, dict) or "item" not in entry:
            fail(where, "each entry needs 'item:' (a key like item3 or part of a title)")
        for key in entry:
            if key not in PLACEMENT_KEYS:
                fail(f"{where}.{key}", f"unknown key (known: {', '.join(PLACEMENT_KEYS)})")
        unit = _resolve(str(entry["item"]), titles, lambda m: fail(f"{where}.item", m))
        source = f"{file}:{sidecar.lines.get(where, '?')}"
        page = _whole(entry.get("page"), f"{where}.page", fail)
        width = _whole(entry.get("width"), f"{where}.width", fail)
        col = line = height = None
        if "columns" in entry:
            first, last = _span(entry["columns"], f"{where}.columns", fail)
            col, span = first - 1, last - first + 1
            if width is not None and width != span:
                fail(f"{where}.width", f"width {width} contradicts columns {first}–{last}")
            width = span
        if "lines" in entry:
            first, last = _span(entry["lines"], f"{where}.lines", fail)
            line, height = first - 1, last - first + 1
        if "order" in entry:
            order[unit] = _whole(entry["order"], f"{where}.order", fail)
        if any(v is not None for v in (page, width, col, line)):
            pins[unit] = Pin(page - 1 if page else None, col, width, line, height, source)
    return StaffPlan(pins, order, pages, dict(sections), dict(editors), qr_url)


def _resolve(wanted: str, titles: dict[str, str], fail) -> str:
    if wanted in titles:
        return wanted
    matches = [key for key, title in titles.items() if wanted in title]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        fail(f"no item '{wanted}' (items: "
             + ", ".join(f"{k} {t[:12]}" for k, t in titles.items()) + ")")
    fail(f"'{wanted}' matches several items: {', '.join(matches)}")


def _whole(value, key: str, fail) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        fail(key, f"expected a whole number ≥ 1, got {value!r}")
    return value


def _span(value, key: str, fail) -> tuple[int, int]:
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in value)
            or value[0] > value[1]):
        fail(key, f"expected [first, last] (1-based, first ≤ last), got {value!r}")
    return value[0], value[1]
