"""The settings schema engine: declarations that validate YAML and explain it.

A schema is a tree of `Setting`s (key, kind, default, help). The same
declarations validate a file node by node, build the values, and document
them. Every error names the file, the line and the key path, and an unknown
key or value gets a did-you-mean:

    layouts/x.yaml:12: error: styles.headline1.font: unknown font role 'heiti' ...

Layout files (layout_schema.py) and sidecars (typeset/sidecar.py) are both
read with it. Values are read from the YAML node tree, never by constructing
arbitrary Python objects: a `!!python/…` tag is just a value of the wrong
kind, and an alias bomb runs out of the node budget instead of memory.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import yaml

from ..diagnostics import TypesetError
from .units import ZIHAO_PT, zihao_pt

REQUIRED = object()
NODE_BUDGET = 20_000     # YAML nodes one file may expand to (aliases counted each time used)


class SettingsError(TypesetError):
    """A settings file (layout, sidecar) that cannot be used; `key` is the dotted key path."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None,
                 key: str | None = None, column: int | None = None):
        self.key = key
        super().__init__(f"{key}: {message}" if key else message, file, line, column)


@dataclass(frozen=True)
class Setting:
    key: str
    kind: "Kind"
    default: Any = REQUIRED
    help: str = ""
    attr: str | None = None   # name in the built object, if not `key`

    @property
    def name(self) -> str:
        return self.attr or self.key


class Context:
    """One file being read: where errors point, and the lines of its keys."""

    def __init__(self, file: str, error: type[SettingsError] = SettingsError,
                 base: Path | None = None):
        self.file = file
        self.error = error
        self.base = base or Path.cwd()    # directory of the file, for relative paths
        self.lines: dict[str, int] = {}   # key path → line of its key
        self._loader = yaml.SafeLoader("")
        self._budget = NODE_BUDGET

    def fail(self, where: yaml.Node | int | None, path: str, message: str):
        line = column = None
        if isinstance(where, yaml.Node):
            line, column = where.start_mark.line + 1, where.start_mark.column + 1
        elif where is not None:
            line = where
        raise self.error(message, self.file, line, path or None, column)

    def fail_at(self, path: str, message: str):
        """Fail at the line of key `path` (or the nearest enclosing key)."""
        probe = path
        while probe and probe not in self.lines:
            cut = max(probe.rfind("."), probe.rfind("["))
            probe = probe[:max(cut, 0)]
        self.fail(self.lines.get(probe, 1), path, message)

    def visit(self, node: yaml.Node, path: str) -> None:
        """Count a node against the budget: a YAML alias bomb stops here."""
        self._budget -= 1
        if self._budget < 0:
            self.fail(node, path, f"the file expands to more than {NODE_BUDGET} values "
                                  "(YAML aliases used over and over?)")

    def scalar(self, node: yaml.ScalarNode) -> Any:
        return self._loader.construct_object(node, deep=True)


