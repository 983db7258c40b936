"""The one error type of the metadata layer: a problem at a file and line."""

from __future__ import annotations

import difflib
import reprlib
from collections.abc import Iterable
from dataclasses import dataclass


# An author's value in a message: never expanded without bound, control characters escaped.
class _ShortRepr(reprlib.Repr):
    def repr_int(self, x: int, level: int) -> str:
        # Python refuses to write out an int of more than 4300 digits at all.
        return super().repr_int(x, level) if x.bit_length() < 256 else "<a very long number>"


_SHORT = _ShortRepr()
_SHORT.maxstring = _SHORT.maxother = 80
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxset = 6
_SHORT.maxdict, _SHORT.maxlevel = 4, 3


@dataclass(frozen=True)
class Problem:
    """What is wrong with an article, where, and what to write instead."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def shown(value: object) -> str:
    """A value as a message quotes it: its repr, shortened and with control characters escaped."""
    return _SHORT.repr(value)


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice a misspelt word most likely meant, if one is close."""
    choices = list(choices)
    near = difflib.get_close_matches(word, choices, n=1)
    if near:
        return near[0]
    # 'gpus' is far from 'gpu-compute' as a whole, but close to its first word.
    by_word = {part: choice for choice in reversed(choices) for part in choice.split("-")}
    near = difflib.get_close_matches(word, list(by_word), n=1)
    return by_word[near[0]] if near else None


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
    return f"unknown category {shown(value)}: {hint}use one of: {choices}"
