"""An article that names a model version, a port or a date its series fact sheet does not know
fails the strict build, on every build until the sheet or the article agrees."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fieldnotes.checks.factsheet import Fact, known_facts, unknown_facts
from tests.building import build

# Both builds start from one shared first build of the minisite with a fact sheet.
pytestmark = pytest.mark.xdist_group("fact-sheet")

SHEET = """---
substitutions: {}
---

Claims are classified by Mistral 7B Instruct v0.2 since early 2024. In every pod the engine
listens on port 8001.
"""
ARTICLE = "articles/02-model-choice.md"
AGREES = "\n\nMistral 7B Instruct v0.2 answers on `--port 8001`, as it has since early 2024.\n"
PLANTED = "\n\nSince June 2031 the claims-classifier/v7 model answers on `--port 8080`.\n"


def _add_sheet(src: Path) -> None:
    (src / "articles/SERIES.md").write_text(SHEET, encoding="utf-8")
    article = src / ARTICLE
    article.write_text(article.read_text(encoding="utf-8") + AGREES, encoding="utf-8")


def _line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").split("\n").index(text.strip()) + 1


def _flagged(warnings: str) -> set[tuple[str, str]]:
    """(file:line, fact) for each fact-sheet warning."""
    return set(re.findall(r"(\S+\.md:\d+): WARNING: this article names the (.+?), which",
                          warnings))


def test_facts_the_sheet_states_pass_and_others_are_found():
    known = known_facts(SHEET)
    assert unknown_facts(AGREES, known) == []
    found = {fact for fact, _ in unknown_facts(PLANTED, known)}
    assert found == {Fact("date", "june 2031"), Fact("model version", "v7"),
                     Fact("port", "8080")}


def test_the_build_flags_a_planted_contradiction_until_the_sheet_knows_it(built_once):
    src = built_once("fact-sheet", _add_sheet)
    article = src / ARTICLE
    article.write_text(article.read_text(encoding="utf-8") + PLANTED, encoding="utf-8")
    _, warnings = build(src)
    where = f"{ARTICLE}:{_line_of(article, PLANTED)}"
    assert {(place.split("src/")[-1], fact) for place, fact in _flagged(warnings)} == {
        (where, "date 'june 2031'"), (where, "model version 'v7'"), (where, "port '8080'")}
    assert "[fieldnotes.factsheet]" in warnings and "Traceback" not in warnings
    # Cleared once the sheet states the new facts (that a warning recurs on every build until
    # then is recurring.py's promise, tested in test_recurring.py).
    sheet = src / "articles/SERIES.md"
    sheet.write_text(SHEET + "\nFrom June 2031 the v7 model listens on port 8080.\n",
                     encoding="utf-8")
    assert build(src)[1] == ""


def test_an_article_is_checked_again_when_the_sheet_changes(built_once):
    src = built_once("fact-sheet", _add_sheet)
    sheet = src / "articles/SERIES.md"
    sheet.write_text(SHEET.replace("port 8001", "port 8002"), encoding="utf-8")
    flagged = _flagged(build(src)[1])
    assert {fact for _, fact in flagged} == {"port '8001'"}
