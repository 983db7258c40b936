"""Render the listing templates in ``_templates/fieldnotes/`` to MyST Markdown.

The templates write sphinx-design directives; every front matter value goes
through :func:`myst_escape`, so it is shown as text and never read as markup.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path

import jinja2

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def myst_escape(value: object) -> str:
    """Backslash-escape every ASCII punctuation mark and fold whitespace.

    CommonMark reads a backslash before any ASCII punctuation as that literal
    character, so the result is plain text whatever the input holds.
    """
    return _PUNCTUATION.sub(r"\\\1", " ".join(str(value).split()))


def two_digits(number: int) -> str:
    return f"{number:02d}"


def initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isalpha())[:2].upper()


def make_environment(template_dirs: Iterable[Path]) -> jinja2.Environment:
    return _environment(tuple(str(d) for d in template_dirs))


@functools.lru_cache(maxsize=8)
def _environment(template_dirs: tuple[str, ...]) -> jinja2.Environment:
    # Shared so templates compile once; Jinja still reloads a template whose file changed.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(template_dirs)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(myst=myst_escape, two_digits=two_digits, initials=initials)
    return env


def render(env: jinja2.Environment, template: str, **context: object) -> str:
    return env.get_template(template).render(**context)
