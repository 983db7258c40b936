"""Generated pages never overwrite or delete a file the author wrote; `make clean` neither."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

from fieldnotes.listings.directives import template_dirs
from fieldnotes.listings.generated import MARKER, generated_pages
from tests import siteconf
from tests.building import build
from tests.siteconf import REPO

AUTHOR_PAGE = "---\norphan: true\n---\n\n# My own notes\n\nKept.\n"
PNG = b"\x89PNG\r\n\x1a\n an author's diagram"


def _authors_files(src: Path) -> dict[Path, bytes]:
    """Files an author may keep next to the generated pages."""
    files = {src / "tags/diagram.png": PNG, src / "categories/notes.md": AUTHOR_PAGE.encode(),
             src / "tags/README.txt": b"what the tags mean"}
    for path, data in files.items():
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
    return files


def test_build_keeps_authors_files_and_marks_its_own(built_site):
    src = built_site
    files = _authors_files(src)
    build(src)
    for path, data in files.items():
        assert path.read_bytes() == data, path
    for folder in ("categories", "tags"):
        for page in (src / folder).glob("*.md"):
            assert page.read_text().startswith(MARKER) == (page.name != "notes.md"), page


def test_authors_file_where_a_page_belongs_is_left_alone_with_a_warning(site):
    src = site()
    (src / "tags").mkdir()
    mine = src / "tags/gpu.md"
    mine.write_text(AUTHOR_PAGE)
    for attempt in ("first", "second"):
        _, warnings = build(src)
        assert f"{mine}:1: WARNING: this file was not written by the build" in warnings, attempt
        assert "the page of tag 'gpu'" in warnings and "[fieldnotes.generated]" in warnings
        assert mine.read_text() == AUTHOR_PAGE
    mine.unlink()
    _, warnings = build(src)
    assert warnings == ""
    assert mine.read_text().startswith(MARKER)


def test_only_generated_pages_no_longer_wanted_are_deleted(built_site):
    src = built_site
    stale = src / "tags/retired-tag.md"
    stale.write_text((src / "tags/gpu.md").read_text())
    _authors_files(src)
    build(src)
    assert not stale.exists()
    assert (src / "categories/notes.md").read_text() == AUTHOR_PAGE


def test_pages_from_builds_before_the_marker_are_taken_over(site):
    """A checkout built before pages were marked holds them unmarked: they are still ours."""
    src = site()
    conf = SimpleNamespace(**{key: getattr(siteconf, key) for key in
                              ("fieldnotes_categories", "fieldnotes_tags", "templates_path")})
    old = generated_pages(src, conf, template_dirs(src, conf))
    for path, text in old.items():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
    _, warnings = build(src)
    assert warnings == ""
    assert all(path.read_text().startswith(MARKER) for path in old)


def test_make_clean_removes_only_what_the_build_wrote(built_site):
    src = built_site  # none of what make needs below is a source, so it can come after the build
    shutil.copy2(REPO / "Makefile", src / "Makefile")
    (src / ".venv").symlink_to(REPO / ".venv")
    files = _authors_files(src)
    generated = [p for folder in ("categories", "tags") for p in (src / folder).glob("*.md")
                 if p not in files]
    assert generated
    # -o: the shared venv is taken as installed; make must never reinstall it from this copy.
    result = subprocess.run(["make", "-o", ".venv/.installed", "clean"], cwd=src,
                            capture_output=True, text=True, check=False,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 0, result.stderr
    assert not (src / "_build").exists()
    assert not any(p.exists() for p in generated)
    for path, data in files.items():
        assert path.read_bytes() == data, path
