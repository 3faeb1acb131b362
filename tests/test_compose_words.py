"""Headlines break only between words; numbers, units, codes and URLs stay whole.

The issue's rules 5 and 6, on real headlines and sentences: the titles, kickers,
subtitles and subheads of every corpus file (truth.json: as a reader gives
them) and the seeds' ## / ### lines, simplified and traditional, at several
widths. Word boundaries are checked against jieba itself (its own dictionary
loader, not the composer's compact copy), brackets and numbers against plain
patterns written here.
"""

from __future__ import annotations

import json
import re

import pytest

from typeset.compose import compose_headline, words
from typeset.compose.headline import bracket_pairs

from .paths import CORPUS, SEEDS
from .test_compose_support import Synthetic, compose, line_texts

_HALF = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"})


def _titles() -> list[str]:
    found: list[str] = []

    def add(text):
        text = " ".join(str(text).split()).translate(_HALF)
        if len(text) > 3 and text not in found:
            found.append(text)

    def walk(items):
        for item in items:
            for key in ("title", "kicker", "subtitle", "subheads"):
                value = item.get(key)
                if isinstance(value, str):
                    add(value)
                elif key == "title" and value:
                    add("".join(value))
                elif value:
                    for v in value:
                        add(v)
            walk(item.get("children") or [])

    for issue in json.loads((CORPUS / "truth.json").read_text(encoding="utf-8")):
        walk(issue["items"])
    for path in sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("p0*.txt")):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("gb18030")
        for line in text.splitlines():
            if line.startswith(("## ", "### ")):
                add(line.lstrip("#").strip().lstrip("■"))
    return found


TITLES = _titles()
MEASURES = [5, 6, 7, 8, 10, 12, 16]

# a number with its magnitude and unit, as a reader sees one (kept whole)
QUANTITY = re.compile(r"\d[\d.,]*(?:[余多万亿萬億千百]*(?:千瓦时|千瓦|兆瓦|立方米|公里|公斤|[元吨人户亩台辆万个名倍斤岁度]))?")
DATE = re.compile(r"\d+[年月日时分秒]")
NOTE = re.compile(r"\S[（(](?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü' ]+|[\u3100-\u312f˙ˊˇˋ ]+)[）)]")


@pytest.fixture(scope="module")
def jieba_words():
    """Boundaries jieba itself finds (its own loader), on a simplified copy."""
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()

    def bounds(text: str) -> set[int]:
        out, pos = {0}, 0
        for w in tokenizer.cut(words.simplified(text)):
            pos += len(w)
            out.add(pos)
        return out
    return bounds


def width(text: str) -> float:
    return sum(Synthetic().advance("hei", c) for c in text)


def break_offsets(text: str, lines) -> list[int]:
    """Offsets in `text` (spaces collapsed) where one line ends and the next begins."""
    offsets, pos = [], 0
    for line in lines[:-1]:
        pos = text.index(line, pos) + len(line)
        while pos < len(text) and text[pos] == " ":
            pos += 1
        offsets.append(pos)
    return offsets


def spans_too_wide(text: str, spans, measure: float) -> list[tuple[int, int]]:
    return [(a, b) for a, b in spans if width(text[a:b]) > measure]


def test_the_headline_set_is_real_and_has_both_scripts():
    assert len(TITLES) >= 60
    for example in ("大规模小麦机收结束 夏粮丰收已成定局",
                    "国网永州供电公司：炎炎夏日，提醒大家安全用电",
                    "2026跨年倒數︱中環遮打道巨型時鐘光影匯演＋Air Supply、馮允謙、雲浩影獻唱"):
        assert example in TITLES
    assert sum(map(words.is_traditional, TITLES)) >= 8


