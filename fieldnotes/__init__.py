"""Field Notes: a Sphinx knowledge base built from articles' front matter."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    # Imported here, not at the top: the package's Sphinx-free parts (the share image child
    # process, the scaffold) must not pay for importing Sphinx.
    from fieldnotes.extension import setup as wire

    return wire(app)


__all__ = ["setup"]
