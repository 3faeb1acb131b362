"""The masthead (报头) as the model holds it: every printed field, its printed
form, and what the paper's kind (public / internal) follows from."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Iterator

from .span import Span


@dataclass(frozen=True)
class Masthead:
    """The 报头 block. Printed fields keep their printed form; `date` and
    `weekday` are derived. `missing` names fields that no source supplied."""
    paper_name: str | None = None
    date: _dt.date | None = None
    date_text: str | None = None       # 2024年4月1日
    weekday: str | None = None         # 星期一
    issue_number: int | None = None    # 第6期
    total_issue_number: int | None = None  # 总第274期
    lunar_date: str | None = None      # as printed, else computed: 甲辰年二月廿三
    approval: str | None = None        # 河南省新闻出版局批准
    licence: str | None = None         # 河南省连续性内部资料(洛阳)审连00018号
    sponsor: str | None = None         # 主管主办：… (its label as printed in sponsor_label)
    publisher: str | None = None       # 编辑出版：…
    note: str | None = None            # 内部资料 免费交流
    issue_text: str | None = None      # 第06期 as printed (zeros kept), if printed
    total_issue_text: str | None = None
    sponsor_label: str = "主管主办"     # 主管, 主办 or 主管主办, as printed
    publisher_label: str = "编辑出版"   # 出版 or 编辑出版
    extra: tuple[str, ...] = ()        # printed text no field took
    source: Span | None = None
    from_sidecar: tuple[str, ...] = ()  # fields supplied by the sidecar or options
    missing: tuple[str, ...] = ()

    def shown(self, name: str) -> str | None:
        """A field as the masthead prints it: 第6期, 总第274期, 主办：…"""
        value = getattr(self, name)
        if value is None:
            return None
        if name == "issue_number":
            return self.issue_text or f"第{value}期"
        if name == "total_issue_number":
            return self.total_issue_text or f"总第{value}期"
        if name == "sponsor":
            return f"{self.sponsor_label}：{value}"
        if name == "publisher":
            return f"{self.publisher_label}：{value}"
        return value

    def printed_text(self) -> Iterator[str]:
        """Only what the source printed (fields from a sidecar are not source text)."""
        if self.source is None:
            return
        for name in ("paper_name", "date_text", "issue_number", "total_issue_number",
                     "lunar_date", "approval", "licence", "sponsor", "publisher", "note"):
            if name not in self.from_sidecar and getattr(self, name) is not None:
                yield self.shown(name)
        yield from self.extra
