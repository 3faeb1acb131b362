"""The masthead (报头): the `# 甬江日报` line, the masthead blocks under it, and a
page label (第A06版 国内·国际) right after them.

    # 甬江日报

    YONGJIANG DAILY
    2008年5月28日 星期三 农历戊子年四月廿四 第149期 总第21390期
    国内统一刊号 CN 33-0036 邮发代号 31-9 中共宁波市委机关报 国内外公开发行 今日32版

    社址:宁波市江东区宁穿路 邮编:315040 总机:(0574)87682200 零售价:1.00元

Fields stand in any order, separated by spaces, ■ and the like, or glued to
one another (第49期(总第3218期)). Each is recognised by its own form, from one
table (`FORMS`: field ← what it looks like, its label as printed), in simplified
or traditional characters alike. A block is a masthead block when the table
recognises most of its text; the first block that is not one (an epigraph, a
headline, body text) ends the masthead. Text no form takes is kept (`extra`)
and reported, never dropped; every printed character is in the model once
(`Masthead.printed`). Derived and checked: the date, the weekday (a printed
weekday that is not the date's is `masthead.weekday`), the lunar date
(`masthead.lunar`), the paper's kind (public / internal) and script.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from .. import calendar
from ..chars import significant
from ..diagnostics import Diagnostic, warning
from ..model import Masthead, Span
from ..model.masthead import PRINTED_FIELDS, label_field
from ..publication import LICENCE_LABEL, LICENCE_STEM
from ..caches import Patterns
from .blocks import Line, RawBlock, running_head_page

REQUIRED = ("paper_name", "date", "issue_number", "total_issue_number")
# fields whose printed form is kept beside their value: 第06期, the label 主办
PRINTED_AS = {"issue_number": "issue_text", "total_issue_number": "total_issue_text",
              "sponsor": "sponsor_label", "publisher": "publisher_label"}
PRINT_REQUIRED = ("paper_name", "date")   # without them a build for print is refused

# ------------------------------------------------------------------ scripts

# Simplified → traditional forms of the characters masthead words are made
# of (and of common words besides, to tell a traditional masthead by).
_VARIANTS_TEXT = """
报報 纸紙 农農 历曆歷 阴陰 闰閏 腊臘 总總 号號 国國 内內 统統 邮郵 发發 电電 话話 机機
热熱 线線 闻聞 编編 辑輯 数數 价價 费費 资資 证證 审審 连連 续續 办辦 务務 厂廠 区區
周週 节節 阳陽 网網 传傳 订訂 阅閱 赠贈 单單 营營 销銷 广廣 门門 场場 员員 会會 协協
经經 读讀 户戶 开開 众眾 业業 监監 长長 责責 讯訊 华華 东東 观觀 龙龍 湾灣 关關 计計
时時 间間 实實 际際 过過 这這 们們 来來 为為 与與 学學 书書 车車 马馬 见見 页頁 风風
气氣 体體 应應 对對 说說 语語 请請 让讓 认認 识識 议議 记記 设设 许許 论論 试試 该該
调調 谈談 谢謝 贵貴 货貨 质質 购購 贸貿 赛賽 转轉 轻輕 输輸 边邊 达達 运運 还還 进進
远遠 选選 钱錢 铁鐵 银銀 镇鎮 问問 队隊 阶階 陆陸 陈陳 险險 随隨 难難 静靜 须須 顺順
预預 领領 题題 额額 显顯 馆館 验驗 鸡雞 齐齊 龄齡 乡鄉 亲親 亿億 从從 优優 价價 儿兒
党黨 兰蘭 兴興 养養 军軍 决決 况況 减減 几幾 击擊 创創 则則 别別 剧劇 劳勞 势勢 医醫
卖賣 卫衛 厅廳 县縣 参參 双雙 变變 叶葉 后後 听聽 启啟 响響 围圍 园園 图圖 圣聖 块塊
坚堅 处處 备備 复復 头頭 夺奪 奋奮 奖獎 妇婦 孙孫 宁寧 宝寶 宪憲 宽寬 宾賓 导導 寿壽
将將 尔爾 层層 届屆 属屬 岁歲 岛島 岭嶺 币幣 师師 带帶 帮幫 庆慶 库庫 废廢 张張 归歸
当當 录錄 忆憶 态態 怀懷 惊驚 战戰 扩擴 扫掃 扬揚 护護 担擔 拥擁 择擇 挥揮 换換 据據
摄攝 无無 旧舊 术術 杀殺 杂雜 权權 条條 杨楊 极極 构構 标標 栏欄 树樹 样樣 桥橋 梦夢
检檢 楼樓 欢歡 汇匯 汉漢 沟溝 没沒 济濟 测測 涨漲 渔漁 温溫 满滿 滨濱 灭滅 灯燈 灵靈
灾災 炉爐 点點 烟煙 爱愛 独獨 环環 现現 画畫 疗療 盘盤 矿礦 码碼 确確 礼禮 离離 种種
积積 称稱 稳穩 竞競 笔筆 筑築 签簽 简簡 类類 粮糧 紧緊 红紅 约約 级級 纪紀 纳納 组組
细細 织織 终終 结結 给給 络絡 绝絕 继繼 绩績 维維 绿綠 缓緩 罗羅 职職 联聯 胜勝 脑腦
艺藝 苏蘇 范範 荣榮 药藥 获獲 蓝藍 虽雖 补補 装裝 规規 视視 览覽 觉覺 讨討 训訓 讲講
访訪 评評 诉訴 译譯 诗詩 诚誠 询詢 详詳 误誤 课課 谁誰 负負 财財 败敗 贫貧 贷貸 贺賀
赏賞 赵趙 赶趕 跃躍 践踐 轮輪 软軟 载載 较較 辆輛 辞辭 迁遷 迈邁 违違 迟遲 适適 递遞
遗遺 邻鄰 郑鄭 释釋 针針 钢鋼 铜銅 锁鎖 错錯 键鍵 闭閉 闲閒 阵陣 韩韓 顶頂 项項 顾顧
顿頓 频頻 颜顏 飞飛 饮飲 饰飾 驻駐 驾駕 鱼魚 鸟鳥 鸣鳴 麦麥 齿齒 庄莊 愿願 游遊 丰豐
"""
_VARIANTS = {group[0]: group[1:] for group in _VARIANTS_TEXT.split() if len(group) > 1}
_SIMPLIFIED = {t: s for s, ts in _VARIANTS.items() for t in ts}
_TRADITIONAL_ONLY = set(_SIMPLIFIED) - set(_VARIANTS)
_SIMPLIFIED_ONLY = set(_VARIANTS) - set(_SIMPLIFIED)


def _both_scripts(pattern: str) -> str:
    """A pattern written in simplified characters that also takes their
    traditional forms: 电话 → [电電][话話]."""
    out, in_class, i = [], False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
        elif c == "]" and in_class:
            in_class = False
        if c in _VARIANTS:
            out.append(c + _VARIANTS[c] if in_class else f"[{c}{_VARIANTS[c]}]")
        else:
            out.append(c)
        i += 1
    return "".join(out)


def simplified(text: str) -> str:
    """Traditional forms folded to simplified, for comparing words."""
    return "".join(_SIMPLIFIED.get(c, c) for c in text)


def script_of(text: str) -> str | None:
    """'traditional' when the text uses more traditional-only characters
    than simplified-only ones."""
    traditional = sum(c in _TRADITIONAL_ONLY for c in text)
    return "traditional" if traditional > sum(c in _SIMPLIFIED_ONLY for c in text) else None


# ------------------------------------------------------------------ the field table

SEPARATORS = " ■□●◆◇▲△★☆|｜·•，；、/／"
_OPEN, _CLOSE = "（(", "）)"
_BOUNDARY = "(?=$|[" + re.escape(SEPARATORS + _OPEN + _CLOSE) + "])"

_V = r"[^\s■□●◆◇▲△★☆|｜：:，；]+"             # a free value: up to the next separator
_C = r"[:：]? ?"                               # a label's colon, if any
_CC = r"[:：] ?"                               # a colon a free value needs
_PHONE = r"[+＋]?[（(]?\d[\d\-－（）() ]*\d(?:转\d+)?"
_GAN, _ZHI = "甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉戌亥"
_LUNAR = (rf"(?:[{_GAN}][{_ZHI}]年)?闰?(?:十一|十二|冬|腊|[正二三四五六七八九十])月"
          r"(?:初[一二三四五六七八九十]|十[一二三四五六七八九]|二十|廿[一二三四五六七八九]|三十)")
_SOLAR_TERMS = ("立春 雨水 惊蛰 春分 清明 谷雨 立夏 小满 芒种 夏至 小暑 大暑 "
                "立秋 处暑 白露 秋分 寒露 霜降 立冬 小雪 大雪 冬至 小寒 大寒").split()
_NAME = r"[^\s■□●◆◇▲△★☆|｜：:，；]+?"        # an organisation before its label


@dataclass(frozen=True)
class Form:
    """One way a field is printed. `strong`: a block with this field is a
    masthead block (weak forms, such as a weekday, could stand in a headline).
    `first`: only as the masthead's first text (the paper's Latin name)."""
    field: str
    pattern: str
    strong: bool = True
    first: bool = False

    def compiled(self) -> tuple[re.Pattern, re.Pattern]:
        body = _both_scripts(self.pattern)
        return _PATTERNS.compile(f"(?:{body}){_BOUNDARY}"), _PATTERNS.compile(body)


# field ← what it looks like. A `label` group is the field's label as printed,
# a `value` group its value (else the whole match). Where two forms match at
# one place the longest wins, then the earlier.
FORMS = (
    Form("paper_latin", r"[A-Z][A-Z&'.\-]+(?: [A-Z][A-Z&'.\-]*)*", first=True),
    Form("date_text", r"\d{4}年\d{1,2}月\d{1,2}日"),
    Form("printed_weekday", r"星期[一二三四五六日天]|礼拜[一二三四五六日天]|周[一二三四五六日]",
         strong=False),
    Form("lunar_date", rf"(?:(?P<label>农历|夏历|阴历){_C})?(?P<value>{_LUNAR})"),
    Form("festival", r"[\u4e00-\u9fff]{1,4}节|除夕|七夕|元旦|" + "|".join(_SOLAR_TERMS),
         strong=False),
    Form("issue_number", r"第(?P<value>\d+)期"),
    Form("total_issue_number", r"(?P<label>总第)(?P<value>\d+)期"),
    Form("pages", r"(?:今日|今天|本日|本期)(?:共|计)?\d+版|(?:本期)?共\d+版"),
    Form("cn_number", rf"(?:(?P<label>国内统一(?:连续出版物)?刊号|统一刊号|刊号){_C})?"
                      r"(?P<value>CN ?\d{2} ?[-－] ?\d{4}(?:/[A-Z]{1,2}\d{0,3})?)"),
    Form("issn", rf"(?:(?P<label>国际标准(?:连续出版物)?刊?号){_C})?"
                 r"(?P<value>ISSN ?\d{4}-\d{3}[\dX])"),
    Form("postal_code", rf"(?P<label>邮发代号|邮局代号|邮发代码){_C}(?P<value>\d{{1,3}} ?[-－] ?\d{{1,4}})"),
    # an internal publication's licence number (publication.py, shared with the
    # preflight), and the other licences a masthead prints in that field
    Form("licence", rf"(?P<label>{LICENCE_LABEL}|出版许可证号?|登记证号?){_C}(?P<value>{_V})"),
    Form("licence", rf"[^\s■：:，；]*(?:{LICENCE_STEM}|内部资料（)[^\s■：:，；]*号"),
    Form("approval", r"[^\s■：:，；]+批准", strong=False),
    Form("note", r"内部资料|内部交流|免费交流|注意保存|内部发行"),
    Form("frequency", r"(?:每逢?|逢)[^\s■：:，；]{0,10}?出版|"
                      r"(?:周|星期)[一二三四五六日](?:[、，和至][一二三四五六日])*出版|"
                      r"(?:日|周|旬|半月|月|双月|季)刊"),
    Form("organ", r"[^\s■：:，；]{2,16}?机关报"),
    Form("supervisor", rf"(?P<label>主管单位|主管){_CC}(?P<value>{_V})"),
    Form("sponsor", rf"(?P<label>主管主办单位|主管主办|主办单位|主办){_CC}(?P<value>{_V})"),
    Form("publisher", rf"(?P<label>编辑出版发行|编辑出版|出版发行|出版单位|出版|编印){_CC}(?P<value>{_V})"),
    Form("sponsor", rf"(?P<value>{_NAME})(?P<label>主管主办|主办)", strong=False),
    Form("supervisor", rf"(?P<value>{_NAME})(?P<label>主管)", strong=False),
    Form("publisher", rf"(?P<value>{_NAME})(?P<label>编辑出版|出版发行|出版|编印)", strong=False),
    Form("distribution", r"[^\s■：:，；]{0,6}?(?:公开发行|免费派发|免费赠阅|派发|赠阅|发行)"),
    Form("printer", rf"(?P<label>印刷单位|印刷|承印){_CC}(?P<value>{_V})"),
    Form("print_run", rf"(?P<label>印数|印量|期发数|发行量){_C}(?P<value>\d+(?:\.\d+)?万?份)"),
    Form("address", rf"(?P<label>社址|地址|报社地址|本报地址|通讯地址){_CC}(?P<value>{_V})"),
    Form("postcode", rf"(?P<label>邮编|邮政编码){_C}(?P<value>\d{{6}})"),
    Form("phone", rf"(?P<label>电话|总机|联系电话|办公电话|值班电话){_C}(?P<value>{_PHONE})"),
    Form("hotline", rf"(?P<label>新闻热线|报料热线|新闻报料|热线电话|热线){_C}(?P<value>{_PHONE})"),
    Form("fax", rf"(?P<label>传真){_C}(?P<value>{_PHONE})"),
    Form("email", rf"(?:(?P<label>电子邮箱|电子信箱|投稿邮箱|邮箱|E-?mail){_C})?"
                  r"(?P<value>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"),
    Form("website", rf"(?:(?P<label>网址|网站){_C})?"
                    r"(?P<value>(?:https?://|www\.)[\w.\-/]+)"),
    Form("price", rf"(?P<label>零售价|零售|定价|售价|每份){_C}(?P<value>[^\s■：:，；]*\d[^\s■：:，；]*)"),
    # a labelled field of a kind the table does not know: masthead text, kept in extra
    Form("extra", rf"(?P<label>[\u4e00-\u9fff]{{2,8}}){_CC}(?P<value>{_V})", strong=False),
)
_PATTERNS = Patterns("parse.masthead")     # compiled once per machine (caches.Patterns)
_COMPILED = tuple((form, *form.compiled()) for form in FORMS)
_PATTERNS.save()

# Fields that take more than one printed piece (内部资料 … 免费交流).
_JOINED = {"note"}
# Festivals that fall on a fixed lunar day: (month, day) to check the date by.
_LUNAR_FESTIVALS = {"春节": (1, 1), "元宵节": (1, 15), "端午节": (5, 5), "七夕": (7, 7),
                    "中元节": (7, 15), "中秋节": (8, 15), "重阳节": (9, 9), "腊八节": (12, 8)}
_WEEKDAY_NUMBER = {c: n for n, c in enumerate("一二三四五六日")} | {"天": 6}


@dataclass(frozen=True)
class Piece:
    """A stretch of one masthead line: a field's printed text, or unrecognised text."""
    field: str | None         # None: no form took it
    text: str                 # as printed (with the brackets that wrap it)
    value: str
    label: str | None
    line: int
    strong: bool


