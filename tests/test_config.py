"""Every fieldnotes_* setting and the site's address are checked in one place (fieldnotes/config.py):
a bad value is one warning naming conf.py (or the variable it came from), the value and the fix,
never a traceback, and a strict build fails on it every time until it is fixed."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from fieldnotes.config import (
    SETTINGS,
    SiteAddress,
    load_substitutions,
    setting_problem,
    site_url,
    site_url_problem,
)
from fieldnotes.integrations import furo
from fieldnotes.outputs import csp
from tests.building import configure, strict_cli_build
from tests.conftest import ROOTS

pytestmark = pytest.mark.xdist_group("config")

SCRIPT = "alert(1)"
HOSTILE_URL = f'https://x.org/"><script>{SCRIPT}</script>/'


# -- The site's address ---------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    HOSTILE_URL, "javascript:alert(1)//", "x", "None", "0", "", None, 0, "/docs/",
    "https://", "https://x.org/a b/", "https://x.org/\x1b/", "ftp://x.org/", "https://x.org/?q=1",
    "https://user@x.org/", "https://[::1/", "https://x.org:port/", "https://exämple.org/",
    "https://x.org/'/", "https://x_y.org/",
])
def test_a_bad_site_address_is_refused(url):
    assert site_url_problem(url) is not None


@pytest.mark.parametrize("url, path, host", [
    ("https://fieldnotes.example.org/", "/", "fieldnotes.example.org"),
    ("https://example.org", "/", "example.org"),
    ("http://example.org/docs/en/latest", "/docs/en/latest/", "example.org"),
    ("https://localhost:8000/", "/", "localhost"),
])
def test_every_spelling_of_the_address_comes_from_the_checked_one(url, path, host):
    assert site_url_problem(url) is None
    address = SiteAddress(site_url(url))
    assert address.url.endswith("/") and address.url.startswith(url.rstrip("/"))
    assert (address.path, address.host) == (path, host)


# -- Each setting: a default, a type, a check -----------------------------------------------

SETTING = {setting.name: setting for setting in SETTINGS}
BAD_VALUES = [
    ("fieldnotes_feed_length", 0), ("fieldnotes_feed_length", -1),
    ("fieldnotes_feed_length", "x"), ("fieldnotes_feed_length", None),
    ("fieldnotes_feed_length", True), ("fieldnotes_feed_content", "x"),
    ("fieldnotes_page_size", 0), ("fieldnotes_page_size", "60"),
    ("fieldnotes_sidebar", "tree"), ("fieldnotes_categories", ["gpu"]),
    ("fieldnotes_author", "Ada"), ("fieldnotes_author", {"name": "Ada"}),
    ("fieldnotes_show_drafts", "yes"),
    ("fieldnotes_substitutions_file", 3),
]


@pytest.mark.parametrize("name, value", BAD_VALUES)
def test_a_bad_setting_is_named_with_its_value_and_the_default_used(name, value):
    problem = setting_problem(SETTING[name], value)
    assert problem is not None and problem.startswith(f"{name} ")
    assert repr(value) in problem and f"using {SETTING[name].default!r}" in problem


def test_every_setting_has_a_default_that_passes_its_own_check_and_says_what_it_does():
    assert len(SETTING) == len(SETTINGS)
    for setting in SETTINGS:
        assert setting.name.startswith("fieldnotes_") and setting.doc
        assert setting_problem(setting, setting.default) is None, setting.name


# -- The substitutions file ------------------------------------------------------------------

@pytest.mark.parametrize("text, line, words", [
    ("---\nsubstitutions:\n  a: [unclosed\n---\n", 3, "not valid YAML"),
    ("---\nkinds: {}\n---\n", 2, "no 'substitutions:'"),
    ("---\nx: 1\nsubstitutions: [a, b]\n---\n", 3, "must be a mapping"),
    ("---\nsubstitutions:\n  a: {b: c}\n---\n", 2, "must be text"),
    ("---\nsubstitutions: &s\n  a: b\n---\n", 2, "anchor or alias"),
    ("no front matter\n", 1, "must open with a '---'"),
])
def test_a_bad_substitutions_file_is_reported_at_its_line(text, line, words):
    found, problems = load_substitutions("SERIES.md", text)
    assert [(p.path, p.line) for p in problems] == [("SERIES.md", line)]
    assert words in problems[0].message


# -- The policy hashes only scripts the theme and the extension write ------------------------

def test_the_policy_hashes_no_script_the_build_did_not_write(tmp_path):
    known = next(iter(furo.theme_scripts()))
    (tmp_path / "page.html").write_text(
        f"<html><head><script>{SCRIPT}</script></head><body><script>{known}</script>"
        f"{csp.BODY_START}<p>text</p>{csp.BODY_END}</body></html>")
    found = csp.site_inline_code(tmp_path, furo.theme_scripts())
    assert found.scripts == {known}
    assert [page for page, what in found.blocked if SCRIPT in what] == ["page.html"]
    assert csp.source_hash(SCRIPT) not in csp.policy(found)


# -- A build with every kind of bad setting at once ------------------------------------------

@dataclass(frozen=True)
class BadBuild:
    src: Path
    first: object
    second: object


BAD_SETTINGS = ['fieldnotes_feed_length = "x"', "fieldnotes_feed_content = 'x'",
                "fieldnotes_page_size = -1", 'fieldnotes_substitutions_file = "articles/SERIES.md"']
BAD_SHEET = "---\n# the figures\nsubstitutions:\n  claims: [unclosed\n---\n"


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory) -> BadBuild:
    """The test site with bad settings, a broken substitutions file and a hostile address from
    Read the Docs' variable, built twice with the strict command."""
    src = Path(shutil.copytree(ROOTS / "test-minisite", tmp_path_factory.mktemp("config") / "src"))
    for line in BAD_SETTINGS:
        configure(src, line)
    (src / "articles" / "SERIES.md").write_text(BAD_SHEET)
    configure(src, 'exclude_patterns = exclude_patterns + ["articles/SERIES.md"]')
    first = strict_cli_build(src, READTHEDOCS_CANONICAL_URL=HOSTILE_URL)
    second = strict_cli_build(src, READTHEDOCS_CANONICAL_URL=HOSTILE_URL)
    return BadBuild(src, first, second)


