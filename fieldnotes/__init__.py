"""Field Notes: a Sphinx knowledge base built from articles' front matter."""

from fieldnotes.extension import setup

__all__ = ["setup"]
