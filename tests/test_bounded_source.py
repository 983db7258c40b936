"""The Sphinx-free checks that keep a page's source within what its parsers and outputs can
hold: how deep it nests (fieldnotes/model/nesting.py) and which characters it may hold
(fieldnotes/model/body.py). The builds that use them are in tests/test_confine.py."""

from __future__ import annotations

import pytest

from fieldnotes.model.body import REPLACEMENT, refused_characters, without_refused_characters
from fieldnotes.model.nesting import MAX_NESTING, too_deep

DEEPER = MAX_NESTING + 1


def _quotes(levels: int) -> str:
    return "> " * levels + "text\n"


def _list(levels: int) -> str:
    return "".join("  " * i + "- item\n" for i in range(levels))


def _fences(levels: int) -> str:
    opening = "".join(":" * (levels + 3 - i) + "{note}\n" for i in range(levels))
    return opening + "text\n" + "".join(":" * (4 + i) + "\n" for i in range(levels))


@pytest.mark.parametrize("nested", [_quotes, _list, _fences])
def test_the_limit_is_kept_and_one_level_more_is_refused(nested):
    assert too_deep(nested(MAX_NESTING)) is None
    line, depth = too_deep(nested(DEEPER))
    assert depth == DEEPER and nested(DEEPER).split("\n")[line - 1].strip()


def test_kinds_of_nesting_add_up():
    assert too_deep("```{note}\n" + _quotes(MAX_NESTING - 1) + "```\n") is None
    assert too_deep("```{note}\n" + _quotes(MAX_NESTING) + "```\n") == (2, DEEPER)
    assert too_deep("> " * (MAX_NESTING - 1) + "- - x\n") == (1, DEEPER)


def test_code_is_not_nesting():
    code = "".join(" " * 4 * i + "if x:\n" for i in range(50)) + "> " * 50 + "\n"
    for fence in ("```python\n", "```{code-block} python\n", "~~~\n"):
        closing = "~~~\n" if fence.startswith("~") else "```\n"
        assert too_deep(fence + code + closing + _quotes(2)) is None
    assert too_deep("```python\n" + code + "```\n" + _quotes(DEEPER)) is not None


def test_control_characters_are_found_on_their_lines_and_replaced():
    text = "fine\tline\r\nan \x0b and \x1b[1m\nclean\nDEL\x7f and C1\x85\n\x0c"
    assert refused_characters(text) == [(2, "\x0b"), (4, "\x7f"), (5, "\x0c")]
    cleaned = without_refused_characters(text)
    assert refused_characters(cleaned) == [] and cleaned.count("\n") == text.count("\n")
    assert cleaned.count(REPLACEMENT) == 5 and "\t" in cleaned and "\r\n" in cleaned
