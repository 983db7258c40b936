"""The one checker every generated site goes through, whatever went into it. Each invariant
returns what broke it, in words that say where; ``violations`` runs them all."""

from __future__ import annotations

import json
import posixpath
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
from bs4 import BeautifulSoup

from fieldnotes.config import site_url_problem
from fieldnotes.configure import STAND_IN_URL
from fieldnotes.listings.generated import MARKER
from fieldnotes.outputs.csp import RUNNABLE_SCRIPT_TYPES
from fieldnotes.routes import GENERATED_FOLDERS
from tests.hostile.sites import Built

CRASHES = ("Traceback", "Exception occurred", "Sphinx parallel build error")
MESSAGE = re.compile(r"(WARNING|ERROR|CRITICAL|SEVERE): |^(Configuration|Extension|Sphinx) error",
                     re.MULTILINE)
XML_SUFFIXES = (".xml", ".xhtml", ".svg", ".opf", ".ncx")
ATOM = "{http://www.w3.org/2005/Atom}"
# Attributes through which a page makes the browser fetch something; <a href> only links.
FETCHING = {"src", "srcset", "poster", "data", "action", "formaction", "background", "xlink:href"}
FETCHING_LINKS = {"link", "use", "image", "base"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)", re.IGNORECASE)
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


@dataclass
class Engine:
    """What the engine itself writes into pages, from a clean benign site's build."""

    script_files: set[str] = field(default_factory=set)
    inline_scripts: set[str] = field(default_factory=set)
    handlers: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def of(cls, out: Path) -> Engine:
        engine = cls()
        for page in out.rglob("*.html"):
            found = _page_scripts(page, out)
            engine.script_files |= found.script_files
            engine.inline_scripts |= found.inline_scripts
            engine.handlers |= found.handlers
        # Assets a page loads only when it needs them (sphinx-design's tabs, mermaid) are the
        # theme's and the extensions' files all the same: no article can write into _static.
        engine.script_files |= {p.relative_to(out).as_posix() for p in (out / "_static").rglob("*.js")}
        return engine


def _soup(text: str) -> BeautifulSoup:
    return BeautifulSoup(text, "html.parser")


def _page_scripts(page: Path, out: Path, text: str | None = None) -> Engine:
    found = Engine()
    soup = _soup(text if text is not None else page.read_text(encoding="utf-8", errors="replace"))
    folder = posixpath.dirname(page.relative_to(out).as_posix())
    for script in soup("script"):
        if (script.get("type") or "").strip().lower() not in RUNNABLE_SCRIPT_TYPES:
            continue
        if script.get("src") is not None:
            path = urlsplit(script["src"]).path
            # The 404 page links its assets from the site's root, at any depth.
            path = path.lstrip("/") if path.startswith("/") else posixpath.join(folder, path)
            found.script_files.add(posixpath.normpath(path))
        else:
            found.inline_scripts.add(script.get_text())
    for element in soup.find_all(True):
        found.handlers |= {(element.name, a) for a in element.attrs if a.lower().startswith("on")}
    return found


def no_crash(built: Built, *_) -> list[str]:
    if built.returncode is None:
        return ["the build did not finish in time (a hang)"]
    return [f"the output holds {crash!r}" for crash in CRASHES if crash in built.log]


# Sphinx's own messages that name no location, for input the build refuses anyway (it fails):
# message -> where Sphinx writes it. Remove one when Sphinx gives it a location.
UPSTREAM_UNLOCATED = {
    "unknown directive name: ": "sphinx/util/docutils.py:325 (9.0.4), a directive whose domain "
                                "prefix (before ':') is not a domain",
    "WARNING: Duplicate explicit target name: ": "docutils 0.21 (nodes.document."
                                                 "set_duplicate_name_id): two directives of one "
                                                 "article given the same :name:; it names the "
                                                 "file, not the line",
}


def _unlocated(built: Built, settings: list[str]) -> list[str]:
    """Message lines that name neither a file and line of the site nor a setting it sets."""
    located = re.compile(rf"{re.escape(str(built.src))}/[^\n]*?:\d+: ")
    lines = [line for line in built.log.splitlines() if MESSAGE.search(line)]
    return [line for line in lines
            if not located.search(line) and not any(name in line for name in settings)
            and not any(upstream in line for upstream in UPSTREAM_UNLOCATED)]


def failure_is_located(built: Built, settings: list[str], *_) -> list[str]:
    """The build fails exactly when a message names the file and line (or the setting)."""
    messages = [line for line in built.log.splitlines() if MESSAGE.search(line)]
    if built.returncode == 0:
        return [f"the build passed with a message: {line}" for line in messages[:3]]
    problems = [f"a message names no file and line: {line[:300]}"
                for line in _unlocated(built, settings)[:3]]
    if built.returncode and not messages:
        problems.append(f"the build failed ({built.returncode}) with no message naming the file")
    return problems


def outputs_parse(built: Built, *_) -> list[str]:
    problems = []
    for path in sorted(built.out.rglob("*")):
        if path.suffix not in XML_SUFFIXES or not path.is_file():
            continue
        name = path.relative_to(built.out)
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as error:
            problems.append(f"{name} does not parse: {error}")
            continue
        if root.tag == f"{ATOM}feed":
            parsed = feedparser.parse(path.read_bytes())
            if parsed.bozo:
                problems.append(f"{name}: feedparser: {parsed.bozo_exception}")
            for content in root.iter(f"{ATOM}content"):
                problems += [f"{name}: an entry {p}" for p in _markup_problems(content.text or "", built, None, None)]
    return problems


