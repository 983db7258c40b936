"""Author content is trusted but confined: no HTML from an article by any route, no file from
outside the project in the output, a CSP that never allows an article's code, math without a
CDN. Cases that cannot meet share one build, each in an article of its own; the rest are built
on their own. Every output file is searched for what must not leak."""

from __future__ import annotations

import os
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from fieldnotes.config import load_substitutions
from fieldnotes.model.nesting import MAX_NESTING
from fieldnotes.outputs import csp
from fieldnotes.safety.fileaccess import refusal
from fieldnotes.sources import articles_dir_problem
from tests import siteconf
from tests.building import CaseBuild, build
from tests.conftest import ROOTS
from tests.test_csp import _policy_of
from tests.test_html_valid import vnu_errors

# The module's tests share its builds of bad-input cases: one worker builds them,
# rather than every worker that runs one of its tests.
pytestmark = pytest.mark.xdist_group("confine")

SECRET = "fieldnotes-secret-9d27"
OUTSIDE_WIDTH = 4321  # of an image outside the project, which no figure may measure
SCRIPT = 'alert("fieldnotes-xss")'
ARTICLE = """---
title: {title}
number: {number}
category: infrastructure
date: 2026-11-25
summary: {summary}
tags: [kafka]
{extra}---

{body}
"""
ATOM = "{http://www.w3.org/2005/Atom}"


SUMMARY = "An article that tries every route out of its confinement."


def write_article(src, body: str, extra: str = "", stem: str = "05-hostile", number: int = 5,
                  title: str = "Hostile Article", summary: str = SUMMARY) -> None:
    """The article under test; its body starts on line 10, later after extra front matter."""
    text = ARTICLE.format(title=title, number=number, body=body, extra=extra, summary=summary)
    (src / "articles" / f"{stem}.md").write_text(text)


@pytest.fixture
def hostile(site, tmp_path):
    """Build the test root with one hostile article; a secret file lies outside the project."""
    (tmp_path / "secret.txt").write_text(SECRET)

    def run(body: str, extra: str = "", **confoverrides):
        src = site("confine")
        write_article(src, body, extra)
        return build(src, **confoverrides)

    return run


@dataclass(frozen=True)
class Case:
    """One case of a family in the shared build, in an article of its own."""
    stem: str  # its number, then its family and its place in the family
    number: int
    body: str
    extra: str = ""
    title: str = ""  # "" for a title of its own
    summary: str = SUMMARY


class SharedBuild(CaseBuild):
    """The confine root with every case that can share a build, built once."""

    @cached_property
    def parsed_pages(self) -> dict[str, BeautifulSoup]:
        """Every page, parsed once for all cases: the output does not change."""
        return {str(p.relative_to(self.out)): BeautifulSoup(p.read_text(), "html.parser")
                for p in self.out.rglob("*.html")}

    @cached_property
    def where_the_script_runs(self) -> list[str]:
        """Searched once for all cases."""
        return ([name for name, soup in self.parsed_pages.items()
                 if any(SCRIPT in s.get_text() for s in soup("script"))]
                + scripts_in_feeds(self.out, SCRIPT))

    @cached_property
    def refused_hrefs(self) -> list[str]:
        """Searched once for all link cases."""
        return refused_hrefs(self.parsed_pages)


def shared_cases() -> dict[tuple[str, object], Case]:
    """Each case by family and parameter (the families stand with their tests, below). Cases
    meet in no file: each changes only its own article's body and front matter, and no article
    refers to another case's file."""
    families = {
        "html-route": {route: (body, "") for route, body in HTML_ROUTES.items()},
        "top-matter": {settings: (f"<script>{SCRIPT}</script>", settings)
                       for settings in TOP_MATTER_SETTINGS},
        "file-route": {route: (body, "") for route, body in FILE_ROUTES.items()},
        "bad-latex": {(latex, problem): (f"Text.\n\nBad {{math}}`{latex}`.", "")
                      for latex, problem in BAD_LATEX},
        "absolute-path": {route: (body, "") for route, body in ABSOLUTE_PATHS.items()},
        "substitution": {route: (body, "") for route, body in SUBSTITUTIONS.items()},
        "link": {route: (body, "") for route, body in LINKS.items()},
        "diagram": {route: (body, "") for route, body in FETCHING_DIAGRAMS.items()},
        "single": SINGLE_CASES,
        "control": {char: (f"Text with {char} in it.\n\nA clean line.", "") for char in CONTROLS},
        "deep": {kind: (body, "") for kind, (body, _line) in DEEP.items()},
        "deep-code": {language: (f"```{language}\n{code}\n```", "")
                      for language, code in DEEP_CODE.items()},
        "at-the-limit": {kind: (body, "") for kind, body in AT_THE_LIMIT.items()},
        "deep-inline": {kind: (body, "") for kind, body in DEEP_INLINE.items()},
    }
    cases = {}
    for family, bodies in families.items():
        for index, (key, (body, extra)) in enumerate(bodies.items(), start=1):
            number = 10 + len(cases)  # after the root's own article, unique as a site needs
            cases[family, key] = Case(f"{number}-{family}-{index}", number, body, extra)
    for index, (key, (title, summary)) in enumerate(MARKDOWN_IN_FRONT_MATTER.items(), start=1):
        number = 10 + len(cases)
        cases["llms", key] = Case(f"{number}-llms-{index}", number, "Body.", "", title, summary)
    return cases


