"""The masthead (报头) block: the lines under `# 伊滨新闻`.

The block is a row of fields separated by ■ and spaces, in any order:

    2024年4月1日 第6期 ■ 河南省新闻出版局批准 ■ 河南省连续性内部资料(洛阳)审连00018号
    甲辰年二月廿三 总第274期 ■ 主管主办:洛阳市城乡一体化示范区管委会 ■ 编辑出版:区融媒体中心 内部资料 免费交流

Each field is recognised by its own form, not its position. Text no rule takes
is kept (`extra`) and reported, never dropped. The weekday is computed; the
printed lunar date is checked against the computed one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from .. import calendar
from ..diagnostics import Diagnostic, warning
from ..model import Masthead, Span
from .blocks import RawBlock

_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_ISSUE = re.compile(r"^第(\d+)期$")
_TOTAL = re.compile(r"^总第(\d+)期$")
_LUNAR = re.compile(r"^(?:农历)?[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年\S*月\S+$")
_LICENCE = re.compile(r"(?:准印|审连|内资|内部资料（)\S*号$")
_LABELLED = re.compile(r"^(主管主办|主管|主办|编辑出版|出版)[:：](.+)$")
_NOTE_WORDS = ("内部资料", "免费交流")

MASTHEAD_SIGNS = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|第\d+期|审连|准印|批准")

REQUIRED = ("paper_name", "date", "issue_number", "total_issue_number")
# fields whose printed form is kept beside their value: 第06期, the label 主办
PRINTED_AS = {"issue_number": "issue_text", "total_issue_number": "total_issue_text",
              "sponsor": "sponsor_label", "publisher": "publisher_label"}
PRINT_REQUIRED = ("paper_name", "date")   # without them a build for print is refused


def is_masthead_block(block: RawBlock) -> bool:
    return not block.heading and bool(MASTHEAD_SIGNS.search(block.text))


def read_masthead(name: str | None, name_line: int | None, block: RawBlock | None,
                  file: str) -> tuple[Masthead, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    fields: dict = {"paper_name": name}     # model field → value
    extra: list[str] = []
    lunar_line = None
    note: list[str] = []
    if block is not None:
        for line in block.lines:
            for token in _tokens(line.text):
                key, value = _classify(token)
                if key is None:
                    if token in _NOTE_WORDS:
                        note.append(token)
                        continue
                    extra.append(token)
                    diagnostics.append(warning(f"masthead: unrecognised text '{token}' kept as is",
                                               file, line.number))
                elif key in fields and fields[key] is not None:
                    extra.append(token)
                    diagnostics.append(warning(f"masthead: second {key} '{token}' kept as is",
                                               file, line.number))
                else:
                    fields[key] = value
                    if key in PRINTED_AS:
                        fields[PRINTED_AS[key]] = token if key.endswith("number") \
                            else token.split(":")[0].split("：")[0]
                    if key == "lunar_date":
                        lunar_line = line.number
                    if key == "date_text":
                        fields["date"] = _date(token)
                        if fields["date"] is None:
                            diagnostics.append(warning(f"masthead: '{token}' is not a calendar date",
                                                       file, line.number, rule="masthead.date"))
    if note:
        fields["note"] = " ".join(note)
    first = name_line or (block.first if block else None)
    last = block.last if block else name_line
    source = Span(file, first, last) if first is not None else None
    masthead = Masthead(**fields, extra=tuple(extra), source=source)
    if masthead.date and masthead.lunar_date and lunar_line:
        diagnostics.extend(check_lunar(masthead, file, lunar_line))
    return masthead, diagnostics


def complete(masthead: Masthead, overrides: dict, month_style: str = "numeric",
             file: str | None = None) -> tuple[Masthead, list[Diagnostic]]:
    """Fill fields from a sidecar or options, derive weekday and lunar date,
    and list what is still missing."""
    from_sidecar = list(masthead.from_sidecar)
    for key, value in overrides.items():
        if value is not None:
            masthead = replace(masthead, **{key: value})
            if key in ("issue_number", "total_issue_number"):   # the printed form was another's
                masthead = replace(masthead, **{PRINTED_AS[key]: None})
            from_sidecar.append(key)
    if "date" in overrides and overrides["date"] is not None:
        date = overrides["date"]
        masthead = replace(masthead, date_text=f"{date.year}年{date.month}月{date.day}日")
        from_sidecar.append("date_text")
    diagnostics: list[Diagnostic] = []
    if masthead.date is not None:
        masthead = replace(masthead, weekday=calendar.weekday_name(masthead.date))
        if masthead.lunar_date is None:
            try:
                masthead = replace(masthead, lunar_date=calendar.lunar_date(masthead.date)
                                   .masthead(month_style))
                from_sidecar.append("lunar_date")
            except ValueError as exc:
                diagnostics.append(warning(f"masthead: no lunar date: {exc}", file))
    missing = tuple(key for key in REQUIRED if getattr(masthead, key) is None)
    if missing:
        # a paper's name and date must print; issue numbers some papers do without
        diagnostics.append(warning(
            "masthead: missing " + ", ".join(missing)
            + " (give them in the sidecar <source>.yaml under 'masthead:' or as options)",
            file, masthead.source.first_line if masthead.source else None,
            rule="masthead.missing" if set(missing) & set(PRINT_REQUIRED) else None))
    return replace(masthead, from_sidecar=tuple(dict.fromkeys(from_sidecar)),
                   missing=missing), diagnostics


def check_lunar(masthead: Masthead, file: str, line: int) -> list[Diagnostic]:
    printed = calendar.parse_lunar_text(masthead.lunar_date)
    try:
        computed = calendar.lunar_date(masthead.date)
    except ValueError:
        return []
    if printed is None:
        return [warning(f"masthead: lunar date '{masthead.lunar_date}' is not in the form "
                        "甲辰年二月廿三", file, line, rule="masthead.lunar")]
    expected = (computed.ganzhi_year, computed.leap, computed.month, computed.day)
    if printed != expected:
        return [warning(f"masthead: lunar date '{masthead.lunar_date}' does not match "
                        f"{masthead.date.isoformat()}, which is {computed.masthead()}", file, line,
                        rule="masthead.lunar")]
    return []


def _tokens(text: str) -> list[str]:
    """Fields are separated by ■ and spaces; a labelled field keeps its spaces
    only up to the next separator."""
    tokens: list[str] = []
    for segment in text.split("■"):
        tokens.extend(part for part in segment.split(" ") if part)
    return tokens


def _classify(token: str) -> tuple[str | None, object]:
    if _DATE.match(token):
        return "date_text", token
    if match := _ISSUE.match(token):
        return "issue_number", int(match.group(1))
    if match := _TOTAL.match(token):
        return "total_issue_number", int(match.group(1))
    if _LUNAR.match(token) and calendar.parse_lunar_text(token.removeprefix("农历")):
        return "lunar_date", token
    if _LICENCE.search(token):
        return "licence", token
    if token.endswith("批准"):
        return "approval", token
    if match := _LABELLED.match(token):
        label = match.group(1)
        return ("sponsor" if label.startswith("主") else "publisher"), match.group(2)
    return None, None


def _date(token: str) -> dt.date | None:
    year, month, day = (int(g) for g in _DATE.match(token).groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
