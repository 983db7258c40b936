"""The Sphinx side of Field Notes: a thin adapter over the catalog and templates."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging

from fieldnotes.buildspeed import setup_build_speed
from fieldnotes.catalog import Catalog, build_catalog
from fieldnotes.codecheck import CHECKED_LANGUAGES, syntax_error
from fieldnotes.confine import setup_confine
from fieldnotes.csp import write_headers
from fieldnotes.design import setup_design
from fieldnotes.diagrams import setup_diagrams
from fieldnotes.directives import listing_keys, setup_directives
from fieldnotes.ebook import setup_ebook
from fieldnotes.editlink import setup_edit_link
from fieldnotes.errors import did_you_mean
from fieldnotes.filenames import in_articles_dir, label_for
from fieldnotes.generated import setup_generated
from fieldnotes.incremental import setup_incremental
from fieldnotes.integrations import sphinx
from fieldnotes.llmstxt import setup_llms_txt
from fieldnotes.navigation import navigation_for, setup_navigation
from fieldnotes.readers import setup_readers
from fieldnotes.recurring import setup_recurring
from fieldnotes.redirects import setup_redirects
from fieldnotes.safesource import setup_safe_source
from fieldnotes.search import setup_search
from fieldnotes.sitemap import setup_sitemap
from fieldnotes.sharecards import setup_share_cards
from fieldnotes.state import setup_state, site_state
from fieldnotes.translator import setup_translator

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

WORDS_PER_MINUTE = 230




def _scan_articles(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """Rebuild the catalog; pages that list articles are re-read when it changed."""
    config = app.config
    folder = config.fieldnotes_articles_dir
    sources = {doc: Path(env.doc2path(doc)) for doc in env.found_docs if in_articles_dir(folder, doc)}
    catalog = build_catalog(sources, config.fieldnotes_categories, config.fieldnotes_tags,
                            root=Path(app.srcdir), articles_dir=folder)
    for problem in catalog.problems:
        logger.warning(problem.message, location=f"{problem.path}:{problem.line}",
                       type="fieldnotes", subtype="frontmatter")
    # Sphinx 9 reads sources strictly and would stop with a traceback on files that are not
    # UTF-8, and links out of the project must never be read: both are reported above, so
    # leave them out of this build until they are fixed.
    sphinx.leave_out(env, catalog.unreadable, added, changed, removed)
    state = site_state(env)
    # The previous catalog is kept until env-get-updated, which compares the two to choose
    # the pages to rewrite.
    previous = state.replace_catalog(catalog)
    if previous is not None and previous.articles == catalog.articles:
        return []
    touched = _listings_touched(previous, catalog) if previous else None
    return sorted(doc for doc, shown in state.listings.items()
                  if doc in env.found_docs and (touched is None or shown & touched))


def _listings_touched(previous: Catalog, catalog: Catalog) -> set[str]:
    """The listings (see directives.listing_keys) that show an article added, removed or changed."""
    touched = {"*"}
    for docname in previous.articles.keys() | catalog.articles.keys():
        old, new = previous.articles.get(docname), catalog.articles.get(docname)
        if old != new:
            for article in (a for a in (old, new) if a is not None):
                touched |= listing_keys(article.category, None)
                touched |= {key for tag in article.tags for key in listing_keys(None, tag)}
    return touched


def _title_as_text(app: Sphinx, doctree: nodes.document) -> None:
    """Show the front matter title as written: MyST would read it as Markdown."""
    article = site_state(app.env).catalog.articles.get(app.env.docname)
    title = next(iter(doctree.findall(nodes.title)), None)
    if article is not None and title is not None:
        title.children = []
        title += nodes.Text(article.title)


def _collect_article(app: Sphinx, doctree: nodes.document) -> None:
    """Give each article its stable label and note its reading time."""
    env = app.env
    docname = env.docname
    if not in_articles_dir(app.config.fieldnotes_articles_dir, docname):
        return
    state = site_state(env)
    article = state.catalog.articles.get(docname)
    hidden = article is None or (article.draft and not app.config.fieldnotes_show_drafts)
    if hidden:
        # Built but in no toctree: a draft, or an article whose front matter was already
        # reported. 'orphan' avoids a second warning; 'nosearch' keeps it out of search.
        env.metadata[docname]["orphan"] = True
        env.metadata[docname]["nosearch"] = True
    titles = list(doctree.findall(nodes.title))
    title = titles[0].astext() if titles else docname
    label = label_for(docname)
    # The catalog, built once for the whole site, says which file owns a label (and reported
    # the others), so the answer does not depend on the order documents are read in.
    if state.catalog.label_owners.get(label) != docname:
        return
    sphinx.own_label(env, label, docname, title)
    words = len(doctree.astext().split())
    state.reading_minutes[docname] = max(1, round(words / WORDS_PER_MINUTE))


def _check_code_blocks(app: Sphinx, doctree: nodes.document) -> None:
    """A code block that claims a language we can parse must parse."""
    for block in doctree.findall(nodes.literal_block):
        language = block.get("language", "")
        if language.lower() not in CHECKED_LANGUAGES:
            continue
        error = syntax_error(language, block.astext())
        if error:
            line, message = error
            # The block's node line is its opening fence; the code starts on the next line.
            where = (app.env.docname, (block.line or 0) + line)
            logger.warning(f"{language} code block does not parse: {message}. Fix the code, or "
                           "mark the block as ```text if it is not meant to run",
                           location=where, type="fieldnotes", subtype="code")


def _explain_missing_reference(app: Sphinx, domain, node: nodes.Element) -> bool | None:
    """Replace Sphinx's bare 'undefined label' with one that says what to write."""
    kind, target = node.get("reftype"), node.get("reftarget", "")
    if kind == "ref":
        known = list(app.env.domains.standard_domain.anonlabels)
    elif kind == "doc":
        known = sorted(app.env.found_docs)
    else:
        return None
    hint = did_you_mean(target.lstrip("/"), known)
    logger.warning(f"broken {{{kind}}} reference to '{target}': {hint}an article's label is its "
                   "file name without the number, as in {ref}`a10-vs-a100`",
                   location=node, type="ref", subtype=kind)
    # Every handler of this event runs, so mark the node as reported: the standard
    # domain's handler, which runs after this one, only repeats warnings for 'ref'.
    sphinx.mark_reported(node)
    return True


