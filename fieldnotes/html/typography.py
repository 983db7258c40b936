"""Typographic quotes for text a template shows (a title, a summary), as Sphinx's smartquotes
transform gives prose: the page then reads the same in its header, cards and navigation.
Machine outputs (feeds, JSON-LD, llms.txt, og: tags) keep the front matter as written."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from docutils.utils.smartquotes import smartyPants


def curly(text: str, config) -> str:
    """``text`` with the quotes conf.py's smartquotes settings would give prose (none off)."""
    if not config.smartquotes or not text:
        return text
    return _typeset(text, config.smartquotes_action, (config.language or "en").replace("_", "-"))


# Every page shows the titles of its sidebar window, related articles and more of its category,
# so one title is typeset for many pages (about 0.1 ms each time): once a process is enough.
@lru_cache(maxsize=4096)
def _typeset(text: str, action: str, language: str) -> str:
    return smartyPants(text, attr=action, language=language)


def typesetter(config) -> Callable[[str], str]:
    """``curly`` for one build's settings, for a template to call on each value it shows."""
    return lambda text: curly(text, config)
