"""What an issue's output depends on, as one SHA-256: an issue whose hash is
the one recorded in OUT is not built again.

Hashed: the source bytes, the sidecar's, the folder's typeset.yaml, the
paper files (all of papers/ — any may be the one the masthead's name finds —
and the one the sidecar or folder names), the picture files the sidecar
names (their bytes: a photo replaced under the same name rebuilds), the layout file, the fonts of the
layout (path, size and modification time: hashing 30 MB of fonts per issue
would cost more than many builds), typeset's version and its own code (so a
changed typesetter rebuilds), and the run's options (strict, proof, the PDF/X
flavour).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from .. import __version__
from ..diagnostics import TypesetError
from ..render.job import pdfx_flavour
from .discover import Job

PACKAGE = Path(__file__).resolve().parents[1]


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


def _file(path: Path | str | None) -> bytes:
    if path is None:
        return b"-"
    try:
        return Path(path).read_bytes()
    except OSError:
        return b"absent:" + str(path).encode()


@lru_cache(maxsize=1)
def code_hash() -> str:
    """typeset's version and every module of it: the typesetter that builds."""
    files = sorted(PACKAGE.rglob("*.py"))
    return _digest(__version__.encode(),
                   *(p.relative_to(PACKAGE).as_posix().encode() + b"\0" + p.read_bytes()
                     for p in files))


@lru_cache(maxsize=1)
def papers_hash() -> str:
    from ..paper import PAPERS_DIR
    files = sorted(PAPERS_DIR.glob("*.yaml")) if PAPERS_DIR.is_dir() else []
    return _digest(*(p.name.encode() + b"\0" + p.read_bytes() for p in files))


@lru_cache(maxsize=32)
def layout_hash(name: str) -> str:
    """The layout file and the identity of each font file its roles name."""
    from ..design import load_layout
    from ..design.load import resolve_layout_path
    from ..fonts.files import find_font_file
    path, _ = resolve_layout_path(name)
    try:
        design = load_layout(name)
    except TypesetError:      # the build will fail and say why; hash what is there
        return _digest(_file(path))
    fonts = []
    for role, names in sorted(design.fonts.items()):
        for font in names:
            found = find_font_file(font)
            if found is None:
                fonts.append(f"{role}:{font}:absent".encode())
            else:
                stat = found.stat()
                fonts.append(f"{role}:{found}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return _digest(_file(path), *fonts)


def issue_hash(job: Job, strict: bool, proof: bool, pdfx: str | None = None) -> str:
    from ..sidecar import find_sidecar
    source = Path(job.source)
    sidecar_path = source.with_suffix(".yaml")
    pictures: tuple[bytes, ...] = ()
    try:
        sidecar = find_sidecar(source)
        layout = sidecar.layout or job.settings.layout
        paper = sidecar.paper or job.settings.paper
        pictures = tuple(_file(sidecar_path.parent / p.file) for p in sidecar.pictures)
    except TypesetError:      # a bad sidecar fails the build; its bytes are hashed
        layout, paper = job.settings.layout, job.settings.paper
    from ..design.load import DEFAULT_LAYOUT
    paper_file = Path(paper) if paper and Path(paper).is_absolute() else \
        (sidecar_path.parent / paper if paper else None)
    return _digest(job.source.encode(), _file(source), _file(sidecar_path if sidecar_path.exists() else None),
                   _file(job.settings.path), papers_hash().encode(), _file(paper_file),
                   (paper or "").encode(), layout_hash(layout or DEFAULT_LAYOUT).encode(),
                   code_hash().encode(), f"strict={strict} proof={proof}".encode(),
                   f"pdfx={pdfx_flavour(pdfx)}".encode(),   # --pdfx or $TYPESET_PDFX
                   repr(job.settings).encode(), *pictures)
