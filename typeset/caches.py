"""Per-user caches (fonts parsed once, the headline word list): where they
live and how one is written, and compiled regular expressions (`Patterns`).
One rule for all of them: `$<SETTING>` names the
folder (`off` turns the cache off), else `$XDG_CACHE_HOME/typeset/<name>`,
else `~/.cache/typeset/<name>`; a file is written whole or not at all."""

from __future__ import annotations

import marshal
import os
import re
import struct
import sys
import zlib
from pathlib import Path
from typing import Iterable

from .output import replace_files

OFF = ("off", "0", "no", "false")


def user_cache_dir(setting: str, name: str) -> Path | None:
    """The cache folder for `name`, or None when `$setting` turns it off."""
    value = os.environ.get(setting)
    if value is not None and value.strip():
        if value.strip().lower() in OFF:
            return None
        return Path(value).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "typeset" / name


def write_cache(file: Path, parts: Iterable[bytes]) -> bool:
    """Write `parts` to `file` whole (output.replace_files: a temporary
    `.tmp-*<suffix>` in its folder, fsynced and renamed over it): a reader sees
    the old file or the new one, never half of one. False (and nothing left
    behind) when the folder cannot be written."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        replace_files([(file, b"".join(parts))], temporary=lambda path: (".tmp-", path.suffix))
    except OSError:      # a read-only or missing folder, a file in the way: no cache
        return False
    return True


# ------------------------------------------------------------------ compiled patterns

class Patterns:
    """Regular expressions compiled once per machine, not once per process.

    `re.compile` parses and optimises a pattern anew in every process; for the
    reader's tables (parse/masthead.py, parse/evidence.py: Han ranges, both
    scripts' variants) that is 60–130 ms of every start. What it produces is a
    list of integers that `_sre.compile` turns into the Pattern, so a module
    compiles its patterns through one of these and the lists are kept in
    `$TYPESET_PATTERN_CACHE`, else `<user cache>/typeset/patterns`, one file a
    module (marshal, with a CRC; keyed on the Python version and the regex
    engine's magic number; a pattern is looked up by its text and flags).
    The Pattern made from a stored list is the one re.compile makes (a
    Pattern compares equal only with the same flags, text and code); the
    first time a pattern is compiled here it is checked against re.compile,
    and where this Python's re internals differ, this module uses re.compile.
    Call `save()` once the module's patterns are compiled: it writes the file
    (whole or not at all) only when a pattern was missing from it."""

    VERSION = 1

    def __init__(self, name: str):
        self.name = name
        folder = user_cache_dir("TYPESET_PATTERN_CACHE", "patterns")
        self.file = folder / f"{name}.marshal" if folder is not None else None
        self._key = _engine_key() if self.file is not None else None   # None: plain re.compile
        self._stored = self._load() if self._key else {}
        self._used: dict = {}
        self._missed = False

    def compile(self, pattern, flags: int = 0):
        flags = int(flags)
        parts = self._stored.get((pattern, flags))
        if parts is not None:
            try:
                compiled = _sre_compile(pattern, parts)
                self._used[(pattern, flags)] = parts
                return compiled
            except Exception:       # a list this engine refuses: compile it afresh
                pass
        compiled = re.compile(pattern, flags)
        if self._key:
            parts = _parts(pattern, flags, compiled)
            if parts is None:
                self._key = None    # this Python's internals are not what _parts knows
            else:
                self._used[(pattern, flags)] = parts
                self._missed = True
        return compiled

    def save(self) -> bool:
        if not (self._missed and self.file is not None and self._key):
            return False
        self._missed = False
        try:
            body = marshal.dumps((self._key, self._used))
        except ValueError:      # a value marshal cannot hold: no cache, compiled each time
            return False
        return write_cache(self.file, (struct.pack("<II", self.VERSION, zlib.crc32(body)), body))

    def _load(self) -> dict:
        try:
            data = self.file.read_bytes()
            version, crc = struct.unpack_from("<II", data)
            body = data[8:]
            if version != self.VERSION or zlib.crc32(body) != crc:
                return {}
            key, stored = marshal.loads(body)
            return stored if key == self._key and isinstance(stored, dict) else {}
        except (OSError, ValueError, EOFError, TypeError, struct.error):
            return {}


def _engine_key():
    """What a stored code list is valid for; None: no re internals to use."""
    try:
        import _sre
        from re import _compiler, _parser  # noqa: F401
    except ImportError:
        return None
    return (sys.version, _sre.MAGIC, _sre.CODESIZE)


def _parts(pattern, flags: int, expected):
    """(flags, code, groups, groupindex, indexgroup) as re._compiler.compile
    passes them to _sre.compile; None unless they make `expected` again."""
    try:
        from re import _compiler, _parser
        parsed = _parser.parse(pattern, flags)
        code = [int(c) for c in _compiler._code(parsed, flags)]   # opcodes are int subclasses
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for k, i in groupindex.items():
            indexgroup[i] = k
        parts = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex,
                 tuple(indexgroup))
        return parts if _sre_compile(pattern, parts) == expected else None
    except Exception:
        return None


def _sre_compile(pattern, parts):
    import _sre
    flags, code, groups, groupindex, indexgroup = parts
    return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
