"""Pass 1 of reading structure: what each block looks like, and why.

Every block of the file (see blocks.py) is read on its own, by its evidence
only — its words, its shape, its marks — into one `Clue`. The second pass
(grammar.py) groups clues into items; it looks at neighbours, this pass never
does. A clue's `kind` is the strongest evidence, tried in the order of
`BLOCK_KINDS`; `reason` says what was seen, and the outline shows it.

All patterns and word lists the parser uses live here, once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..caches import Patterns
from .blocks import RawBlock, page_number, running_head_page

# this module's regular expressions, compiled once per machine (caches.Patterns)
_PATTERNS = Patterns("parse.evidence")

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# ------------------------------------------------------------------ sentences

# A paragraph that ends with one of these is complete; anything else (a Han
# character, a digit, ， or 、) means the extractor cut it at a column end.
SENTENCE_END = "。！？；：…—”’」』）》"
PAUSE_MARKS = "，、；："
TITLE_MAX = 32   # characters: longer lines are sentences, not headlines


def ends_open(text: str) -> bool:
    """True when a paragraph stops mid-sentence (cut at a column or page end)."""
    return bool(text) and text[-1] not in SENTENCE_END


def reads_as_sentence(text: str) -> bool:
    """A long line, or one with a pause mark inside it: a cut paragraph's first
    half (一方面，加强科技创新硬件支撑，建), not a heading line."""
    return len(text) > TITLE_MAX or has_pause(text)


def has_pause(text: str) -> bool:
    """A pause mark inside the line (，、；：), not at its end."""
    return any(mark in text[:-1] for mark in PAUSE_MARKS)


def phrases(text: str) -> int:
    """Headline phrases: 除夕 羅淑佩 取消… 感謝業界體諒 has four."""
    return len([p for p in text.split(" ") if p])


def reads_as_headline(text: str) -> bool:
    """Several phrases set apart by spaces, long enough for a story's title
    (昨日 宁波再派救援队赴四川地震灾区), unlike a section head (八幢地標上演光影匯演)."""
    return phrases(text) >= 2 and len(text) >= 16


# ------------------------------------------------------------------ credits

# Byline role words, and where each stands: before the names (记者 张三) or
# after them (张三 摄). The one list of them; the layout breaks credit lines
# between the parts they make (Byline.parts).
ROLE_WORDS = {"记者": "before", "通讯员": "before", "实习生": "before", "摄影": "before",
              "撰稿": "before", "编辑": "before", "作者": "before", "文/图": "before",
              "文": "before", "图": "before", "記者": "before", "通訊員": "before",
              "摄": "after", "攝": "after", "供稿": "after", "整理": "after"}
_NAME = rf"[{HAN}·]{{2,4}}"
_ROLE = (rf"[{HAN}]{{0,8}}(?:" + "|".join(re.escape(w) for w in ROLE_WORDS if len(w) > 1)
         + r")[:：]?")
_NAMES = rf"{_NAME}(?: ?{_NAME})*"
# 洛报融媒记者 郭学锋 通讯员 文鹏 · 本网通讯员:冯厚慈 王广颖 · 记者:赵建明 · 冯小平 摄
_CREDIT = _PATTERNS.compile(rf"^(?:{_ROLE} ?{_NAMES})(?: {_ROLE} ?{_NAMES})*(?: ?[摄攝])?$")
# （张晚霞 倪睿） · （伊滨宣） · （记者 张三） · （文/图 经萱） · （董小军陈 琼）
_PAREN_CREDIT = _PATTERNS.compile(
    rf"^（((?:(?:{_ROLE}|文/图|图/文) ?)?{_NAME}(?: (?:{_ROLE} ?)?[{HAN}·]{{1,4}})*(?: ?[摄攝])?)）$")
# （县农业产业发展中心） · （新华社）: a short credit of a body, in parentheses, closing a story
_PAREN_BODY = _PATTERNS.compile(rf"^（([{HAN}·/ ]{{2,16}})）$")
# 河北省人民政府省长 王正谱: an issuing official under a document's title
_OFFICIAL = _PATTERNS.compile(
    rf"^[{HAN}（）]{{2,24}}(?:长|书记|主任|主席|委员|部长|政府|委员会|办公室|办公厅) ?{_NAME}$")
_NOT_CREDITS = ("完", "续完", "待续", "资料图片", "資料圖片", "图片", "圖片")


def byline_of(text: str) -> tuple[str, bool] | None:
    """(credit, parenthesized) when the whole line is a credit line, else None.
    An unclosed parenthesis （记者 张三 is read as the reader reads it: closed."""
    match = _PAREN_CREDIT.match(text)
    if match:
        return match.group(1), True
    if text.startswith("（") and "）" not in text and (match := _PAREN_CREDIT.match(text + "）")):
        return match.group(1), True
    if len(text) <= 40 and _CREDIT.match(text) and any(w in text for w in ROLE_WORDS):
        return text, False
    return None


def closing_credit(text: str) -> tuple[str, bool] | None:
    """A credit that may close a story on its own line: a byline, or a short
    body's name in parentheses （县农业产业发展中心）."""
    found = byline_of(text)
    if found:
        return found
    match = _PAREN_BODY.match(text)
    if match and match.group(1) not in _NOT_CREDITS and not jump_out(text):
        return match.group(1), True
    return None


