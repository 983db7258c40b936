"""Links in the project: a build never follows a link to a folder, and a link that loops or
leads nowhere is named and left out, never a hang or a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

from fieldnotes.model.catalog import build_catalog
from fieldnotes.model.labels import defined_labels
from fieldnotes.model.links import files_under, unfollowed_links
from tests.building import strict_cli_build
from tests.conftest import ROOTS


def _links(articles: Path) -> None:
    """Two links back to their folder (which branch at every level when followed), a file
    linked to itself, a link to a missing file, and a link to another folder."""
    (articles / "a").symlink_to(".")
    (articles / "b").symlink_to(".")
    (articles / "19-me.md").symlink_to("19-me.md")
    (articles / "20-gone.md").symlink_to("missing.md")
    (articles.parent / "elsewhere").mkdir()
    (articles.parent / "elsewhere" / "21-far.md").write_text("# far\n")
    (articles / "far").symlink_to("../elsewhere")


def test_each_link_the_build_does_not_follow_is_named(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "01-real.md").write_text("x")
    (articles / "02-linked.md").symlink_to("01-real.md")
    _links(articles)
    found = {link.path: link.problem for link in unfollowed_links(tmp_path, lambda _: False)}
    assert sorted(found) == ["articles/19-me.md", "articles/20-gone.md", "articles/a",
                             "articles/b", "articles/far"]
    assert "loops back on itself" in found["articles/19-me.md"]
    assert "target is missing" in found["articles/20-gone.md"]
    assert "back to a folder that holds it" in found["articles/a"]
    assert "link to a folder" in found["articles/far"]
    # A link to a file in the project is read as the file.
    assert sorted(files_under(tmp_path, "articles", ".md", lambda _: False)) == [
        "articles/01-real", "articles/02-linked"]


def test_a_link_to_itself_is_a_problem_in_the_catalog_not_a_traceback(tmp_path):
    (tmp_path / "19-me.md").symlink_to("19-me.md")
    catalog = build_catalog({"articles/19-me": tmp_path / "19-me.md"}, {}, root=tmp_path)
    assert catalog.unreadable == {"articles/19-me"}
    assert "leads nowhere" in catalog.problems[0].message


def test_a_site_with_looping_links_builds_and_names_them(tmp_path):
    src = Path(shutil.copytree(ROOTS / "test-minisite", tmp_path / "src"))
    _links(src / "articles")
    result = strict_cli_build(src, timeout=120)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    for name in ("a", "b", "19-me.md", "20-gone.md", "far"):
        assert f"{src / 'articles' / name}:1: WARNING: articles/{name} " in result.stderr, result.stderr
    # The site's own articles are still built, each once.
    out = src / "_build" / "html" / "articles"
    assert sorted(p.name for p in out.iterdir() if p.suffix == ".html") == sorted(
        p.with_suffix(".html").name for p in (ROOTS / "test-minisite" / "articles").glob("*.md"))


def test_the_scaffold_finds_labels_without_following_folder_links(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "01-real.md").write_text("(kept-target)=\n## A section\n")
    _links(articles)
    labels = defined_labels(tmp_path)
    assert labels["kept-target"] == f"{articles / '01-real.md'}:1"