# Tests of one case each (below), by what they try: the article's body and extra front matter.
SINGLE_CASES = {
    "raw from a file": ("```{raw} html\n:file: ../../secret.txt\n```", ""),
    "refresh meta": ("Body.", 'html_meta:\n  "http-equiv=refresh": "0; url=https://elsewhere.example"\n'),
    "meta directive": ("```{eval-rst}\n.. meta::\n   :http-equiv=refresh: 0; "
                       "url=https://elsewhere.example\n```", ""),
    "download of git config": ("{download}`config <../.git/config>`", ""),
    "symlink": ("![a diagram](diagram.png)\n\n```{literalinclude} diagram.png\n```", ""),
    "files inside": ("```{csv-table}\n:file: data.csv\n```\n\n```{literalinclude} snippet.py\n```"
                     "\n\n```{include} /articles/snippet.py\n:literal:\n```", ""),
    "remote": ("![remote](https://example.org/a.png)\n\n"
               "```{csv-table}\n:url: https://example.org/x.csv\n```", ""),
    "figure width": ("```{figure} {outside}/wide.png\n:figwidth: image\n\nOutside.\n```", ""),
    "toctree": ("```{toctree}\n/index\n```\n\n:::{fieldnotes-toctree}\n:::", ""),
    "math": ("Inline {math}`a^2 < b_1`.\n\n```{math}\n:label: sum\n"
             "x = \\frac{1}{2}\n\ny = 2 \\\\ z = 3\n```", ""),
    "dollar math": ("Squared: $x^2$.\n\n$$\n\\frac{a}{b}\n$$\n\n"
                    "Prices stay text: $800 to $1,500 a month, $5 and $10, a $ 3 $ space.", ""),
}


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> SharedBuild:
    """The shared build. A secret file lies outside the project, and another in its `.git`
    folder; an article's symlink points at the first; the project has files of its own to
    include. A case's body names the folder outside the project as {outside}."""
    base = tmp_path_factory.mktemp("confine-shared")
    (base / "secret.txt").write_text(SECRET)
    src = Path(shutil.copytree(ROOTS / "test-confine", base / "src"))
    (src / ".git").mkdir()
    (src / ".git" / "config").write_text(SECRET)
    os.symlink(base / "secret.txt", src / "articles" / "diagram.png")
    (src / "articles" / "data.csv").write_text("name,value\nkept-cell,1\n")
    (src / "articles" / "snippet.py").write_text("print('kept-snippet')\n")
    Image.new("RGB", (OUTSIDE_WIDTH, 1)).save(base / "wide.png")
    cases = shared_cases()
    for case in cases.values():
        write_article(src, case.body.replace("{outside}", str(base)), case.extra, case.stem,
                      case.number, case.title or f"Hostile Article {case.number}", case.summary)
    _, warnings = build(src)
    built = SharedBuild(src, warnings, cases)
    built.assert_each_warning_names_one_case()
    return built


def leaks(out, text: str) -> list[str]:
    """Every output file (pages, feeds, _downloads, _images, search index) holding ``text``."""
    return sorted(str(p.relative_to(out)) for p in out.rglob("*")
                  if p.is_file() and text.encode() in p.read_bytes())


def has_script(html: str, text: str) -> bool:
    """Whether ``html`` has a <script> element holding ``text``, as HTML parsers see it."""
    return any(text in s.get_text() for s in BeautifulSoup(html, "html.parser")("script"))


def runs_script(page: Path, text: str) -> bool:
    return has_script(page.read_text(), text)