def glued_credit(text: str) -> tuple[int, str] | None:
    """A byline glued to the end of a paragraph: …情系民生。（魏慧梅 崔晓丹）.
    (where it starts, the credit)."""
    match = re.search(r"[。！？”」]（([^（）]{2,20})）$", text)
    if not match:
        return None
    inner = "（" + match.group(1) + "）"
    if byline_of(inner) and match.group(1) not in _NOT_CREDITS:
        return match.start() + 1, match.group(1)
    return None


def is_official(text: str) -> bool:
    return bool(_OFFICIAL.match(text))


def credit_parts(text: str) -> tuple[str, ...]:
    """A credit line's parts, each a role with its names — 洛报融媒记者 郭学锋 |
    通讯员 文鹏 — where a line may break; a role word that follows the names
    (摄, 整理) stays with them."""
    before = tuple(w for w, where in ROLE_WORDS.items() if where == "before" and len(w) > 1)
    parts: list[str] = []
    for token in text.split(" "):
        if not parts or token.rstrip(":：").endswith(before):
            parts.append(token)
        else:
            parts[-1] += " " + token
    return tuple(parts)


def mentions_photos(credit: str) -> bool:
    """文/图 经萱, 记者 X 摄: the story was printed with photos."""
    return any(w in credit for w in ("图", "圖", "摄", "攝"))


# ------------------------------------------------------------------ datelines

# 本报讯 · 又讯 · 伊滨讯 3月28日 · 中国宁波网讯 · 奥运官方网站5月22日讯 ·
# 新华社北京3月28日电 · 央视网消息（新闻联播） · 据伊朗媒体27日报道
_DATELINE = _PATTERNS.compile(
    rf"^(?:[{HAN}]{{1,12}}(?:\d{{1,2}}月\d{{1,2}}日)?[讯訊](?: ?(?:\d{{4}}年)?\d{{1,2}}月\d{{1,2}}日)?"
    rf"|[{HAN}]{{2,12}}\d{{1,2}}月\d{{1,2}}日[电電]"
    rf"|[{HAN}]{{1,6}}(?:网|網|社|台|报|報|站)消息(?:（[^（）]{{2,12}}）)?"
    rf"|据[{HAN}]{{2,12}}(?:\d{{1,2}}月)?\d{{1,2}}日(?:电|報道|报道))"
    r"(?=[，、 ：]|（|$)")
AGAIN = ("又讯", "又訊")   # a further item run on inside a story


def dateline_length(text: str) -> int:
    match = _DATELINE.match(text)
    return len(match.group(0)) if match else 0


def inline_credit(text: str, start: int) -> int:
    """The length of a byline in parentheses right after a dateline:
    中国宁波网讯 （董小军陈 琼）昨天… → len('（董小军陈 琼）') (and the space)."""
    rest = text[start:]
    match = re.match(r" ?（([^（）]{2,24})）", rest)
    if match and byline_of("（" + match.group(1) + "）"):
        return match.end()
    return 0


