"""The captured index page the site started from: its cards, as data for tests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SEED = Path(__file__).parent / "data" / "seed-index.txt"


@dataclass(frozen=True)
class SeedCard:
    category: str
    number: int
    title: str
    summary: str


def seed_cards() -> list[SeedCard]:
    """Cards 02-18 as the seed shows them: "<Category><NN>", title, summary."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    cards = []
    for i, line in enumerate(lines):
        match = re.fullmatch(r"(Open Source|GPU & Compute|AI & LLMs|Production|Infrastructure)(\d\d)", line)
        if match:
            cards.append(SeedCard(match.group(1), int(match.group(2)), lines[i + 1], lines[i + 2]))
    return cards