def scripts_running(out, text: str) -> list[str]:
    """Pages and feed entries with a <script> element holding ``text``."""
    return ([str(p.relative_to(out)) for p in out.rglob("*.html") if runs_script(p, text)]
            + scripts_in_feeds(out, text))


def scripts_in_feeds(out, text: str) -> list[str]:
    """Feeds with an entry whose content has a <script> element holding ``text``."""
    found = []
    for feed in out.rglob("*.xml"):
        for content in ET.parse(feed).getroot().iter(f"{ATOM}content"):
            if has_script(content.text or "", text):
                found.append(str(feed.relative_to(out)))
    return found


# -- No HTML from an article by any route --------------------------------------------------

HTML_ROUTES = {
    "myst raw": f"```{{raw}} html\n<script>{SCRIPT}</script>\n```",
    "eval-rst raw": f"```{{eval-rst}}\n.. raw:: html\n\n   <script>{SCRIPT}</script>\n```",
    "raw role": f"{{raw}}`<script>{SCRIPT}</script>`",
    "rst role made from raw": ("```{eval-rst}\n.. role:: html(raw)\n   :format: html\n\n"
                               f":html:`<script>{SCRIPT}</script>`\n```"),
    "only": f"````{{only}} html\n```{{raw}} html\n<script>{SCRIPT}</script>\n```\n````",
}


@pytest.mark.parametrize("route", HTML_ROUTES)
def test_no_html_passes_through(shared, route):
    case = shared.cases["html-route", route]
    warnings = shared.warnings_about(case)
    assert f"{case.stem}.md:" in warnings
    assert "is refused" in warnings and "fenced code block" in warnings
    assert not runs_script(shared.page(case), SCRIPT)
    assert SCRIPT not in shared.page(case).read_text()
    assert shared.where_the_script_runs == []
    assert leaks(shared.out, SCRIPT) == []


def test_raw_from_a_file_is_refused_too(shared):
    case = shared.cases["single", "raw from a file"]
    warnings = shared.warnings_about(case)
    assert f"{case.stem}.md:10: WARNING: the 'raw' directive is refused" in warnings
    assert leaks(shared.out, SECRET) == []


TOP_MATTER_SETTINGS = [
    "myst:\n  disable_syntax: []\n",
    "x: &settings\n  disable_syntax: []\nmyst: *settings\n",
]


@pytest.mark.parametrize("settings", TOP_MATTER_SETTINGS)
def test_top_matter_cannot_switch_raw_html_back_on(shared, settings):
    case = shared.cases["top-matter", settings]
    warnings = shared.warnings_about(case)
    assert "front matter key 'myst' changes how the page is parsed" in warnings
    assert not runs_script(shared.page(case), SCRIPT)
    assert shared.where_the_script_runs == []


def test_top_matter_cannot_write_a_refresh_meta(shared):
    case = shared.cases["single", "refresh meta"]
    warnings = shared.warnings_about(case)
    assert f"{case.stem}.md:8: WARNING: front matter key 'html_meta'" in warnings
    assert leaks(shared.out, "elsewhere.example") == []


def test_meta_directive_is_refused(shared):
    warnings = shared.warnings_about(shared.cases["single", "meta directive"])
    assert "the 'meta' directive is refused" in warnings
    assert leaks(shared.out, "elsewhere.example") == []


# -- No file outside the project reaches the output ----------------------------------------

FILE_ROUTES = {
    "literalinclude": "```{literalinclude} ../../secret.txt\n```",
    "literalinclude :diff:": "```{literalinclude} 01-overview.md\n:diff: ../../secret.txt\n```",
    "include": "```{include} ../../secret.txt\n```",
    "include :literal:": "```{include} ../../secret.txt\n:literal:\n```",
    "include :code:": "```{include} ../../secret.txt\n:code: text\n```",
    "rst include": "```{eval-rst}\n.. include:: ../../secret.txt\n```",
    "rst include :literal:": "```{eval-rst}\n.. include:: ../../secret.txt\n   :literal:\n```",
    "csv-table :file:": "```{csv-table}\n:file: ../../secret.txt\n```",
    "download": "{download}`the file <../../secret.txt>`",
    "image": "```{image} ../../secret.txt\n```",
    "figure": "```{figure} ../../secret.txt\nA caption.\n```",
    "markdown image": "![an image](../../secret.txt)",
    "rst image": "```{eval-rst}\n.. image:: ../../secret.txt\n```",
}


