"""An archive's issues checked against each other, paper by paper, in the
run's order (the archive's path order). Findings are warnings with the file
and line of the field; none stops a run.

  batch.issue       第N期 goes up by one an issue, and starts again at 1 in a
                    new year when the paper restarts yearly: its paper file's
                    numbering.restart, else what the run shows (第1期 in a new year)
  batch.total       总第N期 goes up by one an issue
  batch.gap         issues missing from the run: both numbers jump alike
  batch.duplicate   the same issue twice in the run
  batch.date        dates go up
  batch.schedule    a date on a day the paper does not come out: its paper
                    file's numbering.weekdays, else its masthead's 每周X出版
                    (每日出版: any day)
  batch.weekday     the printed weekday is the date's
  batch.lunar       the printed lunar date is the date's
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable

from .. import calendar
from ..diagnostics import Diagnostic, warning

_DAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKLY = re.compile(r"每(?:逢)?(?:周|週|星期|礼拜|禮拜)([一二三四五六日天、，,及和]+)出版")
_DAILY = re.compile(r"每日出版|日报|每天出版")

PaperRules = Callable[[dict], tuple[str | None, tuple[int, ...]]]


def weekdays_of(frequency: str | None) -> tuple[int, ...]:
    """Publication weekdays (0 = Monday) a masthead's frequency line says:
    每周二、五出版 → (1, 4), 每逢星期四出版 → (3,), 每日出版 → all; () if it says none."""
    if not frequency:
        return ()
    if _DAILY.search(frequency):
        return tuple(range(7))
    m = _WEEKLY.search(frequency)
    if not m:
        return ()
    return tuple(sorted({_DAY[c] for c in m.group(1) if c in _DAY}))


def check_archive(facts: Iterable[dict], paper_rules: PaperRules) -> list[Diagnostic]:
    """`facts`: worker.masthead_facts of each issue, in run order.
    `paper_rules(facts of its first issue)` → (restart, weekdays) from its paper file."""
    by_paper: dict[str, list[dict]] = {}
    findings: list[Diagnostic] = []
    for f in facts:
        if not f or not f.get("paper"):
            continue
        by_paper.setdefault(f["paper"], []).append(f)
        findings += _own(f)
    for paper, issues in by_paper.items():
        restart, weekdays = paper_rules(issues[0])
        weekdays = weekdays or weekdays_of(next((f["frequency"] for f in issues
                                                 if f.get("frequency")), None))
        restart = restart or _restart_shown(issues)
        findings += _run(issues, restart, weekdays)
    return findings


def _date(f: dict) -> dt.date | None:
    return dt.date.fromisoformat(f["date"]) if f.get("date") else None


def _own(f: dict) -> list[Diagnostic]:
    """Printed weekday and lunar date against the ones computed from the date."""
    out = []
    date = _date(f)
    if date is None:
        return out
    printed = f.get("printed_weekday")
    if printed and _DAY.get(printed[-1]) not in (None, date.weekday()):
        out.append(warning(f"printed weekday {printed} is not the date's: {date.isoformat()} "
                           f"is a {calendar.weekday_name(date)}", f["file"], f["weekday_line"],
                           rule="batch.weekday"))
    lunar = f.get("lunar")
    if lunar:
        try:
            computed = calendar.lunar_date(date)
        except ValueError:
            return out
        read = calendar.parse_lunar_text(lunar.removeprefix("农历").removeprefix("農曆")
                                         .replace("臘", "腊"))
        if read is not None and read != (computed.ganzhi_year, computed.leap,
                                         computed.month, computed.day):
            out.append(warning(f"printed lunar date {lunar} is not the date's: "
                               f"{date.isoformat()} is {computed.masthead()}", f["file"],
                               f["lunar_line"], rule="batch.lunar"))
    return out


def _restart_shown(issues: list[dict]) -> str:
    """What the run shows: 第1期 as the first issue of a new year → yearly."""
    for a, b in zip(issues, issues[1:]):
        da, db = _date(a), _date(b)
        if da and db and db.year > da.year and b.get("issue") == 1:
            return "yearly"
    return "never"


def _run(issues: list[dict], restart: str, weekdays: tuple[int, ...]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for f in issues:
        date = _date(f)
        if date and weekdays and date.weekday() not in weekdays:
            days = "、".join(calendar.weekday_name(dt.date(2024, 1, 1 + d)) for d in weekdays)
            out.append(warning(f"{date.isoformat()} is a {calendar.weekday_name(date)}: "
                               f"the paper comes out on {days}", f["file"], f["date_line"],
                               rule="batch.schedule"))
    for a, b in zip(issues, issues[1:]):
        out += _pair(a, b, restart)
    return out


def _pair(a: dict, b: dict, restart: str) -> list[Diagnostic]:
    da, db = _date(a), _date(b)
    ia, ib, ta, tb = a.get("issue"), b.get("issue"), a.get("total"), b.get("total")
    here = (b["file"], b.get("total_line") or b.get("issue_line") or b["line"])
    if (ta is not None and ta == tb) or (da and da == db and ia == ib):
        what = f"总第{tb}期" if ta is not None and ta == tb else f"第{ib}期 of {db}"
        return [warning(f"{what} twice in the run: also {a['file']}", *here,
                        rule="batch.duplicate")]
    out = []
    if da and db and db <= da:
        out.append(warning(f"date {db.isoformat()} does not come after the previous issue's "
                           f"{da.isoformat()} ({a['file']})", b["file"], b["date_line"],
                           rule="batch.date"))
    new_year = bool(da and db and db.year > da.year and restart == "yearly")
    want_issue = 1 if new_year else (ia + 1 if ia is not None else None)
    gap = _gap(ia, ib, ta, tb, want_issue, new_year)
    if gap:
        return out + [warning(f"gap in the run: {gap} missing between {a['file']} and this "
                              "issue", *here, rule="batch.gap")]
    if want_issue is not None and ib is not None and ib != want_issue:
        out.append(warning(f"第{ib}期 follows 第{ia}期 ({a['file']}): expected 第{want_issue}期"
                           + (" (the paper restarts yearly)" if new_year else ""),
                           b["file"], b["issue_line"], rule="batch.issue"))
    if ta is not None and tb is not None and tb != ta + 1:
        out.append(warning(f"总第{tb}期 follows 总第{ta}期 ({a['file']}): expected 总第{ta + 1}期",
                           b["file"], b["total_line"], rule="batch.total"))
    return out


def _gap(ia, ib, ta, tb, want_issue, new_year) -> str | None:
    """The issues missing between two, when the numbers agree that some are:
    总第N期 jumps (and 第N期 by as much, unless a new year restarted it), or,
    without totals, 第N期 jumps."""
    def span(first: int, last: int, form: str) -> str:
        return form.format(first) if first == last else form.format(f"{first}–{last}")
    if ta is not None and tb is not None:
        missing = tb - ta - 1
        agrees = ib is None or want_issue is None or new_year or ib - want_issue == missing
        return span(ta + 1, tb - 1, "总第{}期") if missing > 0 and agrees else None
    if want_issue is not None and ib is not None and ib > want_issue and not new_year:
        return span(want_issue, ib - 1, "第{}期")
    return None
