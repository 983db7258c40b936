"""```mermaid fences become diagrams drawn by the site's own mermaid, on their pages only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser import logged_tab, parse_headers_file, serve
from tests.building import build, soup
from tests.conftest import ROOTS

# The diagram site is built once for these tests: they run on one worker (`--dist loadgroup`).
pytestmark = pytest.mark.xdist_group("diagrams")

DIAGRAM = """
## The flow

```mermaid
graph LR
  A[Model size] --> B{Fits in memory?}
  B -->|yes| C[One GPU]
  B -->|no| D["Shard it </pre><b>"]
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
    assert "Fits in memory?" in diagram.get_text() and diagram.find("b") is None
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