def read_yaml(text: str, file: str, error: type[SettingsError] = SettingsError) -> yaml.Node | None:
    """The root node of YAML `text`; a syntax error names its line."""
    loader = yaml.SafeLoader(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problem = (e.problem or "") + (f" ({e.context})" if e.context else "")
        raise error(f"YAML syntax error: {problem}", file,
                    mark.line + 1 if mark else None) from None
    except yaml.YAMLError as e:
        raise error(f"YAML error: {e}", file) from None
    finally:
        loader.dispose()


def read_yaml_file(path: Path, what: str,
                   error: type[SettingsError] = SettingsError) -> yaml.Node | None:
    """The root node of the YAML file at `path` (UTF-8, a BOM allowed): a
    file that cannot be read, or is not UTF-8, is one error naming `what`."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise error(f"{what} is not UTF-8 text", name) from None
    except OSError as exc:
        raise error(f"cannot read {what}: {exc.strerror}", name) from None
    return read_yaml(text, name, error)


def join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


CORE_TAG = "tag:yaml.org,2002:"


def tag(node: yaml.Node) -> str:
    """The YAML core type of a node (str, int, …); any other tag is kept whole,
    so `!!python/name:str` is not mistaken for text."""
    return node.tag[len(CORE_TAG):] if node.tag.startswith(CORE_TAG) else node.tag


def describe(node: yaml.Node | None) -> str:
    if node is None:
        return "nothing"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return {"null": "nothing", "bool": f"the boolean {node.value}",
            "int": f"the number {node.value}", "float": f"the number {node.value}",
            "str": f"the text {node.value!r}"}.get(tag(node), f"{node.value!r} ({node.tag})")


def suggest(word: str, choices) -> str:
    """'; did you mean X?' for a near miss, else the list of what is known."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    if close:
        return f"; did you mean {close[0]!r}?"
    return f" (expected one of: {', '.join(map(str, choices))})"


class Kind:
    what = "a value"

    def convert(self, node: yaml.Node, ctx: Context, path: str) -> Any:
        raise NotImplementedError

    def expect(self, node, ctx, path, tags) -> Any:
        ctx.visit(node, path)
        if not isinstance(node, yaml.ScalarNode) or tag(node) not in tags:
            hint = " (quote it)" if self.what == "text" and isinstance(node, yaml.ScalarNode) \
                and tag(node) in ("int", "float", "bool", "null", "timestamp") else ""
            ctx.fail(node, path, f"expected {self.what}, got {describe(node)}{hint}")
        return ctx.scalar(node)


class Text(Kind):
    what = "text"

    def __init__(self, max_length: int = 500):
        self.max_length = max_length

    def convert(self, node, ctx, path):
        value = self.expect(node, ctx, path, {"str"})
        if not value.strip():
            ctx.fail(node, path, "must not be empty")
        if len(value) > self.max_length:
            ctx.fail(node, path, f"{len(value)} characters: at most {self.max_length}")
        return value


class Url(Text):
    what = "a web address (https://…)"

    def __init__(self, max_length: int = 300):
        super().__init__(max_length)   # a QR code of a longer address is too dense to scan

    def convert(self, node, ctx, path):
        value = self.expect(node, ctx, path, {"str"})
        if not re.fullmatch(r"https?://[^\s/]+\.[^\s/]+(/\S*)?", value):
            ctx.fail(node, path, f"expected {self.what}, got {value!r}")
        if len(value) > self.max_length:
            ctx.fail(node, path, f"{len(value)} characters: a QR code holds at most "
                                 f"{self.max_length} here")
        return value


class Flag(Kind):
    what = "true or false"

    def convert(self, node, ctx, path):
        return self.expect(node, ctx, path, {"bool"})


class Int(Kind):
    def __init__(self, minimum: int = 0, maximum: int | None = None):
        self.minimum, self.maximum = minimum, maximum
        self.what = (f"a whole number from {minimum} to {maximum}" if maximum is not None
                     else "a whole number" if minimum <= 0 else f"a whole number ≥ {minimum}")

    def convert(self, node, ctx, path):
        value = self.expect(node, ctx, path, {"int"})
        if value < self.minimum or (self.maximum is not None and value > self.maximum):
            ctx.fail(node, path, f"expected {self.what}, got {value}")
        return value


class Number(Kind):
    def __init__(self, positive: bool = False):
        self.positive = positive
        self.what = "a positive number" if positive else "a number ≥ 0"

    def convert(self, node, ctx, path):
        value = float(self.expect(node, ctx, path, {"int", "float"}))
        if value < 0 or (self.positive and value == 0) or not math.isfinite(value):
            ctx.fail(node, path, f"expected {self.what}, got {node.value}")
        return value


class Date(Kind):
    what = "a date like 2024-12-31"

    def convert(self, node, ctx, path):
        ctx.visit(node, path)
        if not isinstance(node, yaml.ScalarNode) or tag(node) not in ("timestamp", "str"):
            ctx.fail(node, path, f"expected {self.what}, got {describe(node)}")
        text = str(node.value).strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            ctx.fail(node, path, f"expected {self.what}, got {text!r}")
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            ctx.fail(node, path, f"there is no such date: {text}")


class Choice(Kind):
    def __init__(self, *choices: str):
        self.choices = choices
        self.what = "one of " + ", ".join(choices)

    def convert(self, node, ctx, path):
        value = self.expect(node, ctx, path, {"str", "bool"})
        value = node.value if isinstance(value, bool) else value
        if value not in self.choices:
            ctx.fail(node, path, f"unknown value {value!r}{suggest(value, self.choices)}")
        return value


class Size(Kind):
    """A 字号 name (小五, 一号, 小初号) or a size in pt (9, 10.5, "9pt")."""
    what = "a 字号 name (e.g. 小五) or a size in pt"

    def convert(self, node, ctx, path):
        value = self.expect(node, ctx, path, {"str", "int", "float"})
        if isinstance(value, str):
            text = value.strip()
            m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*pt", text)
            if m:
                value = float(m.group(1))
            else:
                try:
                    return zihao_pt(text)
                except ValueError:
                    ctx.fail(node, path, f"unknown 字号 {text!r}{suggest(text, ZIHAO_PT)}")
        if value <= 0:
            ctx.fail(node, path, f"expected a positive size, got {value}")
        return float(value)


class Leading(Kind):
    """Extra space between lines: pt (2.6, "2.6pt") or a fraction of the size ("30%")."""
    what = "a leading in pt (2.6) or as a share of the size ('30%')"

    def convert(self, node, ctx, path) -> tuple[float, str]:
        value = self.expect(node, ctx, path, {"str", "int", "float"})
        if isinstance(value, str):
            m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(%|pt)", value.strip())
            if not m:
                ctx.fail(node, path, f"expected {self.what}, got {value!r}")
            return float(m.group(1)) / (100 if m.group(2) == "%" else 1), m.group(2)
        if value < 0:
            ctx.fail(node, path, f"expected {self.what}, got {value}")
        return float(value), "pt"


def leading_pt(leading: tuple[float, str] | None, size_pt: float) -> float | None:
    if leading is None:
        return None
    value, unit = leading
    return value * size_pt if unit == "%" else value


class Span(Kind):
    """[first, last], 1-based, first ≤ last: columns or lines of a pin."""
    what = "[first, last] (1-based, first ≤ last)"

    def convert(self, node, ctx, path):
        ctx.visit(node, path)
        if not isinstance(node, yaml.SequenceNode) or len(node.value) != 2:
            ctx.fail(node, path, f"expected {self.what}, got {describe(node)}")
        first, last = (Int(1).convert(child, ctx, f"{path}[{i}]")
                       for i, child in enumerate(node.value))
        if first > last:
            ctx.fail(node, path, f"expected {self.what}, got [{first}, {last}]")
        return first, last


class SourceLines(Kind):
    """A source line or a range of them: 40, "40-41", [40, 41]."""
    what = "a source line (40) or a range (40-41 or [40, 41])"

    def convert(self, node, ctx, path):
        if isinstance(node, yaml.SequenceNode):
            return Span().convert(node, ctx, path)
        value = self.expect(node, ctx, path, {"int", "str"})
        if isinstance(value, int):
            if value < 1:
                ctx.fail(node, path, f"expected {self.what}, got {value}")
            return value, value
        first, dash, last = value.replace("–", "-").partition("-")
        if not (first.strip().isdigit() and (not dash or last.strip().isdigit())):
            ctx.fail(node, path, f"expected {self.what}, got {value!r}")
        a, b = int(first), int(last if dash else first)
        if not 1 <= a <= b:
            ctx.fail(node, path, f"expected {self.what}, got {value!r}")
        return a, b


class ListOf(Kind):
    def __init__(self, item: Kind, nonempty: bool = True, unique: bool = True):
        self.item, self.nonempty, self.unique = item, nonempty, unique
        self.what = f"a list of {item.what}"

    def convert(self, node, ctx, path):
        ctx.visit(node, path)
        if not isinstance(node, yaml.SequenceNode):
            ctx.fail(node, path, f"expected {self.what}, got {describe(node)}")
        if self.nonempty and not node.value:
            ctx.fail(node, path, "must not be an empty list")
        out = []
        for i, child in enumerate(node.value):
            ctx.lines[f"{path}[{i}]"] = child.start_mark.line + 1
            value = self.item.convert(child, ctx, f"{path}[{i}]")
            if self.unique and value in out:
                ctx.fail(child, f"{path}[{i}]", f"{value!r} is listed twice")
            out.append(value)
        return tuple(out)


class Section(Kind):
    """A mapping with declared keys. `build(values, ctx, path)` makes the object."""
    what = "a mapping"

    def __init__(self, settings: list[Setting], build: Callable | None = None):
        self.settings = {s.key: s for s in settings}
        self.build = build

    @property
    def optional(self) -> bool:
        return all(s.default is not REQUIRED for s in self.settings.values())

    def convert(self, node, ctx, path):
        if node is not None:
            ctx.visit(node, path)
            if not isinstance(node, yaml.MappingNode):
                ctx.fail(node, path, f"expected a mapping with keys {', '.join(self.settings)}, "
                                     f"got {describe(node)}")
        values: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for knode, vnode in (node.value if node is not None else []):
            if not isinstance(knode, yaml.ScalarNode):
                ctx.fail(knode, path, "keys must be plain names")
            key = knode.value
            kpath = join(path, key)
            if key in seen:
                ctx.fail(knode, kpath, f"duplicate key (first on line {seen[key]})")
            seen[key] = knode.start_mark.line + 1
            setting = self.settings.get(key)
            if setting is None:
                ctx.fail(knode, kpath, f"unknown key{suggest(key, self.settings)}")
            ctx.lines[kpath] = seen[key]
            if setting.default is None and isinstance(vnode, yaml.ScalarNode) \
                    and tag(vnode) == "null":
                values[setting.name] = None
            else:
                values[setting.name] = setting.kind.convert(vnode, ctx, kpath)
        for key, setting in self.settings.items():
            if key in seen:
                continue
            if setting.default is REQUIRED:
                if isinstance(setting.kind, Section) and setting.kind.optional:
                    values[setting.name] = setting.kind.convert(None, ctx, join(path, key))
                    continue
                line = ctx.lines.get(path) or (node.start_mark.line + 1 if node is not None else 1)
                ctx.fail(line, join(path, key), f"missing required key ({setting.help})")
            values[setting.name] = setting.default
        return self.build(values, ctx, path) if self.build else values


class MapOf(Kind):
    """A mapping whose keys are chosen by the file (font roles, page numbers,
    editor labels), each key and value of one kind. Kept in file order."""

    def __init__(self, key: Kind, value: Kind, what: str = "a mapping"):
        self.key, self.value, self.what = key, value, what

    def convert(self, node, ctx, path):
        ctx.visit(node, path)
        if not isinstance(node, yaml.MappingNode):
            ctx.fail(node, path, f"expected {self.what}, got {describe(node)}")
        out: dict[Any, Any] = {}
        for knode, vnode in node.value:
            kpath = join(path, str(knode.value) if isinstance(knode, yaml.ScalarNode) else "?")
            key = self.key.convert(knode, ctx, kpath)
            if key in out:
                ctx.fail(knode, kpath, f"duplicate key (first on line {ctx.lines[kpath]})")
            ctx.lines[kpath] = knode.start_mark.line + 1
            out[key] = self.value.convert(vnode, ctx, kpath)
        return out


class RoleName(Kind):
    what = "a role name: a lower-case latin word (song, hei, …)"

    def convert(self, node, ctx, path):
        value = self.expect(node, ctx, path, {"str"})
        if not re.fullmatch(r"[a-z][a-z0-9_]*", value):
            ctx.fail(node, path, "role names are lower-case latin words (song, hei, …)")
        return value


class FontFile(Text):
    what = "a font file name (.ttf, .otf, .ttc)"

    def convert(self, node, ctx, path):
        value = super().convert(node, ctx, path)
        if not value.lower().endswith((".ttf", ".otf", ".ttc", ".otc")):
            ctx.fail(node, path, f"expected {self.what}, got {value!r}")
        return value