def _match_at(text: str, i: int, first: bool) -> tuple[Form, re.Match, int] | None:
    """The longest form that matches at i and ends at a boundary (or where
    another field starts: fields glued together)."""
    best = None
    for form, bounded, loose in _COMPILED:
        if form.first and not first:
            continue
        match = bounded.match(text, i)
        if match is None:
            match = loose.match(text, i)
            if match is None or not any(b.match(text, match.end()) or l.match(text, match.end())
                                        for f, b, l in _COMPILED if not f.first):
                continue
        if best is None or match.end() > best[1].end():
            best = (form, match, match.end())
    return best


def scan_line(line: Line, first: bool = False) -> list[Piece]:
    """A line's fields in printed order; text between them no form takes."""
    text, pieces, i = line.text, [], 0
    if running_head_page(text) is not None:
        return [Piece("page_label", text, text, None, line.number, True)]
    while i < len(text):
        if text[i] in SEPARATORS:
            i += 1
            continue
        found = _match_at(text, i, first and not pieces)
        start, end = i, None
        if found is None and text[i] in _OPEN:     # a field in brackets: （总第3218期）
            inner = _match_at(text, i + 1, False)
            if inner and inner[2] < len(text) and text[inner[2]] in _CLOSE:
                found, end = inner, inner[2] + 1
        if found is None:
            end = i
            while end < len(text) and text[end] not in SEPARATORS:
                end += 1
            pieces.append(Piece(None, text[i:end], text[i:end], None, line.number, False))
            i = end
            continue
        form, match, match_end = found
        end = end or match_end
        groups = match.groupdict()
        value = groups.get("value") or match.group(0)
        pieces.append(Piece(form.field, text[start:end], value, groups.get("label"),
                            line.number, form.strong))
        i = end
    return pieces