@pytest.mark.parametrize("measure", MEASURES)
def test_headlines_break_only_between_words(measure, jieba_words):
    problems = []
    for text in TITLES:
        lines = compose_headline(text, measure, Synthetic())
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        bounds = sorted(jieba_words(text))
        wide = spans_too_wide(text, list(zip(bounds, bounds[1:])), measure)
        for at in break_offsets(text, lines):
            if at not in bounds and not any(a < at < b for a, b in wide):
                problems.append((text, lines, at))
    assert not problems, problems


@pytest.mark.parametrize("measure", MEASURES)
def test_headlines_never_break_inside_a_bracket_or_quotation_pair(measure):
    problems = []
    for text in TITLES:
        lines = compose_headline(text, measure, Synthetic())
        pairs = [(o, c + 1) for o, c in bracket_pairs(text)]
        wide = spans_too_wide(text, pairs, measure)
        for at in break_offsets(text, lines):
            if any(o < at < c for o, c in pairs if (o, c) not in wide):
                problems.append((text, lines, at))
    assert not problems, problems


@pytest.mark.parametrize("measure", MEASURES)
def test_headlines_never_break_inside_a_number_or_a_date(measure):
    problems = []
    for text in TITLES:
        lines = compose_headline(text, measure, Synthetic())
        spans = [m.span() for m in QUANTITY.finditer(text)] + [m.span() for m in DATE.finditer(text)]
        for at in break_offsets(text, lines):
            if any(a < at < b for a, b in spans):
                problems.append((text, lines, at))
    assert not problems, problems


@pytest.mark.parametrize("measure", MEASURES)
def test_headline_lines_fit_and_none_is_one_character(measure):
    lone = []
    for text in TITLES:
        for line in compose_headline(text, measure, Synthetic()):
            if len(line.strip("“”（）《》「」，。、：！？ ")) < 2:
                lone.append((text, line))
            assert width(line.rstrip("。，、”）」！？：")) <= measure + 1e-9, (text, measure, line)
    # a character alone only at 5 em, a section's number (一、) where the only
    # other way would break “十四五” or 2026年
    assert all(measure == 5 and line in ("一、", "二、", "三、") for _, line in lone), lone


@pytest.mark.parametrize("text, measure, expected", [
    # the breaks seen inside words before: 國網|永州, 稳住粮|食安全, 一|路, 機|收
    ("国网永州供电公司：炎炎夏日，提醒大家安全用电", 9, None),
    ("进度超八成！颗粒归仓，稳住粮食安全“压舱石”", 7.96,
     ("进度超八成！", "颗粒归仓，", "稳住粮食安全", "“压舱石”")),
    ("追逐麦浪一路向北", 7.96, ("追逐麦浪一路", "向北")),
    ("大规模小麦机收结束 夏粮丰收已成定局", 12, ("大规模小麦机收结束", "夏粮丰收已成定局")),
])
def test_known_headlines(text, measure, expected):
    lines = compose_headline(text, measure, Synthetic())
    if expected is not None:
        assert lines == expected
    for at in break_offsets(text, lines):
        assert text[at - 1:at + 1] not in ("国网", "永州", "供电", "公司", "炎炎", "夏日", "用电",
                                           "粮食", "一路", "机收")


def test_traditional_headlines_use_the_traditional_model_and_simplified_words():
    text = "2026跨年倒數︱中環遮打道巨型時鐘光影匯演＋Air Supply、馮允謙、雲浩影獻唱"
    assert words.is_traditional(text)
    assert not words.is_traditional("大规模小麦机收结束 夏粮丰收已成定局")
    assert len(words.simplified(text)) == len(text)
    bounds = words.word_bounds(text)
    for inside in ("時鐘", "光影", "匯演", "中環", "馮允謙"):
        k = text.index(inside)
        assert not any(k < b < k + len(inside) for b in bounds), inside
    for measure in MEASURES:
        for line in compose_headline(text, measure, Synthetic()):
            if measure >= width("Air Supply、"):
                assert line not in ("Air", "Supply、")     # a band's name is not parted
            assert not line.startswith("演")


