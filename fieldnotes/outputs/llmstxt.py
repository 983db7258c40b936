"""``llms.txt`` and ``llms-full.txt`` (https://llmstxt.org) for AI readers, from the catalog.

``llms.txt`` lists the published articles by category with their summaries; ``llms-full.txt``
holds each one's Markdown source after its front matter. Drafts are in neither.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from fieldnotes.model.catalog import read_text
from fieldnotes.model.frontmatter import split_front_matter
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from fieldnotes.model.frontmatter import Article

logger = logging.getLogger(__name__)


def _one_line(text: str) -> str:
    return " ".join(text.split())


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
                      f"URL: {url}", f"Category: {category}", f"Published: {article.date.isoformat()}",
                      f"Summary: {_one_line(article.summary)}", "", body.strip(), ""])


def _body(path: Path) -> str:
    text, _problem = read_text(path)
    parts = split_front_matter(text or "")
    return parts[2] if parts else ""


def _write(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or app.builder.name == "epub":
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
    (outdir / "llms.txt").write_text(index_text(config.project, blurb, sections), encoding="utf-8")
    entries = [full_entry(a, url[a.docname], config.fieldnotes_categories[a.category],
                          _body(Path(app.env.doc2path(a.docname)))) for a in published]
    (outdir / "llms-full.txt").write_text("\n".join(entries), encoding="utf-8")


def setup_llms_txt(app: Sphinx) -> None:
    # Once a build, from the catalog: a no-op build rewrites two small files.
    app.connect("build-finished", _write)