def scan_block(block: RawBlock, first: bool = False) -> list[Piece]:
    pieces: list[Piece] = []
    for line in block.lines:
        pieces += scan_line(line, first and not pieces)
    return pieces


def masthead_like(pieces: list[Piece]) -> bool:
    """Most of the block's characters are fields, one of them a field only a
    masthead prints."""
    total = len(significant("".join(p.text for p in pieces)))
    known = len(significant("".join(p.text for p in pieces if p.field)))
    return total > 0 and known * 2 >= total and any(p.strong for p in pieces)


def is_masthead_block(block: RawBlock) -> bool:
    return not block.heading and masthead_like(scan_block(block))


# ------------------------------------------------------------------ reading

def read_masthead(blocks, file, *legacy):
    """`read_masthead(blocks, file) -> (masthead, diagnostics, count)`: the
    masthead of a file from all its blocks; `count` leading blocks are the
    masthead (the `#` name, the masthead blocks, a page label after them).

    The old form `read_masthead(name, name_line, block, file) ->
    (masthead, diagnostics)` is still taken, for callers not yet moved."""
    if legacy:
        name, name_line, block, file = blocks, file, *legacy
        given = [] if name is None else [RawBlock((Line(name_line or 1, name),), 1)]
        masthead, diagnostics, _ = _read(given + ([block] if block else []), file)
        return masthead, diagnostics
    return _read(list(blocks), file)


