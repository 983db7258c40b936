"""Browser test helpers: a local server for a built site, Debian's Chromium, and a page log."""

from __future__ import annotations

import fnmatch
import functools
import gzip
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# No component updates, syncing or field trials: the browser itself must not reach the network.
# Nor can a page: every request to a host other than this machine goes to a proxy at the
# discard port, where nothing listens (the PageLog records such requests). Refusing them in
# Playwright (a route) would pause every request in the driver and turn the browser's cache off.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--proxy-server=http://127.0.0.1:9"]
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")
# Sphinx's own assets, linked as _static/<file>?v=<digest of its content>: a host may let
# browsers keep them, since a changed file is linked at a new URL.
VERSIONED_ASSET = re.compile(r"/_static/[^?#]+\?v=[0-9a-f]+")
KEEP_VERSIONED_ASSET = "max-age=31536000, immutable"
INSTALL_CHROMIUM = (f"browser tests need Chromium at {CHROMIUM}: "
                    "install it with `sudo apt-get install -y chromium`")


def require(present: bool, hint: str) -> None:
    """Skip with ``hint`` on a developer's machine; in CI a missing tool is a failure."""
    if present:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and {hint}", pytrace=False)
    pytest.skip(hint)


def require_chromium() -> None:
    require(CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK), INSTALL_CHROMIUM)


def launch_chromium(playwright):
    require_chromium()
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def parse_headers_file(text: str) -> list[tuple[str, dict[str, str]]]:
    """Rules of a Netlify / Cloudflare Pages `_headers` file: a path, then indented headers."""
    rules: list[tuple[str, dict[str, str]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), {}))
        else:
            name, _, value = line.strip().partition(":")
            rules[-1][1][name.strip()] = value.strip()
    return rules