def test_bad_settings_fail_the_strict_build_every_time_without_a_traceback(bad_build):
    for result in (bad_build.first, bad_build.second):
        assert result.returncode != 0
        assert "Traceback" not in result.stderr + result.stdout
        assert "READTHEDOCS_CANONICAL_URL variable" in result.stderr


def test_each_bad_setting_is_one_warning_at_its_line_of_conf_py(bad_build):
    conf = bad_build.src / "conf.py"
    lines = conf.read_text().splitlines()
    warnings = bad_build.first.stderr
    for setting in BAD_SETTINGS[:3]:
        name = setting.split(" =")[0]
        line = lines.index(setting) + 1
        assert len(re.findall(rf"WARNING: {name} ", warnings)) == 1, warnings
        assert f"{conf}:{line}: WARNING: {name} " in warnings, warnings
    assert "fieldnotes_feed_content must be one of 'full', 'summary', not 'x'" in warnings


def test_a_bad_substitutions_file_is_named_at_its_line(bad_build):
    sheet = bad_build.src / "articles" / "SERIES.md"
    assert f"{sheet}:4: WARNING: front matter is not valid YAML" in bad_build.first.stderr


def test_a_hostile_site_address_never_reaches_a_page_or_the_policy(bad_build):
    out = bad_build.src / "_build" / "html"
    assert (out / "404.html").is_file()
    assert not [p for p in out.rglob("*") if p.is_file() and SCRIPT.encode() in p.read_bytes()]
    assert csp.source_hash(SCRIPT) not in (out / csp.HEADERS_FILE).read_text()