def _bad_url(value: str) -> bool:
    squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
    return squeezed.startswith(BAD_SCHEMES)


def _markup_problems(text: str, built: Built, page: Path | None, engine: Engine | None) -> list[str]:
    """Scripts, handlers and javascript: URLs the engine did not write, and fetches from
    other hosts, in a page (or, with no ``page``, in markup inside a feed: none allowed)."""
    problems = []
    own = urlsplit(_baseurl(built)).netloc
    found = _page_scripts(page or built.out / "feed.html", built.out, text)
    engine = engine or Engine()
    problems += [f"runs a script file the engine does not: {s}"
                 for s in sorted(found.script_files - engine.script_files)]
    problems += [f"runs inline code the engine does not: {s[:200]!r}"
                 for s in sorted(found.inline_scripts - engine.inline_scripts)]
    problems += [f"has an event handler: <{t} {a}>" for t, a in sorted(found.handlers - engine.handlers)]
    for element in _soup(text).find_all(True):
        for name, value in element.attrs.items():
            values = value if isinstance(value, list) else [value]
            if any(_bad_url(v) for v in values):
                problems.append(f"has a {values[0][:60]!r} URL in <{element.name} {name}>")
            fetches = name in FETCHING or (name == "href" and element.name in FETCHING_LINKS)
            urls = [u.strip().split(" ")[0] for v in values for u in v.split(",")] if name == "srcset" else values
            if name == "style":
                urls = CSS_URL.findall(" ".join(values))
                fetches = True
            if element.name == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
                problems.append(f"has a refresh <meta>: {element}")
            for url in urls if fetches else []:
                host = urlsplit(url.strip()).netloc
                if host and host != own:
                    problems.append(f"fetches from another host: <{element.name} {name}={url[:100]!r}>")
        if element.name == "style":
            problems += [f"fetches from another host in <style>: {u[:100]}" for u in CSS_URL.findall(element.get_text())
                         if urlsplit(u.strip()).netloc not in ("", own)]
    return problems


def _baseurl(built: Built) -> str:
    conf = (built.src / "conf.py").read_text(encoding="utf-8")
    match = re.search(r"^html_baseurl = (.*)$", conf, re.MULTILINE)
    url = eval(match.group(1)) if match else "https://fieldnotes.example.org/"  # noqa: S307 - our own corpus value
    # A site address the engine refuses is replaced by its stand-in, which is then the site's.
    return url if site_url_problem(url) is None else STAND_IN_URL


def pages_are_the_engines(built: Built, _settings, engine: Engine) -> list[str]:
    problems = []
    for page in sorted(built.out.rglob("*.html")):
        text = page.read_text(encoding="utf-8", errors="replace")
        name = page.relative_to(built.out)
        problems += [f"{name} {p}" for p in _markup_problems(text, built, page, engine)]
        for data in _soup(text).find_all("script", type="application/ld+json"):
            try:
                json.loads(data.get_text())
            except ValueError as error:
                problems.append(f"{name}: its JSON-LD does not parse: {error}")
    return problems


def no_canary(built: Built, *_) -> list[str]:
    token = built.canary.encode()
    return [f"{p.relative_to(built.out)} holds the canary file's contents"
            for p in sorted(built.out.rglob("*")) if p.is_file() and token in p.read_bytes()]


def _generated_source(built: Built, relative: str) -> bool:
    """A category or tag page the build writes among the sources, as it documents."""
    path = built.base / relative
    parts = Path(relative).parts
    return (len(parts) > 2 and parts[0] == built.src.name and parts[1] in GENERATED_FOLDERS
            and path.is_file() and path.read_text(encoding="utf-8").startswith(MARKER))


def nothing_written_outside(built: Built, *_) -> list[str]:
    return [f"the build wrote {p}, outside its output folder" for p in built.written_outside
            if not _generated_source(built, p)]


INVARIANTS = [no_crash, failure_is_located, outputs_parse, pages_are_the_engines, no_canary,
              nothing_written_outside]


def violations(built: Built, settings: list[str], engine: Engine,
               again: tuple[int | None, str] | None = None,
               parallel: tuple[dict, dict] | None = None) -> list[str]:
    """Everything the build broke. ``again``: a second build's return code and output;
    ``parallel``: a serial and a ``-j 2`` build's pages, to compare."""
    found = no_crash(built)
    if built.returncode is None:
        return found
    for invariant in INVARIANTS[1:]:
        found += [f"{invariant.__name__}: {p}" for p in invariant(built, settings, engine)]
    if again is not None:
        returncode, log = again
        if returncode != built.returncode:
            found.append(f"a second build gave {returncode}, the first {built.returncode}")
        found += [f"second build: the output holds {c!r}" for c in CRASHES if c in log]
    if parallel is not None:
        serial, jobs = parallel
        differ = sorted(p for p in serial.keys() | jobs.keys() if serial.get(p) != jobs.get(p))
        found += [f"-j 2 differs from a serial build in {p}" for p in differ[:5]]
    return found
