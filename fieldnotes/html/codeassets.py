"""Code highlighting's stylesheet and the copy button's stylesheet and scripts load only on a
page with a code block: Sphinx and sphinx-copybutton add them to every page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from fieldnotes.integrations import sphinx, sphinx_copybutton

if TYPE_CHECKING:
    from sphinx.application import Sphinx

CODE_STYLESHEETS = (*sphinx.PYGMENTS_STYLESHEETS, *sphinx_copybutton.STYLESHEETS)
CODE_SCRIPTS = sphinx_copybutton.SCRIPTS


def has_code(doctree: nodes.document | None) -> bool:
    """Whether the page shows a code block (a diagram's source is drawn, not highlighted)."""
    code = (nodes.literal_block, nodes.doctest_block)
    return doctree is not None and next(doctree.findall(lambda n: isinstance(n, code)), None) is not None


def _named(asset: Any, names: tuple[str, ...]) -> bool:
    return getattr(asset, "filename", str(asset)).rsplit("/", 1)[-1].split("?")[0] in names


def _drop_code_assets(app: Sphinx, pagename: str, templatename: str,
                      context: dict[str, Any], doctree: nodes.document | None) -> None:
    if has_code(doctree):
        return
    # In place: the lists are the builder's own for this page, which a later handler's
    # add_js_file (a diagram's scripts) still appends to.
    for key, names in (("css_files", CODE_STYLESHEETS), ("script_files", CODE_SCRIPTS)):
        if key in context:
            context[key][:] = [asset for asset in context[key] if not _named(asset, names)]
