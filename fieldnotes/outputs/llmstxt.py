"""``llms.txt`` and ``llms-full.txt`` (https://llmstxt.org) for AI readers, from the catalog.

``llms.txt`` lists the published articles by category with their summaries; ``llms-full.txt``
holds each one's text as Markdown, written from its parsed document: substitutions are filled
in, and what the site refused to publish (raw HTML, files from outside the project) is not
there, as it is not on the page. Drafts are in neither.

Each article's Markdown is taken from the doctree the HTML builder resolves to write its page,
and kept in the doctree folder with the modification time of the page it came from: a build
resolves no page a second time, and an article whose page was written without its Markdown
being kept (an interrupted build) is resolved again, so a rebuild writes what a clean build
writes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import logging

from fieldnotes.building.kept import keep, kept_path, load_kept
from fieldnotes.building.run import build_run
from fieldnotes.building.wholefiles import digest_of, report_write_errors, write_whole
from fieldnotes.integrations import sphinx_logging
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from fieldnotes.model.frontmatter import Article

logger = logging.getLogger(__name__)


# What Markdown reads as markup inside a line: links, images, autolinks and HTML tags, code
# and emphasis; each is written with a backslash so that a reader sees the text as written.
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>])")
# What makes a line a heading, quote, list item or table row when it starts it.
_LINE_START_MARKUP = re.compile(r"^(\d*)([#>+=|.)-])")


def _one_line(text: str) -> str:
    """``text`` on one line, as Markdown that shows it as written: no value becomes a link,
    an HTML tag or a heading, whatever it holds."""
    flat = _INLINE_MARKUP.sub(r"\\\1", " ".join(text.split()))
    return _LINE_START_MARKUP.sub(r"\1\\\2", flat)


def _code_block(language: str, code: str) -> str:
    """A fenced block that no run of backticks in ``code`` can close."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{_one_line(language)}\n{code}\n{fence}"


def index_text(project: str, blurb: str, sections: list[tuple[str, list[tuple[Article, str]]]]) -> str:
    """llms.txt: the title, a one-line description, then a link list per category."""
    out = [f"# {_one_line(project)}", "", f"> {_one_line(blurb)}", ""]
    for name, articles in sections:
        if not articles:
            continue
        out += [f"## {_one_line(name)}", ""]
        out += [f"- [{_one_line(a.title)}]({url}): {_one_line(a.summary)}" for a, url in articles]
        out.append("")
    return "\n".join(out)


def full_entry(article: Article, url: str, category: str, body: str) -> str:
    """One article in llms-full.txt: a heading, where and when, then its Markdown body."""
    return "\n".join([f"# {_one_line(article.title)}", "",
                      f"URL: {url}", f"Category: {_one_line(category)}", f"Published: {article.date.isoformat()}",
                      f"Summary: {_one_line(article.summary)}", "", body.strip(), ""])


def markdown_of(doctree: nodes.document) -> str:
    """The document's text as Markdown: section headings, paragraphs, list items, code blocks.
    The title (level one) is left out: full_entry writes it from the front matter."""
    out: list[str] = []

    def walk(node: nodes.Node, depth: int) -> None:
        for child in node.children:
            if isinstance(child, nodes.section):
                if depth:
                    out.append("#" * (depth + 1) + " " + _one_line(child[0].astext()))
                walk(child, depth + 1)
            elif isinstance(child, nodes.literal_block):
                out.append(_code_block(child.get("language", ""), child.astext()))
            elif isinstance(child, nodes.list_item):
                out.append("- " + _one_line(child.astext()))
            elif isinstance(child, (nodes.paragraph, nodes.table)):
                out.append(_one_line(child.astext()))
            elif isinstance(child, nodes.Element) and not isinstance(child, nodes.title):
                walk(child, depth)

    walk(doctree, 0)
    return "\n\n".join(text for text in out if text.strip())


def _writes_llms(app: Sphinx) -> bool:
    return app.builder.format == "html" and app.builder.name != "epub"


def _page_stamp(app: Sphinx, docname: str) -> str | None:
    return digest_of(app.builder.get_outfilename(docname))


def _remember(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Keep the Markdown of an article whose page is being written (in the main process,
    under -j as well: Sphinx resolves every page there before a worker writes it)."""
    run = build_run(app)
    if (_writes_llms(app) and run.llms_writing
            and docname in site_state(app.env).catalog.articles):
        run.llms_written[docname] = markdown_of(doctree)


def _start(app: Sphinx) -> None:
    run = build_run(app)
    run.llms_written = {}
    run.llms_writing = True


def _pages_written(app: Sphinx, exception: Exception | None) -> None:
    # Only pages written count: the feeds resolve some articles again once the pages are.
    build_run(app).llms_writing = False


def _resolve_again(app: Sphinx, docname: str) -> str:
    # Resolving a page again repeats the warnings its own write already gave.
    with sphinx_logging.silenced():
        return markdown_of(app.env.get_and_resolve_doctree(docname, app.builder))


def _markdown_by_page(app: Sphinx, published: list[Article]) -> dict[str, str]:
    """Each published article's Markdown: as this build resolved it, else as kept, else (a
    page written by a build that did not finish) resolved once more."""
    path = kept_path(app, "llms-full")
    kept: dict[str, tuple[str | None, str]] = load_kept(path, {})
    for docname, markdown in build_run(app).llms_written.items():
        kept[docname] = (_page_stamp(app, docname), markdown)
    found: dict[str, str] = {}
    for article in published:
        stamp, markdown = kept.get(article.docname, (None, None))
        current = _page_stamp(app, article.docname)
        if markdown is None or stamp is None or stamp != current:
            markdown = _resolve_again(app, article.docname)
            kept[article.docname] = (current, markdown)
        found[article.docname] = markdown
    keep(path, {d: kept[d] for d in found})  # else the next build resolves them again
    return found


@report_write_errors("output")
def _write(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not _writes_llms(app):
        return
    config = app.config
    base = config.html_baseurl.rstrip("/") + "/"
    published = site_state(app.env).catalog.published(include_drafts=False)
    url = {a.docname: base + app.builder.get_target_uri(a.docname) for a in published}
    sections = [(name, [(a, url[a.docname]) for a in published if a.category == slug])
                for slug, name in config.fieldnotes_categories.items()]
    author = config.fieldnotes_author
    blurb = (f"{len(published)} engineering articles by {author['name']}"
             f"{', ' + author['role'] if author['role'] else ''}, in "
             f"{sum(1 for _, listed in sections if listed)} categories.")
    outdir = Path(app.outdir)
    write_whole(outdir / "llms.txt", index_text(config.project, blurb, sections))
    markdown = _markdown_by_page(app, published)
    entries = [full_entry(a, url[a.docname], config.fieldnotes_categories[a.category],
                          markdown[a.docname]) for a in published]
    write_whole(outdir / "llms-full.txt", "\n".join(entries))