# ------------------------------------------------------------------ jumps

_JUMP_IN = _PATTERNS.compile(r"^（上接(?:第)?([A-Z]?\d{1,3}|[一二三四五六七八九十]{1,3})版）")
_JUMP_OUT = _PATTERNS.compile(r"（下转(?:第)?([A-Z]?\d{1,3}|[一二三四五六七八九十]{1,3})版）$")


def continued_from(text: str) -> tuple[int, str] | None:
    """(page, marker) for a continuation start like （上接01版）."""
    match = _JUMP_IN.match(text)
    return (page_number(match.group(1)), match.group(0)) if match else None


def jump_out(text: str) -> tuple[int, str] | None:
    """(page, marker) for a jump at a paragraph's end: …增长到（下转第二版）."""
    match = _JUMP_OUT.search(text)
    return (page_number(match.group(1)), match.group(0)) if match else None


# ------------------------------------------------------------------ labels

# Column labels, by what they hold: briefs (a column of short items), a link
# box, or a rubric (栏目) over the story that follows. Children of a briefs
# label are briefs (简讯) or dispatches set as articles (各地传真).
BRIEF_LABELS = {"简讯": "brief", "快讯": "brief", "短讯": "brief", "要闻": "brief",
                "要聞": "brief", "回顾": "brief", "回顧": "brief", "速递": "brief",
                "速遞": "brief", "播报": "brief", "一览": "brief", "速览": "brief",
                "传真": "article", "傳真": "article", "声音": "article", "聲音": "article",
                "动态": "article", "動態": "article", "集锦": "article", "扫描": "article"}
LINK_LABELS = ("相关链接", "新闻链接", "相關鏈接", "新聞鏈接", "背景资料", "背景資料",
               "延伸阅读", "知识链接", "链接")
RUBRIC_LABELS = ("记者手记", "编者按", "记者观察", "短评", "热评", "快评", "时评", "微评")
SERIES_LABEL = _PATTERNS.compile(r"(?:系列)?(?:评论|述评|时评|短评|评论员文章|论坛|观察)$")
SUBHEAD_MARKERS = "■□●○◆◇▲△★☆▶►"
_LABEL_MAX = 10
_RUBRIC_BAR = _PATTERNS.compile(rf"^([{HAN}]{{2,6}})[丨︱|｜](.+)$")   # 热评丨进度超八成!…
_BRACKETED = _PATTERNS.compile(r"^【([^【】]{2,24})】$")                # 【新思想引领新征程】


def label_kind(text: str) -> tuple[str, str] | None:
    """('briefs', child kind) / ('link', '') / ('rubric', '') / ('series', '')."""
    if _BRACKETED.match(text):
        return "rubric", ""
    if 4 <= len(text) <= 16 and SERIES_LABEL.search(text) and not re.search(r"[，。！？：；、 ]", text):
        return "series", ""
    if len(text) > _LABEL_MAX or re.search(r"[，。！？：；、\d ]", text):
        return None
    for word, child in BRIEF_LABELS.items():
        if text.endswith(word):
            return "briefs", child
    if text in LINK_LABELS:
        return "link", ""
    if text in RUBRIC_LABELS:
        return "rubric", ""
    return None


def rubric_and_title(text: str) -> tuple[str, str] | None:
    """热评丨进度超八成… → (热评, 进度超八成…): a rubric run into its title."""
    match = _RUBRIC_BAR.match(text)
    return (match.group(1), match.group(2)) if match else None


# ------------------------------------------------------------------ sections, lists, turns

