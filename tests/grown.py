"""Grow a copy of the site as its author would over some months, to run the suite on it.

`make test` checks the site as it stands; the suite must pass on the site as it lives too.
This adds, to a copy (never to the repository itself):

- three articles made with `python -m fieldnotes new` and written to the site's rules, so the
  main feed holds more articles than its cap once the site has 18;
- a draft left as the scaffold wrote it, and an article scheduled for a later year;
- new titles for three existing articles;

and commits it, as the author would. `make test-grown` runs the whole suite on such a copy.

Usage: python tests/grown.py SITE
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

NEW = ("Notes on Queue Drains and Reviewers", "How We Sized the Ledger Shards",
       "What the Pager Taught the Canary")
RETITLED = ("Two Cards Compared When You Are Not a Hyperscaler",
            "When the Consumer of a Topic Is a Language Model",
            "Halving Training Memory With Narrower Floats")


def grow(site: Path) -> None:
    sys.path.insert(0, str(site))
    from tests.sitepages import published_articles
    from tests.test_new_article import CONF, RULES, fieldnotes_new, write_article

    categories, tags = list(CONF["fieldnotes_categories"]), sorted(CONF["fieldnotes_tags"])
    published = published_articles()
    others = sorted(article.label for article in published)
    each = RULES.tags[0] if RULES.tags else 1
    for i, title in enumerate(NEW):
        article = fieldnotes_new(site, title, categories[i % len(categories)])
        write_article(article, others, tags[i:i + each], seed=100 + i, part=title.lower())
    fieldnotes_new(site, "An Unfinished Draft About Leases", categories[0])
    later = fieldnotes_new(site, "A Post Scheduled for Later", categories[1 % len(categories)])
    write_article(later, others, tags[-each:], seed=200, part="the later post")
    later.write_text(re.sub(r"(?m)^date:.*$", "date: 2099-03-01", later.read_text(encoding="utf-8")),
                     encoding="utf-8")
    for article, title in zip(published[1:], RETITLED):
        path = site / f"{article.docname}.md"
        text = re.sub(r"(?m)^title:.*$", f"title: '{title}'", path.read_text(encoding="utf-8"), count=1)
        path.write_text(text, encoding="utf-8")
    subprocess.run(["git", "add", "-A", "articles"], cwd=site, check=True)
    subprocess.run(["git", "-c", "user.name=Field Notes", "-c", "user.email=author@example.org",
                    "commit", "-q", "-m", "Three new articles, a draft, one scheduled, three retitled"],
                   cwd=site, check=True)


if __name__ == "__main__":
    grow(Path(sys.argv[1]).resolve())
