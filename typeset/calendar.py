"""Gregorian → Chinese lunar (农历) dates as printed in a newspaper masthead.

The masthead of page 1 carries the lunar date (甲辰年二月廿三). Readers notice
a wrong one at once, so the conversion is delegated to sxtwl, which matches the
Hong Kong Observatory tables in ../shared/reference/lunar-1901-2100.csv (beside the repository) on
every day 1901-2100 (see docs/decisions/lunar-library.md for the comparison
with lunar-python). This module only adds the newspaper's wording and a parser
for wording already printed on a page.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import sxtwl

__all__ = [
    "FIRST_SUPPORTED",
    "LAST_SUPPORTED",
    "MONTH_STYLES",
    "LunarDate",
    "lunar_date",
    "parse_lunar_text",
    "weekday_name",
]

#: "numeric" prints 十一月/十二月; "traditional" prints 冬月/腊月, as some papers do.
MONTH_STYLES = ("numeric", "traditional")

#: The range checked day by day against the reference table; outside it we
#: refuse rather than print a date nobody has verified.
FIRST_SUPPORTED = datetime.date(1901, 1, 1)
LAST_SUPPORTED = datetime.date(2100, 12, 31)

_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_MONTHS = ("正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")
_TRADITIONAL = {11: "冬", 12: "腊"}
_DIGITS = "一二三四五六七八九十"
# Index d-1 gives the printed form of day d: 初一…初十 十一…十九 二十 廿一…廿九 三十.
_DAYS = tuple(
    ["初" + c for c in _DIGITS]
    + ["十" + c for c in _DIGITS[:9]] + ["二十"]
    + ["廿" + c for c in _DIGITS[:9]] + ["三十"]
)
_WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

# Only the 60 real stem-branch pairs (stem and branch share parity), so that
# OCR noise such as 甲丑 is not mistaken for a year.
_GANZHI = frozenset(_STEMS[i % 10] + _BRANCHES[i % 12] for i in range(60))
_MONTH_BY_NAME = {name: i + 1 for i, name in enumerate(_MONTHS)}
_MONTH_BY_NAME.update({name: m for m, name in _TRADITIONAL.items()})
_DAY_BY_NAME = {name: i + 1 for i, name in enumerate(_DAYS)}
_LUNAR_TEXT = re.compile(
    r"(?:农历)?([甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥])年"
    r"(闰?)(十一|十二|冬|腊|[正二三四五六七八九十])月"
    r"(初[一二三四五六七八九十]|十[一二三四五六七八九]|二十|廿[一二三四五六七八九]|三十)"
)


def _check_style(month_style: str) -> None:
    if month_style not in MONTH_STYLES:
        raise ValueError(
            f"unknown month_style {month_style!r}; allowed: {', '.join(MONTH_STYLES)}"
        )


@dataclass(frozen=True)
class LunarDate:
    """A lunar date as a masthead needs it: ganzhi year, month (1-12), leap flag, day (1-30).

    Frozen so a computed date can be compared with a parsed one and used as a key.
    """

    ganzhi_year: str
    month: int
    leap: bool
    day: int

    def masthead(self, month_style: str = "numeric") -> str:
        """Printed form, e.g. 甲辰年二月廿三 or 癸卯年闰二月初一.

        month_style picks 十一月/十二月 ("numeric") or 冬月/腊月 ("traditional");
        it is a house-style choice of the paper, not a calendar difference.
        """
        _check_style(month_style)
        name = _MONTHS[self.month - 1]
        if month_style == "traditional":
            name = _TRADITIONAL.get(self.month, name)
        return f"{self.ganzhi_year}年{'闰' if self.leap else ''}{name}月{_DAYS[self.day - 1]}"


def lunar_date(d: datetime.date) -> LunarDate:
    """Lunar date of Gregorian day d in Beijing time (GB/T 33661-2017).

    The ganzhi year is the one that begins at 正月初一 (Spring Festival), not
    at 立春: the masthead of 2024-02-05 reads 癸卯年 although 立春 was on 02-04.
    Raises ValueError outside 1901-01-01..2100-12-31, the verified range.
    """
    if isinstance(d, datetime.datetime):  # a datetime is a date; drop the clock
        d = d.date()
    if not FIRST_SUPPORTED <= d <= LAST_SUPPORTED:
        raise ValueError(
            f"lunar date of {d.isoformat()} is not supported: only "
            f"{FIRST_SUPPORTED.isoformat()} to {LAST_SUPPORTED.isoformat()} is verified"
        )
    day = sxtwl.fromSolar(d.year, d.month, d.day)
    gz = day.getYearGZ(True)  # True: year boundary at Spring Festival, not 立春
    return LunarDate(
        ganzhi_year=_STEMS[gz.tg] + _BRANCHES[gz.dz],
        month=day.getLunarMonth(),
        leap=bool(day.isLunarLeap()),
        day=day.getLunarDay(),
    )


def weekday_name(d: datetime.date) -> str:
    """Weekday as printed beside the date: 星期一 … 星期六, and 星期日 for Sunday."""
    return _WEEKDAYS[d.weekday()]


def parse_lunar_text(text: str) -> tuple[str, bool, int, int] | None:
    """Read a printed lunar date back into (ganzhi_year, leap, month, day).

    Accepts both month styles (十一月/冬月, 十二月/腊月), 闰 for leap months and
    an optional 农历 prefix; surrounding whitespace is ignored. Returns None
    for anything else, so the parser can compare a masthead's printed lunar
    date with lunar_date() and warn only when both are real dates.
    """
    m = _LUNAR_TEXT.fullmatch(text.strip())
    if m is None or m.group(1) not in _GANZHI:
        return None
    ganzhi, leap, month, day = m.groups()
    return ganzhi, leap == "闰", _MONTH_BY_NAME[month], _DAY_BY_NAME[day]
