"""The e-book of the real site: valid for EPUBCheck, well-formed XML throughout, with real
metadata and a spine of the home page, then each category and its articles."""

from __future__ import annotations

import json
import posixpath
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

import pytest

from tests import siteconf
from tests.browser import require
from tests.conftest import ROOTS, strict_build
from tests.java import JAVA
from tests.sitepages import published_articles

# The e-book is built once for these tests: they run on one worker (`--dist loadgroup`).
pytestmark = pytest.mark.xdist_group("ebook")

INSTALL_EPUBCHECK = ("the e-book check needs EPUBCheck on Java: install it with "
                     "`sudo apt-get install -y epubcheck default-jre-headless`")
DC = "{http://purl.org/dc/elements/1.1/}"
XML_PARTS = (".xhtml", ".opf", ".ncx", ".xml")


def epubcheck_messages(book: Path) -> list[str]:
    """EPUBCheck's errors and fatal errors for ``book``, one line each."""
    jar = shutil.which("epubcheck")
    require(jar is not None and shutil.which("java") is not None, INSTALL_EPUBCHECK)
    # Debian's epubcheck is a jar; without binfmt support it runs only through java -jar.
    result = subprocess.run([*JAVA, "-jar", str(Path(jar).resolve()), str(book), "--json", "-"],
                            capture_output=True, text=True, check=False)
    report = json.loads(result.stdout[result.stdout.index("{"):result.stdout.rindex("}") + 1])
    return [f"{m['severity']} {m['ID']} {m['locations'][0]['path'] if m['locations'] else ''}: "
            f"{m['message']}" for m in report["messages"] if m["severity"] in ("ERROR", "FATAL")]


@pytest.fixture(scope="module")
def ebook(tmp_path_factory) -> Path:
    """`make epub` of the real site, run twice: the second, incremental build must pass too."""
    out = tmp_path_factory.mktemp("ebook") / "epub"
    for _ in range(2):
        result = strict_build("epub", out)
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr
    [book] = out.glob("*.epub")
    return book


def _opf(archive: zipfile.ZipFile) -> tuple[ET.Element, str]:
    container = ET.fromstring(archive.read("META-INF/container.xml"))
    path = container.find(".//{*}rootfile").get("full-path")
    return ET.fromstring(archive.read(path)), path.rpartition("/")[0]


def test_epubcheck_finds_nothing(ebook):
    assert epubcheck_messages(ebook) == []


def test_epubcheck_reports_a_page_that_is_not_xhtml(ebook, tmp_path):
    """The judge can fail: the same book with one page written as HTML, as the heads once were."""
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(ebook) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.endswith("index.xhtml"):
                data = data.replace(b"</head>", b'<link rel="alternate" href="x.xml"></head>')
            target.writestr(item, data)
    assert any(m.startswith("FATAL RSC-016") for m in epubcheck_messages(broken))


def test_every_part_is_well_formed_xml(ebook):
    with zipfile.ZipFile(ebook) as archive:
        parts = [name for name in archive.namelist() if name.endswith(XML_PARTS)]
        assert any(name.startswith("articles/") for name in parts)
        for name in parts:
            try:
                ET.fromstring(archive.read(name))
            except ET.ParseError as error:
                pytest.fail(f"{name}: {error}")


def test_metadata_comes_from_the_configuration(ebook):
    with zipfile.ZipFile(ebook) as archive:
        opf, _ = _opf(archive)
    metadata = opf.find("{*}metadata")
    values = {child.tag.removeprefix(DC): (child.text or "") for child in metadata
              if child.tag.startswith(DC)}
    assert values["title"] == siteconf.epub_title
    assert values["description"] == siteconf.epub_description
    assert values["contributor"] == siteconf.epub_contributor
    assert values["creator"] == siteconf.author
    assert values["identifier"] == urlsplit(siteconf.html_baseurl).hostname
    assert "unknown" not in values.values()


def test_spine_is_home_then_each_category_and_its_articles_in_number_order(ebook):
    expected = ["index"]
    for slug, name in siteconf.fieldnotes_categories.items():
        expected.append(f"categories/{slug}")
        expected += [a.docname for a in published_articles() if a.category == slug]
    with zipfile.ZipFile(ebook) as archive:
        opf, base = _opf(archive)
    hrefs = {item.get("id"): item.get("href") for item in opf.findall(".//{*}manifest/{*}item")}
    spine = [hrefs[ref.get("idref")] for ref in opf.findall(".//{*}spine/{*}itemref")]
    assert [posixpath.join(base, href).removesuffix(".xhtml") for href in spine] == expected
    pages = [href for href in hrefs.values() if href.endswith(".xhtml") and href != "nav.xhtml"]
    assert sorted(pages) == sorted(spine)  # no tag page, index or draft rides along



EVERY_CONSTRUCT = Path(__file__).parent / "data" / "every-construct.md"


@pytest.fixture(scope="module")
def construct_ebook(tmp_path_factory) -> Path:
    """The e-book of a tiny site with a page of every construct (math, a diagram, tables),
    built with the strict command."""
    src = tmp_path_factory.mktemp("construct-ebook") / "src"
    shutil.copytree(ROOTS / "test-minisite", src)
    shutil.copy(EVERY_CONSTRUCT, src / "articles" / "05-every-construct.md")
    result = subprocess.run([sys.executable, "-m", "sphinx", "-T", "-W", "--keep-going", "-n",
                             "-b", "epub", "-d", str(src / "_build" / "doctrees"), str(src),
                             str(src / "_build" / "epub")], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    [book] = (src / "_build" / "epub").glob("*.epub")
    return book


def test_epubcheck_finds_nothing_in_a_book_with_math_diagrams_and_tables(construct_ebook):
    with zipfile.ZipFile(construct_ebook) as archive:
        page = archive.read("articles/05-every-construct.xhtml")
    assert b"MathML" in page and b"<table" in page and b"fn-diagram" in page
    assert epubcheck_messages(construct_ebook) == []


def test_only_pages_with_math_are_declared_mathml(construct_ebook):
    with zipfile.ZipFile(construct_ebook) as archive:
        opf, base = _opf(archive)
        items = opf.findall(".//{*}manifest/{*}item")
        for item in items:
            if item.get("media-type") != "application/xhtml+xml" or item.get("id") == "nav":
                continue
            has_math = b"http://www.w3.org/1998/Math/MathML" in archive.read(
                posixpath.join(base, item.get("href")))
            assert ("mathml" in (item.get("properties") or "").split()) == has_math, item.attrib