@pytest.mark.parametrize("note", ["䶮（yǎn）", "冇（ㄇㄠˇ）", "囧（jiǒng）"])
def test_a_phonetic_note_stays_whole_and_with_its_character(note):
    text = f"新华字典收录生僻字{note}引发网友热议"
    for measure in MEASURES:
        lines = compose_headline(text, measure, Synthetic())
        assert any(note in line for line in lines), (measure, lines)
    body = f"据新华社报道，新华字典收录生僻字{note}引发网友热议，专家解读读音。" * 2
    for measure in range(8, 14):
        lines = line_texts(compose(body, measure))
        assert sum(line.count(note) for line in lines) == 2, (measure, lines)


def test_a_phonetic_note_gets_no_han_latin_space():
    cp = compose("冇（ㄇㄠˇ）字", 11)
    xs = {g.char: g for g in cp.lines[0].glyphs}
    assert xs["ˇ"].x == pytest.approx(xs["ㄠ"].x + xs["ㄠ"].width)


def test_a_headline_that_fits_is_never_segmented(monkeypatch):
    def no(*_):
        raise AssertionError("segmenter asked for a headline that fits")
    monkeypatch.setattr(words, "word_bounds", no)
    monkeypatch.setattr(words, "phrase_bounds", no)
    assert compose_headline("中州时代项目进入机电安装阶段", 20.0, Synthetic()) == (
        "中州时代项目进入机电安装阶段",)


def test_headlines_are_deterministic():
    first = [compose_headline(t, 8, Synthetic()) for t in TITLES]
    compose_headline.cache_clear()
    words.word_bounds.cache_clear()
    assert [compose_headline(t, 8, Synthetic()) for t in TITLES] == first


# ------------------------------------------------------------------ the compact dictionary

def test_the_compact_dictionary_segments_as_jieba_does():
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
    jieba.setLogLevel(60)
    reference = jieba.Tokenizer()
    ours = words.tokenizer()
    lines = TITLES + [line for path in sorted(CORPUS.glob("p0[124-8]*.txt"))
                      for line in path.read_text(encoding="utf-8-sig").splitlines() if line.strip()]
    for line in lines:
        assert list(ours.cut(line)) == list(reference.cut(line)), line