@pytest.mark.parametrize("route", FILE_ROUTES)
def test_no_file_outside_the_project_reaches_the_output(shared, route):
    case = shared.cases["file-route", route]
    warnings = shared.warnings_about(case)
    assert f"{case.stem}.md:1" in warnings  # the article's own line, 10 or later
    assert "'../../secret.txt' is outside the project folder: copy" in warnings
    assert SECRET not in shared.page(case).read_text()
    assert leaks(shared.out, SECRET) == []


# A path that starts with '/' counts from the project folder: never the computer's root.
ABSOLUTE_PATHS = {
    "csv-table :file:": "```{csv-table}\n:file: {outside}/secret.txt\n```",
    "rst csv-table :file:": "```{eval-rst}\n.. csv-table::\n   :file: {outside}/secret.txt\n```",
    "include": "```{include} {outside}/secret.txt\n```",
    "literalinclude": "```{literalinclude} {outside}/secret.txt\n```",
    "literalinclude :diff:": "```{literalinclude} 01-overview.md\n:diff: {outside}/secret.txt\n```",
    "image": "```{image} {outside}/secret.txt\n```",
    "download": "{download}`the file <{outside}/secret.txt>`",
}
READERS_THAT_CHECK = {"csv-table :file:", "rst csv-table :file:", "include", "literalinclude",
                      "literalinclude :diff:"}


@pytest.mark.parametrize("route", ABSOLUTE_PATHS)
def test_an_absolute_path_is_never_read_from_the_computers_root(shared, route):
    case = shared.cases["absolute-path", route]
    warnings = shared.warnings_about(case)
    if route in READERS_THAT_CHECK:
        line = 11 if route.startswith("rst") else 10
        assert (f"{case.stem}.md:{line}: WARNING: ") in warnings
        assert (f"'{shared.src.parent}/secret.txt' names no file in the project (a path that "
                "starts with '/' counts from the project folder): copy") in warnings
    else:
        assert f"{case.stem}.md:10: WARNING: " in warnings  # Sphinx's: the file is not there
    assert SECRET not in shared.page(case).read_text()
    assert leaks(shared.out, SECRET) == []


def test_download_of_git_config_is_refused(shared):
    case = shared.cases["single", "download of git config"]
    warnings = shared.warnings_about(case)
    assert (f"{case.stem}.md:10: WARNING: download '../.git/config' is inside the hidden folder "
            "'.git'") in warnings
    assert leaks(shared.out, SECRET) == []


def test_a_symlink_inside_the_project_that_points_outside_is_refused(shared):
    warnings = shared.warnings_about(shared.cases["single", "symlink"])
    assert "image 'diagram.png' is outside the project folder" in warnings
    assert "literalinclude 'diagram.png' is outside the project folder" in warnings
    assert leaks(shared.out, SECRET) == []


def test_a_toctree_in_an_article_is_refused(shared):
    """Listing the home page or the categories would loop back to the article: a crash."""
    warnings = shared.warnings_about(shared.cases["single", "toctree"]).splitlines()
    assert len(warnings) == 2
    assert all(": WARNING: a toctree in an article is refused" in w for w in warnings)
    assert ".md:10: " in warnings[0]


def test_files_inside_the_project_still_work(shared):
    case = shared.cases["single", "files inside"]
    assert shared.warnings_about(case) == ""
    page = shared.page(case).read_text()
    assert "kept-cell" in page and page.count("kept-snippet") == 2


def test_a_figure_measures_no_image(shared):
    case = shared.cases["single", "figure width"]
    warnings = shared.warnings_about(case)
    assert f"{case.stem}.md:10: WARNING: figure :figwidth: is refused" in warnings
    assert leaks(shared.out, f"{OUTSIDE_WIDTH}px") == []


def test_remote_images_and_csv_urls_are_refused(shared):
    case = shared.cases["single", "remote"]
    warnings = shared.warnings_about(case)
    assert f"{case.stem}.md:10: WARNING: remote image 'https://example.org/a.png' is refused" in warnings
    assert f"{case.stem}.md:12: WARNING: csv-table :url: is refused" in warnings
    assert leaks(shared.out, "example.org/a.png") == []


@pytest.mark.parametrize("path, reason", [
    ("../secret.txt", "outside the project folder"),
    ("articles/.hidden/x.png", "hidden folder '.hidden'"),
    (".git/config", "hidden folder '.git'"),
    ("_build/html/index.html", "'_build', which the build excludes"),
    ("node_modules/pkg/x.js", "'node_modules', which the build excludes"),
    ("tests/x.csv", "'tests', which the build excludes"),
    ("articles/README.md", "'articles/README.md', which the build excludes"),
])
def test_file_access_policy_refuses(tmp_path, path, reason):
    root = tmp_path / "project"
    root.mkdir()
    assert reason in refusal(root / path, root, ["tests", "articles/README.md"])


