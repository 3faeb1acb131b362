"""Diagnostics in tests: every warning a build gives is one the test expects.

    assert_diagnostics(result.diagnostics, {("warning", 12, "filled")})

Each expected entry is (severity, source line or None, a fragment of the
message). A diagnostic nobody expected fails the test, and so does an
expected one that did not come: a new warning is a decision to look at.
Info notes (fonts skipped in a fallback chain) are left out unless asked for.
"""

from __future__ import annotations

from typing import Iterable

from typeset.diagnostics import Diagnostic

Expected = tuple[str, "int | None", str]


def assert_diagnostics(diagnostics: Iterable[Diagnostic], expected: set[Expected] = frozenset(),
                       include_info: bool = False) -> None:
    found = [d for d in diagnostics if include_info or d.severity != "info"]
    unmatched = set(expected)
    unexpected = []
    for d in found:
        match = next((e for e in unmatched if e[0] == d.severity and e[1] == d.line
                      and e[2] in d.message), None)
        if match is None:
            unexpected.append(str(d))
        else:
            unmatched.discard(match)
    assert not unexpected and not unmatched, (
        "unexpected: " + "; ".join(unexpected) + " | missing: " + "; ".join(map(str, unmatched)))
