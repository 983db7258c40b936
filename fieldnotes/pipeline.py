"""Every event the engine handles, and the order of its steps, in one place.

Each event has one handler that runs its steps in the order listed here; an event whose steps
must run on both sides of another extension's handler has one handler a phase. A priority is
given only where another extension's handler needs it, and its comment names that extension.
Steps are the features' own functions, with Sphinx's handler signature.

What a handler returns is combined as Sphinx combines its handlers' results: the lists of
documents (env-get-outdated, env-get-updated, env-updated) and of pages (html-collect-pages)
are joined, and for html-page-context and warn-missing-reference the first answer wins; every
step runs either way, as every handler would.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from fieldnotes import configure, sources, theme
from fieldnotes.building import folders, incremental, interrupted, recurring, speed
from fieldnotes.building import run as buildrun  # `run` is each phase's handler below
from fieldnotes.checks import codecheck, editorial, factsheet, gitdates, references, uniquelabels
from fieldnotes.html import (
    article,
    bylines,
    codeassets,
    design,
    diagrams,
    editlink,
    meta,
    navigation,
    notfound,
    series,
    services,
)
from fieldnotes.integrations import furo, sphinx_design, sphinx_notfound_page
from fieldnotes.listings import generated
from fieldnotes.outputs import (
    atomfeeds,
    csp,
    ebook,
    llmstxt,
    redirects,
    search,
    sharecards,
    sitemap,
    stale,
)
from fieldnotes.safety import confinedoc, links, mathml, safesource

if TYPE_CHECKING:
    from sphinx.application import Sphinx

Step = Callable[..., Any]
DEFAULT = 500  # Sphinx's own default priority


class Phase(NamedTuple):
    event: str
    steps: Sequence[Step]
    priority: int = DEFAULT


PHASES: tuple[Phase, ...] = (
    # Before sphinx-design's check (400) and Sphinx's own (790 and on): every fieldnotes_*
    # value is checked, and a wrong one replaced, before anything reads it.
    Phase("config-inited", (
        folders._lock,  # builds into the same folders take turns
        configure._check_settings,
        configure._check_site_url,
        configure._load_substitutions,
        sources._leave_out_links,  # once the settings are checked, before sources are found
    ), priority=0),
    Phase("config-inited", (
        theme._add_theme_folders,  # before the HTML builder reads templates_path
        series.check_series_setting,
        bylines.check_authors_setting,
        services._check,
        meta._quiet_git_outside_checkout,
        meta._one_warning_for_a_missing_file,
        editlink._configure_theme,  # before the builder reads the theme options
        sharecards._check_colours,
        # Once every extension is set up: sphinx-design has registered its own card directive.
        sphinx_design.reuse_parsed_cards,
    )),
    # Before every other extension's handler: a stopped build is marked first, and warnings
    # those handlers give are recorded for the documents they name.
    Phase("builder-inited", (
        buildrun.open_run,
        interrupted._start,
        recurring.start_recording,
        sources._check_articles_dir,
    ), priority=0),
    # Before furo's handler (the theme's setup runs after this extension's).
    Phase("builder-inited", (
        speed._render_titles_once,
        speed._keep_compiled_templates,
        search._replace_sphinx_search,  # before the builder would start Sphinx's own index
        generated._write_pages,  # category and tag pages exist before sources are found
        ebook._declare_properties_when_packed,
        design._add_category_css,
        editorial._check_settings,
        llmstxt._start,
    )),
    # Before Sphinx's own handler and its environment collectors: the collector stays quiet
    # from the first event of a build.
    Phase("env-get-outdated", (speed._collect_less,), priority=0),
    Phase("env-get-outdated", (
        recurring._read_again,
        sources._scan_articles,  # front matter read into the catalog, once a build
        design._drop_unused_tag_pages,
        editorial._check_articles,
        stale._note_removed,  # after every step that leaves a source out of the build
        interrupted._read_everything_again,  # after stale has noted the removed documents
    )),
    Phase("source-read", (
        confinedoc._refuse_parser_settings,  # before MyST reads the top matter's settings
        safesource._read_source,
    )),
    # Before Sphinx's environment collectors (500): its title collector reads the H1, its image
    # and download collectors note files to copy.
    Phase("doctree-read", (
        article._title_as_text,
        confinedoc._confine_files,
        links._refuse_links,
    ), priority=400),
    # After those collectors: Sphinx's metadata collector would overwrite the article.
    Phase("doctree-read", (
        mathml._render_math,
        diagrams._find_diagrams,
        codecheck._check_code_blocks,
        factsheet._check_article,
        uniquelabels._note_targets,
        incremental._collect_references,
        article._collect_article,
    )),
    Phase("env-get-updated", (
        uniquelabels._check_labels,
        incremental._pages_to_rewrite,
    )),
    # Before sphinx-last-updated-by-git's handler (500), which dates the pages.
    Phase("env-updated", (gitdates._date_again,), priority=400),
    # After it: its warnings about undated pages are gathered into one.
    Phase("env-updated", (
        sharecards._start_cards,
        gitdates._report,
        speed._freeze_what_reading_kept,
    ), priority=600),
    Phase("write-started", (
        ebook._leave_out_the_rest,
        navigation._prepare,
    )),
    Phase("doctree-resolved", (ebook._unlink_pages_left_out,)),
    # After every handler that changes a resolved doctree (sphinx-design's and
    # sphinx-notfound-page's, at 500): llms-full.txt keeps each article as its page is written.
    Phase("doctree-resolved", (llmstxt._remember,), priority=900),
    # After sphinx-notfound-page's handler (400), which makes the 404 page's pathto absolute;
    # before Sphinx's own (500) and sphinxext-opengraph's, which reads the og: fields set here.
    Phase("html-page-context", (
        meta._page_context,
        navigation._lend_toctree_away,  # furo renders no tree nobody shows
        ebook._book_page_context,
        sharecards._share_meta,
        notfound._page_context,
    ), priority=sphinx_notfound_page.PRIORITY + 50),
    # Before furo's handler (the theme's setup runs after this extension's).
    Phase("html-page-context", (
        series._page_context,
        codeassets._drop_code_assets,
        editlink._hide_on_generated_pages,
        redirects._note_page,
        diagrams._add_scripts,
        article._page_context,
        navigation._offer_sidebar,
    )),
    # After furo's handler, which would otherwise render the tree lent away above.
    Phase("html-page-context", (
        design._page_context,
        bylines._page_context,
        services._page_context,
        navigation._give_toctree_back,
    ), priority=furo.FURO_PRIORITY + 50),
    Phase("html-collect-pages", (search._search_page,)),
    # Before the standard domain's handler (500), which would print a bare 'undefined label'.
    Phase("warn-missing-reference", (references._explain_missing_reference,), priority=400),
    # Before furo's handler, as they ran when each had its own.
    Phase("build-finished", (
        llmstxt._pages_written,  # first: the feeds below resolve some articles again
        stale._delete_removed_pages,  # before redirect pages and other files are written
        search.write_index,  # before csp, which allows WebAssembly only for a search index
        bylines._copy_avatars,
        atomfeeds._write_feeds,
        design._write_robots_txt,
        sharecards._write_cards,
        redirects._write,
        llmstxt._write,
        diagrams._copy_mermaid,
        sitemap._write_sitemap,
        csp.write_headers,
    )),
    # After furo's handler (500), which writes the Pygments style sheets: a build is finished
    # only once every output is written, and warnings from every handler are recorded.
    Phase("build-finished", (
        diagrams._diagram_page_headers,
        speed._collect_as_before,
        recurring.stop_recording,
        interrupted._finish,
        folders._unlock,
        buildrun.close_run,
        folders._end_on_write_failure,  # last: it ends a build whose writes failed
    ), priority=900),
)

# Events whose handlers' results Sphinx reads, and how it reads them.
_JOINED = {"env-get-outdated", "env-get-updated", "env-updated", "html-collect-pages"}
_FIRST_ANSWER = {"html-page-context", "warn-missing-reference"}


def _runner(phase: Phase) -> Step:
    def run(app: Sphinx, *args: Any) -> Any:
        results = [step(app, *args) for step in phase.steps]
        answers = [result for result in results if result is not None]
        if phase.event in _JOINED:
            return [item for answer in answers for item in answer]
        if phase.event in _FIRST_ANSWER:
            return answers[0] if answers else None
        return None
    run.__qualname__ = run.__name__ = f"run_{phase.event.replace('-', '_')}_{phase.priority}"
    return run


def connect_pipeline(app: Sphinx) -> None:
    for phase in PHASES:
        app.connect(phase.event, _runner(phase), priority=phase.priority)