def _read(blocks: list[RawBlock], file: str) -> tuple[Masthead, list[Diagnostic], int]:
    count, pieces = 0, []
    if blocks and blocks[0].heading == 1:
        line = blocks[0].lines[0]
        pieces.append(Piece("paper_name", line.text, line.text, None, line.number, True))
        count = 1
    while count < len(blocks) and not blocks[count].heading:
        block = blocks[count]
        if len(block.lines) == 1 and running_head_page(block.text) is not None and count:
            pieces += scan_block(block)                  # the page label ends the masthead
            count += 1
            break
        found = scan_block(block, first=len(pieces) <= 1)
        if not masthead_like(found) or (
                not pieces and not any(p.field in ("date_text", "issue_number") for p in found)):
            break
        pieces += found
        count += 1
    masthead, diagnostics = _masthead(pieces, blocks[:count], file)
    return masthead, diagnostics, count


def _masthead(pieces: list[Piece], blocks: list[RawBlock], file: str
              ) -> tuple[Masthead, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    values: dict = {}
    lines: dict[str, int] = {}
    printed: list[tuple[str, str]] = []
    extra: list[str] = []
    for piece in pieces:
        name = piece.field
        if name is None or name == "extra":
            what = "field" if name else "text"
            diagnostics.append(warning(f"masthead: unrecognised {what} '{piece.text}' kept as is",
                                       file, piece.line))
            name = None
        elif name in values and name not in _JOINED:
            diagnostics.append(warning(f"masthead: second {name} '{piece.text}' kept as is",
                                       file, piece.line))
            name = None
        if name is None:
            extra.append(piece.text)
            printed.append(("extra", piece.text))
            continue
        printed.append((name, piece.text))
        lines.setdefault(name, piece.line)
        if name in _JOINED and name in values:
            values[name] += " " + piece.value
            continue
        values[name] = piece.value
        if piece.label is not None and label_field(name):
            values[label_field(name)] = piece.label
        if name in ("issue_number", "total_issue_number"):
            values[PRINTED_AS[name]] = piece.text.strip(_OPEN + _CLOSE)
            values[name] = int(piece.value)
        elif name == "date_text":
            values["date"] = _date(piece.value)
            if values["date"] is None:
                diagnostics.append(warning(f"masthead: '{piece.value}' is not a calendar date",
                                           file, piece.line, rule="masthead.date"))
    texts = "".join(text for _, text in printed)
    values["script"] = script_of(texts)
    first = blocks[0].first if blocks else None
    source = Span(file, first, blocks[-1].last) if blocks else None
    masthead = Masthead(**values, extra=tuple(extra), printed=tuple(printed), source=source)
    masthead = replace(masthead, kind=paper_kind(masthead))
    if masthead.date and masthead.lunar_date and "lunar_date" in lines:
        diagnostics.extend(check_lunar(masthead, file, lines["lunar_date"]))
    if masthead.date and masthead.printed_weekday:
        diagnostics.extend(check_weekday(masthead, file, lines["printed_weekday"]))
    if masthead.date and masthead.festival:
        diagnostics.extend(check_festival(masthead, file, lines["festival"]))
    return masthead, diagnostics


def paper_kind(masthead: Masthead) -> str | None:
    """internal: it carries a licence or says 内部资料; public: a CN number,
    邮发代号, ISSN or a distribution (公开发行, 免费派发); else nobody can say."""
    def says(name: str, word: str) -> bool:
        return word in simplified(getattr(masthead, name) or "")
    if masthead.licence or says("note", "内部") or says("distribution", "内部"):
        return "internal"
    if masthead.cn_number or masthead.postal_code or masthead.issn or masthead.distribution:
        return "public"
    return None


def complete(masthead: Masthead, overrides: dict, month_style: str = "numeric",
             file: str | None = None) -> tuple[Masthead, list[Diagnostic]]:
    """Fill fields from a sidecar or options, derive weekday and lunar date,
    and list what is still missing."""
    from_sidecar = list(masthead.from_sidecar)
    for key, value in overrides.items():
        if value is not None:
            # the sidecar's value replaces the printed one, and its printed form
            printed = tuple(p for p in masthead.printed if p[0] != key)
            masthead = replace(masthead, printed=printed, **{key: value})
            if key in ("issue_number", "total_issue_number"):   # the printed form was another's
                masthead = replace(masthead, **{PRINTED_AS[key]: None})
            from_sidecar.append(key)
    if "date" in overrides and overrides["date"] is not None:
        date = overrides["date"]
        masthead = replace(masthead, date_text=f"{date.year}年{date.month}月{date.day}日",
                           printed=tuple(p for p in masthead.printed if p[0] != "date_text"))
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
    masthead = replace(masthead, kind=paper_kind(masthead))
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
    try:
        computed = calendar.lunar_date(masthead.date)
    except ValueError:
        return []
    text = simplified(masthead.lunar_date).removeprefix("农历")
    if "年" not in text:                    # printed without its year: the date's year
        text = f"{computed.ganzhi_year}年{text}"
    printed = calendar.parse_lunar_text(text)
    if printed is None:
        return [warning(f"masthead: lunar date '{masthead.lunar_date}' is not in the form "
                        "甲辰年二月廿三", file, line, rule="masthead.lunar")]
    expected = (computed.ganzhi_year, computed.leap, computed.month, computed.day)
    if printed != expected:
        return [warning(f"masthead: lunar date '{masthead.lunar_date}' does not match "
                        f"{masthead.date.isoformat()}, which is {computed.masthead()}", file, line,
                        rule="masthead.lunar")]
    return []


def check_weekday(masthead: Masthead, file: str, line: int) -> list[Diagnostic]:
    """A printed weekday that is not the date's (a print build refuses it)."""
    printed = _WEEKDAY_NUMBER.get(masthead.printed_weekday[-1])
    if printed is None or printed == masthead.date.weekday():
        return []
    return [warning(f"masthead: weekday '{masthead.printed_weekday}' does not match "
                    f"{masthead.date.isoformat()}, which is "
                    f"{calendar.weekday_name(masthead.date)}", file, line,
                    rule="masthead.weekday")]


def check_festival(masthead: Masthead, file: str, line: int) -> list[Diagnostic]:
    """A festival of a fixed lunar day printed on another day."""
    day = _LUNAR_FESTIVALS.get(simplified(masthead.festival))
    try:
        computed = calendar.lunar_date(masthead.date)
    except ValueError:
        return []
    if day is None or day == (computed.month, computed.day):
        return []
    return [warning(f"masthead: {masthead.festival} is not on {masthead.date.isoformat()}, "
                    f"which is {computed.masthead()}", file, line, rule="masthead.festival")]


def _date(text: str) -> dt.date | None:
    year, month, day = (int(g) for g in re.findall(r"\d+", text))
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# ------------------------------------------------------------------ the outline

_OUTLINE_NAMES = {"paper_name": "paper", "date_text": "date", "printed_weekday": "weekday",
                  "lunar_date": "lunar", "issue_number": "issue", "total_issue_number":
                  "total issue", "note": "notice", "extra": "unrecognised"}


def describe(masthead: Masthead) -> list[str]:
    """The outline lines `typeset parse` shows for the masthead: a summary,
    then every field the masthead carries, labelled, with the label it was
    printed with; fields from the sidecar or computed are marked so."""
    m = masthead
    out = [f"masthead  {m.paper_name or '?'} · {m.date.isoformat() if m.date else '?'}"
           f" {m.weekday or ''} · 第{m.issue_number or '?'}期 · 总第{m.total_issue_number or '?'}期"
           f" · {m.lunar_date or '?'}"]
    facts = [("kind", m.kind), ("script", m.script)]
    out += [f"          {name}: {value}" for name, value in facts if value]
    carried = [name for name in m.carried() if name in PRINTED_FIELDS]
    for name in carried + [name for name in PRINTED_FIELDS if name not in carried]:
        value = getattr(m, name)
        if value is None or value == ():
            continue
        numbered = name in ("issue_number", "total_issue_number", "lunar_date")
        shown = m.shown(name) if numbered else value
        label = m.label(name) if not numbered else None
        out.append(f"          {_OUTLINE_NAMES.get(name, name.replace('_', ' '))}: {shown}"
                   + (f"  · label {label}" if label else "")
                   + ("  (sidecar or computed)" if name in m.from_sidecar else ""))
    for text in m.extra:
        out.append(f"          unrecognised: {text}")
    if m.weekday and m.printed_weekday and m.weekday != m.printed_weekday:
        out.append(f"          weekday of the date: {m.weekday}")
    if m.running_heads:
        out.append(f"          running heads: {' | '.join(m.running_heads)}")
    if m.missing:
        out.append(f"          missing: {', '.join(m.missing)}")
    return out
