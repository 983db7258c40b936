"""The Content-Security-Policy in the built `_headers` file: what it allows, and that the site
works in Chromium with it enforced."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest

from fieldnotes.integrations import furo
from fieldnotes.outputs import csp
from tests.browser import (
    PageLog,
    logged_turn,
    parse_headers_file,
    search_for,
    search_results,
    serve,
    violation_recording_context,
)
from tests.siteconf import REPO
from tests.sitepages import body_only_word

# One Chromium and one server for these tests: they run on one worker (`--dist loadgroup`).
pytestmark = pytest.mark.xdist_group("csp")

PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>t</title><style>p { color: rgb(1, 2, 3); }</style></head>
<body><p style="margin: 0">x</p><script>document.body.dataset.ran = "yes";</script>
{extra}</body></html>
"""


def _policy_of(outdir) -> str:
    rules = parse_headers_file((outdir / csp.HEADERS_FILE).read_text())
    return dict(rules)["/*"]["Content-Security-Policy"]


def test_inline_code_is_found_and_scripts_with_src_or_data_are_not():
    found = csp.inline_code(PAGE.replace("{extra}", '<script src="a.js"></script>'
                                         '<script type="application/ld+json">{"a": 1}</script>'))
    assert found.scripts == {'document.body.dataset.ran = "yes";'}
    assert found.styles == {"p { color: rgb(1, 2, 3); }"}
    assert found.style_attributes == {"margin: 0"}
    assert found.blocked == []


def test_line_endings_are_hashed_as_the_browser_parses_them():
    assert (csp.inline_code("<script>a\r\nb\rc</script>").scripts
            == csp.inline_code("<script>a\nb\nc</script>").scripts)


@pytest.mark.parametrize("markup", ['<button onclick="go()">', '<a href="javascript:go()">'])
def test_code_no_hash_can_allow_is_reported(markup):
    assert csp.inline_code(markup, "page.html").blocked


def test_policy_is_strict():
    policy = csp.policy(csp.inline_code(PAGE.replace("{extra}", "")))
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["script-src"].split()[0] == "'self'"
    assert len(directives["script-src"].split()) == 2  # 'self' and the one inline script's hash
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert directives["object-src"] == "'none'"


