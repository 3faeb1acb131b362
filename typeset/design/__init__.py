"""Designs: a newspaper's layout, in the units layout staff use.

A layout file (layouts/<name>.yaml) states the page in mm, the grid in
characters and lines of body type, sizes as 字号 names (or pt), headings by the
body lines they occupy (占行), and the furniture (报头, 报眉, editor credits,
fillers). `load_layout()` validates it and returns a frozen `Layout`.

    units.py          mm, pt, the 字号 table, shared typographic ratios
    schema.py         the settings engine (also reads sidecars)
    roles.py          every text role: its style settings, whose text it carries
    layout_schema.py  the layout file's settings and cross-checks
    grid.py, types.py the result: Page, Grid, Layout and its parts
    load.py           finding and loading a layout by name or path
"""

from .grid import Grid, Page, Rebreak
from .layout_schema import LayoutError
from .load import DEFAULT_LAYOUT, LAYOUTS_DIR, available_layouts, load_layout, parse_layout, resolve_layout_path
from .types import Filler, Layout, Style, Table
from .units import BASELINE_RATIO, PT_PER_MM, ZIHAO_PT, zihao_name, zihao_pt

__all__ = ["Grid", "Page", "Rebreak", "LayoutError", "DEFAULT_LAYOUT", "LAYOUTS_DIR", "available_layouts",
           "load_layout", "parse_layout", "resolve_layout_path", "Filler", "Layout", "Style",
           "Table", "BASELINE_RATIO", "PT_PER_MM", "ZIHAO_PT", "zihao_name", "zihao_pt"]
