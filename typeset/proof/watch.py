"""`typeset watch SOURCE`: the proof rebuilt whenever its inputs change.

    watch(source, out_dir, png_dir=..., ...)        until Ctrl-C (or stop_event)
    watch_loop(rebuild, batches, relevant, out, err) the loop itself, for tests

The inputs watched: the source, its sidecar (whether or not it exists yet),
the layout file and the paper file the last good build used, and the
earlier source of `--since`. watchfiles (MIT; inotify, debounced: an
editor's save is one rebuild, not three) reports changes in their folders;
a batch that touches none of them is ignored.

Each rebuild prints the page summary and the diagnostics, as `typeset
proof` does. A rebuild that fails — a syntax error in the sidecar, say —
prints its one-line error and leaves the last good proof and its PNGs as
they were: the proof's files are written whole or not at all
(typeset.output), and a failed build writes nothing.

The 校次 is fixed when watching starts (counted once, or `round`): every
save rebuilds the same round rather than counting saves.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, Iterable, TextIO

from ..design.load import LAYOUTS_DIR, resolve_layout_path
from ..diagnostics import TypesetError
from ..paper import PAPERS_DIR
from ..sidecar import find_sidecar
from .rounds import next_round
from .summary import print_result

DEBOUNCE_MS = 300


def watch(source: str | Path, out_dir: str | Path = "build", *, png_dir=None, since=None,
          layout: str | None = None, sidecar_path: str | Path | None = None,
          load_sidecar: Callable | None = None, lunar_months: str | None = None,
          round: int | None = None, debounce_ms: int = DEBOUNCE_MS, stop_event=None,
          batches: Iterable | None = None, out: TextIO | None = None,
          err: TextIO | None = None) -> int:
    """Build the proof, then rebuild it on every change until interrupted.
    `load_sidecar()` reads the sidecar afresh for each build (default: the
    one beside the source, or `sidecar_path`); `batches` replaces watchfiles'
    change sets (tests)."""
    from . import proof          # the package's function; watch.py is imported by it lazily
    out = out or sys.stdout
    err = err or sys.stderr
    source = Path(source)
    sidecar_file = Path(sidecar_path) if sidecar_path else source.with_suffix(".yaml")
    load_sidecar = load_sidecar or (lambda: find_sidecar(source, sidecar_path))
    if round is None:
        import hashlib
        try:
            sha = hashlib.sha256(source.read_bytes()).hexdigest()
        except OSError:
            sha = ""
        round = next_round(Path(out_dir) / f"{source.stem}.proof.pdf", sha)
    inputs = {source.resolve(), sidecar_file.resolve()}
    if since is not None:
        inputs.add(Path(since).resolve())
    used: set[Path] = set()          # the layout and paper files of the last good build

    def rebuild():
        result = proof(source, out_dir, since=since, png_dir=png_dir, layout=layout,
                       sidecar=load_sidecar(), lunar_months=lunar_months, round=round)
        used.clear()
        used.update(inputs_of(result.ready, layout))
        return result

    def relevant() -> set[Path]:
        return inputs | used

    if batches is None:
        import watchfiles
        first = _attempt(rebuild, out, err)      # first: the layout and paper files are known after it
        # the layouts and papers folders too: a sidecar edited to name another
        # layout or paper file is watched from then on
        folders = sorted({p.parent for p in relevant()} | {LAYOUTS_DIR, PAPERS_DIR})
        folders = [f for f in folders if f.is_dir()]
        batches = watchfiles.watch(*folders, debounce=debounce_ms, stop_event=stop_event,
                                   recursive=False, raise_interrupt=False)
        return watch_loop(rebuild, batches, relevant, out, err, built=first is not None)
    return watch_loop(rebuild, batches, relevant, out, err)


def inputs_of(ready, layout: str | None) -> set[Path]:
    """The layout file and the paper file a build read."""
    paths = {resolve_layout_path(ready.sidecar.layout_name(layout))[0].resolve()}
    if ready.staff.paper:
        paths.add(Path(ready.staff.paper).resolve())
    return paths


def watch_loop(rebuild: Callable, batches: Iterable, relevant: Callable[[], set[Path]],
               out: TextIO, err: TextIO, built: bool | None = None) -> int:
    """Build once (unless `built` says it was), then once per batch of
    changes that touches a relevant path. Returns 0 when the batches end."""
    if built is None:
        _attempt(rebuild, out, err)
    for batch in batches:
        touched = sorted({Path(path).resolve() for _, path in batch} & relevant())
        if not touched:
            continue
        print(f"changed: {', '.join(p.name for p in touched)}", file=out, flush=True)
        _attempt(rebuild, out, err)
    return 0


def _attempt(rebuild: Callable, out: TextIO, err: TextIO):
    try:
        result = rebuild()
    except TypesetError as exc:
        print(exc.diagnostic, file=err, flush=True)
        print("proof not rebuilt: the last good proof is kept", file=err, flush=True)
        return None
    print_result(result, out, err)
    return result
