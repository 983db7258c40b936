"""What the build does for speed changes nothing it writes, and leaves the process as it was."""

from __future__ import annotations

import gc
import pickle
import tempfile
from pathlib import Path

import jinja2
from docutils import nodes

from fieldnotes.building import speed as buildspeed
from tests import siteconf
from tests.building import build, pages, replace_step


def test_rendering_each_title_once_writes_the_same_pages(site, built, monkeypatch):
    fast = built  # the minisite as the build renders it, each title once
    replace_step(monkeypatch, buildspeed, "_render_titles_once", lambda app: None)
    plain, warnings = build(site(to="plain"))
    assert warnings == ""
    assert pages(fast) == pages(plain)


def test_titles_are_rendered_once_a_build(site, monkeypatch):
    rendered = []
    original = buildspeed._render_titles_once

    def count_renders(app):
        render_partial = app.builder.render_partial
        app.builder.render_partial = lambda node: rendered.append(node) or render_partial(node)
        original(app)

    replace_step(monkeypatch, buildspeed, "_render_titles_once", count_renders)
    build(site())
    titles = [n for n in rendered if isinstance(n, nodes.title)]
    assert titles, "no title was rendered"
    assert len({id(n) for n in titles}) == len(titles)


def test_collection_is_restored_after_a_build(site):
    before = gc.get_threshold()
    gc.set_threshold(701, 11, 12)  # not what the build uses, nor what a previous build left
    try:
        build(site())
        assert gc.get_threshold() == (701, 11, 12)
        assert gc.get_freeze_count() == 0
    finally:
        gc.set_threshold(*before)


def test_listing_doctrees_hold_only_their_own_page(built):
    """Cards are parsed once and copied; a copy must not carry the page it was parsed on."""
    for name in ("index", "categories/gpu-compute", "tags/gpu"):
        doctree = pickle.loads((built.parent / "doctrees" / f"{name}.doctree").read_bytes())
        others = {id(n.document) for n in doctree.findall(nodes.Element)} - {id(doctree)}
        assert not others, f"{name} carries nodes of another document"


def test_an_application_that_never_builds_leaves_collection_alone(site):
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    before = gc.get_threshold()
    gc.set_threshold(701, 11, 12)
    try:
        src = site()
        app = SphinxTestApp("html", srcdir=src, builddir=src / "_build", status=StringIO(),
                            warning=StringIO())
        try:
            assert gc.get_threshold() == (701, 11, 12)
            assert gc.get_freeze_count() == 0
        finally:
            app.cleanup()
    finally:
        gc.set_threshold(*before)


def test_a_later_build_compiles_no_template_and_writes_the_same_pages(site, tmp_path, monkeypatch):
    compiled = []
    compile_ = jinja2.Environment.compile

    def count(environment, source, name=None, filename=None, *args, **kwargs):
        if filename:  # a template file, not a string rendered once
            compiled.append(name)
        return compile_(environment, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", count)
    src = site()
    # A template of the site's own (in place of furo's empty one), to change below.
    ads = src / "_templates" / "sidebar" / "ethical-ads.html"
    ads.parent.mkdir(parents=True)
    ads.write_text("")
    settings = {"fieldnotes_build_cache": str(tmp_path / "cache"),
                "templates_path": [str(src / "_templates"), *siteconf.templates_path]}
    first, warnings = build(src, **settings)
    assert warnings == "" and {"page.html", "sidebar/ethical-ads.html"} <= set(compiled)
    compiled.clear()
    # A cold build into another folder, as `make livehtml` starts each rebuild afresh.
    again, _ = build(src, tmp_path / "again", **settings)
    assert compiled == []
    assert pages(again) == pages(first)
    # A template whose source changed is compiled again, and only that one.
    ads.write_text("{# changed #}")
    build(src, tmp_path / "edited", **settings)
    assert compiled == ["sidebar/ethical-ads.html"]


def test_a_cache_folder_the_build_cannot_write_is_one_warning_not_a_stop(site, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    temporary_file = tempfile.TemporaryFile

    def refuse_the_cache(*args, dir=None, **kwargs):  # noqa: A002 - tempfile's own name
        if dir is not None and Path(dir).is_relative_to(cache):
            raise PermissionError(13, "Permission denied", str(dir))
        return temporary_file(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "TemporaryFile", refuse_the_cache)
    out, warnings = build(site(), fieldnotes_build_cache=str(cache))
    assert warnings.count("WARNING") == 1 and f"the build cache {cache} cannot be written" in warnings
    assert "Traceback" not in warnings and (out / "index.html").is_file()
