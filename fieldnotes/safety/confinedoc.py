"""Confinement checks on whole pages: images and downloads in the doctree, and the top matter
settings through which a page could switch MyST's raw HTML back on."""

from __future__ import annotations

import glob
from typing import TYPE_CHECKING

import yaml
from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

from fieldnotes.model.filenames import in_articles_dir
from fieldnotes.safety.fileaccess import is_remote, refusal

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

# Top matter keys that MyST reads as settings for the page (re-enabling raw HTML, adding
# substitutions that are parsed as HTML, writing <meta http-equiv>); '<<' could merge them in.
PARSER_SETTINGS = ("myst", "html_meta", "substitutions", "<<")
FENCE = "---"
REMOTE_IMAGE = ("the site loads nothing from other hosts (its Content-Security-Policy allows "
                "images from the site itself only): save the image in the project, next to the "
                "article, and link that copy")
OUTSIDE_IMAGE = "copy the image into the project, next to the article, and link that copy"


def _warn(message: str, location) -> None:
    logger.warning(message, location=location, type="fieldnotes", subtype="confine")


def _top_matter_end(lines: list[str]) -> int | None:
    """The index of the closing fence, read as MyST reads it; None without top matter."""
    if not lines or not lines[0].startswith(FENCE):
        return None
    return next((i for i, line in enumerate(lines[1:], 1) if line.startswith((FENCE, "..."))),
                len(lines))


def _settings_keys(block: str) -> list[tuple[str, int, int]] | None:
    """(key, first line, last line) of each parser setting in a top matter block, 0-based;
    None when the block is not YAML, which MyST then ignores whole."""
    try:
        root = yaml.compose(block, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return []
    return [(key.value, key.start_mark.line,
             value.end_mark.line - (value.end_mark.column == 0 and value.end_mark.line > 0))
            for key, value in root.value
            if isinstance(key, yaml.ScalarNode) and key.value in PARSER_SETTINGS]


def without_parser_settings(text: str) -> tuple[str, list[tuple[str, int]]]:
    """The page with its top matter's parser settings turned into YAML comments (lines kept),
    and (key, 1-based line) for each one removed."""
    lines = text.splitlines(keepends=True)
    end = _top_matter_end(lines)
    if end is None:
        return text, []
    found = _settings_keys("".join(lines[1:end])) or []
    for _key, first, last in found:
        for i in range(first + 1, last + 2):
            lines[i] = "# " + lines[i]
    # Aliased keys and other YAML tricks may hide a setting from the pass above: if one is
    # still there, none of the top matter is read as settings.
    if found and _settings_keys("".join(lines[1:end])):
        lines[1:end] = ["# " + line for line in lines[1:end]]
    return "".join(lines), [(key, first + 2) for key, first, _last in found]


def _refuse_parser_settings(app: Sphinx, docname: str, source: list[str]) -> None:
    """An article may not change how MyST parses it."""
    if not in_articles_dir(app.config.fieldnotes_articles_dir, docname):
        return
    source[0], removed = without_parser_settings(source[0])
    for key, line in removed:
        _warn(f"front matter key '{key}' changes how the page is parsed (it can switch raw HTML "
              "back on) and is ignored: remove it; the page's description is its summary",
              (docname, line))


def _image_refusal(app: Sphinx, uri: str) -> str | None:
    if is_remote(uri):
        return f"remote image '{uri}' is refused: {REMOTE_IMAGE}"
    _relative, path = app.env.relfn2path(uri, app.env.docname)
    # Sphinx picks 'name.*' among the files that match, so each match must be allowed.
    for candidate in (glob.glob(path) if "*" in path else []) or [path]:
        reason = refusal(candidate, app.srcdir, app.config.exclude_patterns)
        if reason:
            return f"image '{uri}' {reason}: {OUTSIDE_IMAGE}"
    return None


def _confine_files(app: Sphinx, doctree: nodes.document) -> None:
    """Drop images and downloads the policy refuses, before Sphinx copies them."""
    for image in list(doctree.findall(nodes.image)):
        uri = image.get("uri", "")
        reason = None if uri.startswith("data:") else _image_refusal(app, uri)
        if reason:
            _warn(reason, image)
            image.parent.remove(image)
    for download in list(doctree.findall(addnodes.download_reference)):
        target = download.get("reftarget", "")
        if is_remote(target):
            continue  # a link to another site: nothing is read or copied
        _relative, path = app.env.relfn2path(target, app.env.docname)
        reason = refusal(path, app.srcdir, app.config.exclude_patterns)
        if reason:
            _warn(f"download '{target}' {reason}: copy the file into the project, next to "
                  "the article, and link that copy", download)
            download.replace_self(download.children)
