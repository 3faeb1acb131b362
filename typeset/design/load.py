"""Finding and loading a layout file: a name in layouts/ or a path."""

from __future__ import annotations

from pathlib import Path

from .layout_schema import LAYOUT, LayoutError, build_layout
from .schema import Context, read_yaml, suggest
from .types import Layout

LAYOUTS_DIR = Path(__file__).resolve().parents[2] / "layouts"
DEFAULT_LAYOUT = "tabloid"   # when neither the command line nor the sidecar names one


def available_layouts() -> list[str]:
    return sorted(p.stem for p in LAYOUTS_DIR.glob("*.yaml"))


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def resolve_layout_path(name_or_path: str) -> tuple[Path, str]:
    """(path, name to show in messages). A bare name → the repo's layouts/<name>.yaml."""
    text = str(name_or_path)
    if "/" not in text and "\\" not in text and not text.endswith((".yaml", ".yml")):
        path = LAYOUTS_DIR / f"{text}.yaml"
        return path, _display(path)
    return Path(text), text


def load_layout(name_or_path: str) -> Layout:
    path, shown = resolve_layout_path(name_or_path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        names = available_layouts()
        hint = suggest(path.stem, names)
        hint = hint if hint.startswith(";") else ""
        raise LayoutError(f"layout file not found{hint} (available layouts: "
                          f"{', '.join(names) or 'none'})", shown) from None
    except UnicodeDecodeError as e:
        raise LayoutError(f"not UTF-8 text ({e.reason} at byte {e.start})", shown) from None
    except OSError as e:
        raise LayoutError(f"cannot read layout: {e.strerror}", shown) from None
    return parse_layout(text, shown, stem=path.stem, base=path.parent)


def parse_layout(text: str, file: str = "<layout>", stem: str = "layout",
                 base: Path | None = None) -> Layout:
    """Validate layout YAML `text`; `file` is the name used in messages."""
    root = read_yaml(text, file, LayoutError)
    if root is None:
        raise LayoutError("the layout file is empty", file, 1)
    ctx = Context(file, LayoutError, base)
    return build_layout(LAYOUT.convert(root, ctx, ""), ctx, stem)
