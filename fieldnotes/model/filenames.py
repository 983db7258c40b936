"""Rules on an article's file name: where it lives, its slug, and the label it gives."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from fieldnotes.model.errors import Problem, shown

_SLUG_NAME = re.compile(r"[0-9]{2,}-[a-z0-9]+(?:-[a-z0-9]+)*")
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
    return problems
