"""Shared fixtures: the seed issues live in ../shared/seeds beside the repo."""

import pytest

from typeset.parse import parse_issue

from .paths import SEEDS

SEED_000 = SEEDS / "000_75e0bf726cbcfecc.txt"
SEED_004 = SEEDS / "004_6d9df8fcdc2f8129.txt"


@pytest.fixture(scope="session")
def issue_000():
    return parse_issue(SEED_000)


@pytest.fixture(scope="session")
def issue_004():
    return parse_issue(SEED_004)