# 一、… · （一）… · 第一部分 … : a document's numbered section head
_SECTION = _PATTERNS.compile(r"^(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）|第[一二三四五六七八九十]{1,3}[部章节](?:分)?\s?)")
# 1.… · 2、… · 一是… : a list entry
# (7.2023年我国粮食… is entry 7; 3.5亿元 is a number)
_LIST_ITEM = _PATTERNS.compile(r"^(?:\d{1,2}[.．、](?:(?!\d)|(?=\d{4}年))|[一二三四五六七八九十]是)")
# 主持人：… · 傅祥方：… : a speaker's turn
_SPEAKER = _PATTERNS.compile(rf"^([{HAN}]{{1,4}})[:：](?=\S)")


def is_section_head(text: str) -> bool:
    """（二）充分挖掘内需潜力，推动经济稳定增长: numbered, short, not a sentence."""
    return bool(_SECTION.match(text)) and len(text) <= 40 and "。" not in text


def list_number(text: str) -> bool:
    return bool(_LIST_ITEM.match(text))


def speaker(text: str) -> str | None:
    match = _SPEAKER.match(text)
    return match.group(1) if match else None


# ------------------------------------------------------------------ captions, promos, residue

_PHOTO_CREDIT = _PATTERNS.compile(r"（[^（）]{0,12}[摄攝]）$|[摄攝]$|（(?:资料图片|資料圖片)）$")
PROMO_WORDS = ("二维码", "扫码", "扫一扫", "公众号", "客户端", "视频号", "抖音号", "下载")
_RESIDUE = _PATTERNS.compile(
    r"^(?:（?(?:来源|來源|稿件来源|本文来源|原标题|原標題|责任编辑|責任編輯|编辑|編輯|网络编辑|审核|校对)[:：]"
    r"|.*(?:版权所有|版權所有|转载请注明|轉載請注明|如有侵权|侵权请联系|请联系删除))")
_ADDRESS = _PATTERNS.compile(r"https?://|www\.|\.(?:com|cn|net|org)(?:/|$)")


def is_caption(text: str) -> bool:
    """图为… · …（羅國輝攝） · 王正谱作政府工作报告。本报记者 霍艳恩摄"""
    if text.startswith(("图为", "圖為", "图片为")) and len(text) <= 200:
        return True
    return len(text) <= 200 and bool(_PHOTO_CREDIT.search(text))


def is_promo_line(text: str) -> bool:
    return len(text) <= 24 and any(word in text for word in PROMO_WORDS)


def is_residue(text: str) -> bool:
    """Reprint boilerplate: 来源：… · 责任编辑：… · a copyright notice · an address."""
    return len(text) <= 80 and (bool(_RESIDUE.match(text))
                                or bool(_ADDRESS.search(text)) and len(text) <= 40)


# A character the converter lost: □, the replacement character, or an ASCII ?
# standing between two Han characters (人?家).
_LOST = _PATTERNS.compile(rf"[{HAN}][□\ufffd?][{HAN}]|□|\ufffd")


_QUESTION_ENDS = "吗呢吧么啊呀嘛谁啥"


def lost_characters(raw: str) -> list[str]:
    """Snippets of a source line where a character seems lost upstream. An
    ASCII ? counts only in a line otherwise punctuated full-width, and not
    after a question word (过得好吗?他们 is a question)."""
    halfwidth = bool(re.search(r"[,:;!]", raw))
    found = []
    for m in _LOST.finditer(raw):
        if "?" in m.group(0) and (halfwidth or m.group(0)[0] in _QUESTION_ENDS):
            continue
        found.append(raw[max(0, m.start() - 2): m.end() + 2])
    return found


# ------------------------------------------------------------------ titles

def is_title_line(text: str, last: bool = True) -> bool:
    """Could a reader take this line for (part of) a headline? Short (a title
    of several spaced phrases may run longer); no full stop inside; not ending
    like a statement (。；：) or leading on (——); a pause mark may end a line
    only before the title's last (抢抓机遇，/ 乘势而上开创新局); not a credit
    line, continuation mark or promo. ？ and ！ may end a headline."""
    longest = TITLE_MAX if phrases(text) < 3 else TITLE_MAX + 16
    if not 2 <= len(text) <= longest or "。" in text:
        return False
    if text[-1] in "。；：…" or (last and text[-1] in "，、") or text.endswith("——") \
            or text.startswith("——"):
        return False
    return not (byline_of(text) or continued_from(text) or is_promo_line(text)
                or running_head_page(text) is not None)


