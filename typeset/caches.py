"""Per-user caches (fonts parsed once, the headline word list): where they
live and how one is written. One rule for all of them: `$<SETTING>` names the
folder (`off` turns the cache off), else `$XDG_CACHE_HOME/typeset/<name>`,
else `~/.cache/typeset/<name>`; a file is written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

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
    """Write `parts` to `file` through a temporary file in its folder, fsynced
    and renamed over it: a reader sees the old file or the new one, never half
    of one. False (and nothing left behind) when the folder cannot be written."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=".tmp-", suffix=file.suffix)
    except OSError:      # a read-only or missing folder, a file in the way: no cache
        return False
    try:
        with os.fdopen(fd, "wb") as f:
            for part in parts:
                f.write(part)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, file)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False
    return True