def headers_for(rules: list[tuple[str, dict[str, str]]], path: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for pattern, headers in rules:
        if fnmatch.fnmatchcase(path, pattern):
            found.update(headers)
    return found


@dataclass
class Site:
    """A running local server: its address, and every request it answered with an error."""

    url: str
    errors: list[tuple[str, int]] = field(default_factory=list)


class _SiteHandler(SimpleHTTPRequestHandler):
    header_rules: list[tuple[str, dict[str, str]]] = []
    aliases: dict[str, str] = {}
    site: Site
    compress = False
    cache_versioned_assets = False

    def copyfile(self, source, outputfile) -> None:
        if self._gzipped is None:
            return super().copyfile(source, outputfile)
        outputfile.write(self._gzipped)

    def send_header(self, keyword, value) -> None:
        # Like a static host, text goes out gzipped to a browser that accepts it.
        self._gzipped = getattr(self, "_gzipped", None)
        if keyword.lower() == "content-type":
            self._gzipped = None
            if (self.compress and "gzip" in self.headers.get("Accept-Encoding", "")
                    and value.startswith(TEXT_TYPES)):
                path = Path(self.translate_path(self.path))
                path = path / "index.html" if path.is_dir() else path
                if path.is_file():  # not the 404 page, which send_error writes itself
                    self._gzipped = gzip.compress(path.read_bytes(), mtime=0)
                    super().send_header("Content-Encoding", "gzip")
        elif keyword.lower() == "content-length" and self._gzipped is not None:
            value = str(len(self._gzipped))
        super().send_header(keyword, value)

    def translate_path(self, path: str) -> str:
        alias = self.aliases.get(urlsplit(path).path)
        return str(Path(self.directory, alias)) if alias else super().translate_path(path)

    def send_response(self, code, message=None) -> None:
        self._status = code
        super().send_response(code, message)

    def end_headers(self) -> None:
        for name, value in headers_for(self.header_rules, urlsplit(self.path).path).items():
            self.send_header(name, value)
        kept = (self.cache_versioned_assets and self._status == 200
                and VERSIONED_ASSET.fullmatch(self.path))
        self.send_header("Cache-Control", KEEP_VERSIONED_ASSET if kept else "no-store")
        super().end_headers()

    def send_error(self, code, message=None, explain=None) -> None:
        # Like a static host: a missing path gets the site's own 404 page when it has one.
        page = Path(self.directory, "404.html")
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_request(self, code="-", size="-") -> None:
        # The server sees requests the page never reports, such as the browser's favicon.
        if str(code).isdigit() and int(code) >= 400:
            self.site.errors.append((urlsplit(self.path).path, int(code)))

    def log_message(self, format, *args) -> None:  # noqa: A002 - the stdlib's signature
        pass


@contextmanager
def serve(root: Path, *, send_headers_file: bool = False, headers: dict[str, str] | None = None,
          aliases: dict[str, str] | None = None, compress: bool = False,
          cache_versioned_assets: bool = False) -> Iterator[Site]:
    """Serve ``root`` on 127.0.0.1 at a free port; optionally send the headers in its `_headers`,
    ``headers`` with every response, a file at another URL path (``aliases``: path -> file),
    gzip text as static hosts do, and let browsers keep Sphinx's versioned assets (for a
    site no test changes: anything else is sent with no-store, never to be served stale)."""
    rules = parse_headers_file((root / "_headers").read_text()) if send_headers_file else []
    rules += [("*", headers)] if headers else []
    site = Site(url="")
    handler = type("Handler", (_SiteHandler,), {"header_rules": rules, "site": site,
                                                "aliases": aliases or {}, "compress": compress,
                                                "cache_versioned_assets": cache_versioned_assets})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    site.url = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def search_for(page, word: str) -> None:
    """Type ``word`` into the sidebar's search box and press Enter, as a reader does."""
    box = page.locator("input[name=q]:visible").first
    box.fill(word)
    with page.expect_navigation():
        box.press("Enter")


def search_results(page) -> list[str]:
    """Paths of the pages the search page lists, once it says it has finished (or failed)."""
    page.wait_for_function("() => /found|not available/i.test("
                           "document.querySelector('#search-results .search-summary')?.textContent)")
    hrefs = page.eval_on_selector_all("#search-results .search li a", "as => as.map(a => a.href)")
    return [urlsplit(h).path.lstrip("/") for h in hrefs]


@dataclass
class PageLog:
    """What pages did that an offline, error-free page must not do, seen by browser and server.
    It records them: other hosts are out of reach for a browser from `launch_chromium`."""

    site: Site
    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    # URL path -> the error status that request is meant to get (the 404 page's own URL).
    expected_statuses: dict[str, int] = field(default_factory=dict)
    # This log's share of the server's error list: from attach, to detach.
    _server_errors_from: int = 0
    _server_errors_to: int | None = None

    def attach(self, context) -> None:
        """Log what ``context`` does from now on, in the pages it has open and in new ones."""
        self._server_errors_from, self._server_errors_to = len(self.site.errors), None
        context.on("request", self._request)
        context.on("page", self._watch)
        for page in context.pages:
            self._watch(page)

    def detach(self, context) -> None:
        """Stop logging ``context``: the next test in a context that tests share logs its own."""
        context.remove_listener("request", self._request)
        context.remove_listener("page", self._watch)
        for page in context.pages:
            self._unwatch(page)
        self._server_errors_to = len(self.site.errors)

    def _request(self, request) -> None:
        # Such a request fails at the browser's proxy (see CHROMIUM_ARGS). A blob: URL is the
        # page's own data.
        url = request.url
        if url.startswith(("http:", "https:")) and not url.startswith(self.site.url):
            self.foreign_requests.append(url)

    def _page_handlers(self) -> dict:
        return {"console": self._console, "pageerror": self._uncaught,
                "requestfailed": self._request_failed, "response": self._response}

    def _watch(self, page) -> None:
        for event, handler in self._page_handlers().items():
            page.on(event, handler)

    def _unwatch(self, page) -> None:
        for event, handler in self._page_handlers().items():
            page.remove_listener(event, handler)

    def _uncaught(self, error) -> None:
        self.console_errors.append(f"uncaught: {error}")

    def _request_failed(self, request) -> None:
        # Chromium cancels a page's pending loads (net::ERR_ABORTED) when the test moves on to
        # the next page; that is not a request that failed.
        if request.failure != "net::ERR_ABORTED":
            self.failed_requests.append(f"{request.url}: {request.failure}")

    def _expected(self, url: str, status: int) -> bool:
        return self.expected_statuses.get(urlsplit(url).path) == status

    def _console(self, message) -> None:
        if message.type != "error":
            return
        url = message.location.get("url", "")
        # Chromium logs every error response; the expected ones are not errors of the page.
        if "status of 404" in message.text and self._expected(url, 404):
            return
        self.console_errors.append(f"{message.text} ({url})")

    def _response(self, response) -> None:
        if response.status >= 400 and not self._expected(response.url, response.status):
            self.failed_requests.append(f"{response.url}: HTTP {response.status}")

    def problems(self) -> dict[str, list[str]]:
        server = [f"{path}: HTTP {status}" for path, status in
                  self.site.errors[self._server_errors_from:self._server_errors_to]
                  if self.expected_statuses.get(path) != status]
        found = {"requests to other hosts": self.foreign_requests,
                 "console errors": self.console_errors,
                 "failed requests": self.failed_requests,
                 "errors the server answered": server}
        return {name: items for name, items in found.items() if items}


@contextmanager
def logged_turn(page, site: Site):
    """A PageLog of what ``page`` does in one test's turn in a page that tests share. On
    leaving, the page goes blank, so that its document's late events land in this log, not in
    the next test's."""
    log = PageLog(site)
    log.attach(page.context)
    try:
        yield log
    finally:
        page.goto("about:blank")
        log.detach(page.context)


# Collects violations from before the page's own scripts run; init scripts ignore the policy.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
"""


def violation_recording_context(browser):
    """A fresh browser context whose pages keep the Content-Security-Policy violations of the
    document they show in `window.__violations`."""
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    return context


@contextmanager
def logged_tab(browser, site: Site):
    """A tab in a fresh browser context, and the PageLog of everything it does."""
    context = browser.new_context()
    log = PageLog(site)
    log.attach(context)
    try:
        yield context.new_page(), log
    finally:
        context.close()


# axe violations that come from the theme and that we cannot fix from our side, each as
# (rule id, a string in the failing element's selector, why). Keep this list empty if you can.
THEME_AXE_VIOLATIONS: list[tuple[str, str, str]] = []


@functools.cache
def _axe_script() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


def axe_violations(page) -> list[str]:
    """axe-core's violations in ``page`` as it is shown now, one line per failing element."""
    # axe-core is put into a page once; each run checks the page as it is shown then.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_script())
    violations = page.evaluate("() => axe.run({resultTypes: ['violations']}).then(r => r.violations)")
    found = []
    for violation in violations:
        for node in violation["nodes"]:
            selector = " ".join(map(str, node["target"]))
            if any(rule == violation["id"] and part in selector
                   for rule, part, _why in THEME_AXE_VIOLATIONS):
                continue
            found.append(f"{violation['id']} at {selector}: {node['failureSummary']}")
    return found


def css_contrast(rgb_a: str, rgb_b: str) -> float:
    """WCAG's contrast ratio of two CSS rgb() colours, as the browser computes them."""
    def luminance(css: str) -> float:
        channels = [int(v) / 255 for v in re.findall(r"\d+", css)[:3]]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    high, low = sorted((luminance(rgb_a), luminance(rgb_b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
