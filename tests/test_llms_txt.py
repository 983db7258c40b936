"""llms.txt and llms-full.txt list every published article, and no draft."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

BASE = "https://fieldnotes.example.org/"


def _front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_llms_files_hold_the_published_articles_and_no_draft(draft_site):
    src, out = draft_site, draft_site / "_build/html"  # built without a warning, drafts hidden
    index = (out / "llms.txt").read_text(encoding="utf-8")
    full = (out / "llms-full.txt").read_text(encoding="utf-8")
    published = [p for p in sorted((src / "articles").glob("*.md")) if not _front(p).get("draft")]
    assert index.startswith("# Field Notes & Perspectives\n\n> ")
    links = re.findall(r"^- \[(.+?)\]\((\S+?)\): (.+)$", index, flags=re.M)
    assert sorted(links) == sorted((_front(p)["title"], f"{BASE}articles/{p.stem}.html",
                                    _front(p)["summary"]) for p in published)
    for path in published:
        body = path.read_text(encoding="utf-8").split("---\n", 2)[2].strip()
        assert f"# {_front(path)['title']}\n" in full and body.split("{", 1)[0].strip() in full
    # Written from the parsed pages: cross-references are their targets' titles, not roles.
    assert "{ref}" not in full and "see Choosing a Model" in full
    # The draft has no entry; a published article's link to it still shows its title, as on
    # the page itself.
    assert "Designing the Queue" not in index and "# Designing the Queue\n" not in full
    assert "Commit offsets after the work is done" not in full
