"""An on-disk cache of what is parsed from each font file, memory-mapped.

A CJK face's cmap is some 65,000 entries; decoding it into Python objects on
every start took ~0.1 s and ~30 MB a face. The cache holds the decoded
tables as native-endian arrays in one file per font file, which a start maps
read-only (`mmap`): nothing is decoded, the pages are shared by every process
that maps them, and only the pages a build touches become resident.

    where   $TYPESET_FONT_CACHE (a folder; "off" or "0": no cache), else
            $XDG_CACHE_HOME/typeset/fonts, else ~/.cache/typeset/fonts
    name    <font stem>-<sha256 of the font's path, 16 hex>.fontcache
    key     the font's path, size, mtime (ns) and inode, stored in the file:
            a font file replaced or touched makes its cache stale. The font's
            bytes are never hashed (63 MB per start).
    file    header (magic, format version, length of the JSON, CRC-32 of all
            that follows the header), JSON (key, byte order and item sizes,
            scalars, the offset, type code and count of each array), the
            arrays, each 8-byte aligned.

A write also removes the caches of font files that no longer exist.

Safety: a cache is written to a temporary file in the same folder, fsynced
and renamed over the old one (os.replace), so a reader sees the old file or
the new one, never half of one; concurrent writers each rename a whole file.
A file with the wrong magic, version, byte order or item sizes, key or CRC,
or arrays out of bounds, is stale or corrupt: it is rebuilt. A folder that cannot be created
or written (read-only, full) means no cache: the font is parsed in memory,
as before, and the build goes on.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import struct
import sys
import zlib
from array import array
from pathlib import Path

from ..caches import user_cache_dir, write_cache

MAGIC = b"TSFONTC\x00"
VERSION = 1
_HEADER = struct.Struct("<8sIII")  # magic, version, JSON length, CRC-32 of the rest
_ALIGN = 8


def cache_dir() -> Path | None:
    """The font cache folder, or None when the cache is turned off."""
    return user_cache_dir("TYPESET_FONT_CACHE", "fonts")


def font_key(path: Path, st: os.stat_result) -> list:
    return [str(path), st.st_size, st.st_mtime_ns, st.st_ino]


def cache_path(folder: Path, path: Path) -> Path:
    digest = hashlib.sha256(str(path).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return folder / f"{path.stem[:48]}-{digest}.fontcache"


def load(file: Path, key: list) -> tuple[dict, dict] | None:
    """(scalars, arrays as memoryviews over the mapped file) of a valid cache
    for `key`, else None (absent, stale or corrupt)."""
    try:
        with open(file, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size < _HEADER.size:
                return None
            mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    try:
        magic, version, json_len, crc = _HEADER.unpack_from(mm, 0)
        if magic != MAGIC or version != VERSION or _HEADER.size + json_len > size:
            return None
        view = memoryview(mm)
        meta = json.loads(bytes(view[_HEADER.size: _HEADER.size + json_len]))
        if meta.get("key") != key or meta.get("abi") != _abi():
            return None  # stale (or another font's file, or another machine's)
        if zlib.crc32(view[_HEADER.size:]) != crc:
            return None  # corrupt
        arrays = {}
        for name, (offset, typecode, count) in meta["arrays"].items():
            itemsize = array(typecode).itemsize
            if offset % _ALIGN or offset < _HEADER.size + json_len or offset + count * itemsize > size:
                return None
            arrays[name] = view[offset: offset + count * itemsize].cast(typecode)
        return meta["scalars"], arrays
    except (ValueError, KeyError, TypeError, AttributeError, struct.error):
        return None


def _abi() -> list:
    """What reading the arrays in place assumes: byte order and item sizes."""
    return [sys.byteorder] + [array(t).itemsize for t in "HIi"]


def store(file: Path, key: list, scalars: dict, arrays: dict[str, array]) -> bool:
    """Write the cache atomically; False (and no file) if the folder is not writable."""
    layout, chunks, pos = {}, [], 0
    for name, arr in arrays.items():
        pad = -pos % _ALIGN
        chunks.append(b"\0" * pad)
        pos += pad
        layout[name] = [pos, arr.typecode, len(arr)]  # offset from the payload start, for now
        data = arr.tobytes()
        chunks.append(data)
        pos += len(data)
    # offsets are absolute in the file, so they depend on the JSON's length, which
    # depends on the offsets: leave the JSON room for them, and pad it to that
    meta = {"key": key, "abi": _abi(), "scalars": scalars, "arrays": layout}
    base = _HEADER.size + len(json.dumps(meta).encode()) + 64  # room for larger numbers
    base += -base % _ALIGN
    for entry in layout.values():
        entry[0] += base
    text = json.dumps(meta).encode()
    if _HEADER.size + len(text) > base:
        return False
    text += b" " * (base - _HEADER.size - len(text))
    payload = b"".join(chunks)
    crc = zlib.crc32(payload, zlib.crc32(text))
    if not write_cache(file, (_HEADER.pack(MAGIC, VERSION, len(text), crc), text, payload)):
        return False
    _remove_leftovers(file.parent)
    return True


def _remove_leftovers(folder: Path, age_s: float = 86_400) -> None:
    """Run after each write (rare: once per new or changed font file): remove
    temporary files a killed writer left behind, a day old or more, and the
    caches of font files that no longer exist (a deleted checkout's fonts/)."""
    import time

    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if not entry.name.endswith(".fontcache"):
            continue
        try:
            if entry.name.startswith(".tmp-"):
                if time.time() - entry.stat().st_mtime > age_s:
                    os.unlink(entry.path)
                continue
            with open(entry.path, "rb") as f:
                magic, version, json_len, _ = _HEADER.unpack(f.read(_HEADER.size))
                if magic != MAGIC or json_len > 1 << 20:
                    continue
                font = json.loads(f.read(json_len))["key"][0]
            if isinstance(font, str) and not os.path.exists(font):
                os.unlink(entry.path)
        except (OSError, ValueError, KeyError, IndexError, TypeError, struct.error):
            continue
