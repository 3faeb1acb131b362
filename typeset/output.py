"""Writing output files: whole or absent, never half-written, and as a pair.

Every file typeset writes goes through here. A file is written to a
temporary beside its final name, flushed to disk, and renamed into place; a
PDF and its layout report are renamed PDF first, then the report, which
records the PDF's SHA-256 — so a PDF whose report is missing or names another
checksum counts as absent. An OS error (a read-only folder, a full disk, a
name taken by a folder) is one TypesetError naming the path and the reason.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

from .diagnostics import TypesetError


def _umask() -> int:
    mask = os.umask(0o022)      # os.umask can only be read by setting it
    os.umask(mask)
    return mask


FILE_MODE = 0o666 & ~_umask()   # what open() would give: 0644 under the usual umask


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def ensure_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise TypesetError("cannot write output here: it is a file, not a folder",
                           str(folder)) from None
    except OSError as exc:
        raise TypesetError(f"cannot create the output folder: {exc.strerror}",
                           str(exc.filename or folder)) from None


def write_files(files: list[tuple[Path, bytes]]) -> None:
    """Write each (path, data), in order: all to temporaries first, then
    renamed into place in the order given."""
    for path, _ in files:
        if path.is_dir():
            raise TypesetError("cannot write output: a folder has this name", str(path))
    try:
        replace_files(files)
    except OSError as exc:
        where = exc.filename if isinstance(exc.filename, str) and not \
            os.path.basename(exc.filename).startswith(".") else str(files[0][0])
        raise TypesetError(f"cannot write output: {exc.strerror}", where) from None


def _temporary_name(path: Path) -> tuple[str, str]:
    return f".{path.name}.", ".tmp"      # .NAME.*.tmp: what typeset batch sweeps


def replace_files(files: list[tuple[Path, bytes]], temporary=_temporary_name) -> None:
    """write_files without its messages: each (path, data) to a temporary beside
    it (named `temporary(path)` = (prefix, suffix)), flushed and fsynced, then
    all renamed into place in the order given and the folder synced. An
    OSError is raised as it came, and no temporary is left behind. Also the
    per-user caches' writer (typeset.caches.write_cache)."""
    temps: list[str] = []
    try:
        for path, data in files:
            prefix, suffix = temporary(path)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=suffix)
            temps.append(tmp)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, FILE_MODE)
        for (path, _), tmp in zip(files, temps):
            os.replace(tmp, path)
        _sync_folder(files[0][0].parent)
    finally:
        for tmp in temps:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def write_file(path: Path, data: bytes) -> None:
    write_files([(path, data)])


def _sync_folder(folder: Path) -> None:
    """Make the renames durable (power loss after a rename must not lose it)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
