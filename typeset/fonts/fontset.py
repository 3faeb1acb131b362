"""Font roles with fallback chains: which face draws a character, how wide it is."""

from __future__ import annotations

import struct
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..chars import is_private_use, never_drawn
from ..diagnostics import Diagnostic, TypesetError
from .faces import _Face, _face
from .files import REPO_FONTS, SYSTEM_FONT_DIRS, find_font_file
from .reportlab_fonts import _reportlab_font_class


class FontError(TypesetError):
    """A font role cannot be served by any font of its chain."""


_REGISTERED: dict[Path, str] = {}  # path -> reportlab font name, process-wide


# The font role a layout may declare for private-use characters (造字).
PRIVATE_USE_ROLE = "zaozi"


class FontSet:
    """Font roles with fallback chains; see the module docstring."""

    def __init__(self, chains: dict[str, list[Path]], notes: list[Diagnostic]):
        self.chains = chains  # role -> existing font files, chain order
        self.notes = notes  # fonts skipped (absent or unusable), as info diagnostics
        self._memo: dict[str, dict[str, _Face | None]] = {role: {} for role in chains}
        self._advances: dict[str, dict[str, float]] = {role: {} for role in chains}
        self._handed_out: set[Path] = {paths[0] for paths in chains.values()}
        self._live = False  # after register_for_reportlab, new faces register at once

    @classmethod
    def load(cls, roles: Mapping[str, Sequence[str]], source: str | None = None,
             lines: Mapping[str, int] | None = None) -> FontSet:
        """Resolve each role's chain; parse its first usable face, others on demand.
        `source` and `lines` (role → line) say where the chains were written,
        so a chain with no usable font is reported there."""
        chains: dict[str, list[Path]] = {}
        notes: list[Diagnostic] = []
        for role, names in roles.items():
            paths: list[Path] = []
            for name in names:
                path = find_font_file(name)
                if path is None:
                    notes.append(Diagnostic("info", f"font role {role!r}: {name} not found, skipped"))
                    continue
                if not paths:  # the primary face must parse now, so errors surface at load
                    try:
                        _face(path)
                    except (OSError, ValueError, struct.error, IndexError) as exc:
                        notes.append(Diagnostic("info", f"font role {role!r}: {path} unusable ({exc}), skipped"))
                        continue
                if path not in paths:
                    paths.append(path)
            if not paths:
                raise FontError(f"font role {role!r}: no usable font among {', '.join(map(str, names))} "
                                f"(looked in {REPO_FONTS} and {', '.join(map(str, SYSTEM_FONT_DIRS))})",
                                source, (lines or {}).get(role))
            chains[role] = paths
        return cls(chains, notes)

    def _chain_face(self, role: str, char: str) -> _Face | None:
        memo = self._memo.get(role)
        if memo is None:
            raise FontError(f"unknown font role {role!r} (known: {', '.join(self.chains)})")
        cp = ord(char)
        found = None
        if never_drawn(char):          # a font's glyph for these is a placeholder box
            chain: list[Path] = []
        elif is_private_use(char):     # 造字: only from the font the layout declares for it
            chain = self.chains.get(PRIVATE_USE_ROLE, [])
        else:
            chain = self.chains[role]
        for path in list(chain):
            try:
                face = _face(path)
            except (OSError, ValueError, struct.error, IndexError) as exc:
                chain.remove(path)
                self.notes.append(Diagnostic("info", f"font role {role!r}: {path} unusable ({exc}), skipped"))
                continue
            if cp in face.cmap:
                found = face
                break
        memo[char] = found
        if found is not None and found.path not in self._handed_out:
            self._handed_out.add(found.path)
            if self._live:
                self._register(found.path)
        return found

    def face_for(self, role: str, char: str) -> str | None:
        """reportlab font name of the first face in the role's chain that maps char, else None."""
        try:
            face = self._memo[role][char]
        except KeyError:
            face = self._chain_face(role, char)
        return None if face is None else self._name(face.path)

    def advance(self, role: str, char: str) -> float:
        """Advance width in em of char in the face that draws it (.notdef of the primary if none)."""
        try:
            return self._advances[role][char]
        except KeyError:
            pass
        try:
            face = self._memo[role][char]
        except KeyError:
            face = self._chain_face(role, char)
        if face is None:
            face = _face(self.chains[role][0])
        width = self._advances[role][char] = face.advance(ord(char))
        return width

    def missing(self, role: str, text: str) -> list[str]:
        """Distinct characters of text (first-seen order) that no face of the chain maps."""
        seen: dict[str, None] = {}
        for ch in text:
            if ch not in seen and not never_drawn(ch) and self.face_for(role, ch) is None:
                seen[ch] = None
        return list(seen)

    @staticmethod
    def _name(path: Path) -> str:
        name = _REGISTERED.get(path)
        if name is None:
            taken = set(_REGISTERED.values())
            name, i = path.stem, 1
            while name in taken:
                i += 1
                name = f"{path.stem}-{i}"
            _REGISTERED[path] = name
        return name

    def _register(self, path: Path) -> str:
        from reportlab.pdfbase import pdfmetrics

        name = self._name(path)
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(_reportlab_font_class()(name, str(path)))  # subset on embedding
        return name

    def register_for_reportlab(self, all_faces: bool = False) -> str:
        """Register faces with reportlab (each once per process); return an initialFontName.

        Registers each role's primary face and every face face_for has returned so
        far; faces it returns later are registered when first returned. So call it
        before making the canvas; fallbacks never needed (e.g. the 51 MB BabelStone
        Han) cost nothing. all_faces=True registers every face of every chain.
        The returned name (first role's primary face) goes to Canvas(initialFontName=)
        so the canvas puts no non-embedded Helvetica into the PDF.
        """
        paths = {p for ps in self.chains.values() for p in ps} if all_faces else self._handed_out
        for path in sorted(paths):
            self._register(path)
        self._live = True
        return self._register(next(iter(self.chains.values()))[0])
