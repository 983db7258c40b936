"""The engine on a small site: listings, banner, categories, labels, errors, escaping. Cases
that cannot meet share one build, each case in an article of its own."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from fieldnotes import pipeline
from fieldnotes.building import run as buildrun
from fieldnotes.listings.render import initials
from tests import siteconf
from tests.building import CaseBuild, build, card_titles, sidebar_titles, soup
from tests.conftest import ROOTS
from tests.seed import shown

# The module's tests share its one build of bad-input cases: one worker builds it,
# rather than every worker that runs one of its tests.
pytestmark = pytest.mark.xdist_group("engine")

QUEUE = "articles/04-queue-design.md"


@dataclass(frozen=True)
class Case:
    """One case of a family in the shared build: a copy of the queue article with a name,
    number and title of its own, that the case then changes."""
    stem: str  # its number, then its family and its place in the family
    text: str  # the copy as the case edits it
    appended: str = ""  # what the case adds at the end


def shared_cases(queue: str) -> dict[tuple[str, object], Case]:
    """Each case by family and parameter. Cases meet in no file: each changes only its own
    copy; the duplicate number meets 02-model-choice, as the queue article did in a site of
    its own."""
    changes = {
        "bad-front-matter": {edit: (edit, "") for edit, _message in FRONT_MATTER_EDITS},
        "broken-code": {(language, code): (None, f"\n```{language}\n{code}\n```\n")
                        for language, code, _line, _message in BROKEN_CODE},
        "single": {name: (None, appended) for name, appended in SINGLE_CASES.items()},
    }
    cases = {}
    for family, by_key in changes.items():
        for index, (key, (edit, appended)) in enumerate(by_key.items(), start=1):
            number = 10 + len(cases)  # after the minisite's own articles
            # Edited before it is renumbered: the duplicate-number case keeps its number 2,
            # and its file name starts with it, as a file name gives the article's number.
            text = queue.replace(*edit) if edit else queue
            stem = f"{number}-{family}-{index}"
            if "number: 4" in text:
                text = text.replace("number: 4", f"number: {number}")
            else:
                # Named after the article it meets, so the duplicate is reported at the case.
                number = int(re.search(r"^number: ([0-9]+)$", text, re.MULTILINE).group(1))
                stem = f"{number:02d}-renumbered-{family}-{index}"
            text = text.replace("title: Designing the Queue", f"title: Queue Case {number}")
            cases[family, key] = Case(stem, text, appended)
    return cases


# Tests of one case each (below), by what they try: what the case adds at the end.
SINGLE_CASES = {
    "broken reference": "\nSee {ref}`no-such-article`.\n",
    "raw html": "\n<script>alert('body')</script>\n",
    "code in another language": "\n```text\ndef broken(:\n```\n",
}


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> CaseBuild:
    """The minisite with each case's copy of the queue article, built once for the module."""
    src = Path(shutil.copytree(ROOTS / "test-minisite", tmp_path_factory.mktemp("engine") / "src"))
    cases = shared_cases((src / QUEUE).read_text())
    for case in cases.values():
        (src / "articles" / f"{case.stem}.md").write_text(case.text + case.appended)
    _, warnings = build(src)
    built = CaseBuild(src, warnings, cases)
    built.assert_each_warning_names_one_case()
    return built


@pytest.mark.sphinx("html", testroot="minisite")
def test_minisite_builds_without_warnings(app):
    app.build()
    assert app.warning.getvalue() == ""
    # What the build kept for itself ends with it.
    assert not buildrun.is_open(app)


@pytest.mark.sphinx("html", testroot="minisite")
def test_every_engine_handler_is_a_pipeline_phase(app):
    """The order of the engine's steps is read in pipeline.py alone: no module connects a
    handler of its own, and no step is listed twice."""
    ours = [(event, listener.handler) for event, listeners in app.events.listeners.items()
            for listener in listeners
            if getattr(listener.handler, "__module__", "").startswith("fieldnotes")]
    assert ours and all(handler.__module__ == pipeline.__name__ for _, handler in ours), ours
    assert len(ours) == len(pipeline.PHASES)
    steps = [(phase.event, step) for phase in pipeline.PHASES for step in phase.steps]
    assert len(steps) == len(set(steps))