def is_kicker_line(text: str) -> bool:
    """思路已定，明年伊滨经济工作这么干—— : one short line leading into the title."""
    return len(text) <= 40 and "。" not in text and (text.endswith("——") or text.endswith("："))


def is_short_label(text: str) -> bool:
    """新闻特写: a kicker that names the genre, above a one-line title."""
    return 2 <= len(text) <= 6 and not re.search(r"[，。！？：；、 \d]", text)


_OCCASION = _PATTERNS.compile(r"\d{4}年\d{1,2}月\d{1,2}日|在.{2,40}(?:会议|大会|会)上")


_DATE_LINE = _PATTERNS.compile(r"^（\d{4}年\d{1,2}月\d{1,2}日(?:[^（）]{0,30})?）$")
# function words a title never ends on (a cut mid-sentence does: 开展线路台区走访和)
_NOT_A_TITLE_END = "的和与及或在对把被从向将是了等并而且但其之以于为"
# marks no paragraph opens with: the first half of a cut went before them
_NOT_A_START = "，。、；：！？）》”’」』…%℃"


def cut_before(first: str, then: str, gap: int) -> bool:
    """B1: `first` (a short line ending mid-sentence) and the text `then`,
    `gap` blank lines on, are one paragraph cut at a column break: a pause
    mark inside the first half, 2+ blank lines between, a first half ending on
    a function word, or a second half no paragraph could open with (a mark, or
    the rest of a number: 16日上午 / 11时14分)."""
    if not ends_open(first) or not then:
        return False
    return (has_pause(first) or gap >= 2 or first[-1] in _NOT_A_TITLE_END
            or then[0] in _NOT_A_START or first[-1].isdigit() and then[0].isdigit())


def is_dash_line(text: str) -> bool:
    """——访市政协副主席… · ——2026年1月26日在…会议上: introduced by a dash."""
    return text.startswith("——") and len(text) <= 60 and "。" not in text


def is_occasion(text: str) -> bool:
    """A document's date or occasion line: ——2026年1月26日在…上, （2024年3月5日）."""
    return bool(_OCCASION.search(text)) or bool(_DATE_LINE.match(text))


# ------------------------------------------------------------------ the clue


@dataclass(frozen=True)
class Clue:
    """One block as evidence. `kind` is a key of BLOCK_KINDS."""
    block: RawBlock
    kind: str
    reason: str
    gap: int            # blank lines before the block
    text: str           # the block's first line, its ornament stripped
    marker: str = ""    # the ornament (■) before a heading
    page: int | None = None        # running_head: the page it heads
    label: str = ""     # label: briefs / link / rubric / series
    child_kind: str = ""
    forced: str = ""    # what staff say the block is (sidecar structure:), if they do

    @property
    def heading(self) -> int:
        return self.block.heading

    @property
    def line(self) -> int:
        return self.block.first


BLOCK_KINDS = {
    "running_head": "a page head of the source's pagination: 2008年5月28日 星期三 第3版 综合新闻",
    "jump_in": "a continued part starts: （上接第1版）…",
    "attribution": "——摘自…: the source of a quote",
    "promo": "a promo line: 二维码, 公众号, 扫码…",
    "list": "numbered list entries: 1. … 2. …",
    "label": "a column label: 简讯-type, link box, rubric 【…】, series",
    "section": "a numbered section head: 一、… （一）…",
    "credit": "a credit line on its own: 记者 X, （X Y）, （县农业产业发展中心）",
    "official": "an issuing official or body under a document's title",
    "caption": "a photo caption: 图为…, …（X 摄）",
    "captions": "a stack of short photo labels (成熟麦田 / 收获季节 / …)",
    "residue": "reprint boilerplate: 来源：…, 责任编辑：…, an address, a copyright notice",
    "dash": "a line introduced by ——: a subtitle, or a deck (date, occasion)",
    "kicker": "a short line leading into a title: …——, …：",
    "title": "1–3 short lines that do not read as sentences",
    "heading": "a ## or ### heading that is none of the above",
    "subhead": "a subhead, as staff say",
    "text": "body text",
}


