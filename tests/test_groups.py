"""Series, authors, the archive, and the opt-in comments and analytics, on one shared build of
the minisite that turns them all on; and the minisite as it is (one author, nothing turned on),
which must show none of them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from PIL import Image

from fieldnotes.integrations import furo
from fieldnotes.listings.render import initials
from fieldnotes.model import services
from fieldnotes.model.frontmatter import split_front_matter
from fieldnotes.model.people import avatar_problem, check_authors, check_series
from fieldnotes.outputs import csp, jsonld
from fieldnotes.outputs.search import INDEX_DIR
from tests import siteconf
from tests.browser import parse_headers_file
from tests.building import build, card_titles, configure, pages, read_only_feed, soup, touch_later

pytestmark = pytest.mark.xdist_group("groups")

SERIES = {"sizing": {"title": "Sizing <b>the</b> Fleet", "description": "Parts & pieces."}}
AVATAR = "pictures/jr.png"
AUTHORS = {"ada": {"name": "Ada <Lovelace>", "role": "Engineer"},
           "jr": {"name": "Jagadesh Rajendran", "role": "VP", "initials": "JR", "avatar": AVATAR}}
COMMENTS = {"provider": "giscus", "repo": "owner/site", "repo_id": 'R_"1', "category": "Comments",
            "category_id": "DIC_1"}
ANALYTICS = {"provider": "plausible", "domain": "example.org"}
# Front matter lines added to the minisite's articles (after their tags line).
# Parts 01 and 04 show each other in no other way (no reference, related list, sidebar or
# previous/next link), so only the series makes a retitled part rewrite the other.
ADDED = {"01-overview": "series: sizing",
         "02-model-choice": "authors: jr",
         "03-gpu-sizing": "authors: [jr, ada]",
         "04-queue-design": "series: sizing"}
REDATED = {"04-queue-design": "2025-03-02", "02-model-choice": "2026-10-05"}
DRAFT = "articles/05-later.md"


def _picture(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (8, 8), "teal").save(path)


def _prepare(src: Path) -> None:
    _picture(src / AVATAR)
    for setting, value in (("fieldnotes_series", SERIES), ("fieldnotes_authors", AUTHORS),
                           ("fieldnotes_comments", COMMENTS), ("fieldnotes_analytics", ANALYTICS)):
        configure(src, f"{setting} = {value!r}")
    configure(src, "fieldnotes_show_drafts = False")
    for name, lines in ADDED.items():
        path = src / f"articles/{name}.md"
        text = path.read_text()
        tags = next(line for line in text.splitlines() if line.startswith("tags:"))
        path.write_text(text.replace(tags, f"{tags}\n{lines}", 1))
    for name, day in REDATED.items():
        path = src / f"articles/{name}.md"
        path.write_text(path.read_text().replace("date: 2026-11-25", f"date: {day}", 1))
    # A draft in the series, by an author: in none of the listings.
    (src / DRAFT).write_text("---\ntitle: Later Draft\nnumber: 5\ncategory: production\n"
                             "date: 2026-11-20\nsummary: Not yet.\nseries: sizing\nauthors: [ada]\n"
                             "draft: true\n---\n\nSoon.\n")


@pytest.fixture(scope="module")
def groups_site(built_once) -> Path:
    return built_once("groups", _prepare)


def _articles(src: Path) -> list[dict]:
    """Every article's front matter as the test site has it, read here with plain YAML."""
    found = []
    for path in sorted((src / "articles").glob("*.md")):
        data = yaml.safe_load(split_front_matter(path.read_text())[0])
        data["page"] = f"articles/{path.stem}.html"
        found.append(data)
    return found


def _published(src: Path) -> list[dict]:
    return sorted((a for a in _articles(src) if not a.get("draft")), key=lambda a: a["number"])


def _authors_of(article: dict) -> list[str]:
    named = article.get("authors", [next(iter(AUTHORS))])
    return [named] if isinstance(named, str) else named


# -- series --

