"""Full-text search with Pagefind: an index of the published articles, written after the pages."""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import os
import re
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from fieldnotes.building.kept import keep, kept_path, load_kept
from fieldnotes.building.wholefiles import digest_of, explain, write_whole
from fieldnotes.integrations import pagefind, sphinx
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

INDEX_DIR = "pagefind"
# The words the index holds, most common first, for the search page's typo fallback. Inside
# the index folder, so that it is replaced with the index and never outlives it.
WORDS_FILE = "fieldnotes-words.json"
# Pagefind's file that the browser loads first: without it nothing of the index is used.
ENTRY_FILE = "pagefind-entry.json"
SEARCH_BUILDERS = ("html", "dirhtml")
# Pagefind writes its ready-made interfaces too; the search page uses its API alone.
UNUSED_BUNDLE_FILES = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*",
                       "pagefind-highlight.js")
# Only the article's own words: its title, standfirst and body, not the rest of the header
# (category, number, byline, tags) nor the related articles below it.
INDEX_OPTIONS = ["--root-selector", "article[role=main]",
                 "--exclude-selectors", ".headerlink", "--exclude-selectors", ".fn-article-kicker",
                 "--exclude-selectors", ".fn-byline", "--exclude-selectors", ".fn-article-header-tags",
                 "--exclude-selectors", ".fn-related", "--force-language", "en"]
# Shorter words give too many near neighbours for a one-letter typo to point at one of them.
TYPO_MIN_LENGTH = 4
_FRAGMENT_SIGNATURE = b"pagefind_dcd"
_WORD = re.compile(r"[^\W_]+")


def _takes_over_search(app: Sphinx) -> bool:
    return app.builder.name in SEARCH_BUILDERS


def _replace_sphinx_search(app: Sphinx) -> None:
    """Sphinx's own index would be written and never read: Pagefind answers searches."""
    if _takes_over_search(app):
        sphinx.turn_off_sphinx_search(app.builder)