# what a block staff named (sidecar structure:) is taken to be
FORCED_KINDS = {"title": "title", "subhead": "subhead", "paragraph": "text", "joined": "text",
                "byline": "credit",
                "caption": "caption"}


def read_clue(block: RawBlock, gap: int, forced: str = "") -> Clue:
    """The strongest evidence about one block; what staff say it is, when they do."""
    clue = _evidence(block, gap)
    if not forced:
        return clue
    kind = FORCED_KINDS.get(forced, clue.kind)
    return Clue(block, kind, f"staff: {forced}", gap, clue.text, clue.marker, clue.page,
                clue.label, clue.child_kind, forced)


def _evidence(block: RawBlock, gap: int) -> Clue:
    text = block.texts[0]
    marker = ""
    if text[0] in SUBHEAD_MARKERS:
        marker, text = text[0], text[1:].strip()
    single = len(block.lines) == 1

    def clue(kind: str, reason: str, **more) -> Clue:
        return Clue(block, kind, reason, gap, text, marker, **more)

    if single and (page := running_head_page(text)) is not None:
        return clue("running_head", f"names page {page}", page=page)
    if not block.heading and continued_from(text):
        return clue("jump_in", "opens with " + continued_from(text)[1])
    if single and text.startswith("——摘自"):
        return clue("attribution", "——摘自")
    if single and not block.heading and is_promo_line(text):
        return clue("promo", "a promo word")
    if all(list_number(t) for t in block.texts) and not block.heading:
        return clue("list", f"{len(block.lines)} numbered entries")
    if single and (found := label_kind(text)):
        return clue("label", f"a {found[0]} label", label=found[0], child_kind=found[1])
    if single and is_section_head(text):
        return clue("section", "numbered like a section: " + text[:3])
    if single and not block.heading and is_residue(text):
        return clue("residue", "reprint boilerplate")
    if single and not block.heading and closing_credit(text):
        return clue("credit", "a credit line")
    if single and not block.heading and is_official(text):
        return clue("official", "an official's post and name")
    if single and not block.heading and is_caption(text):
        return clue("caption", "图为…" if text.startswith(("图为", "圖為")) else "ends with a photo credit")
    if block.heading:
        return clue("heading", f"marked {'#' * block.heading}")
    if single and is_dash_line(text):
        return clue("dash", "a date or occasion" if is_occasion(text) else "introduced by ——")
    if single and _DATE_LINE.match(text):
        return clue("dash", "a date in parentheses")
    if single and is_kicker_line(text):
        return clue("kicker", "leads on with " + text[-2:])
    count = len(block.lines)
    if 1 <= count <= 3 and all(
            is_title_line(t, i == count - 1) or (i > 0 and is_dash_line(t))
            or (i == 0 and count == 3 and is_kicker_line(t))
            for i, t in enumerate(block.texts)):
        return clue("title", "short lines, no full stop")
    if count >= 3 and all(is_photo_label(t) for t in block.texts):
        return clue("captions", f"{count} short labels stacked, as under a row of photos")
    return clue("text", "")


def set_by_hand(lines) -> str:
    """B7: how the lines of one block are set. 'lines' when broken by hand (a
    hard break, or one sentence a line, verse-like: short lines of like
    length); 'paragraph' when they are one paragraph the extractor wrapped or
    set a sentence a line."""
    texts = [line.text for line in lines]
    if any(line.hard for line in lines[:-1]):
        return "lines"
    if all(not ends_open(t) for t in texts):
        longest, shortest = max(map(len, texts)), min(map(len, texts))
        if longest <= 24 and shortest * 2 >= longest:
            return "lines"
    return "paragraph"


def is_photo_label(text: str) -> bool:
    """成熟麦田 · 机收服务站: a photo's label, a few characters, no punctuation."""
    return 2 <= len(text) <= 10 and not re.search(r"[，。！？：；、“”「」（）]", text)


_PATTERNS.save()