@pytest.mark.parametrize(("author", "shown"), [
    ({"name": "Ada Lovelace", "role": ""}, {"avatar": "AL", "who": "Ada Lovelace"}),
    ({"name": "", "role": "Editor"}, {}),
    ({"name": "42", "role": ""}, {"who": "42"}),  # a name with no letter has no initials
])
def test_banner_without_a_role_or_a_name_draws_no_dot_and_no_empty_avatar(site, author, shown):
    out, warnings = build(site(), fieldnotes_author=author)
    assert warnings == ""
    banner = soup(out, "index.html").select_one(".fn-banner")
    parts = {name: banner.select_one(f".fn-banner-{name}") for name in ("avatar", "who", "sep")}
    assert {name: part.get_text() for name, part in parts.items() if part} == shown
    assert banner.select_one(".fn-banner-count").get_text() == "4 Articles"


def test_home_shows_featured_banner_and_numbered_grid(built):
    home = soup(built, "index.html")
    featured = home.select_one(".fn-card-featured")
    assert featured.select_one(".sd-card-title").get_text(strip=True) == "Overview of the Mini Site"
    assert card_titles(built, "index.html") == ["Choosing a Model", "Sizing a GPU", "Designing the Queue"]
    numbers = [n.get_text() for n in home.select(".fn-grid .fn-card-number")]
    assert numbers == ["02", "03", "04"]
    categories = [c.get_text() for c in home.select(".fn-grid .fn-card-category")]
    assert categories == ["Open Source", "GPU & Compute", "Infrastructure"]
    banner = home.select_one(".fn-banner")
    assert banner.select_one(".fn-banner-avatar").get_text() == initials(siteconf.fieldnotes_author["name"])
    author = siteconf.fieldnotes_author  # the small site builds with the real site's conf.py
    assert banner.select_one(".fn-banner-who").get_text() == f"{author['name']} · {author['role']}"
    assert banner.select_one(".fn-banner-count").get_text() == "4 Articles"


def test_every_card_links_to_its_article(built):
    home = soup(built, "index.html")
    links = [a["href"] for a in home.select(".fn-card a.sd-stretched-link")]
    assert links == [
        "articles/01-overview.html", "articles/02-model-choice.html",
        "articles/03-gpu-sizing.html", "articles/04-queue-design.html",
    ]
    for link in links:
        assert (built / link).exists()


def test_category_page_lists_its_articles_and_holds_their_toctree(built):
    assert card_titles(built, "categories/gpu-compute.html") == ["Sizing a GPU"]
    assert card_titles(built, "categories/ai-llms.html") == ["Overview of the Mini Site"]
    assert card_titles(built, "categories/production.html") == []
    sidebar = sidebar_titles(built, "articles/03-gpu-sizing.html")
    # Categories in the order conf.py gives them; only the page's own category lists its articles.
    assert sidebar == ["Open Source", "GPU & Compute", "Sizing a GPU", "AI & LLMs", "Production",
                       "Infrastructure", "Tags"]


def test_article_header_and_prev_next_follow_numbers(built):
    page = soup(built, "articles/03-gpu-sizing.html")
    header = page.select_one(".fn-article-header")
    assert header.select_one(".fn-article-header-category").get_text() == "GPU & Compute"
    assert header.select_one(".fn-article-header-category")["href"] == "../categories/gpu-compute.html"
    assert header.select_one(".fn-article-header-number").get_text() == "No. 03"
    assert header.select_one("time")["datetime"] == "2026-11-25"
    assert "min read" in header.get_text()
    assert page.select_one("a.prev-page")["href"] == "02-model-choice.html"
    assert page.select_one("a.next-page")["href"] == "04-queue-design.html"
    first = soup(built, "articles/01-overview.html")
    assert first.select_one("a.prev-page") is None


