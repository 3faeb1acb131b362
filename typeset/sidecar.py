"""The sidecar `<source>.yaml`: what staff add to a parsed issue by hand.

Masthead fields the text lacks (seed 004 has no masthead block) and, for the
page layout stage, placement instructions. Command-line options are merged in
as if they were written here. Every error names the file, line and key.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import TypesetError

MASTHEAD_KEYS = {
    "paper": ("paper_name", str),
    "date": ("date", dt.date),
    "issue": ("issue_number", int),
    "total_issue": ("total_issue_number", int),
    "lunar_date": ("lunar_date", str),
    "licence": ("licence", str),
    "approval": ("approval", str),
    "sponsor": ("sponsor", str),
    "publisher": ("publisher", str),
    "note": ("note", str),
}
TOP_KEYS = ("masthead", "layout", "pages", "placement", "sections", "editors", "promo_qr_url")


@dataclass(frozen=True)
class Sidecar:
    path: str | None = None
    masthead: dict = field(default_factory=dict)   # model field name → value
    data: dict = field(default_factory=dict)       # the other top-level sections, validated by their stage
    lines: dict = field(default_factory=dict)      # dotted key → line number, for later errors


    def with_options(self, **options: Any) -> "Sidecar":
        merged = dict(self.masthead)
        for key, value in options.items():
            if value is not None:
                merged[MASTHEAD_KEYS[key][0]] = value
        return Sidecar(self.path, merged, self.data, self.lines)


def load_sidecar(path: Path) -> Sidecar:
    if not path.exists():
        return Sidecar()
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
        root = yaml.compose(text)
    except UnicodeDecodeError:
        raise TypesetError("sidecar is not UTF-8 text", name) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise TypesetError(f"YAML syntax: {getattr(exc, 'problem', exc)}", name,
                           mark.line + 1 if mark else None) from None
    if root is None:
        return Sidecar(name)
    if not isinstance(root, yaml.MappingNode):
        raise TypesetError("sidecar must be a mapping of sections (masthead:, placement: …)",
                           name, root.start_mark.line + 1)
    lines: dict[str, int] = {}
    masthead: dict[str, Any] = {}
    data: dict[str, Any] = {}
    loader = yaml.SafeLoader("")
    for key_node, value_node in root.value:
        key = key_node.value
        line = key_node.start_mark.line + 1
        lines[key] = line
        if key not in TOP_KEYS:
            raise TypesetError(f"unknown section '{key}' (known: {', '.join(TOP_KEYS)})", name, line)
        if key == "masthead":
            masthead = _masthead(value_node, name, lines)
        else:
            data[key] = loader.construct_object(value_node, deep=True)
            _record_lines(value_node, key, lines)
    return Sidecar(name, masthead, data, lines)


def _masthead(node, name: str, lines: dict) -> dict:
    if not isinstance(node, yaml.MappingNode):
        raise TypesetError("masthead: must be a mapping (paper:, date:, issue: …)", name,
                           node.start_mark.line + 1)
    loader = yaml.SafeLoader("")
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key, line = key_node.value, key_node.start_mark.line + 1
        lines[f"masthead.{key}"] = line
        if key not in MASTHEAD_KEYS:
            raise TypesetError(f"masthead.{key}: unknown key (known: {', '.join(MASTHEAD_KEYS)})",
                               name, line)
        field_name, kind = MASTHEAD_KEYS[key]
        value = loader.construct_object(value_node, deep=True)
        if kind is dt.date and isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                pass
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise TypesetError(f"masthead.{key}: expected {_kind_name(kind)}, got {value!r}",
                               name, line)
        out[field_name] = value
    return out


def _record_lines(node, prefix: str, lines: dict) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = f"{prefix}.{key_node.value}"
            lines[key] = key_node.start_mark.line + 1
            _record_lines(value_node, key, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            key = f"{prefix}[{index}]"
            lines[key] = child.start_mark.line + 1
            _record_lines(child, key, lines)


def _kind_name(kind: type) -> str:
    return {str: "text", int: "a whole number", dt.date: "a date like 2024-12-31"}[kind]