def test_file_access_policy_follows_symlinks(tmp_path):
    root = tmp_path / "project"
    (root / "articles").mkdir(parents=True)
    (root / "articles" / "ok.png").write_text("x")
    (root / "articles" / "link.png").symlink_to(tmp_path / "outside.png")
    (root / "articles" / "to-git").symlink_to(root / ".git")
    assert refusal(root / "articles" / "ok.png", root) is None
    assert refusal(root / "articles" / "../articles/ok.png", root) is None
    assert "outside" in refusal(root / "articles" / "link.png", root)
    assert ".git" in refusal(root / "articles" / "to-git" / "config", root)


def test_no_output_file_holds_a_file_from_outside_the_project(shared):
    """The canary: the secret next to the project, which every case of the shared build tries
    to read by its own route, is in no page, feed, download, image, llms-full.txt or search
    index file."""
    assert (shared.src.parent / "secret.txt").read_text() == SECRET
    assert leaks(shared.out, SECRET) == []


# -- A substitution names a value, and runs nothing ----------------------------------------

# The site's first substitution, as the test root reads it.
NAME, VALUE = next(iter(load_substitutions(
    siteconf.fieldnotes_substitutions_file,
    Path(siteconf.fieldnotes_substitutions_file).read_text(encoding="utf-8"))[0].items()))
BUILTINS = "env.__class__.__init__.__globals__['__builtins__']"
SUBSTITUTIONS = {
    "runs a command": f"{{{{ {BUILTINS}['__import__']('os').system('touch {{outside}}/pwned') }}}}",
    "reads a host file": f"Host: {{{{ {BUILTINS}['open']('{{outside}}/secret.txt').read() }}}}",
    "shows the build folder": "Built in {{ env.srcdir }}.",
    "undefined": "Claims: {{ not_a_value }}.",
    "a filter": f"Loud: {{{{ {NAME} | upper }}}}.",
    "named": f"Claims: {{{{ {NAME} }}}}.",
}


@pytest.mark.parametrize("route", [r for r in SUBSTITUTIONS if r != "named"])
def test_a_substitution_that_is_not_a_plain_name_is_refused(shared, route):
    case = shared.cases["substitution", route]
    warnings = shared.warnings_about(case)
    assert f"{case.stem}.md:10: WARNING: substitution " in warnings
    assert ("Substitutions may only name a value from "
            f"{siteconf.fieldnotes_substitutions_file}'s front matter 'substitutions', as "
            f"{{{{ name }}}}: ") in warnings and NAME in warnings
    assert not (shared.src.parent / "pwned").exists() and not (shared.src / "pwned").exists()
    assert leaks(shared.out, SECRET) == []
    assert leaks(shared.out, str(shared.src)) == []


def test_an_undefined_substitution_says_what_may_be_named(shared):
    warnings = shared.warnings_about(shared.cases["substitution", "undefined"])
    assert "WARNING: substitution 'not_a_value' is not defined. Substitutions may only" in warnings


def test_a_named_substitution_is_filled_in(shared):
    case = shared.cases["substitution", "named"]
    assert shared.warnings_about(case) == ""
    assert f"Claims: {VALUE}." in shared.page(case).read_text()


# -- Links lead only to web pages, mail addresses and the site -------------------------------

LINKS = {
    "rst javascript": "```{eval-rst}\n`x <javascript:linked(1)>`_\n```",
    "rst anonymous target": "```{eval-rst}\nSee `x`__.\n\n__ JavaScript:linked(1)\n```",
    "rst data": "```{eval-rst}\n`x <data:text/html,linked(1)>`_\n```",
    "rst scheme over two lines": "```{eval-rst}\n`x <java\nscript:linked(1)>`_\n```",
    "markdown": "[x](javascript:linked(1)) and <javascript:linked(1)> and [y](vbscript:z)",
    "allowed": "[web](https://example.org/a) [mail](mailto:a@example.org) [page](01-overview.md)",
}


def refused_hrefs(pages: dict[str, BeautifulSoup]) -> list[str]:
    """Each href in any page that a browser would run or open as a document of its own."""
    found = []
    for name, page in pages.items():
        for link in page("a", href=True):
            scheme = "".join(link["href"].split()).lower().partition(":")[0]
            if scheme in ("javascript", "data", "vbscript"):
                found.append(f"{name}: {link['href']}")
    return found


