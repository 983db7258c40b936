"""llms.txt and llms-full.txt list every published article, and no draft."""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from fieldnotes.outputs import llmstxt
from tests.building import build, touch_later

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


def _edit_body(src: Path, old: str, new: str) -> None:
    path = src / "articles/03-gpu-sizing.md"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    touch_later(path)


def test_llms_full_reuses_the_doctrees_the_pages_were_written_from(built_site, monkeypatch):
    """A build resolves no article again for llms-full.txt: the edited article's Markdown comes
    from the doctree its page was written from, the others' from the last build's."""
    resolved_again: list[str] = []
    resolve = llmstxt._resolve_again
    monkeypatch.setattr(llmstxt, "_resolve_again",
                        lambda app, docname: resolved_again.append(docname) or resolve(app, docname))
    _edit_body(built_site, "Start from the memory", "Begin with the memory")
    out, warnings = build(built_site)
    assert warnings == "" and resolved_again == []
    assert "Begin with the memory" in (out / "llms-full.txt").read_text(encoding="utf-8")


def test_llms_full_after_an_interrupted_build_holds_the_page_as_written(built_site):
    """A page written by a build that did not finish keeping its Markdown is not shown from
    an older build's: the next build, which does not write the page again, resolves it."""
    kept = next((built_site / "_build/doctrees").glob("fieldnotes-llms-full-*"))
    before = kept.read_bytes()
    _edit_body(built_site, "Start from the memory", "Begin with the memory")
    build(built_site)
    # Read before that build ended: the next build reads it no more, nor writes its page.
    os.utime(built_site / "articles/03-gpu-sizing.md", (0, 0))
    kept.write_bytes(before)  # as if the build had stopped before it kept what it wrote
    out, warnings = build(built_site)
    full = (out / "llms-full.txt").read_text(encoding="utf-8")
    assert warnings == ""
    assert "Begin with the memory" in full and "Start from the memory" not in full
