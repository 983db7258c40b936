"""`make screenshots`: every page type a reader meets, at a phone's and a desktop's width, in
light and dark, saved as PNG files under _build/screenshots/ to look at after a design change.

Pages come from the last `make html` (_build/html), served on this machine; Chromium is
Debian's, as in the browser tests, and reaches no other host.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser import launch_chromium, search_for, search_results, serve

REPO = Path(__file__).resolve().parents[1]
SITE = REPO / "_build" / "html"
OUT = REPO / "_build" / "screenshots"
WIDTHS = {"phone": 375, "desktop": 1280}
SCHEMES = ("light", "dark")
SEARCHED = "GPU"


def _pages(site: Path) -> dict[str, str]:
    """Each page type, by the name its screenshots get: the article is the first with a table."""
    articles = sorted((site / "articles").glob("*.html"))
    with_table = next((p for p in articles if "<table" in p.read_text(encoding="utf-8")), articles[0])
    first = lambda folder: next(iter(sorted((site / folder).glob("*.html"))), None)  # noqa: E731
    pages = {"home": "index.html", "article-with-table": f"articles/{with_table.name}",
             "category": f"categories/{first('categories').name}", "search": "search.html",
             "404": "404.html", "archive": "archive/index.html"}
    series = first("series")
    if series is not None:
        pages["series"] = f"series/{series.name}"
    return pages


def main() -> int:
    if not (SITE / "index.html").is_file():
        print("no built site: run `make html` first", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    taken = 0
    with sync_playwright() as playwright, serve(SITE) as site:
        browser = launch_chromium(playwright)
        for scheme in SCHEMES:
            for device, width in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": 900},
                                              color_scheme=scheme)
                page = context.new_page()
                for name, path in _pages(SITE).items():
                    page.goto(site.url + path, wait_until="networkidle")
                    if name == "search":
                        search_for(page, SEARCHED)
                        search_results(page)  # waits until the results are drawn
                    page.screenshot(path=OUT / f"{name}-{device}-{scheme}.png", full_page=True)
                    taken += 1
                context.close()
        browser.close()
    print(f"{taken} screenshots in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