def test_labels_resolve_to_article_titles(built):
    page = soup(built, "articles/01-overview.html")
    refs = {a.get_text(): a["href"] for a in page.select("article a.reference.internal")}
    assert refs["Sizing a GPU"] == "03-gpu-sizing.html"
    assert refs["Designing the Queue"] == "04-queue-design.html"


def test_broken_reference_fails_with_file_and_line(shared):
    case = shared.cases["single", "broken reference"]
    warnings = shared.warnings_about(case)
    assert f"articles/{case.stem}.md:12: WARNING" in warnings
    assert "no-such-article" in warnings


FRONT_MATTER_EDITS = [
    (("category: infrastructure", "category: networking"), "unknown category 'networking'"),
    (("number: 4", "number: 2"), "duplicate number 2"),
    (("date: 2026-11-25", "date: yesterday"), "'date' must be an ISO date"),
    (("tags: [kafka]", "tags: [kafka]\ntittle: x"), "did you mean 'title'"),
]


@pytest.mark.parametrize(("edit", "message"), FRONT_MATTER_EDITS)
def test_bad_front_matter_is_a_warning_naming_file_line_and_fix(shared, edit, message):
    case = shared.cases["bad-front-matter", edit]
    path = shared.path(case)
    lines = [w for w in shared.warnings_about(case).splitlines() if message in w]
    assert lines, shared.warnings
    assert f"{path}:" in lines[0] and "WARNING" in lines[0]
    assert "[fieldnotes.frontmatter]" in lines[0]


def test_raw_html_is_not_passed_through(shared):
    assert "<script>alert" not in shared.page(shared.cases["single", "raw html"]).read_text()


def test_hostile_title_and_summary_are_escaped_everywhere(site):
    src = site()
    # A MyST role in a title is refused with its own message (tests/test_frontmatter_build.py).
    hostile_title = 'Queue <script>alert(1)</script> & "quotes" `x` *y* [z](w)'
    hostile_summary = "</p><img src=x onerror=alert(2)> *not bold* :::"
    path = src / "articles/04-queue-design.md"
    text = path.read_text()
    text = text.replace("title: Designing the Queue", f"title: '{hostile_title}'")
    text = text.replace("summary: Consumers that commit after work.", f"summary: '{hostile_summary}'")
    path.write_text(text)
    out, warnings = build(src)
    assert warnings == ""
    for page in ["index.html", "categories/infrastructure.html", "articles/04-queue-design.html",
                 "articles/03-gpu-sizing.html"]:
        html = (out / page).read_text()
        assert "<script>alert" not in html and "<img src=x" not in html, page
    assert shown(hostile_title) in card_titles(out, "index.html")  # with the quotes prose gets
    summaries = [p.get_text() for p in soup(out, "index.html").select(".fn-grid .fn-card-body .sd-card-text")]
    assert hostile_summary in summaries
    title = soup(out, "articles/04-queue-design.html").title.get_text()
    assert title.startswith(shown(hostile_title))


BROKEN_CODE = [
    ("python", "x = 1\ndef broken(:\n    pass", 2, "Python syntax error"),
    ("json", '{"a": 1,\n "b": }', 2, "JSON error"),
    ("yaml", "a: 1\nb: [2\nc: 3", 3, "YAML error"),
    ("toml", "a = 1\nb = ", 2, "TOML error"),
]


@pytest.mark.parametrize(("language", "code", "bad_line", "message"), BROKEN_CODE)
def test_code_block_that_does_not_parse_fails_with_line(shared, language, code, bad_line, message):
    case = shared.cases["broken-code", (language, code)]
    path = shared.path(case)
    fence_line = case.text.count("\n") + 2
    warnings = shared.warnings_about(case)
    assert f"{path}:{fence_line + bad_line}: WARNING: {language} code block does not parse" in warnings
    assert message in warnings and "[fieldnotes.code]" in warnings


def test_code_blocks_in_other_languages_are_not_checked(shared):
    assert shared.warnings_about(shared.cases["single", "code in another language"]) == ""
