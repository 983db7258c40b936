"""Rules on an article's file name: where it lives, its slug, and the label it gives."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from fieldnotes.model.errors import Problem, shown
from fieldnotes.model.reserved import reserved_label

_SLUG_NAME = re.compile(r"([0-9]{2,})-[a-z0-9]+(?:-[a-z0-9]+)*")
#: Suffixes of files an author meant as articles, in any case; only ``.md`` is read.
_NEAR_MISS_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtxt",
                       ".mdtext", ".txt", ".text", ".rst")
_NUMBERED = re.compile(r"([0-9]+)-?(.*)", re.DOTALL)


def slugify(title: str, max_words: int = 8) -> str:
    """ASCII, lowercase, hyphens: accents lose their marks, other scripts drop out."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:max_words])


def label_for(docname: str) -> str:
    """The stable cross-reference label: the file name without its number."""
    return re.sub(r"^\d+-", "", docname.rsplit("/", 1)[-1])


def slug_of(docname: str) -> str:
    """The label as a slug: two files whose labels differ only in case or accents collide."""
    return slugify(label_for(docname), max_words=1000)


def in_articles_dir(folder: str, docname: str) -> bool:
    """Whether a document lies anywhere under the articles folder, subfolders included."""
    return docname.startswith(folder.strip("/") + "/")


def suggested_name(docname: str) -> str:
    """The file name an article should have: a two-digit number, then a slug."""
    stem = docname.rsplit("/", 1)[-1]
    match = _NUMBERED.fullmatch(stem)
    number, words = (f"{int(match.group(1)):02d}", match.group(2)) if match else ("NN", stem)
    return f"{number}-{slugify(words, max_words=1000) or 'article'}.md"


def file_name_problems(docname: str, path: str, folder: str) -> list[Problem]:
    """What is wrong with where an article lives and how its file is named."""
    folder = folder.strip("/")
    relative = docname[len(folder) + 1 :]
    stem = relative.rsplit("/", 1)[-1]
    problems = []
    if "/" in relative:
        problems.append(Problem(path, 1, f"articles live directly in {folder}/, not in a "
                                f"subfolder: move this file to {folder}/{suggested_name(docname)}"))
    elif not _SLUG_NAME.fullmatch(stem):
        problems.append(Problem(path, 1, f"the file name {shown(Path(path).name)} is not a "
                                "lower-case ASCII slug (a two-digit number, then words of a-z "
                                "and 0-9 joined by hyphens): rename it to "
                                f"{suggested_name(docname)}"))
    elif reserved_label(label_for(docname)):
        label = label_for(docname)
        problems.append(Problem(path, 1, f"the article label {shown(label)} (the file name "
                                f"without its number) is the label of {reserved_label(label)}, "
                                "so links to either would reach one page: rename the file, as "
                                f"in {stem.split('-', 1)[0]}-site-{label}.md"))
    return problems


def number_problem(docname: str, path: str, number: int, line: int) -> Problem | None:
    """A problem when the front matter's number is not the one the file name starts with."""
    match = _SLUG_NAME.fullmatch(docname.rsplit("/", 1)[-1])
    if match is None or int(match.group(1)) == number:
        return None
    stem = docname.rsplit("/", 1)[-1]
    renamed = f"{number:02d}-{stem.split('-', 1)[1]}.md"
    return Problem(path, line, f"the front matter says number {number}, but the file name "
                   f"{shown(Path(path).name)} starts with {int(match.group(1))}: make them agree, "
                   f"as 'number: {int(match.group(1))}' or by renaming the file to {renamed}")


def near_misses(folder: Path, suffixes: list[str]) -> list[Path]:
    """Files in the articles folder that look like articles but are never read: their suffix
    is a near miss of one the site reads (``.MD``, ``.markdown``, ``.txt``)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file()
                  and p.suffix.lower() in _NEAR_MISS_SUFFIXES and p.suffix not in suffixes)
