"""Where a headline may break: between words, found by two segmenters.

BudouX (its zh-Hans or zh-Hant model, by the text's script) proposes phrase
boundaries; jieba says what the words are. A break between two jieba words
is a word break, and a phrase break when BudouX agrees; a BudouX boundary
inside a jieba word (国|网永|州 for 国网永州) is no break at all. Traditional
text is segmented by jieba through a character-for-character simplified copy
(jieba's dictionary is simplified; the copy has the same length, so offsets
carry over), with BudouX's zh-Hant model on the text as printed.

jieba is loaded only when a headline needs breaking (headline.py asks only
for a headline wider than its measure), and never with its own dictionary
loader (0.55 s, 60 MB of dict entries for every word and prefix). Its
dictionary is read once into a compact form — one sorted string of the
words, with their offsets and frequencies in arrays (~7 MB) — kept on disk
and loaded in ~10 ms; jieba's own segmenter (DAG, route, HMM for unknown
words) then runs unchanged over it, so the words are exactly jieba's. jieba is
imported without pkg_resources (`_import_jieba`: 0.04 s instead of 0.22 s).

    where   $TYPESET_WORD_CACHE (a folder; "off" or "0": no cache), else
            $XDG_CACHE_HOME/typeset/words, else ~/.cache/typeset/words
    key     the dictionary's path, size and mtime (ns), stored in the file
    file    magic, format version, JSON header length; the JSON header (key,
            total, count); offsets (uint32), frequencies (uint32), the words
            as UTF-16-LE — written to a temporary file and renamed, so a
            reader sees a whole file or none. A folder that cannot be written
            means the compact form is rebuilt in memory (~0.5 s) each run.
"""

from __future__ import annotations

import json
import struct
import sys
import warnings
from array import array
from bisect import bisect_left
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from ..caches import user_cache_dir, write_cache

MAGIC = b"TSWORDS\x00"
VERSION = 1
_HEADER = struct.Struct("<8sII")     # magic, version, JSON length


# ------------------------------------------------------------------ script

@lru_cache(maxsize=1)
def _script_tables() -> tuple[dict, frozenset, frozenset]:
    from hanziconv.charmap import simplified_charmap, traditional_charmap
    to_simplified = {t: s for t, s in zip(traditional_charmap, simplified_charmap) if t != s}
    traditional_only = frozenset(to_simplified) - frozenset(to_simplified.values())
    simplified_only = frozenset(to_simplified.values()) - frozenset(to_simplified)
    return to_simplified, traditional_only, simplified_only


def is_traditional(text: str) -> bool:
    """More traditional-only characters than simplified-only ones."""
    _, trad, simp = _script_tables()
    return sum(c in trad for c in text) > sum(c in simp for c in text)


def simplified(text: str) -> str:
    """Traditional characters folded to simplified, one for one (same length)."""
    table = _script_tables()[0]
    return "".join(table.get(c, c) for c in text)


# ------------------------------------------------------------------ BudouX

@lru_cache(maxsize=2)
def _budoux(traditional: bool):
    import budoux
    return (budoux.load_default_traditional_chinese_parser() if traditional
            else budoux.load_default_simplified_chinese_parser())


def phrase_bounds(text: str, traditional: bool | None = None) -> frozenset[int]:
    """Offsets where a BudouX phrase ends (each space-separated chunk parsed alone)."""
    if traditional is None:
        traditional = is_traditional(text)
    parser = _budoux(traditional)
    bounds: set[int] = set()
    pos = 0
    for chunk in text.split(" "):
        if chunk:
            for phrase in parser.parse(chunk):
                pos += len(phrase)
                bounds.add(pos)
        pos += 1
    return frozenset(bounds)


# ------------------------------------------------------------------ jieba

class CompactDictionary:
    """jieba's prefix dictionary (FREQ) without a Python object per entry:
    `frag in d` is true for a word or the prefix of one, `d[frag]` and
    `d.get(frag)` give a word's frequency (0 for a prefix only), as jieba's
    dict does. The words are one sorted string; lookups bisect it."""

    __slots__ = ("text", "offsets", "freqs", "total", "_n")

    def __init__(self, text: str, offsets: array, freqs: array, total: int):
        self.text, self.offsets, self.freqs, self.total = text, offsets, freqs, total
        self._n = len(freqs)

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, key):
        """d[i]: the i-th word (what bisect reads); d[frag]: a frequency, as jieba reads it."""
        if isinstance(key, int):
            return self.text[self.offsets[key]:self.offsets[key + 1]]
        i, found = self._find(key)
        if not found:
            raise KeyError(key)
        o = self.offsets
        return self.freqs[i] if o[i + 1] - o[i] == len(key) else 0

    def _find(self, frag: str) -> tuple[int, bool]:
        i = bisect_left(self, frag)
        if i < self._n:
            w = self.text[self.offsets[i]:self.offsets[i + 1]]
            return i, w.startswith(frag)
        return i, False

    def __contains__(self, frag: str) -> bool:
        return self._find(frag)[1]

    def get(self, frag: str, default=None):
        i, found = self._find(frag)
        if not found:
            return default
        o = self.offsets
        return self.freqs[i] if o[i + 1] - o[i] == len(frag) else 0

    def freq(self, frag: str) -> int:
        return self.get(frag, 0) or 0


