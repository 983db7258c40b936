"""The opt-in services of other hosts: comments (giscus) and analytics (Plausible or
GoatCounter). Each is one setting in conf.py, off by default; here its check, the script it
adds and the origins the Content-Security-Policy must then allow. No Sphinx here.
"""

from __future__ import annotations

import re
from typing import Any

from fieldnotes.model.errors import shown

#: directive -> origins: what one service needs the policy to allow besides 'self'.
Origins = dict[str, list[str]]

_REPO = re.compile(r"[A-Za-z0-9-]+/[A-Za-z0-9._-]+")
_HOST = re.compile(r"(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")
_CODE = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")
_ORIGIN = re.compile(r"https://" + _HOST.pattern)
_TOKEN = re.compile(r"[^\s\x00-\x1f\x7f]{1,200}")
GISCUS = "https://giscus.app"
PLAUSIBLE = "https://plausible.io"
GOATCOUNTER_SCRIPT = "https://gc.zgo.at"
_GISCUS_MAPPINGS = ("pathname", "url", "title", "og:title")

COMMENTS_EXAMPLE = ('fieldnotes_comments = {"provider": "giscus", "repo": "owner/name", '
                    '"repo_id": "R_...", "category": "Comments", "category_id": "DIC_..."}')
ANALYTICS_EXAMPLE = ('fieldnotes_analytics = {"provider": "plausible", "domain": "example.org"} '
                     'or {"provider": "goatcounter", "code": "mysite"}')


def _keys(setting: str, value: dict, required: tuple[str, ...], optional: tuple[str, ...]) -> list[str]:
    problems = [f"{setting} in conf.py has the unknown key {shown(key)}; use "
                + ", ".join(("provider", *required, *optional))
                for key in value if key not in ("provider", *required, *optional)]
    problems += [f"{setting} in conf.py needs {key!r}" for key in required if key not in value]
    return problems


def _matches(setting: str, value: dict, key: str, pattern: re.Pattern, example: str) -> list[str]:
    if key in value and not (isinstance(value[key], str) and pattern.fullmatch(value[key])):
        return [f"{setting} in conf.py: {key!r} is {shown(value[key])}; write it like {example}"]
    return []


def check_comments(value: Any) -> list[str]:
    """What is wrong with fieldnotes_comments ({} or None: off)."""
    setting = "fieldnotes_comments"
    if not value:
        return []
    if not isinstance(value, dict) or value.get("provider") != "giscus":
        return [f"{setting} in conf.py must name its provider, the only one supported being "
                f"giscus: {COMMENTS_EXAMPLE}; or {{}} for no comments"]
    problems = _keys(setting, value, ("repo", "repo_id", "category", "category_id"),
                     ("mapping", "lang"))
    problems += _matches(setting, value, "repo", _REPO, '"owner/name"')
    for key in ("repo_id", "category", "category_id", "lang"):
        problems += _matches(setting, value, key, _TOKEN, "the value giscus.app shows")
    if value.get("mapping", "pathname") not in _GISCUS_MAPPINGS:
        problems.append(f"{setting} in conf.py: 'mapping' is {shown(value['mapping'])}; use one "
                        "of " + ", ".join(_GISCUS_MAPPINGS))
    return problems


def check_analytics(value: Any) -> list[str]:
    """What is wrong with fieldnotes_analytics ({} or None: off)."""
    setting = "fieldnotes_analytics"
    if not value:
        return []
    provider = value.get("provider") if isinstance(value, dict) else None
    if provider == "plausible":
        return (_keys(setting, value, ("domain",), ("host",))
                + _matches(setting, value, "domain", _HOST, '"example.org"')
                + _matches(setting, value, "host", _ORIGIN, '"https://plausible.example.org"'))
    if provider == "goatcounter":
        return (_keys(setting, value, ("code",), ())
                + _matches(setting, value, "code", _CODE, '"mysite" (of mysite.goatcounter.com)'))
    return [f"{setting} in conf.py must name its provider, plausible or goatcounter: "
            f"{ANALYTICS_EXAMPLE}; or {{}} for no analytics"]


def comments_script(value: dict) -> list[tuple[str, str]]:
    """The giscus script's attributes, in order (see giscus.app)."""
    return [("src", f"{GISCUS}/client.js"), ("data-repo", value["repo"]),
            ("data-repo-id", value["repo_id"]), ("data-category", value["category"]),
            ("data-category-id", value["category_id"]),
            ("data-mapping", value.get("mapping", "pathname")), ("data-strict", "1"),
            ("data-reactions-enabled", "1"), ("data-emit-metadata", "0"),
            ("data-input-position", "bottom"), ("data-theme", "preferred_color_scheme"),
            ("data-lang", value.get("lang", "en")), ("data-loading", "lazy"),
            ("crossorigin", "anonymous")]


def analytics_script(value: dict) -> list[tuple[str, str]]:
    """The analytics script's attributes, in order."""
    if value["provider"] == "plausible":
        host = value.get("host", PLAUSIBLE)
        return [("data-domain", value["domain"]), ("src", f"{host}/js/script.js")]
    return [("data-goatcounter", f"{_goatcounter(value)}/count"),
            ("src", f"{GOATCOUNTER_SCRIPT}/count.js")]


def _goatcounter(value: dict) -> str:
    return f"https://{value['code']}.goatcounter.com"


def origins(comments: dict | None, analytics: dict | None) -> Origins:
    """The origins each service that is on loads from or sends to, by CSP directive."""
    needed: Origins = {}

    def allow(directive: str, origin: str) -> None:
        needed.setdefault(directive, [])
        if origin not in needed[directive]:
            needed[directive].append(origin)

    if comments:
        # client.js, then the iframe it opens; the thread itself lives in that frame.
        allow("script-src", GISCUS)
        allow("frame-src", GISCUS)
    if analytics and analytics["provider"] == "plausible":
        host = analytics.get("host", PLAUSIBLE)
        allow("script-src", host)
        allow("connect-src", host)  # the page view is posted to <host>/api/event
    elif analytics:
        allow("script-src", GOATCOUNTER_SCRIPT)
        # count.js sends the page view with sendBeacon, or as an image where it cannot.
        allow("connect-src", _goatcounter(analytics))
        allow("img-src", _goatcounter(analytics))
    return needed
