"""Diagnostics are values: every warning or error carries where it comes from.

Stages return diagnostics beside their output instead of printing or raising, so
the CLI, the proof PDF and the batch summary can all report the same facts.
A `TypesetError` is raised only for input that cannot be processed at all; the
CLI turns it into one line on stderr and exit code 2.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Diagnostic:
    severity: str  # "error" | "warning" | "info"
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    rule: str | None = None   # what it checks (masthead.date …): print builds refuse some

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.severity}: {self.message}"


class TypesetError(Exception):
    """Input that cannot be processed. Carries a Diagnostic with file and line."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None,
                 column: int | None = None):
        self.diagnostic = Diagnostic("error", message, file, line, column)
        super().__init__(str(self.diagnostic))


def warning(message: str, file: str | None = None, line: int | None = None,
            column: int | None = None, rule: str | None = None) -> Diagnostic:
    return Diagnostic("warning", message, file, line, column, rule)
