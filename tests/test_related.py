"""Related articles: the per-catalog lists equal ranking every other article, page by page."""

from __future__ import annotations

import datetime as dt
import random

from fieldnotes.model.catalog import Catalog
from fieldnotes.model.frontmatter import Article
from fieldnotes.model.related import related_articles, related_by_docname

CATEGORIES = ["open-source", "gpu-compute", "ai-llms", "production", "infrastructure"]
TAGS = [f"tag-{i}" for i in range(12)]


def _articles(count: int, seed: int) -> list[Article]:
    rng = random.Random(seed)
    return [Article(docname=f"articles/{n:04d}-a", title=f"Article {n}", number=n,
                    category=rng.choice(CATEGORIES), date=dt.date(2026, 1, 1), summary="s",
                    tags=tuple(rng.sample(TAGS, rng.randint(0, 3))))
            for n in range(1, count + 1)]


def test_related_by_docname_equals_ranking_every_article():
    for seed in range(5):
        published = _articles(120, seed)
        fast = related_by_docname(published)
        assert fast == {a.docname: related_articles(a, published) for a in published}
        assert any(len(chosen) == 3 for chosen in fast.values())


def test_related_by_docname_for_some_docnames_only():
    published = _articles(40, 7)
    wanted = {published[3].docname, published[9].docname}
    assert related_by_docname(published, wanted).keys() == wanted


def test_catalog_related_leaves_out_drafts_unless_asked():
    published = _articles(30, 3)
    draft = Article(docname="articles/0000-d", title="Draft", number=0,
                    category=published[0].category, date=dt.date(2026, 1, 1), summary="s",
                    tags=published[0].tags, draft=True)
    catalog = Catalog(articles={a.docname: a for a in [*published, draft]})
    assert draft not in catalog.related(published[0].docname)
    assert draft in catalog.related(published[0].docname, include_drafts=True)
