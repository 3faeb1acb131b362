"""The page audit: hard rules an editor signs pages off by, checked on every
build from what is drawn.

    findings = audit_pages(laid, layout, issue)     after lay_out, before render

reads the placed pages (`LaidOut.frames`: the geometry the renderer draws,
not the layout's own numbers) and returns one `Diagnostic` per violation,
its `rule` the rule's name (audit.overlap …), its message where it is —
page, column and line of the grid — and its file:line the source line of
the story the element belongs to. The layout report is read only to know
where modules are.

The rules are one table, `RULES` (rules.py): name, number, what it says,
check function, blocking or not. A build for print refuses the findings
of the blocking rules (`BLOCKING`, in typeset.build's PRINT_BLOCKING); a
draft carries every finding as a warning.
"""

from __future__ import annotations

import time

from ..diagnostics import Diagnostic, TypesetError
from .rules import BLOCKING, RULES, AuditRule
from .view import Finding, View

__all__ = ["audit_pages", "refuse_for_print", "described", "RULES", "BLOCKING", "AuditRule",
           "Finding", "View"]


def audit_pages(laid, layout, issue=None, rules=RULES) -> tuple[Diagnostic, ...]:
    """Every finding of every rule, as warnings tagged with the rule's name,
    in table order. `issue` (optional) names the source file and each
    story's first line."""
    view = View(laid, layout, issue)
    file = issue.source if issue is not None else None
    out: list[Diagnostic] = []
    for rule in rules:
        for finding in rule.check(view):
            out.append(diagnostic(rule, finding, file, view.story_line(finding.story)))
    return tuple(out)


def timed_audit(laid, layout, issue=None) -> tuple[tuple[Diagnostic, ...], dict[str, float]]:
    """audit_pages with the seconds each rule's check took (for benchmarks)."""
    start = time.perf_counter()
    view = View(laid, layout, issue)
    times = {"read": time.perf_counter() - start}
    out = []
    file = issue.source if issue is not None else None
    for rule in RULES:
        t = time.perf_counter()
        out += [diagnostic(rule, f, file, view.story_line(f.story)) for f in rule.check(view)]
        times[rule.name] = times.get(rule.name, 0.0) + time.perf_counter() - t
    return tuple(out), times


def diagnostic(rule: AuditRule, finding: Finding, file: str | None,
               line: int | None) -> Diagnostic:
    where = f"page {finding.page}"
    if finding.column is not None:
        where += f", column {finding.column}"
    if finding.line is not None:
        where += f", line {finding.line}"
    story = f" ({finding.story})" if finding.story else ""
    return Diagnostic("warning", f"{where}{story}: {described(rule, finding)}", file, line,
                      rule=rule.name)


def described(rule: AuditRule, finding: Finding) -> str:
    """What a finding says, as the diagnostic and the proof's legend print it:
    its message, why it could not be avoided where that is known, its rule."""
    why = f"; unavoidable: {finding.unavoidable}" if finding.unavoidable else ""
    return f"{finding.message}{why} [{rule.name}, rule {rule.number}]"


def refuse_for_print(findings, blocking=BLOCKING, shown: int = 8) -> None:
    """Stop a print build listing every finding of a blocking rule (the first
    `shown` in full, then a count)."""
    stop = [d for d in findings if d.rule in blocking]
    if not stop:
        return
    listed = "; ".join(f"{d.file or '<input>'}:{d.line}: {d.message}" if d.line is not None
                       else d.message for d in stop[:shown])
    more = f"; and {len(stop) - shown} more" if len(stop) > shown else ""
    raise TypesetError(f"not fit for print: {len(stop)} page audit finding(s): {listed}{more}; "
                       "to proof it anyway, build a draft (--draft)", stop[0].file, stop[0].line)