def _dict_path() -> Path:
    spec = find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ImportError("jieba is not installed (pip install jieba)")
    return Path(spec.origin).parent / "dict.txt"


def _cache_dir() -> Path | None:
    return user_cache_dir("TYPESET_WORD_CACHE", "words")


def _read_dict_txt(path: Path) -> CompactDictionary:
    """dict.txt ("word freq [tag]" a line) as jieba's gen_pfdict reads it:
    a later line for the same word wins, and every line's freq counts in the total."""
    freq: dict[str, int] = {}
    total = 0
    with open(path, "rb") as f:
        for line in f:
            parts = line.strip().decode("utf-8").split(" ")
            if len(parts) < 2:
                continue
            word, count = parts[0], int(parts[1])
            freq[word] = count
            total += count
    words = sorted(freq)
    offsets = array("I", [0] * (len(words) + 1))
    pos = 0
    for i, w in enumerate(words):
        pos += len(w)
        offsets[i + 1] = pos
    return CompactDictionary("".join(words), offsets, array("I", (freq[w] for w in words)),
                             total)


def _key(path: Path) -> list:
    st = path.stat()
    return [str(path), st.st_size, st.st_mtime_ns]


def _load(file: Path, key: list) -> CompactDictionary | None:
    try:
        data = file.read_bytes()
        magic, version, hlen = _HEADER.unpack_from(data)
        if magic != MAGIC or version != VERSION:
            return None
        head = json.loads(data[_HEADER.size:_HEADER.size + hlen])
        if head["key"] != key or head["byteorder"] != sys.byteorder:
            return None
        n = head["count"]
        pos = _HEADER.size + hlen
        offsets = array("I")
        offsets.frombytes(data[pos:pos + 4 * (n + 1)])
        pos += 4 * (n + 1)
        freqs = array("I")
        freqs.frombytes(data[pos:pos + 4 * n])
        pos += 4 * n
        text = data[pos:].decode("utf-16-le")
        if len(text) != offsets[-1] or len(freqs) != n:
            return None
        return CompactDictionary(text, offsets, freqs, head["total"])
    except (OSError, ValueError, KeyError, TypeError, struct.error, UnicodeDecodeError):
        return None


def _save(file: Path, key: list, d: CompactDictionary) -> None:
    """Written whole or not at all; without a cache it is rebuilt next time."""
    head = json.dumps({"key": key, "total": d.total, "count": len(d),
                       "byteorder": sys.byteorder}).encode()
    write_cache(file, (_HEADER.pack(MAGIC, VERSION, len(head)), head, d.offsets.tobytes(),
                       d.freqs.tobytes(), d.text.encode("utf-16-le")))


@lru_cache(maxsize=1)
def compact_dictionary() -> CompactDictionary:
    path = _dict_path()
    key = _key(path)
    folder = _cache_dir()
    file = folder / f"jieba-{VERSION}.words" if folder is not None else None
    if file is not None:
        found = _load(file, key)
        if found is not None:
            return found
    d = _read_dict_txt(path)
    if file is not None:
        _save(file, key, d)
    return d


def _import_jieba():
    """jieba, imported without pkg_resources. jieba's _compat imports
    pkg_resources (~0.18 s of its ~0.22 s import, and deprecated) only to open
    its own data files, and opens them by path when it cannot: the same
    files, and this module never has jieba open one (its dictionary is read
    here, its HMM tables are modules). An import already made is used as is."""
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    block = "pkg_resources" not in sys.modules
    if block:
        sys.modules["pkg_resources"] = None       # `import pkg_resources` raises ImportError
    try:
        with warnings.catch_warnings():           # pkg_resources, where it was imported, warns
            warnings.simplefilter("ignore")
            import jieba
    finally:
        if block and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba


@lru_cache(maxsize=1)
def tokenizer():
    """jieba's segmenter over the compact dictionary: the composer's words,
    and the page audit's (rule 5), without jieba's own 0.6 s loader."""
    jieba = _import_jieba()
    t = jieba.Tokenizer()
    d = compact_dictionary()
    t.FREQ, t.total, t.initialized = d, d.total, True
    return t


@lru_cache(maxsize=4096)
def word_bounds(text: str) -> frozenset[int]:
    """Offsets between two jieba words of `text` (0 and len(text) included)."""
    bounds, pos = {0}, 0
    for word in tokenizer().cut(simplified(text), HMM=True):
        pos += len(word)
        bounds.add(pos)
    return frozenset(bounds)