@pytest.mark.parametrize("route", [r for r in LINKS if r.startswith("rst")])
def test_a_link_to_a_script_is_refused_with_its_line(shared, route):
    case = shared.cases["link", route]
    warnings = shared.warnings_about(case)
    assert f"{case.stem}.md:11: WARNING: a link to '" in warnings
    assert "is refused: a link may lead only to an http, https or mailto address" in warnings
    assert "linked(1)" not in shared.page(case).read_text()
    assert shared.refused_hrefs == []


def test_markdown_links_to_scripts_are_no_links_and_are_refused_with_their_line(shared):
    case = shared.cases["link", "markdown"]
    warnings = shared.warnings_about(case).splitlines()
    refused = [line for line in warnings if f"{case.stem}.md:10: WARNING: a link to '" in line
               and "the page shows it as plain text: remove it" in line]
    assert len(refused) == len(warnings) == 3  # the link, the autolink, the vbscript: link
    page = BeautifulSoup(shared.page(case).read_text(), "html.parser")
    assert "linked(1)" in page.get_text()  # shown as the text it is
    assert shared.refused_hrefs == []


def test_links_to_web_pages_mail_and_the_site_are_kept(shared):
    case = shared.cases["link", "allowed"]
    assert shared.warnings_about(case) == ""
    page = BeautifulSoup(shared.page(case).read_text(), "html.parser")
    hrefs = [a["href"] for a in page.select("article a.reference")]
    assert "https://example.org/a" in hrefs and "01-overview.html" in hrefs
    assert any(h.startswith("mailto:") for h in hrefs)


# -- llms.txt shows titles and summaries as text ---------------------------------------------

MARKDOWN_IN_FRONT_MATTER = {
    "link in the title": ("Click](javascript:alert(1)) here [x", SUMMARY),
    "tag in the title and summary": ("A <script>alert(1)</script> title",
                                     "A summary <img src=x onerror=alert(1)> with *markup*."),
}


def test_llms_txt_writes_titles_and_summaries_as_text(shared):
    from markdown_it import MarkdownIt

    for name in ("llms.txt", "llms-full.txt"):
        html = MarkdownIt("commonmark").render((shared.out / name).read_text())
        soup = BeautifulSoup(html, "html.parser")
        assert not soup("script") and not soup("img"), name
        assert not any("javascript" in a["href"] for a in soup("a", href=True)), name
        text = soup.get_text()
        for title, summary in MARKDOWN_IN_FRONT_MATTER.values():
            assert title in text and summary in text, name


# -- Diagrams fetch nothing ----------------------------------------------------------------

def mermaid(source: str) -> str:
    return f"```mermaid\n{source}\n```"


EVIL = "https://evil.example/p.png"
FETCHING_DIAGRAMS = {
    "image in a label": mermaid(f"graph LR\n  A[\"<img src='{EVIL}'>\"] --> B"),
    "css url": mermaid(f"graph LR\n  A --> B\n  classDef c fill:url({EVIL})"),
    "image shape": mermaid("graph LR\n  A --> B\n"
                           "  B@{ img: \"https:\\x2f\\x2fevil.example/p.png\" }"),
    "settings": mermaid("%%{init: {'themeCSS': 'x {background: red}'}}%%\ngraph LR\n  A --> B"),
    "address in a label": mermaid(f"graph LR\n  A[see {EVIL}] --> B"),
}
DIAGRAM_LINES = {"image in a label": 12, "css url": 13, "image shape": 13, "settings": 11,
                 "address in a label": 12}


@pytest.mark.parametrize("route, line", DIAGRAM_LINES.items())
def test_a_diagram_that_could_fetch_is_refused_with_its_line(shared, route, line):
    case = shared.cases["diagram", route]
    warnings = shared.warnings_about(case)
    assert f"{case.stem}.md:{line}: WARNING: a mermaid diagram may not hold '" in warnings
    assert "write #lt; or #gt;" in warnings
    assert "fn-diagram" not in shared.page(case).read_text()  # left out: mermaid never sees it
    assert leaks(shared.out, "evil.example") == []


# -- The CSP hashes only the theme's and the extension's inline code -----------------------

