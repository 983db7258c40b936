"""An article may name only the model versions, ports and dates its series fact sheet knows.

The fact sheet (``SERIES.md`` in the articles folder, excluded from the site) is where a fact
is settled before any article states it. A version, a port or a date that it does not know is
either a new fact, which belongs in the sheet first, or a contradiction of one that is there.
A site without a fact sheet is not checked.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from docutils import nodes
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

SHEET_NAME = "SERIES.md"

# A version counts as a model's when it follows a model's name closely: "Mistral 7B Instruct
# v0.2", "model-v7", "claims-classifier/v7". Other versioned things (a chunker, a prompt
# file) are the owning article's own business.
MODEL_VERSION = re.compile(
    r"\b(?:mistral|llama|openllama|open-llama|bert|model|classifier)[\w ./-]{0,30}?"
    r"(?<![\w.])(v\d+(?:\.\d+)*)\b", re.I)
# Ports below 1024 are the well-known ones (DNS, HTTPS) and say nothing about our stack.
PORT = re.compile(r"(?:--port[ =]|\bport:\s*|containerPort:\s*|(?:localhost|127\.0\.0\.1"
                  r"|0\.0\.0\.0):)(\d{4,5})\b")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
PERIOD = re.compile(r"\b(early|mid|late|spring|summer|autumn|winter|" + "|".join(
    f"{month[:3]}(?:{month[3:]})?" for month in MONTHS) + r")[-\s](20\d\d)\b", re.I)


class Fact(NamedTuple):
    kind: str
    value: str


def _period(word: str, year: str) -> str:
    word = word.lower()
    for month in MONTHS:
        if word in (month, month[:3]):
            return f"{month} {year}"
    return f"{word} {year}"


def facts(text: str) -> list[tuple[Fact, int]]:
    """Every model version, port and date in ``text``, with the index where it starts."""
    found = [(Fact("model version", m.group(1).lower()), m.start(1))
             for m in MODEL_VERSION.finditer(text)]
    found += [(Fact("port", m.group(1)), m.start(1)) for m in PORT.finditer(text)]
    found += [(Fact("date", _period(m.group(1), m.group(2))), m.start())
              for m in PERIOD.finditer(text)]
    return found


def known_facts(sheet: str) -> set[Fact]:
    """What the fact sheet states: its dates, every version it writes, and the numbers on the
    lines where it speaks of ports."""
    known = {fact for fact, _ in facts(sheet)}
    known |= {Fact("model version", v.lower()) for v in re.findall(r"\bv\d+(?:\.\d+)*\b", sheet)}
    known |= {Fact("port", port) for line in sheet.splitlines() if "port" in line.lower()
              for port in re.findall(r"\b\d{4,5}\b", line)}
    return known


def unknown_facts(text: str, known: set[Fact]) -> list[tuple[Fact, int]]:
    return [(fact, where) for fact, where in facts(text) if fact not in known]


def _sheet(app: Sphinx) -> Path:
    return Path(app.srcdir) / app.config.fieldnotes_articles_dir / SHEET_NAME


def _line_of(node: nodes.Node) -> int:
    while node is not None and not node.line:
        node = node.parent
    return node.line if node is not None else 1


def _check_article(app: Sphinx, doctree: nodes.document) -> None:
    sheet, docname = _sheet(app), app.env.docname
    if not docname.startswith(f"{app.config.fieldnotes_articles_dir}/") or not sheet.is_file():
        return
    # A change to the sheet must re-read every article, so a fixed fact clears its warning.
    app.env.note_dependency(str(sheet))
    known = known_facts(sheet.read_text(encoding="utf-8"))
    for block in doctree.findall(lambda n: isinstance(n, (nodes.paragraph, nodes.literal_block,
                                                           nodes.table, nodes.title))):
        if isinstance(block, nodes.paragraph) and isinstance(block.parent, nodes.entry):
            continue  # read with its table
        for fact, _ in unknown_facts(block.astext(), known):
            logger.warning(
                f"this article names the {fact.kind} {fact.value!r}, which the series fact "
                f"sheet ({SHEET_NAME}) does not know. State it in the fact sheet first, or "
                "correct the article to agree with it",
                location=(docname, _line_of(block)), type="fieldnotes", subtype="factsheet")