def _search_page(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """The search page, which Sphinx writes only along with its own index."""
    if _takes_over_search(app):
        yield "search", {}, "search.html"


def indexed_pages(app: Sphinx) -> list[Path]:
    """The written page of every published article (never a draft), relative to the output."""
    return [Path(app.builder.get_outfilename(article.docname)).relative_to(app.outdir)
            for article in site_state(app.env).catalog.published(include_drafts=False)]


def _link_or_copy(source: Path, target: Path) -> None:
    # A hard link costs no copy; Pagefind only reads the page.
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(source, target)


def _run_pagefind(outdir: Path, pages: list[Path], output: Path) -> None:
    """Index ``pages`` of ``outdir`` with Pagefind, which writes ``output``."""
    with tempfile.TemporaryDirectory() as staging:
        # Only these pages, at their place in the site: Pagefind indexes a whole folder.
        for page in pages:
            Path(staging, page).parent.mkdir(parents=True, exist_ok=True)
            _link_or_copy(outdir / page, Path(staging, page))
        # In the staging folder, so that no pagefind.yml of the project's is read.
        try:
            result = pagefind.run(Path(staging), output, tuple(INDEX_OPTIONS))
        except OSError as error:  # its binary is missing or cannot be run
            raise PagefindMissing(str(error)) from None
    if result.returncode != 0:
        raise IndexFailed(f"pagefind exited with {result.returncode}: {result.stderr.strip()}")


class IndexFailed(Exception):
    """Pagefind could not write a whole index."""


class PagefindMissing(Exception):
    """Pagefind is not installed, or cannot be run."""


def check_index(output: Path, pages: int) -> None:
    """Pagefind exits with 0 even when the disk filled up under it, leaving empty or cut
    files: the index must have its entry file, every file whole, and a fragment a page."""
    empty = sorted(p.relative_to(output).as_posix() for p in output.rglob("*")
                   if p.is_file() and p.stat().st_size == 0)
    if empty:
        raise IndexFailed(f"Pagefind left empty files in {output}: {', '.join(empty[:3])}")
    try:
        json.loads((output / ENTRY_FILE).read_bytes())
        found = list(fragments(output))
    except (OSError, ValueError, EOFError) as error:  # missing, cut short, not gzip or JSON
        raise IndexFailed(f"Pagefind's files in {output} are missing or cut short ({error})") from None
    if len(found) != pages:
        raise IndexFailed(f"Pagefind indexed {len(found)} of {pages} pages into {output}")


def fragments(index_dir: Path) -> Iterator[dict[str, Any]]:
    """Each indexed page as Pagefind stored it: its url, meta (title) and text content."""
    for path in sorted((index_dir / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        yield json.loads(data.removeprefix(_FRAGMENT_SIGNATURE))


def _page_words(data: bytes) -> frozenset[str]:
    """The words of one stored fragment that the typo fallback may suggest."""
    fragment = json.loads(gzip.decompress(data).removeprefix(_FRAGMENT_SIGNATURE))
    words = _WORD.findall(html.unescape(fragment["content"]).lower())
    return frozenset(w for w in words if len(w) >= TYPO_MIN_LENGTH and not w.isdigit())


def words_by_fragment(index_dir: Path, earlier: Mapping[bytes, frozenset[str]]
                      ) -> list[tuple[bytes, frozenset[str]]]:
    """Each stored fragment's digest and words; a fragment ``earlier`` knows is not read again."""
    found = []
    for path in sorted((index_dir / "fragment").glob("*.pf_fragment")):
        data = path.read_bytes()
        digest = hashlib.sha256(data).digest()
        found.append((digest, earlier[digest] if digest in earlier else _page_words(data)))
    return found


def vocabulary(index_dir: Path, earlier: Mapping[bytes, frozenset[str]] | None = None) -> list[str]:
    """Every indexed word of TYPO_MIN_LENGTH or more, by how many pages have it, then A to Z."""
    return _most_pages_first(words_by_fragment(index_dir, earlier or {}))


def _most_pages_first(found: list[tuple[bytes, frozenset[str]]]) -> list[str]:
    pages = Counter()
    for _, words in found:
        pages.update(words)
    return sorted(pages, key=lambda word: (-pages[word], word))


def _vocabulary_of_this_build(app: Sphinx, output: Path) -> list[str]:
    """The vocabulary; a page's words are read again only when its fragment changed (kept in
    the doctree folder, by the fragment's digest, from one build to the next)."""
    kept = kept_path(app, "search-words")
    found = words_by_fragment(output, load_kept(kept, {}))
    keep(kept, dict(found))  # else the next build reads every fragment
    return _most_pages_first(found)


def _indexed_record(app: Sphinx, pages: list[Path]) -> tuple:
    """What the index is written from: the options, and each page with a digest of its bytes
    (not its modification time, which a copy or a rewrite of the same page may change)."""
    stamps = []
    for page in pages:
        stamps.append((page.as_posix(), digest_of(Path(app.outdir, page))))
    return tuple(INDEX_OPTIONS), tuple(stamps)


def write_index(app: Sphinx, exception: Exception | None) -> None:
    """Index what this build wrote: the published articles' pages, nothing else on disk."""
    if exception is not None or not _takes_over_search(app):
        return
    output = Path(app.outdir, INDEX_DIR)
    pages = indexed_pages(app)
    # Pagefind cannot add to an index it wrote, only write it whole: when no indexed page was
    # written again since it last did, the index it wrote is the one it would write.
    indexed = _indexed_record(app, pages)
    record = kept_path(app, "search-pages")
    if pages and (output / WORDS_FILE).is_file() and load_kept(record, None) == indexed:
        return
    record.unlink(missing_ok=True)
    # A fresh folder: Pagefind names its files by content and would leave the old ones.
    shutil.rmtree(output, ignore_errors=True)
    if not pages:  # Pagefind refuses to write an empty index; the search page says so instead
        return
    try:
        _run_pagefind(Path(app.outdir), pages, output)
        check_index(output, len(pages))
        for pattern in UNUSED_BUNDLE_FILES:
            for path in output.glob(pattern):
                path.unlink()
        words = json.dumps(_vocabulary_of_this_build(app, output), separators=(",", ":"))
        write_whole(output / WORDS_FILE, words)
    except (ImportError, PagefindMissing) as error:  # not installed
        _no_index(output, f"the search index could not be built ({error}); install the pinned "
                  "requirements (pagefind-bin) and build again")
        return
    except IndexFailed as error:
        _no_index(output, f"the search index could not be built: {error}; if the disk is full, "
                  "free some space; then build again")
        return
    except OSError as error:
        _no_index(output, f"the search index could not be built: {explain(error)}")
        return
    keep(record, indexed)  # else the next build indexes again


def _no_index(output: Path, message: str) -> None:
    """No index rather than a broken one: the search page then says search is unavailable,
    and the policy allows no WebAssembly (csp.py)."""
    shutil.rmtree(output, ignore_errors=True)
    logger.warning(message, type="fieldnotes", subtype="search")