def test_jieba_is_loaded_without_pkg_resources_and_segments_the_same(jieba_words):
    import subprocess
    import sys
    script = ("import sys; from typeset.compose.words import word_bounds; "
              "b = word_bounds('国网永州供电公司：炎炎夏日，提醒大家安全用电'); "
              "print('pkg_resources' in sys.modules, sorted(b))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout.split(" ", 1)
    assert out[0] == "False"
    assert out[1].strip() == str(sorted(jieba_words("国网永州供电公司：炎炎夏日，提醒大家安全用电")))


def test_the_compact_dictionary_cache_round_trips_and_survives_damage(tmp_path, monkeypatch):
    monkeypatch.setenv("TYPESET_WORD_CACHE", str(tmp_path))
    words.compact_dictionary.cache_clear()
    try:
        built = words.compact_dictionary()
        files = list(tmp_path.glob("*.words"))
        assert len(files) == 1
        words.compact_dictionary.cache_clear()
        loaded = words.compact_dictionary()
        assert (loaded.text, loaded.total, list(loaded.freqs[:100])) == (
            built.text, built.total, list(built.freqs[:100]))
        assert loaded.get("国网") == built.get("国网") and "国" in loaded
        assert loaded.get("国网永") is None and loaded.get("中华人民共和") == 0
        files[0].write_bytes(files[0].read_bytes()[:1000])        # a torn file: rebuilt
        words.compact_dictionary.cache_clear()
        assert words.compact_dictionary().text == built.text
    finally:
        words.compact_dictionary.cache_clear()


def test_without_a_cache_folder_the_dictionary_is_built_in_memory(monkeypatch):
    monkeypatch.setenv("TYPESET_WORD_CACHE", "off")
    words.compact_dictionary.cache_clear()
    try:
        assert len(words.compact_dictionary()) > 300_000
    finally:
        words.compact_dictionary.cache_clear()


# ------------------------------------------------------------------ body text: rule 6

def corpus_paragraphs(stem: str, *needles: str) -> list[str]:
    path = next(CORPUS.glob(f"{stem}*.txt"))
    text = path.read_text(encoding="utf-8-sig").translate(_HALF)
    out = [" ".join(line.split()) for line in text.splitlines()
           if any(n in line for n in needles)]
    assert out, needles
    return out


@pytest.mark.parametrize("stem, tokens", [
    ("p02", ["38℃", "30.2万千瓦", "10338.2万千瓦时", "521万千瓦时", "53220.6万千瓦时", "56.2%",
             "4.9%"]),
    ("p06", ["1,152萬", "51萬人次", "48萬人次"]),
    ("p07", ["8.88亿千瓦", "4828亿千瓦时", "800兆瓦", "8713万千瓦", "5000万千瓦", "26.8%",
             "2200亿美元"]),
    ("p05", ["5G", "CGTN", "8.2亿立方米", "290亿立方米"]),
])
@pytest.mark.parametrize("measure", [9, 11, 13])
def test_corpus_quantities_are_never_split(stem, tokens, measure):
    for paragraph in corpus_paragraphs(stem, *tokens):
        lines = line_texts(compose(paragraph, measure, 2))
        joined = "".join(lines)
        for token in tokens:
            assert sum(line.count(token) for line in lines) == joined.count(token), (
                token, measure, lines)


@pytest.mark.parametrize("token", ["km/h", "kW·h", "mg/L", "元/吨", "千瓦时", "万千瓦", "5G", "CGTN",
                                   "A06", "220kV", "8.88亿千瓦", "1,152萬", "30.2万千瓦", "56.2%",
                                   "0.5℃", "２０２４", "3个百分点"])
def test_units_and_codes_are_kept_whole_at_every_position(token):
    han = "中国新闻出版印刷排版技术发展"
    for k in range(12):
        text = han[:k] + token + han * 2
        for measure in (8, 9):
            lines = line_texts(compose(text, measure))
            assert any(token in line for line in lines), (token, text, lines)


def test_a_url_too_wide_for_the_line_breaks_only_after_its_joints():
    url = "https://www.discoverhongkong.com/tc/index.html?lang=tc"
    cp = compose(f"详情请浏览旅发局网站 {url} 查询。", 11)
    lines = line_texts(cp)
    assert "".join(lines) == f"详情请浏览旅发局网站 {url} 查询。"
    parts = [line.strip() for line in lines if any(c.isascii() and c.isalpha() for c in line)]
    for before, after in zip(parts, parts[1:]):
        if before[-1:].isascii() and after[:1].isascii():
            assert before[-1] in "/.-?=&", (before, after)
    assert "https://" in "".join(lines) and not any(line.endswith("https:/") for line in lines)


@pytest.mark.parametrize("measure", [9, 11, 13])
def test_the_corpus_domain_is_whole_where_it_fits_and_else_breaks_after_its_dot(measure):
    for paragraph in corpus_paragraphs("p06", "DiscoverHongKong.com"):
        lines = [line.strip() for line in line_texts(compose(paragraph, measure, 2))]
        if width("DiscoverHongKong.com") <= measure:
            assert any("DiscoverHongKong.com" in line for line in lines), lines
        else:
            k = next(i for i, line in enumerate(lines) if line.endswith("DiscoverHongKong."))
            assert lines[k + 1].startswith("com"), lines


def test_a_name_too_wide_for_the_line_breaks_where_its_words_meet():
    lines = line_texts(compose("旅發局網站 DiscoverHongKong.com 和社交平台", 8))
    for line in lines:
        assert not re.search(r"[a-z]$", line.strip()) or line.strip().endswith(("Hong", "Discover")), lines
