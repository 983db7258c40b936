"""Furo: the sidebar's markup, and skipping furo's own navigation tree.

The sidebar is drawn through furo's documented template hook, ``sidebar/navigation.html``
(``_templates/sidebar/navigation.html``). Two things still lean on furo's inside:

- Furo renders Sphinx's whole toctree on every page in its ``html-page-context`` handler
  (``_compute_navigation_tree``), which costs O(pages x tree) and which the hook then never
  shows. Furo has no setting to skip it, so ``toctree`` is lent away around furo's handler.
  Without this, pages come out the same, only slower.
- ``_templates/fieldnotes/sidebar-navigation.html`` writes furo's sidebar classes and icon
  (``toctree-checkbox``, ``#svg-arrow-right``) so furo's CSS and script style and open it.
- The Content-Security-Policy allows furo's inline scripts, and no other: they are read from
  furo's page template (``base.html``), where they are plain text with no template code.
"""

from __future__ import annotations

import inspect
import re
from functools import cache
from pathlib import Path
from typing import Any

from fieldnotes.integrations import require

#: Furo's own html-page-context handler runs at the default priority.
FURO_PRIORITY = 500
_LENT = "fieldnotes_lent_toctree"


def lend_toctree_away(context: dict[str, Any]) -> None:
    """Before furo's handler: furo builds its tree only when the page has a toctree."""
    if "toctree" in context:
        context[_LENT] = context.pop("toctree")


def give_toctree_back(context: dict[str, Any]) -> None:
    """After furo's handler: the page's templates may still call toctree()."""
    if _LENT in context:
        context["toctree"] = context.pop(_LENT)


def _theme_folder() -> Path:
    import furo

    return Path(furo.__file__).parent / "theme" / "furo"


@cache
def theme_scripts() -> frozenset[str]:
    """The inline scripts furo's page template writes, exactly as pages carry them."""
    base = (_theme_folder() / "base.html").read_text(encoding="utf-8")
    return frozenset(re.findall(r"<script>(.*?)</script>", base, re.S))


def contract() -> None:
    import furo

    scripts = theme_scripts()
    require(scripts and not any("{{" in s or "{%" in s for s in scripts), "furo",
            "base.html no longer writes its theme script as plain text, so the "
            "Content-Security-Policy cannot know it")

    source = inspect.getsource(furo._compute_navigation_tree)
    require('if "toctree" in context' in source, "furo",
            "its navigation tree no longer depends on the page's toctree function, so lending "
            "it away no longer saves rendering the whole tree on every page")
    theme = Path(furo.__file__).parent / "theme" / "furo"
    require((theme / "sidebar" / "navigation.html").is_file(), "furo",
            "the template hook sidebar/navigation.html is gone")
    css = (theme / "static" / "styles" / "furo.css").read_text(encoding="utf-8")
    icons = (theme / "partials" / "icons.html").read_text(encoding="utf-8")
    require(".toctree-checkbox" in css and "toctree-l1" in css, "furo",
            "its stylesheet no longer styles .toctree-checkbox/.toctree-l1, which the "
            "sidebar template writes")
    require('id="svg-arrow-right"' in icons, "furo",
            "its icons no longer define #svg-arrow-right, which the sidebar template uses")