class _Reference(HTMLParser):
    """The standard library's HTML parser finding the same things: slower, so only an oracle."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = csp.InlineCode()
        self._open, self._text = None, []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        kind = (values.get("type") or "").strip().lower()
        if tag == "style" or (tag == "script" and "src" not in values
                              and kind in csp.RUNNABLE_SCRIPT_TYPES):
            self._open, self._text = tag, []
        if values.get("style") is not None:
            self.found.style_attributes.add(values["style"])
        for name, value in attrs:
            if name.startswith("on") and len(name) > 2:
                self.found.blocked.append(("", f"<{tag} {name}=...>"))
            elif name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                    "javascript:"):
                self.found.blocked.append(("", f'<{tag} {name}="javascript:...">'))

    def handle_data(self, data):
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == self._open:
            (self.found.scripts if tag == "script" else self.found.styles).add("".join(self._text))
            self._open = None


def _reference(markup: str) -> csp.InlineCode:
    parser = _Reference()
    parser.feed(markup.replace("\r\n", "\n").replace("\r", "\n"))
    parser.close()
    return parser.found


TRICKY = [
    '<a title="a > b" style="color: red">x</a><SCRIPT>let a = "<p>";</SCRIPT>',
    "<div title='x style=y' data-x=\"onclick=z\">text with style= and onload= in it</div>",
    '<!-- <script>commented()</script> --><script type="module">m()</script>',
    '<script type="application/ld+json">{"a": "</p>"}</script><script src=x.js></script>',
    '<img src=a.png onerror=bad()><form action="JavaScript:void(0)"></form>',
    '<p style="a: &quot;b&quot;; c: &amp;d">x</p><style media="print">p{}</style>',
    '<script>a\r\nb\rc</script><button type=button onClick="go()">go</button>',
]


@pytest.mark.parametrize("markup", TRICKY)
def test_the_scanner_finds_what_the_standard_parser_finds(markup):
    assert csp.inline_code(markup) == _reference(markup)


def test_the_scanner_agrees_with_the_standard_parser_on_every_built_page(real_site):
    built_pages = sorted(real_site.rglob("*.html"))
    assert built_pages
    found_code = False
    for path in built_pages:
        markup = path.read_text(encoding="utf-8")
        found = csp.inline_code(markup)
        assert found == _reference(markup), path
        found_code = found_code or bool(found.scripts or found.styles)
    assert found_code, "no built page has inline code: the comparison checked nothing"


def test_the_real_build_ships_a_headers_file(real_site):
    rules = parse_headers_file((real_site / csp.HEADERS_FILE).read_text())
    assert [pattern for pattern, _ in rules] == ["/*"]
    policy = _policy_of(real_site)
    assert policy == csp.policy(csp.site_inline_code(real_site, furo.theme_scripts()), wasm=True)  # search runs WebAssembly
    # The site has inline scripts (furo's theme switch): the policy must carry their hashes.
    assert "'sha256-" in policy.split("script-src", 1)[1].split(";")[0]


@pytest.fixture(scope="module")
def policy_page(chromium):
    """One page for the tests that load pages and change nothing a browser keeps, each in its
    turn (`logged_turn`): a new page costs a renderer process."""
    with violation_recording_context(chromium) as context:
        yield context.new_page()


def _load(chromium, site, path):
    context = violation_recording_context(chromium)
    log = PageLog(site)
    log.attach(context)
    page = context.new_page()
    response = page.goto(urljoin(site.url, path), wait_until="load")
    return context, page, response, log


def test_chromium_runs_hashed_code_and_blocks_the_rest(policy_page, tmp_path):
    """The hashes this module computes are the ones Chromium computes."""
    (tmp_path / "index.html").write_text(PAGE.replace("{extra}", ""))
    (tmp_path / csp.HEADERS_FILE).write_text(
        csp.headers_file(csp.policy(csp.site_inline_code(
            tmp_path, csp.inline_code(PAGE.replace("{extra}", "")).scripts))))
    (tmp_path / "other.html").write_text(PAGE.replace("{extra}", "<script>window.sneaky = 1;</script>"))
    page = policy_page
    with serve(tmp_path, send_headers_file=True) as site, logged_turn(page, site):
        page.goto(urljoin(site.url, "index.html"), wait_until="load")
        assert page.evaluate("document.body.dataset.ran") == "yes"
        assert page.evaluate("getComputedStyle(document.querySelector('p')).color") == "rgb(1, 2, 3)"
        assert page.evaluate("window.__violations") == []
        page.goto(urljoin(site.url, "other.html"), wait_until="networkidle")
        assert page.evaluate("window.sneaky") is None
        assert any(v.startswith("script-src") for v in page.evaluate("window.__violations"))


def test_every_page_works_under_the_policy(policy_page, csp_site_server, real_site):
    pages = sorted(p.relative_to(real_site).as_posix() for p in real_site.rglob("*.html"))
    page = policy_page
    with logged_turn(page, csp_site_server) as log:
        for path in pages:
            response = page.goto(urljoin(csp_site_server.url, path), wait_until="load")
            assert response.headers["content-security-policy"] == _policy_of(real_site)
            assert page.evaluate("window.__violations") == [], path
            assert log.problems() == {}, path


def test_theme_toggle_and_search_work_under_the_policy(chromium, csp_site_server, real_site):
    # A fresh context: the theme chosen here is kept in its storage.
    context, page, _, log = _load(chromium, csp_site_server, "index.html")
    themes = []
    for _ in range(3):
        page.locator(".theme-toggle:visible").first.click()
        themes.append(page.evaluate("document.body.dataset.theme"))
    assert sorted(themes) == ["auto", "dark", "light"]

    word, article = body_only_word(real_site)
    search_for(page, word)
    assert article in search_results(page)

    assert page.evaluate("window.__violations") == []
    assert log.problems() == {}
    # The policy is really enforced here: code injected into the page does not run.
    page.evaluate("""() => { const s = document.createElement('script');
                            s.textContent = 'window.injected = 1'; document.body.append(s); }""")
    assert page.evaluate("window.injected") is None
    assert page.evaluate("window.__violations")
    context.close()


def _readme() -> str:
    return (REPO / "docs" / "security.md").read_text(encoding="utf-8")


def test_readme_shows_the_headers_file_the_build_writes(real_site):
    built = (real_site / csp.HEADERS_FILE).read_text()
    assert f"```text\n{built}```" in _readme()


def test_readme_nginx_command_turns_the_headers_file_into_add_header_lines(real_site):
    command = re.search(r"```bash\n(sed .*?) \\\n", _readme(), re.S).group(1)
    lines = subprocess.run(["bash", "-c", command.replace("_build/html", str(real_site))],
                           capture_output=True, text=True, check=True).stdout.splitlines()
    assert lines[0] == f'add_header Content-Security-Policy "{_policy_of(real_site)}" always;'
    assert len(lines) == len(csp.OTHER_HEADERS) + 1
