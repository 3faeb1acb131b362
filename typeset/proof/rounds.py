"""校次, the proof's round: which proof of this source this is.

Counted from the earlier proof in the output folder, which records its round
and its source's checksum in its Info dictionary: the same source again is
the same round (a rebuild gives the same bytes); a changed source is the
next round; no earlier proof is round 1. `--round N` (proof(round=N)) says
it outright. `typeset watch` fixes the round when it starts, so every save
of a watched source rebuilds the same round rather than counting saves.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf

ROUND_KEY = "/TypesetProofRound"
SOURCE_KEY = "/TypesetSourceSHA256"


def earlier_round(pdf_path: Path) -> tuple[int, str] | None:
    """(round, source sha256) the proof at `pdf_path` records, or None (no
    proof there, or a file that is not one of typeset's proofs)."""
    if not pdf_path.is_file():
        return None
    try:
        with pikepdf.open(pdf_path) as pdf:
            info = pdf.docinfo
            if ROUND_KEY not in info:
                return None
            return int(info[ROUND_KEY]), str(info.get(SOURCE_KEY, ""))
    except (pikepdf.PdfError, OSError, ValueError):
        return None


def next_round(pdf_path: Path, source_sha256: str) -> int:
    earlier = earlier_round(pdf_path)
    if earlier is None:
        return 1
    number, sha = earlier
    return number if sha == source_sha256 else number + 1
