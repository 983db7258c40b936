"""Lighthouse (mobile, simulated slow 4G) scores 100 in every category on every page type.

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
            "tags-index": "tags/index.html", "search": "search.html", "404": "404.html"}


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


# Runs of the performance category a slow page gets before it fails.
PERFORMANCE_RUNS = 4


@pytest.fixture(scope="module")
def reports(gzipped_site, tmp_path_factory) -> dict[str, tuple[dict, dict | None]]:
    """Each page type's report from one Lighthouse run, and for the pages whose performance
    score was under 100, their best performance-only report from up to PERFORMANCE_RUNS more.

    The performance score moves with the machine's load (Lighthouse's docs on variability name
    client resource contention as a high-impact source and advise several runs). Contention
    only ever slows a page, so the fastest run is the one nearest the page's own speed, as
    `timeit` takes the least of its repeats; a page that is slow on its own fails every run.
    The other categories are deterministic and come from the first run."""
    urls = {kind: urljoin(gzipped_site, page) for kind, page in page_types().items()}
    first = dict(zip(urls, lighthouse_reports(list(urls.values()),
                                              tmp_path_factory.mktemp("lighthouse"))))
    best: dict[str, dict] = {}
    slow = [kind for kind, report in first.items() if performance(report) < 1]
    for _ in range(PERFORMANCE_RUNS):
        if not slow:
            break
        again = lighthouse_reports([urls[kind] for kind in slow],
                                   tmp_path_factory.mktemp("lighthouse-again"), ("performance",))
        for kind, report in zip(slow, again):
            if kind not in best or performance(report) > performance(best[kind]):
                best[kind] = report
        slow = [kind for kind in slow if performance(best[kind]) < 1]
    return {kind: (first[kind], best.get(kind)) for kind in urls}


def performance(report: dict) -> float:
    return scores(report)[0]["performance"]


@pytest.mark.parametrize("kind", list(page_types()))
def test_lighthouse_mobile_scores_100(reports, kind):
    first, again = reports[kind]
    got, failing = scores(first)
    if again is not None:
        got["performance"] = max(got["performance"], performance(again))
        failing.update(scores(again)[1])
    assert got == dict.fromkeys(CATEGORIES, 1), failing
