"""The masthead (报头) as the model holds it: every printed field, its printed
form, and what the paper's kind (public / internal) follows from."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, fields
from typing import Iterator

from .span import Span


@dataclass(frozen=True)
class Masthead:
    """The 报头: the `#` name line, the masthead blocks under it and a page
    label right after them. Printed fields keep their value here and their
    printed form in `printed`; `date`, `weekday` and `kind` are derived.
    `missing` names fields that no source supplied. Fields the source did not
    print are None (a label field: the label it printed, else None)."""
    paper_name: str | None = None
    date: _dt.date | None = None
    date_text: str | None = None       # 2024年4月1日
    weekday: str | None = None         # 星期一: computed from the date
    issue_number: int | None = None    # 第6期
    total_issue_number: int | None = None  # 总第274期
    lunar_date: str | None = None      # without its label: 甲辰年二月廿三 (printed, else computed)
    approval: str | None = None        # 河南省新闻出版局批准
    licence: str | None = None         # 河南省连续性内部资料(洛阳)审连00018号, 京内资准字…号
    sponsor: str | None = None         # 主办 / 主管主办 (label in sponsor_label)
    publisher: str | None = None       # 编辑出版 / 出版 / 编印 (label in publisher_label)
    note: str | None = None            # 内部资料 免费交流
    issue_text: str | None = None      # 第06期 as printed (zeros kept), if printed
    total_issue_text: str | None = None  # 总第274期 / 總第812期 as printed
    sponsor_label: str = "主管主办"     # 主管主办 or 主办, as printed
    publisher_label: str = "编辑出版"   # 出版, 编辑出版, 编印 …, as printed
    # --- what else a masthead prints (None: not printed) ---
    paper_latin: str | None = None     # YONGJIANG DAILY
    printed_weekday: str | None = None  # the weekday as printed: 星期三, 週四
    lunar_label: str | None = None     # 农历 / 農曆, if printed before the lunar date
    festival: str | None = None        # 重阳节, 立冬
    kind: str | None = None            # "public" | "internal" | None (nothing says)
    script: str | None = None          # "traditional" when the masthead is in 繁體
    cn_number: str | None = None       # CN 33-0036
    cn_label: str | None = None        # 国内统一刊号
    issn: str | None = None            # ISSN 1002-9567
    postal_code: str | None = None     # 邮发代号 31-9
    postal_label: str | None = None
    licence_label: str | None = None   # 内部资料准印证 (None: the licence names itself)
    organ: str | None = None           # 中共宁波市委机关报
    distribution: str | None = None    # 国内外公开发行, 免費派發
    frequency: str | None = None       # 每日出版, 每周二、五出版
    pages: str | None = None           # 今日32版, as printed
    supervisor: str | None = None      # 主管：… (a different body from the sponsor)
    supervisor_label: str | None = None
    printer: str | None = None         # 印刷：…
    printer_label: str | None = None
    print_run: str | None = None       # 印数：3000份
    print_run_label: str | None = None
    address: str | None = None         # 社址：…
    address_label: str | None = None
    postcode: str | None = None        # 邮编：315040
    postcode_label: str | None = None
    phone: str | None = None           # 电话 / 電話 / 总机：…
    phone_label: str | None = None
    hotline: str | None = None         # 新闻热线：…
    hotline_label: str | None = None
    fax: str | None = None             # 传真：…
    fax_label: str | None = None
    email: str | None = None
    email_label: str | None = None
    website: str | None = None
    website_label: str | None = None
    price: str | None = None           # 零售价：1.00元
    price_label: str | None = None
    page_label: str | None = None      # 第A06版 国内·国际: the source page's head under the masthead
    running_heads: tuple[str, ...] = ()  # page heads printed further on in the file
    # --- bookkeeping ---
    extra: tuple[str, ...] = ()        # printed text no field took
    printed: tuple[tuple[str, str], ...] = ()  # (field, text as printed) in source order
    source: Span | None = None
    from_sidecar: tuple[str, ...] = ()  # fields supplied by the sidecar or options
    missing: tuple[str, ...] = ()

    def label(self, name: str) -> str | None:
        """The label a field was printed with (电话, 電話, 总机 …), if any."""
        own = label_field(name)
        return getattr(self, own) if own else None

    def printed_as(self, name: str) -> str | None:
        """The field exactly as the source printed it, or None."""
        texts = [text for field, text in self.printed if field == name]
        return " ".join(texts) if texts else None

    def shown(self, name: str) -> str | None:
        """A field as the masthead prints it: 第6期, 总第274期, 主办：…, as the
        source printed it when it did."""
        value = getattr(self, name)
        if value is None or value == ():
            return None
        if name not in self.from_sidecar and (printed := self.printed_as(name)):
            return printed
        if name == "issue_number":
            return self.issue_text or f"第{value}期"
        if name == "total_issue_number":
            return self.total_issue_text or \
                f"{'總' if self.script == 'traditional' else '总'}第{value}期"
        if name == "lunar_date":
            label = self.lunar_label or ""
            return value if value.startswith(label) else label + value
        if name == "extra":
            return " ".join(value)
        if isinstance(value, tuple):
            return " ".join(value)
        label = self.label(name)
        return f"{label}：{value}" if label and not str(value).startswith(label) else str(value)

    def printed_text(self) -> Iterator[str]:
        """Only what the source printed, each printed character once (fields
        from a sidecar are not source text)."""
        if self.source is None:
            return
        if self.printed:
            for _, text in self.printed:
                yield text
            return
        # built by hand without its printed forms: its fields, as shown
        for name in ("paper_name", "date_text", "issue_number", "total_issue_number",
                     "lunar_date", "approval", "licence", "sponsor", "publisher", "note"):
            if name not in self.from_sidecar and getattr(self, name) is not None:
                yield self.shown(name)
        yield from self.extra

    def carried(self) -> tuple[str, ...]:
        """The printed fields, in source order, each once (for layouts and outlines)."""
        return tuple(dict.fromkeys(field for field, _ in self.printed))


_NAMES = frozenset(f.name for f in fields(Masthead))
_LABEL_FIELDS = {"lunar_date": "lunar_label", "cn_number": "cn_label",
                 "postal_code": "postal_label"}


def label_field(name: str) -> str | None:
    """The attribute that holds a field's printed label, if it has one."""
    own = _LABEL_FIELDS.get(name, f"{name}_label")
    return own if own != "page_label" and own in _NAMES else None


# Every field a masthead prints, in the order an outline lists them (labels,
# derived facts and bookkeeping aside; page_label is a field, not a label).
PRINTED_FIELDS = tuple(f.name for f in fields(Masthead)
                       if (f.name == "page_label" or not f.name.endswith("_label"))
                       and f.name not in ("date", "weekday", "kind", "script", "issue_text",
                                          "total_issue_text", "extra", "printed", "source",
                                          "from_sidecar", "missing", "running_heads"))