def test_each_part_shows_its_place_and_every_part(groups_site):
    out = groups_site / "_build/html"
    parts = [a for a in _published(groups_site) if a.get("series") == "sizing"]
    assert len(parts) > 1
    for position, part in enumerate(parts, start=1):
        nav = soup(out, part["page"]).find("nav", class_="fn-series")
        title = nav.find(class_="fn-series-title")
        assert title.get_text(" ", strip=True) == (
            f"Part {position} of {len(parts)} in the series {SERIES['sizing']['title']}")
        assert title.a["href"] == "../series/sizing.html" and title.find("b") is None
        items = nav.find_all("li")
        assert [li.get_text(strip=True) for li in items] == [p["title"] for p in parts]
        for item, other in zip(items, parts):
            if other is part:
                assert item.a is None and item.span["aria-current"] == "page"
            else:
                assert item.a["href"] == other["page"].removeprefix("articles/")


def test_an_article_outside_a_series_shows_no_series(groups_site):
    outside = [a for a in _published(groups_site) if "series" not in a]
    assert outside
    for article in outside:
        assert soup(groups_site / "_build/html", article["page"]).find(class_="fn-series") is None


def test_the_series_page_lists_its_parts_as_cards_in_order(groups_site):
    out = groups_site / "_build/html"
    parts = [a["title"] for a in _published(groups_site) if a.get("series") == "sizing"]
    assert card_titles(out, "series/sizing.html") == parts
    page = soup(out, "series/sizing.html")
    assert page.h1.get_text().rstrip("¶") == SERIES["sizing"]["title"]
    assert SERIES["sizing"]["description"] in page.article.get_text()


def test_each_configured_series_has_a_page(groups_site):
    assert sorted(p.stem for p in (groups_site / "series").glob("*.md")) == sorted(SERIES)


# -- archive --

def test_the_archive_lists_every_published_article_by_year_and_month_newest_first(groups_site):
    page = soup(groups_site / "_build/html", "archive/index.html").article
    published = _published(groups_site)
    newest = sorted(published, key=lambda a: (a["date"], a["number"]), reverse=True)
    years = [h.get_text().rstrip("¶") for h in page.find_all("h2")]
    assert years == list(dict.fromkeys(str(a["date"].year) for a in newest))
    months = [h.get_text().rstrip("¶") for h in page.find_all("h3")]
    assert months == list(dict.fromkeys(a["date"].strftime("%B %Y") for a in newest))
    links = [(a.get_text(), a["href"]) for a in page.select("ul.fn-archive a")]
    assert links == [(a["title"], "../" + a["page"]) for a in newest]


def test_the_archive_is_in_the_real_sites_browse_section(real_site):
    home = soup(real_site, "index.html")
    assert home.select_one('.sidebar-tree a[href="archive/index.html"]') is not None


# -- authors --

def test_bylines_link_each_author_in_order(groups_site):
    out = groups_site / "_build/html"
    for article in _published(groups_site):
        byline = soup(out, article["page"]).find(class_="fn-byline-author")
        links = byline.find_all("a")
        assert [a.get_text() for a in links] == [AUTHORS[s]["name"] for s in _authors_of(article)]
        assert [a["href"] for a in links] == [f"../authors/{s}.html" for s in _authors_of(article)]


def test_an_avatar_is_copied_and_shown_and_initials_stand_in_without_one(groups_site):
    out = groups_site / "_build/html"
    copied = out / "_authors/jr.png"
    assert copied.read_bytes() == (groups_site / AVATAR).read_bytes()
    for article in _published(groups_site):
        avatars = soup(out, article["page"]).select(".fn-byline-avatars > .fn-byline-avatar")
        for avatar, slug in zip(avatars, _authors_of(article), strict=True):
            if "avatar" in AUTHORS[slug]:
                assert avatar.name == "img" and avatar["src"] == "../_authors/jr.png"
            else:
                assert avatar.name == "span" and avatar.get_text() == initials(AUTHORS[slug]["name"])
    assert soup(out, "authors/jr.html").select_one("img.fn-author-avatar")["src"] == "../_authors/jr.png"
    assert soup(out, "authors/ada.html").select_one("img.fn-author-avatar") is None


@pytest.mark.parametrize(("avatar", "fix"), [
    ("../outside.png", "not a path inside the project"),
    ("/etc/outside.png", "not a path inside the project"),
    ("pictures/face.svg", "not a picture the site shows"),
    ("pictures/missing.png", "does not exist"),
    ("pictures/link.png", "outside the project"),
    ("pictures/huge.png", "KB"),
])
def test_an_avatar_outside_the_project_or_not_a_small_picture_is_refused(tmp_path, avatar, fix):
    root = tmp_path / "project"
    _picture(tmp_path / "outside.png")
    (root / "pictures").mkdir(parents=True)
    (root / "pictures/face.svg").write_text("<svg/>")
    (root / "pictures/link.png").symlink_to(tmp_path / "outside.png")
    (root / "pictures/huge.png").write_bytes(b"\0" * (600 * 1024))
    _picture(root / "pictures/fine.png")
    assert avatar_problem(root, "pictures/fine.png") is None
    assert fix in avatar_problem(root, avatar)


