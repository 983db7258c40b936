"""The captured index page the site started from: its cards, as data for tests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from docutils.utils.smartquotes import smartyPants

from tests import siteconf

SEED = Path(__file__).parent / "data" / "seed-index.txt"


@dataclass(frozen=True)
class SeedCard:
    category: str
    number: int
    title: str
    summary: str


def shown(text: str) -> str:
    """``text`` (a title or summary as the seed or the front matter writes it) as the site's
    pages show it: with the typographic quotes conf.py's smartquotes settings give prose."""
    if not siteconf.smartquotes:
        return text
    return smartyPants(text, attr=siteconf.smartquotes_action, language=siteconf.language)


def seed_cards() -> list[SeedCard]:
    """Cards 02-18 as the seed shows them: "<Category><NN>", title, summary."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    cards = []
    for i, line in enumerate(lines):
        match = re.fullmatch(r"(Open Source|GPU & Compute|AI & LLMs|Production|Infrastructure)(\d\d)", line)
        if match:
            cards.append(SeedCard(match.group(1), int(match.group(2)), lines[i + 1], lines[i + 2]))
    return cards
