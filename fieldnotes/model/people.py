"""The series and authors a site declares in conf.py, checked once a build.

``fieldnotes_series = {"slug": {"title": ..., "description": ...}}`` and
``fieldnotes_authors = {"slug": {"name": ..., "role": ..., "initials": ...}}``: each problem is
a sentence that names the setting and says what to write. No Sphinx here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from fieldnotes.listings.render import initials
from fieldnotes.model.errors import shown
from fieldnotes.model.fields import refused_character

#: A slug becomes a file name and a URL: lower-case words joined by hyphens.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SERIES_KEYS = {"title": True, "description": False}
_AUTHOR_KEYS = {"name": True, "role": False, "initials": False, "avatar": False}
#: Pictures a browser shows as an image and nothing else (an SVG may carry script).
AVATAR_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif")
AVATAR_MAX_BYTES = 512 * 1024
#: Where the build puts each author's picture in the output, by slug.
AVATARS = "_authors"
MAX_CHARS = 400


@dataclass(frozen=True)
class Author:
    """One person the site names in bylines, on their page and in JSON-LD."""

    slug: str
    name: str
    role: str
    initials: str
    #: The picture's path from conf.py ("" for none: the initials are shown).
    avatar: str = ""

    @property
    def avatar_output(self) -> str:
        """Where the build copies the picture, from the output folder."""
        return f"{AVATARS}/{self.slug}{PurePosixPath(self.avatar).suffix.lower()}"


def _record(setting: str, slug: object, value: object, keys: dict[str, bool]) -> list[str]:
    where = f"{setting} in conf.py"
    if not isinstance(slug, str) or not SLUG.fullmatch(slug):
        return [f"{where}: the key {shown(slug)} is not a slug; use lower-case words joined by "
                "hyphens, like gpu-fleet"]
    example = ", ".join(f'"{key}": "..."' for key, needed in keys.items() if needed)
    if not isinstance(value, dict):
        return [f"{where}: {slug!r} must be a dict like {{{example}}}, got {shown(value)}"]
    problems = []
    for key in value:
        if key not in keys:
            problems.append(f"{where}: {slug!r} has the unknown key {shown(key)}; use "
                            + ", ".join(keys))
    for key, needed in keys.items():
        text = value.get(key)
        if text is None and not needed:
            continue
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: {slug!r} needs {key!r} as text, like {{{example}}}")
        elif len(text) > MAX_CHARS or refused_character(text):
            problems.append(f"{where}: {slug!r} has a {key!r} that is too long or holds a "
                            f"control character; keep it to one line under {MAX_CHARS} "
                            "characters")
    return problems


def check_series(series: object) -> list[str]:
    """What is wrong with fieldnotes_series."""
    if not isinstance(series, dict):
        return [f"fieldnotes_series in conf.py must be a dict of series, got {shown(series)}"]
    return [p for slug, value in series.items() for p in _record("fieldnotes_series", slug, value,
                                                                 _SERIES_KEYS)]


def check_authors(authors: object) -> list[str]:
    """What is wrong with fieldnotes_authors."""
    if not isinstance(authors, dict):
        return [f"fieldnotes_authors in conf.py must be a dict of authors, got {shown(authors)}"]
    problems = [p for slug, value in authors.items()
                for p in _record("fieldnotes_authors", slug, value, _AUTHOR_KEYS)]
    for slug, value in authors.items():
        mark = value.get("initials") if isinstance(value, dict) else None
        if isinstance(mark, str) and not 1 <= len(mark) <= 3:
            problems.append(f"fieldnotes_authors in conf.py: {slug!r} has 'initials' "
                            f"{shown(mark)}; give one to three letters, like JR")
    return problems


def avatar_problem(root: Path, avatar: str) -> str | None:
    """Why an author's picture may not be used, if it may not: it must be an image file inside
    the project (``root``), named from conf.py's folder, and small."""
    path = root / avatar
    fix = (f"give a .png, .jpg, .webp or .gif file under {AVATAR_MAX_BYTES // 1024} KB inside "
           "the project, as a path from conf.py's folder like _static/authors/ada.png")
    if PurePosixPath(avatar).is_absolute() or ".." in PurePosixPath(avatar).parts:
        return f"the avatar {shown(avatar)} is not a path inside the project: {fix}"
    if PurePosixPath(avatar).suffix.lower() not in AVATAR_SUFFIXES:
        return f"the avatar {shown(avatar)} is not a picture the site shows: {fix}"
    if not path.resolve().is_relative_to(root.resolve()):
        return f"the avatar {shown(avatar)} is a link to a file outside the project: {fix}"
    if not path.is_file():
        return f"the avatar {shown(avatar)} does not exist: {fix}"
    if path.stat().st_size > AVATAR_MAX_BYTES:
        return f"the avatar {shown(avatar)} is {path.stat().st_size // 1024} KB: {fix}"
    return None


def authors_of(config: dict[str, dict]) -> dict[str, Author]:
    """Each configured author as a record; initials from the name unless given."""
    return {slug: Author(slug, value["name"], value.get("role", ""),
                         value.get("initials") or initials(value["name"]), value.get("avatar", ""))
            for slug, value in config.items()}