def test_csp_never_hashes_inline_code_in_a_page_body(site):
    out, warnings = build(site("confine"), test_body_script=SCRIPT)
    assert "in the page's body runs inline code that the Content-Security-Policy blocks" in warnings
    policy = _policy_of(out)
    assert csp.source_hash(SCRIPT) not in policy
    for page in out.rglob("*.html"):
        _theme, body = csp.page_parts(page.read_text())
        found = csp.inline_code(body)
        for code in found.scripts | found.styles | found.style_attributes:
            assert csp.source_hash(code) not in policy, page


def test_page_parts_keeps_the_theme_and_sets_the_body_apart():
    page = (f"<script>theme()</script>{csp.BODY_START}<script>{SCRIPT}</script><p onclick=x>"
            f"{csp.BODY_END}<style>p {{}}</style>")
    theme, body = csp.page_parts(page)
    assert csp.inline_code(theme).scripts == {"theme()"}
    assert csp.inline_code(theme).styles == {"p {}"}
    assert [what for _page, what in csp.body_code(body, "p.html")] == [
        "<p onclick=...>", "<script>'alert(\"fieldnotes-xss\")'... in the page's body"]


# -- Parsing is bounded: no control character reaches an output, no nesting past the limit ----

# Vertical tab, escape, form feed, start of heading, a C1 control, DEL.
CONTROLS = ["\x0b", "\x1b", "\x0c", "\x01", "\x85", "\x7f"]
# Each kind nested 200 deep, and the line of the article where it first passes the limit.
_LEVELS = 200
DEEP = {
    "block quote": (">" * _LEVELS + " deep", 10),
    "list": ("".join("  " * i + "- item\n" for i in range(_LEVELS)), 10 + MAX_NESTING),
    "colon fences": ("".join(":" * (_LEVELS + 3 - i) + "{note}\n" for i in range(_LEVELS)) + "x\n"
                     + "".join(":" * (4 + i) + "\n" for i in range(_LEVELS)), 10 + MAX_NESTING),
    "eval-rst containers": ("```{eval-rst}\n" + "".join("   " * i + ".. container::\n\n"
                                                       for i in range(_LEVELS))
                            + "   " * _LEVELS + "x\n```", 11 + 2 * MAX_NESTING),
}
# Code that parsers recurse into, past Python's recursion limit or for seconds.
DEEP_CODE = {
    "json": "[" * 2000,
    "toml": "a = " + "[" * 2000,
    "python": "-" * 5000 + "1",
    "yaml": "".join("  " * i + "a:\n" for i in range(_LEVELS)),
}
# Inline markup hundreds deep: MyST's syntax tree, or the pickling of the page's tree, would
# recurse past Python's limit.
DEEP_INLINE = {
    "emphasis": "".join("*a _b " for _ in range(300)) + "core" + "".join("_ b* a" for _ in range(300)),
    "strong": "**" * 200 + "core" + "**" * 200,
}
AT_THE_LIMIT = {
    "blockquote": "> " * MAX_NESTING + "kept-deepest",
    "ul": "".join("  " * i + f"- level {i}\n" for i in range(MAX_NESTING - 1)) + "  " * (MAX_NESTING - 1)
          + "- kept-deepest",
}


@pytest.mark.parametrize("char", CONTROLS)
def test_a_control_character_is_refused_at_its_line(shared, char):
    case = shared.cases["control", char]
    warnings = shared.warnings_about(case)
    assert f"{case.stem}.md:10: WARNING: the control character U+{ord(char):04X}" in warnings
    assert "remove it" in warnings and len(warnings.splitlines()) == 1
    assert char not in shared.page(case).read_text()
    for feed in shared.out.rglob("*.xml"):
        ET.parse(feed)  # raises on a character XML forbids


@pytest.mark.parametrize("kind", DEEP)
def test_nesting_past_the_limit_is_refused_at_its_line(shared, kind):
    case = shared.cases["deep", kind]
    _body, line = DEEP[kind]
    warnings = shared.warnings_about(case)
    assert f"{case.stem}.md:{line}: WARNING: this line is nested more than {MAX_NESTING} levels" \
        in warnings, warnings
    assert len(warnings.splitlines()) == 1


@pytest.mark.parametrize("language", DEEP_CODE)
def test_deeply_nested_code_is_a_warning_not_a_traceback(shared, language):
    case = shared.cases["deep-code", language]
    warnings = shared.warnings_about(case)
    assert f"{case.stem}.md:1" in warnings and f"{language} code block does not parse" in warnings
    assert "nest" in warnings and len(warnings.splitlines()) == 1


