"""The engine as a package a second site installs: the wheel holds everything a site needs,
and `fieldnotes init` writes a site that builds strict and passes its checks at once, from the
wheel alone, in a venv that has never seen this repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from fieldnotes.outputs.cardimage import FONT_FILE
from fieldnotes.starter import InitError, SiteAnswers, init_site
from fieldnotes.theme import SITE_TEMPLATES, STATIC, TEMPLATES
from tests.siteconf import REPO

pytestmark = pytest.mark.xdist_group("package")

#: FIELDNOTES_PACKAGE_FROM_PYPI=1 installs the wheel's dependencies from the package index, as
#: a team's machine would (about 20 s more). Otherwise the clean venv borrows them from the
#: test venv through a path file, and only the engine comes from the wheel.
FROM_PYPI = os.environ.get("FIELDNOTES_PACKAGE_FROM_PYPI") == "1"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # From a copy of what the package is made of: a build/ folder left in the checkout by an
    # earlier build would otherwise lend the wheel files its package data no longer lists.
    source = out / "source"
    shutil.copytree(REPO / "fieldnotes", source / "fieldnotes",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(REPO / "pyproject.toml", source)
    # --no-isolation: the pinned build backend is already in the test venv (no download).
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out),
                    str(source)], check=True, capture_output=True, cwd=out)
    [built] = out.glob("fieldnotes-*.whl")
    return built


@pytest.fixture(scope="module")
def clean_venv(tmp_path_factory, wheel) -> Path:
    venv = tmp_path_factory.mktemp("venv") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
               "--disable-pip-version-check", str(wheel)]
    if not FROM_PYPI:
        install[-1:-1] = ["--no-deps", "--no-index"]
        borrowed = subprocess.run([sys.executable, "-c", "import sphinx, os; print(os.path.dirname(os.path.dirname(sphinx.__file__)))"],
                                  capture_output=True, text=True, check=True).stdout.strip()
        site_packages = next((venv / "lib").glob("python3*/site-packages"))
        # Appended after the venv's own folder, so the wheel's fieldnotes wins over the
        # checkout's editable install, whose finder (a .pth there) is never run from here.
        (site_packages / "zz-borrowed-dependencies.pth").write_text(borrowed + "\n")
    subprocess.run(install, check=True, capture_output=True)
    return venv


def test_wheel_holds_the_theme_and_the_starter(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = [p for root in (TEMPLATES, STATIC, FONT_FILE.parent) for p in root.rglob("*") if p.is_file()]
    assert shipped
    for path in shipped:
        assert f"fieldnotes/theme/{path.relative_to(TEMPLATES.parent).as_posix()}" in names
    for starter in ("conf.py.in", "Makefile", ".readthedocs.yaml", "articles/01-welcome.md.in"):
        assert f"fieldnotes/starter/files/{starter}" in names
    assert "fieldnotes/README.md" in names
    assert not [n for n in names if n.startswith(("tests/", "articles/", "_build/"))]


def test_a_second_site_builds_and_passes_its_checks_from_the_wheel(tmp_path, clean_venv):
    outside = tmp_path / "elsewhere"  # nothing of this repository on the path
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{clean_venv / 'bin'}{os.pathsep}{env['PATH']}"
    where = subprocess.run([clean_venv / "bin/python", "-c", "import fieldnotes; print(fieldnotes.__file__)"],
                           cwd=outside, env=env, capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(clean_venv)), where
    # No terminal: init asks nothing and takes the defaults, bar what is given.
    site = outside / "team-notes"
    created = subprocess.run([clean_venv / "bin/fieldnotes", "init", str(site), "--title", "Team Notes",
                              "--category", "Platform", "--category", "Data & ML"],
                             cwd=outside, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    assert created.returncode == 0, created.stderr
    for name in ("conf.py", "index.md", "articles/01-welcome.md", "requirements.txt", "Makefile",
                 ".readthedocs.yaml", "README.md", *(f"_templates/{t}" for t in SITE_TEMPLATES)):
        assert (site / name).is_file(), name
    (site / ".venv").symlink_to(clean_venv)
    (clean_venv / ".installed").touch()  # the Makefile's bootstrap: this venv is the site's
    for target in ("html", "check"):
        result = subprocess.run(["make", "--no-print-directory", target], cwd=site, env=env,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        assert "Traceback" not in result.stderr
    home = (site / "_build/html/index.html").read_text()
    assert "How This Knowledge Base Works" in home and "Team Notes" in home
    assert (site / "_build/html/categories/platform.html").is_file()
    assert "0 problems" in result.stdout
    # The site's own card template is the one drawn: a change there shows on the home page.
    card = site / "_templates/fieldnotes/card.md.jinja"
    card.write_text(card.read_text().replace("{{ article.summary", "Own look: {{ article.summary", 1))
    rebuilt = subprocess.run(["make", "--no-print-directory", "html"], cwd=site, env=env,
                             capture_output=True, text=True)
    assert rebuilt.returncode == 0, rebuilt.stderr[-3000:]
    assert "Own look:" in (site / "_build/html/index.html").read_text()


def test_init_writes_values_as_literals_and_refuses_a_used_folder(tmp_path):
    hostile = 'It\'s "{{ x }}" $HOME \\ <b>'
    init_site(tmp_path / "a", SiteAnswers(title=hostile, author=hostile, categories=("Ops",)))
    conf: dict = {}
    exec((tmp_path / "a/conf.py").read_text(), conf)  # noqa: S102 - our own generated file
    assert conf["project"] == hostile and conf["fieldnotes_author"]["name"] == hostile
    assert conf["fieldnotes_categories"] == {"ops": "Ops"}
    with pytest.raises(InitError, match="not an empty folder"):
        init_site(tmp_path / "a", SiteAnswers())
    for bad in (SiteAnswers(site_url="javascript:alert(1)"), SiteAnswers(categories=("!!",)),
                SiteAnswers(title="two\nlines"), SiteAnswers(categories=("Ops", "ops"))):
        with pytest.raises(InitError):
            init_site(tmp_path / "b", bad)
    assert not (tmp_path / "b").exists()