def test_each_author_page_lists_their_published_articles(groups_site):
    out = groups_site / "_build/html"
    for slug, author in AUTHORS.items():
        theirs = [a["title"] for a in _published(groups_site) if slug in _authors_of(a)]
        assert card_titles(out, f"authors/{slug}.html") == theirs
        page = soup(out, f"authors/{slug}.html")
        assert page.h1.get_text().rstrip("¶") == author["name"]
        assert page.find("a", class_="fn-subscribe")["href"].endswith(f"feeds/author/{slug}.xml")
        assert page.find("link", type="application/atom+xml", href=lambda h: h.endswith(
            f"feeds/author/{slug}.xml")) is not None


def test_each_author_feed_parses_and_holds_their_articles_newest_first(groups_site):
    out = groups_site / "_build/html"
    for slug, author in AUTHORS.items():
        feed = read_only_feed(out / f"feeds/author/{slug}.xml")
        assert not feed.bozo, feed.bozo_exception
        assert feed.feed.author == author["name"]
        theirs = sorted((a for a in _published(groups_site) if slug in _authors_of(a)),
                        key=lambda a: (a["date"], a["number"]), reverse=True)
        assert [e.title for e in feed.entries] == [a["title"] for a in theirs]
    site = read_only_feed(out / "feeds/atom.xml")
    by_title = {a["title"]: a for a in _published(groups_site)}
    for entry in site.entries:
        assert [p.name for p in entry.authors] == [AUTHORS[s]["name"] for s in
                                                   _authors_of(by_title[entry.title])]


def test_json_ld_names_the_articles_authors(groups_site):
    out = groups_site / "_build/html"
    for article in _published(groups_site):
        script = soup(out, article["page"]).find("script", type="application/ld+json")
        data = json.loads(script.string)
        people = data["author"] if isinstance(data["author"], list) else [data["author"]]
        assert [p["name"] for p in people] == [AUTHORS[s]["name"] for s in _authors_of(article)]
        assert [p["url"].rsplit("/", 2)[-2:] for p in people] == [
            ["authors", f"{s}.html"] for s in _authors_of(article)]


def test_drafts_are_in_no_group(groups_site):
    out = groups_site / "_build/html"
    draft_title = yaml.safe_load(split_front_matter((groups_site / DRAFT).read_text())[0])["title"]
    for page in ("series/sizing.html", "authors/ada.html", "archive/index.html"):
        assert draft_title not in (out / page).read_text()
    assert draft_title not in (out / "feeds/author/ada.xml").read_text()


# -- comments and analytics --

def _policy(out: Path) -> dict[str, list[str]]:
    rules = dict(parse_headers_file((out / csp.HEADERS_FILE).read_text()))
    return {d.split()[0]: d.split()[1:] for d in rules["/*"]["Content-Security-Policy"].split("; ")}


def test_turning_services_on_adds_exactly_their_origins(groups_site):
    out = groups_site / "_build/html"
    on = _policy(out)
    # What giscus (its script, then its frame) and Plausible (its script, then the page view
    # it posts) document that they need.
    origins = {"script-src": ["https://giscus.app", "https://plausible.io"],
               "frame-src": ["https://giscus.app"], "connect-src": ["https://plausible.io"]}
    without = csp.policy(csp.site_inline_code(out, furo.theme_scripts()), wasm=(out / INDEX_DIR).is_dir())
    off = {d.split()[0]: d.split()[1:] for d in without.split("; ")}
    assert all(source in on[directive] for directive, sources in off.items() for source in sources)
    for directive in on.keys() | off.keys():
        added = [s for s in on.get(directive, []) if s not in off.get(directive, ["'self'"])]
        assert sorted(added) == origins.get(directive, []), directive


def test_comments_on_articles_and_analytics_on_every_page(groups_site):
    out = groups_site / "_build/html"
    article = soup(out, _published(groups_site)[0]["page"])
    giscus = article.select_one(".fn-comments script")
    assert giscus["src"] == services.GISCUS + "/client.js"
    assert giscus["data-repo-id"] == COMMENTS["repo_id"]  # escaped in the markup, whole here
    assert soup(out, "index.html").select_one(".fn-comments") is None
    for page in ("index.html", "archive/index.html", _published(groups_site)[0]["page"]):
        [script] = soup(out, page).select("script[data-domain]")
        assert script["data-domain"] == ANALYTICS["domain"]


