"""The one error type of the metadata layer: a problem at a file and line."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """What is wrong with an article, where, and what to write instead."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice a misspelt word most likely meant, if one is close."""
    near = difflib.get_close_matches(word, list(choices), n=1)
    return near[0] if near else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """The start of a fix that names the closest choice, or nothing when none is close."""
    near = closest(word, choices)
    return f"did you mean '{near}'? " if near else ""


def unknown_category(value: object, categories: dict[str, str]) -> str:
    """What to say about a category that is not configured."""
    choices = ", ".join(f"{slug} ({name})" for slug, name in categories.items())
    # A misspelt display name, in any case, suggests its slug too.
    slug_of = {form.casefold(): slug for slug, name in categories.items() for form in (slug, name)}
    near = closest(str(value).casefold(), slug_of)
    hint = f"did you mean '{slug_of[near]}'? " if near else ""
    return f"unknown category '{value}': {hint}use one of: {choices}"
