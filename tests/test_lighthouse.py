"""Lighthouse (mobile, simulated slow 4G) scores 100 in every category on the four page types.

The site is served gzipped, as a static host serves it. Lighthouse comes from npm (pinned in
package.json) and drives Debian's Chromium.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.browser import CHROMIUM, require, require_chromium, serve
from tests.siteconf import REPO
from tests.sitepages import published_articles

# One Lighthouse run serves every test here: they run on one worker (`--dist loadgroup`).
pytestmark = pytest.mark.xdist_group("lighthouse")

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def page_types() -> dict[str, str]:
    return {"home": "index.html", "article": f"{published_articles()[0].docname}.html",
            "category": f"categories/{next(iter(published_articles())).category}.html",
            "tags-index": "tags/index.html"}


@pytest.fixture(scope="module")
def gzipped_site(real_site):
    require_chromium()
    require(shutil.which("node") is not None and LIGHTHOUSE.is_file(),
            "the Lighthouse test needs Node 20 and lighthouse: `sudo apt-get install -y npm` "
            "then `npm ci --ignore-scripts`")
    with serve(real_site, compress=True) as site:
        yield site.url


def lighthouse_reports(urls: list[str], folder: Path, categories=CATEGORIES) -> list[dict]:
    """Lighthouse's report on each URL, all run in one Chromium (tests/lighthouse.mjs)."""
    result = subprocess.run(
        ["node", str(Path(__file__).with_name("lighthouse.mjs")), str(folder), ",".join(categories), *urls],
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)}, capture_output=True, text=True,
        timeout=300 * len(urls), check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return [json.loads((folder / f"{i}.json").read_text()) for i in range(len(urls))]


def scores(report: dict) -> tuple[dict[str, float], dict[str, str]]:
    failing = {a["id"]: a.get("displayValue") for a in report["audits"].values()
               if a.get("score") is not None and a["score"] < 1
               and a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")}
    return {name: category["score"] for name, category in report["categories"].items()}, failing


@pytest.fixture(scope="module")
def reports(gzipped_site, tmp_path_factory) -> dict[str, dict]:
    """The four page types' reports, from one Lighthouse run."""
    pages = page_types()
    found = lighthouse_reports([urljoin(gzipped_site, page) for page in pages.values()],
                               tmp_path_factory.mktemp("lighthouse"))
    return dict(zip(pages, found))


@pytest.mark.parametrize("kind", ["home", "article", "category", "tags-index"])
def test_lighthouse_mobile_scores_100(reports, gzipped_site, tmp_path, kind):
    got, failing = scores(reports[kind])
    if got["performance"] < 1:
        # The performance score moves with the machine's load (Lighthouse's own docs advise
        # several runs), so a second run, of that category alone, is allowed to show it; the
        # others are deterministic.
        [again] = lighthouse_reports([urljoin(gzipped_site, page_types()[kind])], tmp_path,
                                     ("performance",))
        performance, failing = scores(again)
        got["performance"] = max(got["performance"], performance["performance"])
    assert got == dict.fromkeys(CATEGORIES, 1), failing