@pytest.mark.parametrize("kind", DEEP_INLINE)
def test_inline_markup_nested_too_deep_is_a_warning_not_a_traceback(shared, kind):
    case = shared.cases["deep-inline", kind]
    warnings = shared.warnings_about(case)
    assert f"{case.stem}.md:10: WARNING: this page nests inline markup" in warnings, warnings
    assert len(warnings.splitlines()) == 1
    page = BeautifulSoup(shared.page(case).read_text(), "html.parser")
    assert page.h1 is not None and "core" not in page.get_text()


@pytest.mark.parametrize("tag", AT_THE_LIMIT)
def test_nesting_at_the_limit_keeps_every_level(shared, tag):
    case = shared.cases["at-the-limit", tag]
    assert shared.warnings_about(case) == ""
    deepest = BeautifulSoup(shared.page(case).read_text(), "html.parser").find(
        string=re.compile("kept-deepest"))
    assert deepest is not None and len(deepest.find_parents(tag)) == MAX_NESTING


# -- Math without a CDN ---------------------------------------------------------------------

def test_dollar_math_is_math_and_prices_stay_text(shared):
    case = shared.cases["single", "dollar math"]
    assert shared.warnings_about(case) == ""
    soup = BeautifulSoup(shared.page(case).read_text(), "html.parser")
    assert len(soup("math")) == 2 and soup.find("msup") and soup.find("mfrac")
    text = soup.select_one("article[role=main]").get_text(" ")
    assert "$800 to $1,500 a month, $5 and $10, a $ 3 $ space" in " ".join(text.split())


def test_math_is_mathml_with_no_script(shared):
    case = shared.cases["single", "math"]
    assert shared.warnings_about(case) == ""
    page = shared.page(case).read_text()
    soup = BeautifulSoup(page, "html.parser")
    assert len(soup("math")) == 3 and soup.find("msup") and soup.find("mfrac")
    assert not any("mathjax" in (s.get("src") or "").lower() for p in shared.out.rglob("*.html")
                   for s in BeautifulSoup(p.read_text(), "html.parser")("script"))
    assert vnu_errors([shared.page(case)]) == []


BAD_LATEX = [
    ("a^", "missing super script or subscript"),
    ("\\left(", "no available tokens"),
    ("\\unknowncommand", "unknown LaTeX command \\unknowncommand"),
    ("\\href{javascript:alert(1)}{x}", "a formula may not carry href"),
    ("\\style{color:red}{x}", "a formula may not carry style"),
]


@pytest.mark.parametrize("latex, problem", BAD_LATEX)
def test_bad_latex_is_a_warning_with_its_line(shared, latex, problem):
    case = shared.cases["bad-latex", (latex, problem)]
    warnings = shared.warnings_about(case)
    assert f"{case.stem}.md:12: WARNING: math does not convert ({problem}" in warnings
    assert 'href="javascript:' not in shared.page(case).read_text()


def test_text_in_math_is_escaped(hostile):
    """Built on its own: its page shows the script's words as text, which the shared build's
    HTML routes must find in no output file."""
    out, warnings = hostile(f"{{math}}`\\text{{<script>{SCRIPT}</script>}}`")
    assert warnings == ""
    assert scripts_running(out, SCRIPT) == []


def test_markdown_in_a_hidden_folder_never_becomes_a_page(site):
    """A second virtualenv, a tool's cache or an author's hidden notes: never read, never output."""
    src = site()
    for folder in (".venv-other/lib/pkg", "articles/.notes"):
        (src / folder).mkdir(parents=True)
        (src / folder / "readme.md").write_text("# Not a page\n\nSECRET\n", encoding="utf-8")
    out, warnings = build(src)
    assert warnings == ""
    assert not (out / ".venv-other").exists() and not (out / "articles/.notes").exists()
    assert not any("SECRET" in p.read_text(errors="replace") for p in out.rglob("*") if p.is_file())


@pytest.mark.parametrize("folder", ["../..", "/tmp", ""])
def test_articles_dir_outside_the_project_is_refused(folder):
    assert articles_dir_problem(folder) is not None
    assert articles_dir_problem("articles") is None and articles_dir_problem("notes/") is None


def test_articles_are_never_read_from_outside_the_project(site, tmp_path):
    """An articles folder set outside the project would read, and publish, what lies there."""
    (tmp_path / "99-outside.md").write_text(f"---\ntitle: x\n---\n\n{SECRET}\n")
    out, warnings = build(site("confine"), fieldnotes_articles_dir="..")
    assert "WARNING: fieldnotes_articles_dir '..' is outside the project" in warnings
    assert leaks(out, SECRET) == []
