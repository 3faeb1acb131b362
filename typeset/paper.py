"""A paper's identity: what belongs to one paper and not to a design.

A layout (layouts/*.yaml) is a design and names no paper. What is one
paper's — its house notices and house ads, its QR address, its sections and
editors, its numbering — lives in a paper file, `papers/<any>.yaml`, found by
the masthead's paper name (or named by the sidecar's `paper:`):

    name: 伊滨新闻                 # as the masthead prints it
    qr_url: https://example.org/   # the paper's own address, in its QR codes
    sections: {2: 综合新闻}         # running-head section names by page
    editors: {责任编辑: 王伟}
    fillers:                      # texts a page may close a gap with
      - name: notice
        text: 《{paper}》为内部资料，免费交流。
        when: internal            # only while the masthead says the paper is internal
      - {name: follow, text: 扫描左侧二维码，关注我们的公众号。, qr: true}
    numbering:                    # what a run of issues is checked against (typeset batch)
      restart: yearly             # 第N期 starts again at 1 each year (or: never)
      weekdays: [星期二, 星期五]    # the days it comes out (else its masthead's 每周X出版)

A filler's text is a template: {paper} is the masthead's paper name. A paper
without a paper file prints no fillers at all: typeset invents no notice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .design import Filler, Table
from .design.schema import (REQUIRED, Choice, Context, Flag, Int, ListOf, MapOf, Section,
                            Setting, SettingsError, Text, Url, read_yaml_file)

PAPERS_DIR = Path(__file__).resolve().parents[1] / "papers"


class PaperError(SettingsError):
    """A paper file that cannot be used."""


@dataclass(frozen=True)
class PaperFiller:
    """A filler as the paper file states it: a template, for papers of a kind."""
    filler: Filler
    when: str | None = None      # "internal" | "public" | None: any


@dataclass(frozen=True)
class Paper:
    name: str
    path: str
    qr_url: str | None = None
    sections: Table = field(default_factory=Table)
    editors: Table = field(default_factory=Table)
    fillers: tuple[PaperFiller, ...] = ()
    lines: Table = field(default_factory=Table)   # key path → line in the paper file
    restart: str | None = None    # 第N期 restarts: "yearly" | "never" | None (not said)
    weekdays: tuple[int, ...] = ()   # publication weekdays, 0 = Monday (empty: not said)
    output_profile: str | None = None    # its printer's CMYK profile (resolved path)
    output_condition: str | None = None  # and that condition's identifier

    def fillers_for(self, paper_name: str | None, kind: str | None) -> tuple[Filler, ...]:
        """The fillers an issue of this paper may print: templates filled in
        with the masthead's name, those for another kind of paper left out (a
        public paper never says 内部资料)."""
        name = paper_name or self.name
        return tuple(Filler(f.filler.name, f.filler.text.replace("{paper}", name),
                            f.filler.style, f.filler.qr)
                     for f in self.fillers if f.when is None or f.when == kind)


FILLER = Section([
    Setting("name", Text(40), REQUIRED, "filler name, e.g. submissions"),
    Setting("text", Text(), REQUIRED, "the filler's text; {paper} is the paper's name"),
    Setting("style", Text(), "kicker", "style role of the layout the text is set in"),
    Setting("qr", Flag(), False, "print the paper's QR code (qr_url) beside the text"),
    Setting("when", Choice("internal", "public"), None,
            "print it only in issues of an internal (or public) paper"),
], lambda v, ctx, path: PaperFiller(Filler(v["name"], v["text"], v["style"], v["qr"]),
                                    v["when"]))

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

NUMBERING = Section([
    Setting("restart", Choice("yearly", "never"), None,
            "第N期 starts again at 1 each year (yearly) or runs on (never)"),
    Setting("weekdays", ListOf(Choice(*WEEKDAYS)), (),
            "the weekdays the paper comes out, e.g. [星期二, 星期五]"),
])

PAPER = Section([
    Setting("name", Text(40), REQUIRED, "the paper's name as its masthead prints it"),
    Setting("qr_url", Url(), None, "the paper's own address, encoded in its QR codes"),
    Setting("sections", MapOf(Int(1, 999), Text(20), "page numbers mapped to section names"),
            {}, "running-head section names by page"),
    Setting("editors", MapOf(Text(20), Text(40), "labels mapped to names"), {},
            "editor credits"),
    Setting("fillers", ListOf(FILLER, nonempty=False, unique=False), (),
            "the paper's house notices and house ads"),
    Setting("numbering", NUMBERING, {}, "how its issues are numbered and when they come out"),
    Setting("output_profile", Text(), None,
            "its printer's CMYK ICC profile (e.g. ISOnewspaper26v4.icc), relative to this file"),
    Setting("output_condition", Text(80), None,
            "that profile's OutputConditionIdentifier (default: the file's name)"),
])


def load_paper(path: Path) -> Paper:
    name = str(path)
    root = read_yaml_file(path, "paper file", PaperError)
    if root is None:
        raise PaperError("empty paper file: it needs at least name:", name)
    ctx = Context(name, PaperError, path.parent)
    v = PAPER.convert(root, ctx, "")
    names: set[str] = set()
    for i, f in enumerate(v["fillers"]):
        if f.filler.name in names:
            ctx.fail_at(f"fillers[{i}].name", f"filler {f.filler.name!r} defined twice")
        names.add(f.filler.name)
        if f.filler.qr and not v["qr_url"]:
            ctx.fail_at(f"fillers[{i}].qr", "a QR filler needs the paper's qr_url")
    profile = None
    if v["output_profile"]:
        found = (path.parent / v["output_profile"]).resolve()
        if not found.is_file():
            ctx.fail_at("output_profile", f"no such profile: {found}")
        profile = str(found)
    elif v["output_condition"]:
        ctx.fail_at("output_condition", "an output condition names the output_profile's; "
                                        "give the profile too")
    return Paper(v["name"], name, v["qr_url"], Table(v["sections"]), Table(v["editors"]),
                 tuple(v["fillers"]), Table(ctx.lines), v["numbering"].get("restart"),
                 tuple(sorted(WEEKDAYS.index(d) for d in v["numbering"].get("weekdays", ()))),
                 profile, v["output_condition"])


def find_paper(paper_name: str | None, explicit: str | None = None,
               base: Path | None = None, folder: Path = PAPERS_DIR) -> Paper | None:
    """The paper file: `explicit` (a path, relative to `base`, or a file name
    in papers/) when given — it must exist — else the file in papers/ whose
    name: is the masthead's paper name, else None."""
    if explicit:
        for candidate in ((base or Path.cwd()) / explicit, folder / explicit,
                          folder / f"{explicit}.yaml"):
            if candidate.is_file():
                return load_paper(candidate)
        raise PaperError(f"no such paper file: {explicit}", str(base) if base else None)
    if not paper_name or not folder.is_dir():
        return None
    for path in sorted(folder.glob("*.yaml")):
        paper = load_paper(path)
        if paper.name == paper_name:
            return paper
    return None
