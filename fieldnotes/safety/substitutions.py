"""A substitution (``{{ name }}``) in an article names a value the site defines, nothing else.

MyST renders anything else between the braces as a Jinja template with Sphinx's build
environment in reach, so an article could run code or read the build machine's files. Only
a plain name of a configured substitution is filled in; any other expression is refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

from fieldnotes.integrations import myst

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def refusal(written: str, known: list[str], source: str = "") -> str:
    """The warning for a substitution that does not plainly name one of ``known``."""
    what = (f"substitution '{written}' is not defined" if written.isidentifier()
            else f"substitution '{{{{ {written} }}}}' is refused: it is not the plain name of "
                 "a value")
    names = ", ".join(sorted(known)) or "(none are defined)"
    where = f"{source}'s front matter 'substitutions'" if source else "myst_substitutions in conf.py"
    return f"{what}. Substitutions may only name a value from {where}, as {{{{ name }}}}: {names}"


def setup_substitutions(app: Sphinx) -> None:
    def refuse(location, written: str, known: list[str]) -> None:
        source = app.config.fieldnotes_substitutions_file
        logger.warning(refusal(written, known, source), location=location, type="fieldnotes",
                       subtype="substitution")

    myst.fill_only_named_substitutions(refuse)