def _page_context(app: Sphinx, pagename: str, templatename: str,
                  context: dict[str, Any], doctree) -> None:
    """Hand the article header its record, and point prev/next along the numbers."""
    state = site_state(app.env)
    article = state.catalog.articles.get(pagename)
    if article is None:
        return
    context["fieldnotes_article"] = article
    context["fieldnotes_category_name"] = app.config.fieldnotes_categories[article.category]
    context["fieldnotes_category_url"] = context["pathto"](f"categories/{article.category}")
    context["fieldnotes_reading_minutes"] = state.reading_minutes.get(pagename, 1)
    navigation = navigation_for(app.builder)
    links = navigation.neighbours(pagename) if navigation else None
    if links is not None:
        for key, other in zip(("prev", "next"), links):
            context[key] = other and {"link": context["pathto"](other[0]),
                                      "title": html.escape(f"{other[1]:02d} · {other[2]}")}


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("fieldnotes_articles_dir", "articles", "env", types=[str])
    app.add_config_value("fieldnotes_categories", {}, "env", types=[dict])
    # One colour per category: card labels and badges, category headers, share images.
    app.add_config_value("fieldnotes_category_colours", {}, "env", types=[dict])
    app.add_config_value("fieldnotes_tags", {}, "env", types=[dict])
    app.add_config_value("fieldnotes_author", {"name": "", "role": ""}, "env", types=[dict])
    app.add_config_value("fieldnotes_show_drafts", False, "env", types=[bool])
    setup_state(app)
    setup_build_speed(app)
    setup_confine(app)
    setup_directives(app)
    setup_readers(app)
    setup_search(app)
    setup_translator(app)
    setup_recurring(app)
    setup_generated(app)
    setup_ebook(app)
    setup_safe_source(app)
    setup_design(app)
    setup_edit_link(app)
    setup_share_cards(app)
    setup_redirects(app)
    setup_llms_txt(app)
    setup_diagrams(app)
    setup_sitemap(app)
    # Front matter is read and validated here, once a build, for every article.
    app.connect("env-get-outdated", _scan_articles)
    # Before Sphinx's title collector reads the H1.
    app.connect("doctree-read", _title_as_text, priority=100)
    # After Sphinx's metadata collector, which would overwrite what this sets.
    app.connect("doctree-read", _collect_article, priority=900)
    app.connect("doctree-read", _check_code_blocks)
    # Ahead of the standard domain's handler, which would print a bare 'undefined label'.
    app.connect("warn-missing-reference", _explain_missing_reference, priority=400)
    app.connect("html-page-context", _page_context)
    # Pages that show a changed article's title or place are rewritten, and only those.
    setup_incremental(app)
    # The sidebar and prev/next links are drawn from the catalog, once a build.
    setup_navigation(app)
    # Once every page is written, their inline code is known: hash it into _headers.
    app.connect("build-finished", write_headers)
    return {"version": "1.0", "env_version": 3,
            "parallel_read_safe": True, "parallel_write_safe": True}
