"""Front matter and file names through a real build: bounded, checked once for the whole site
whatever the read order or -j, and nothing refused reaches the output."""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path

import pytest

from tests.building import build, soup
from tests.siteconf import REPO
from tests.test_authoring import (
    CaseArticle,
    SharedBuild,
    add_case_article,
    shared_build,
    warning_lines,
)

# The module's tests share its builds of bad-input cases: one worker builds them,
# rather than every worker that runs one of its tests.
pytestmark = pytest.mark.xdist_group("frontmatter-build")

TARGET = "articles/04-queue-design.md"
BOMB = "".join(f"{n}: &{n} [{', '.join(['*' + p if p else 'lol'] * 9)}]\n"
               for p, n in zip(["", "a", "b", "c", "d", "e", "f", "g", "h"], "abcdefghi"))


def _edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _output_text(out: Path) -> str:
    """Every file the build wrote, as text: pages, feeds, the search index, downloads."""
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in out.rglob("*") if p.is_file())


HOSTILE = [
    # MyST reads front matter with yaml.safe_load too: neither may expand the aliases.
    ("title: Designing the Queue", BOMB + "title: *i", 2, "anchor or alias"),
    ("tags: [kafka]", "tags: [kafka]\nxs: &x [a]\nys: *x", 8, "anchor or alias"),
    ("category: infrastructure", "category: [infrastructure]", 4, "without brackets"),
    ("title: Designing the Queue", r'title: "Designing \x1b[31mthe Queue"', 2, "U+001B"),
    ("summary: Consumers that commit after work.", r'summary: "Consumers\0 that commit"', 6, "U+0000"),
    ("title: Designing the Queue", "title: Designing the Queue\ntitle: Again", 3, "written twice"),
    ("date: 2026-11-25", 'date: "2026-11-25"', 5, "drop the quotes"),
    ("number: 4", "number: 010", 3, "as 10;"),
    ("title: Designing the Queue", 'title: "  "', 2, "write a title"),
    # The site's conf.py names its series; the closest is offered.
    ("tags: [kafka]", "tags: [kafka]\nseries: after-the-outag", 8, "did you mean 'after-the-outage'?"),
    # It names no authors, so an article may name none.
    ("tags: [kafka]", "tags: [kafka]\nauthors: [jagadesh]", 8, "fieldnotes_authors in conf.py"),
]


MARKUP_TITLE = "Why `torch.compile` *Is* <b>Slow</b> [x](y) \\ {x}"
# The title tests' cases, by label: a number after HOSTILE's, and the title line.
TITLE_CASES = {"role-title": (30, 'title: "Designing {eval-rst}`:code:`x`` Queues"'),
               "markup-title": (31, f"title: '{MARKUP_TITLE}'")}


