"""The state of a run, in OUT/batch.sqlite (stdlib sqlite3, WAL).

One row per finished issue, written in one transaction after its files are
in place: the row is the commit point of an issue. An issue whose row holds
its current content hash, and whose files are in OUT as the row says, is
done; anything else (no row, another hash, a PDF that is not the one the row
records) is built again. Only the client process writes here.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

STATE_NAME = "batch.sqlite"

SCHEMA = """
CREATE TABLE IF NOT EXISTS issues (
    rel         TEXT PRIMARY KEY,   -- the issue's path inside the archive
    hash        TEXT NOT NULL,      -- typeset.batch.fingerprint.issue_hash
    status      TEXT NOT NULL,      -- built | failed
    pages       INTEGER NOT NULL,
    seconds     REAL NOT NULL,
    pdf_sha256  TEXT,               -- of the PDF in OUT (built issues)
    reason      TEXT,               -- a failed issue's file:line: error: …
    error_file  TEXT,               -- … and its file and line apart
    error_line  INTEGER,
    diagnostics TEXT NOT NULL,      -- JSON [[rule, "file:line: warning: …"], …]
    facts       TEXT NOT NULL,      -- JSON masthead facts (typeset.batch.worker.masthead_facts)
    worker      TEXT,
    peak_rss    INTEGER
)
"""


@dataclass(frozen=True)
class Row:
    rel: str
    hash: str
    status: str
    pages: int
    seconds: float
    pdf_sha256: str | None
    reason: str | None
    error_file: str | None
    error_line: int | None
    diagnostics: tuple[tuple[str | None, str], ...]
    facts: dict
    worker: str | None = None
    peak_rss: int | None = None


class State:
    def __init__(self, out: Path):
        self.path = out / STATE_NAME
        # isolation_level=None: transactions are the explicit BEGIN … COMMIT below
        self._db = sqlite3.connect(self.path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")   # a committed row survives power loss
        self._db.execute(SCHEMA)

    def rows(self) -> dict[str, Row]:
        cursor = self._db.execute(
            "SELECT rel, hash, status, pages, seconds, pdf_sha256, reason, error_file, error_line, "
            "diagnostics, facts, "
            "worker, peak_rss FROM issues")
        return {r[0]: Row(*r[:9], tuple(tuple(d) for d in json.loads(r[9])), json.loads(r[10]),
                          r[11], r[12])
                for r in cursor}

    def record(self, row: Row) -> None:
        """One issue finished: its row, in a transaction of its own."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO issues VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (row.rel, row.hash, row.status, row.pages, row.seconds, row.pdf_sha256,
                 row.reason, row.error_file, row.error_line, json.dumps(row.diagnostics, ensure_ascii=False),
                 json.dumps(row.facts, ensure_ascii=False, sort_keys=True),
                 row.worker, row.peak_rss))
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()