def test_by_default_nothing_comes_from_another_host(built):
    assert not any(s.startswith("https:") for sources in _policy(built).values() for s in sources)
    for page in ("index.html", "articles/03-gpu-sizing.html"):
        markup = soup(built, page)
        assert markup.select(".fn-comments, script[data-domain], script[data-goatcounter]") == []


# -- one author, nothing configured: the site as it was --

def test_one_author_without_authors_keeps_the_plain_byline(built):
    author = siteconf.fieldnotes_author
    page = soup(built, "articles/03-gpu-sizing.html")
    assert str(page.find(class_="fn-byline-author")) == (
        f'<span class="fn-byline-author">By {author["name"]}</span>')
    assert page.find(class_="fn-byline-avatars") is None
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["author"] == jsonld.person(author, siteconf.html_baseurl)
    assert not (built / "authors").exists() and not (built / "feeds/author").exists()
    assert "<author>" not in (built / "feeds/atom.xml").read_text().split("<entry>", 1)[1]


# -- settings --

@pytest.mark.parametrize(("check", "value", "fix"), [
    (check_series, {"Bad Slug": {"title": "x"}}, "not a slug"),
    (check_series, {"ok": {"name": "x"}}, "needs 'title'"),
    (check_authors, {"ada": {"name": "Ada", "initials": "ADAL"}}, "one to three letters"),
    (check_authors, ["ada"], "must be a dict"),
    (services.check_comments, {"provider": "disqus"}, "giscus"),
    (services.check_comments, {**COMMENTS, "repo": "not a repo"}, '"owner/name"'),
    (services.check_analytics, {"provider": "plausible"}, "needs 'domain'"),
    (services.check_analytics, {"provider": "goatcounter", "code": "a.b/c"}, "mysite"),
])
def test_a_broken_setting_names_conf_py_and_the_fix(check, value, fix):
    problems = check(value)
    assert problems and all("in conf.py" in problem for problem in problems)
    assert any(fix in problem for problem in problems), problems


def test_broken_settings_warn_and_stay_off_in_a_build(site):
    src = site()
    configure(src, 'fieldnotes_series = {"Bad": {"title": "x"}}')
    configure(src, 'fieldnotes_authors = {"ada": "Ada"}')
    configure(src, 'fieldnotes_comments = {"provider": "giscus", "repo": "x"}')
    configure(src, 'fieldnotes_analytics = {"provider": "plausible", "domain": "not a host"}')
    out, warnings = build(src)
    lines = warnings.strip().splitlines()
    conf = (src / "conf.py").read_text().splitlines()
    for setting in ("fieldnotes_series", "fieldnotes_authors", "fieldnotes_comments",
                    "fieldnotes_analytics"):
        line = max(n for n, text in enumerate(conf, 1) if text.startswith(f"{setting} ="))
        assert any(f"conf.py:{line}: WARNING: {setting} in conf.py" in w for w in lines), warnings
    assert all("conf.py:" in line for line in lines), warnings
    assert "Traceback" not in warnings
    assert not any(s.startswith("https:") for sources in _policy(out).values() for s in sources)
    assert not (out / "series").exists() and not (out / "authors").exists()


def test_the_new_page_types_and_bylines_are_valid_html(groups_site):
    from tests.test_html_valid import vnu_errors

    out = groups_site / "_build/html"
    pages = [out / "archive/index.html", out / "series/sizing.html",
             *(out / f"authors/{slug}.html" for slug in AUTHORS),
             *(out / a["page"] for a in _published(groups_site))]
    assert vnu_errors(pages) == []


def test_retitling_a_part_rewrites_every_part_as_a_clean_build_would(built_once, clean_pages):
    src = built_once("groups", _prepare)
    part = src / "articles/01-overview.md"
    part.write_text(part.read_text().replace("title: Overview of the Mini Site",
                                             "title: Overview of the Small Site"))
    touch_later(part)
    out, warnings = build(src)
    assert warnings == ""
    assert "Overview of the Small Site" in (out / "articles/04-queue-design.html").read_text()
    assert pages(out) == clean_pages(src)
