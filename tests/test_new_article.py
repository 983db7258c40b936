"""Adding an article is one new file: `python -m fieldnotes new`, written to the authoring
guide's rules, passes the strict build and appears on every page, feed and index that lists
articles, with no edit anywhere else."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fieldnotes.outputs.search import INDEX_DIR, fragments
from tests.articletext import split
from tests.building import card_titles, soup, strict_cli_build
from tests.siteconf import REPO
from tests.sitepages import published_articles
from tests.test_content import CONF, RULES, article_rule_problems

# One worker builds the module's fixture once (a module-scoped fixture is per worker).
pytestmark = pytest.mark.xdist_group("new-article")

TITLE = "What a Week of Queue Drains Taught Our Reviewers"
CATEGORY = "production"
# Plain words for the article's prose: no figure of the fact sheet, no placeholder.
VOCABULARY = ("queue drain reviewer shard replica budget cluster window signal owner alert "
              "schema rollout retry cache label batch token latency operator handoff ledger "
              "backlog pager runbook canary quorum lease cursor offset checksum").split()


def _sentence(rng: random.Random) -> str:
    words = rng.choices(VOCABULARY, k=rng.randint(9, 15))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def write_article(path: Path, others: list[str], tags: list[str], seed: int = 19,
                  part: str = "the drain") -> None:
    """Fill the scaffold's draft to the site's rules: its front matter kept, its body new,
    made of ``seed``'s sentences, its sections "Part n of ``part``"."""
    rng = random.Random(seed)
    low, high = RULES.words
    sections, references = max(RULES.sections, 1), others[:max(RULES.references, 1)]
    words_each = (low + high) // 2 // sections
    body = []
    for number in range(sections):
        body.append(f"## Part {number + 1} of {part}\n")
        paragraph, count = [], 0
        while count < words_each:
            sentence = _sentence(rng)
            paragraph.append(sentence)
            count += len(sentence.split())
        body.append(" ".join(paragraph) + "\n")
    body.append("See " + ", ".join(f"{{ref}}`{label}`" for label in references) + ".\n")
    body.append("```python\nprint(sum(range(4)))\n```\n")
    front = path.read_text(encoding="utf-8").split("---\n")[1]
    front = front.replace("draft: true\n", "draft: false\n")
    front = re.sub(r"(?m)^summary:.*$", "summary: How the reviewers kept the queue honest.", front)
    front = re.sub(r"(?m)^tags:.*$", f"tags: [{', '.join(tags)}]", front)
    path.write_text(f"---\n{front}---\n\n" + "\n".join(body), encoding="utf-8")


def fieldnotes_new(site: Path, title: str, category: str, env: dict[str, str] | None = None) -> Path:
    """The article `python -m fieldnotes new` makes in ``site``, as an author runs it."""
    before = set((site / "articles").glob("*.md"))
    made = subprocess.run([sys.executable, "-m", "fieldnotes", "new", "--title", title,
                           "--category", category], cwd=site, capture_output=True, text=True,
                          env=env, check=False)
    assert made.returncode == 0, made.stderr
    [article] = set((site / "articles").glob("*.md")) - before
    return article


@pytest.fixture(scope="module")
def grown_site(tmp_path_factory) -> tuple[Path, Path]:
    """A copy of the site with one article added as an author adds it, built strictly once."""
    site = tmp_path_factory.mktemp("grown") / "site"
    site.mkdir()
    for name in ("conf.py", "index.md"):
        shutil.copy2(REPO / name, site / name)
    for name in ("articles", "_static", "_templates"):
        shutil.copytree(REPO / name, site / name)
    (site / "node_modules").symlink_to((REPO / "node_modules").resolve())
    article = fieldnotes_new(site, TITLE, CATEGORY, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    # Only articles a reader can open may be linked: not drafts, not those scheduled later.
    others = sorted(article.label for article in published_articles())
    low_tags = RULES.tags[0] if RULES.tags else 1
    write_article(article, others, sorted(CONF["fieldnotes_tags"])[:low_tags])
    result = strict_cli_build(site)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return site, article, result.stdout + result.stderr


def test_the_build_says_nothing_an_author_need_not_act_on(grown_site):
    output = grown_site[2]
    assert "build succeeded" in output
    assert "matplotlib" not in output  # the site draws its own share images
    assert "MdParserConfig" not in output  # MyST's every setting


def test_the_new_article_passes_the_sites_rules(grown_site):
    site, article, _ = grown_site
    docs = {f"articles/{p.stem}" for p in (site / "articles").glob("[0-9]*.md")}
    assert article_rule_problems(article, docs) == []


def test_the_new_article_is_listed_everywhere(grown_site):
    site, article, _ = grown_site
    out, meta = site / "_build" / "html", split(article)[0]
    page = f"articles/{article.stem}.html"
    assert (out / page).is_file()
    listings = ["index.html", f"categories/{CATEGORY}.html",
                *(f"tags/{tag}.html" for tag in meta["tags"])]
    for listing in listings:
        assert TITLE in card_titles(out, listing), listing
    home = soup(out, "index.html")
    assert home.select_one(".fn-banner-count").get_text() == f"{len(published_articles()) + 1} Articles"
    assert f"/{page}</loc>" in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert TITLE in (out / "feeds" / "atom.xml").read_text(encoding="utf-8")
    assert page in {f["url"].lstrip("/") for f in fragments(out / INDEX_DIR)}