def _readme_article() -> tuple[str, str]:
    """The README's sample article, and the warning it says the build prints for it with
    `category: gpus` (its path from the project's folder)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = re.search(r"Add `articles/NN-short-slug.md`:\n\n```markdown\n(.*?)```", readme, re.S).group(1)
    sample = re.search(r"```text\n(articles/19-gpu-fleet.md:\d+: WARNING: .*?)\n```", readme).group(1)
    return example, sample


def _add_readme_article(src: Path) -> CaseArticle:
    path = src / "articles/19-gpu-fleet.md"  # the sample's name and number
    path.write_text(_readme_article()[0].replace("gpu-compute", "gpus"), encoding="utf-8")
    return CaseArticle(path, (f"{path}:",))


def _add_edited(src: Path, slug: str, number: int, old: str, new: str) -> CaseArticle:
    return add_case_article(src, slug, number, partial(_edit, old=old, new=new))


def _add_hostile_cases(src: Path) -> dict[object, CaseArticle]:
    cases = {case: _add_edited(src, f"hostile-{number}", number, *case[:2])
             for number, case in enumerate(HOSTILE, start=10)}
    for label, (number, title) in TITLE_CASES.items():
        cases[label] = _add_edited(src, label, number, "title: Designing the Queue", title)
    cases["readme"] = _add_readme_article(src)
    return cases


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory) -> SharedBuild:
    return shared_build(tmp_path_factory, _add_hostile_cases)


@pytest.mark.parametrize(("old", "new", "line", "fix"), HOSTILE)
def test_hostile_front_matter_is_one_warning_at_its_line(hostile_build, old, new, line, fix):
    case = (old, new, line, fix)
    path = hostile_build.cases[case].path
    ours = hostile_build.about(case)
    assert "Traceback" not in hostile_build.log
    assert len(ours) == 1, ours
    assert f"{path}:{line}: WARNING" in ours[0] and fix in ours[0], ours[0]
    # The page is still built (left out of the listings), under its label until it is fixed.
    assert (hostile_build.out / f"articles/{path.stem}.html").is_file()


def test_the_hostile_build_warns_about_its_cases_only(hostile_build):
    assert len(hostile_build.warnings) == hostile_build.warnings_about_cases(), hostile_build.log


def test_a_title_with_a_role_gets_the_fix_and_no_path_in_its_anchor(hostile_build):
    path = hostile_build.cases["role-title"].path
    [warning] = hostile_build.about("role-title")
    assert f"{path}:2: WARNING" in warning and "'title' is plain text" in warning
    page = (hostile_build.out / f"articles/{path.stem}.html").read_text(encoding="utf-8")
    assert "tmp" not in " ".join(re.findall(r'(?:id|href)="([^"]*)"', page))
    assert str(hostile_build.src) not in page


def test_markup_in_a_valid_title_is_shown_as_written(hostile_build):
    path = hostile_build.cases["markup-title"].path
    assert hostile_build.about("markup-title") == []
    h1 = soup(hostile_build.out, f"articles/{path.stem}.html").h1
    assert h1.get_text().rstrip("¶") == MARKUP_TITLE and h1.find("code") is None


BAD_NAMES = [("19-GPU-Notes.md", "rename it to 19-gpu-notes.md"),
             ("19-with space.md", "rename it to 19-with-space.md"),
             ("19-café.md", "rename it to 19-cafe.md"),
             ("old/19-gpu-notes.md", "move this file to articles/19-gpu-notes.md")]
BAD_NAME_NUMBERS = {name: number for number, (name, _) in enumerate(BAD_NAMES, start=20)}


def _numbered(text: str, number: int) -> str:
    """A bad name, or the fix that names it, as one case of a shared build has it: its own
    number, and that number again as a last word, since labels (names without the number)
    that differ only in case would collide."""
    return text.replace("19-", f"{number}-").replace(".md", f"-{number}.md")


def _add_badly_named(src: Path, name: str) -> CaseArticle:
    number = BAD_NAME_NUMBERS[name]
    text = (src / TARGET).read_text(encoding="utf-8")
    new = src / "articles" / _numbered(name, number)
    new.parent.mkdir(exist_ok=True)
    new.write_text(text.replace("number: 4", f"number: {number}")
                   .replace("Designing the Queue", f"GPU Notes {number}"), encoding="utf-8")
    return CaseArticle(new, (f"{new}:",))


def _add_linked_from_outside(src: Path) -> CaseArticle:
    """An article whose file is a symlink to one outside the project."""
    secret = src.parent / "secret.md"
    text = (src / TARGET).read_text(encoding="utf-8")
    secret.write_text(text.replace("number: 4", "number: 19").replace("Designing the Queue", "SECRET-TITLE")
                      + "\nSECRET-BODY\n", encoding="utf-8")
    link = src / "articles/19-leak.md"
    link.symlink_to(secret)
    return CaseArticle(link, (f"{link}:",))


@pytest.fixture(scope="module")
def bad_names_build(tmp_path_factory) -> SharedBuild:
    return shared_build(tmp_path_factory, lambda src: {
        **{name: _add_badly_named(src, name) for name, _ in BAD_NAMES},
        "linked from outside": _add_linked_from_outside(src)})


@pytest.mark.parametrize(("name", "fix"), BAD_NAMES)
def test_a_badly_named_or_placed_article_is_one_warning_with_the_fix(bad_names_build, name, fix):
    number, new, out = BAD_NAME_NUMBERS[name], bad_names_build.cases[name].path, bad_names_build.out
    ours = bad_names_build.about(name)
    assert "Traceback" not in bad_names_build.log and len(ours) == 1, ours
    assert f"{new}:1: WARNING" in ours[0] and _numbered(fix, number) in ours[0], ours[0]
    assert f"GPU Notes {number}" not in (out / "index.html").read_text(encoding="utf-8")
    assert (out / "feeds/atom.xml").is_file()


def test_the_bad_names_build_warns_about_its_cases_only(bad_names_build):
    assert len(bad_names_build.warnings) == bad_names_build.warnings_about_cases(), bad_names_build.log


def test_an_article_linked_from_outside_the_project_never_reaches_the_output(bad_names_build):
    link = bad_names_build.cases["linked from outside"].path
    [warning] = bad_names_build.about("linked from outside")
    assert f"{link}:1: WARNING" in warning and "outside the project" in warning
    assert "SECRET" not in warning and "SECRET" not in _output_text(bad_names_build.out)


@pytest.mark.parametrize("parallel", [0, 4])
def test_a_duplicate_label_fails_alike_serial_and_parallel(site, parallel):
    src = site()
    original = (src / "articles/03-gpu-sizing.md").read_text(encoding="utf-8")
    duplicate = src / "articles/19-gpu-sizing.md"
    duplicate.write_text(original.replace("number: 3", "number: 19")
                         .replace("title: Sizing a GPU", "title: A Second Look at the GPU"),
                         encoding="utf-8")
    out, warnings = build(src, parallel=parallel)
    assert warning_lines(warnings) == [
        f"{duplicate}:1: WARNING: the article label 'gpu-sizing' (the file name without its number) "
        f"is already used by {src / 'articles/03-gpu-sizing.md'}; rename one of the files "
        "[fieldnotes.frontmatter]"]
    # The duplicate gets no card or listing, so nothing links to article 03 under its title.
    pages = list(out.rglob("*.html"))
    assert len(pages) > 5  # enough documents that -j reads them in parallel
    for page in pages:
        if page.name != "19-gpu-sizing.html":
            assert "A Second Look" not in page.read_text(encoding="utf-8"), page
    assert 'href="articles/03-gpu-sizing.html"' in (out / "index.html").read_text(encoding="utf-8")


def test_the_readmes_sample_error_is_what_the_build_prints(hostile_build):
    _, sample = _readme_article()
    assert hostile_build.about("readme") == [f"{hostile_build.src}/{sample}"]
