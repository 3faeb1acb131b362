"""The issues of an archive: every file matching the glob under ARCHIVE
(recursively, in path order), each with the folder settings that apply to it.

A folder may hold a `typeset.yaml` for the issues under it (the nearest one
up to the archive's root applies; they are not merged):

    layout: city-broadsheet     # default layout (an issue's sidecar layout: wins)
    paper: ../papers/our.yaml   # default paper file (an issue's sidecar paper: wins)
    draft: true                 # build drafts, not print (default: false, --strict)
    lunar_months: traditional   # 冬月/腊月 (default: the layout's setting)

Paths in it are relative to its folder. Files that do not match the glob
(sidecars, paper files, images) are not issues.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..design.schema import Choice, Context, Flag, Section, Setting, SettingsError, Text, read_yaml_file

FOLDER_SETTINGS_NAME = "typeset.yaml"


class FolderSettingsError(SettingsError):
    """A folder's typeset.yaml that cannot be used: a usage error of the run."""


@dataclass(frozen=True)
class FolderSettings:
    path: str | None = None          # the typeset.yaml, None: no file applies
    layout: str | None = None        # a layout name, or an absolute path
    paper: str | None = None         # an absolute path to a paper file, or a name in papers/
    draft: bool = False
    lunar_months: str | None = None


@dataclass(frozen=True)
class Job:
    """One issue of the archive to build."""
    source: str          # the issue file, as found under ARCHIVE (ARCHIVE/rel)
    rel: str             # its path inside the archive, with / (the key of its row)
    settings: FolderSettings

    @property
    def stem(self) -> str:
        return str(Path(self.rel).with_suffix(""))


FOLDER = Section([
    Setting("layout", Text(300), None, "default layout: a name in layouts/ or a YAML path"),
    Setting("paper", Text(300), None, "default paper file: a path or a name in papers/"),
    Setting("draft", Flag(), False, "build drafts (masthead facts only warn), not for print"),
    Setting("lunar_months", Choice("numeric", "traditional"), None,
            "months 11 and 12 as 十一月/十二月 or 冬月/腊月"),
])


def load_folder_settings(path: Path) -> FolderSettings:
    name = str(path)
    root = read_yaml_file(path, "folder settings", FolderSettingsError)
    if root is None:
        return FolderSettings(name)
    v = FOLDER.convert(root, Context(name, FolderSettingsError, path.parent), "")
    return FolderSettings(name, _relative_path(v["layout"], path.parent, layout=True),
                          _relative_path(v["paper"], path.parent, layout=False),
                          v["draft"], v["lunar_months"])


def _relative_path(value: str | None, folder: Path, layout: bool) -> str | None:
    """A path written in typeset.yaml, made absolute; a bare name (a layout in
    layouts/, a paper in papers/) stays a name."""
    if value is None:
        return None
    looks_like_path = "/" in value or value.endswith((".yaml", ".yml"))
    if not looks_like_path or (not layout and not (folder / value).exists()):
        return value
    return str((folder / value).resolve())


def discover(archive: Path, pattern: str = "*.txt") -> list[Job]:
    """Every issue file under `archive` matching `pattern`, in path order."""
    settings: dict[Path, FolderSettings] = {
        # every typeset.yaml is read first, so a bad one stops the run before any build
        own.parent: load_folder_settings(own)
        for own in sorted(archive.rglob(FOLDER_SETTINGS_NAME)) if own.is_file()}

    def settings_for(folder: Path) -> FolderSettings:
        if folder not in settings:
            if folder == archive:
                settings[folder] = FolderSettings()
            else:
                settings[folder] = settings_for(folder.parent)
        return settings[folder]

    jobs = []
    for path in sorted(archive.rglob(pattern), key=lambda p: p.relative_to(archive).parts):
        rel = path.relative_to(archive)
        if not path.is_file() or any(part.startswith(".") for part in rel.parts):
            continue
        jobs.append(Job(str(path), rel.as_posix(), settings_for(path.parent)))
    return jobs
