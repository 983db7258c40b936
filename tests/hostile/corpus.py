"""Hostile snippets for every part of the attack surface that a running build exposes.

``CORPUS`` maps each name that tests/test_attack_surface.py finds registered in a build with
the site's conf.py (``directive:NAME``, ``role:NAME``, ``domain-directive:DOMAIN:NAME``,
``domain-role:DOMAIN:NAME``, ``myst-extension:NAME``, ``syntax:RULE``, ``config:NAME``,
``front-matter:KEY``) to the hostile snippets that exercise it, or to a ``Reason`` saying why it
needs none. A feature added without an entry here turns that test red. The strategies
(strategies.py) build articles from these snippets and from the extra ``generator:*`` entries
(reserved names, nesting, control characters) that are features of the generator, not of the
engine.

Snippets are templates: ``@CANARY_ABS@`` and ``@CANARY_REL@`` are the absolute and relative
paths (from the article's folder) of a file outside the project whose contents must never reach
the output; ``@XSS@`` is markup that would run a script; ``@N@`` a number unique in the site.
Body snippets are Markdown; ``config:*`` snippets are Python expressions for conf.py;
``front-matter:*`` snippets are YAML lines for an article's front matter.
"""

from __future__ import annotations

from dataclasses import dataclass

XSS = '<script>alert("fz")</script><img src=x onerror=alert(1)>'
ATTR = '" onmouseover="alert(1)" x="'
JS_URL = "javascript:alert(1)"
REMOTE = "https://evil.example/pixel.png"
HOST_PATHS = ("@CANARY_REL@", "@CANARY_ABS@", "file://@CANARY_ABS@")


@dataclass(frozen=True)
class Reason:
    """Why a part of the surface has no hostile snippet: ``refused`` (the build refuses it
    whatever it holds) or ``inert`` (it cannot carry author input to the output)."""

    kind: str  # "refused" or "inert"
    why: str


def _fence(name: str, argument: str = "", options: str = "", body: str = "") -> str:
    return f"```{{{name}}} {argument}\n{options}{body}\n```"


def _block_directive(name: str) -> list[str]:
    """A directive that holds a body: markup, attributes and host paths in every place."""
    return [
        _fence(name, XSS, f":class: {ATTR}\n:name: fz-@N@\n", f"Body {XSS} [link]({JS_URL})"),
        _fence(name, "@CANARY_REL@", "", "![img](@CANARY_REL@)\n\n<https://evil.example/>"),
        f":::{{{name}}} \u202e\u200f\n{{{{ nope }}}}\n:::",
    ]


def _roles(name: str) -> list[str]:
    return [f"{{{name}}}`{XSS}`", f"{{{name}}}`text <{JS_URL}>`",
            f"{{{name}}}`@CANARY_ABS@`", f"{{{name}}}`{'x' * 5000}`"]


ADMONITIONS = ["admonition", "attention", "caution", "danger", "error", "hint", "important",
               "note", "tip", "warning", "seealso", "sidebar", "topic", "epigraph", "highlights",
               "pull-quote", "compound", "container", "div", "rubric", "centered", "hlist",
               "line-block", "parsed-literal", "class", "rst-class", "cssclass", "title",
               "header", "footer", "sectnum", "contents", "target-notes", "acks",
               "codeauthor", "sectionauthor", "moduleauthor", "deprecated", "versionadded",
               "versionchanged", "versionremoved", "version-added", "version-changed",
               "version-deprecated", "version-removed", "describe", "object", "index",
               "tabularcolumns", "highlight", "default-role", "default-domain", "unicode",
               "date", "replace", "only", "table", "glossary", "productionlist",
               "restructuredtext-test-directive",
               # sphinx-design
               "grid", "grid-item", "grid-item-card", "card", "card-carousel", "card-header",
               "card-footer", "dropdown", "tab-set", "tab-item", "tab-set-code", "article-info",
               "accordion", "aside", "step", "steps", "_all-octicon",
               # the engine's listings
               "fieldnotes-banner", "fieldnotes-cards", "fieldnotes-featured",
               "fieldnotes-listing-header", "fieldnotes-tags", "fieldnotes-toctree"]

DIRECTIVES: dict[str, list[str] | Reason] = {name: _block_directive(name) for name in ADMONITIONS}
DIRECTIVES.update({
    "code": [_fence("code", "html", "", XSS), _fence("code", "python", ":linenos:\n:emphasize-lines: 1-99999999\n", "x")],
    "code-block": [_fence("code-block", "html", f":caption: {XSS}\n", XSS)],
    "sourcecode": [_fence("sourcecode", "js", "", XSS)],
    "math": [_fence("math", "", ":label: fz-@N@\n", "\\href{javascript:alert(1)}{x}"),
             _fence("math", "", "", "\\text{" + XSS + "}")],
    "list-table": [_fence("list-table", XSS, ":header-rows: 1\n", f"* - {XSS}\n  - [a]({JS_URL})")],
    "csv-table": [_fence("csv-table", "", ":file: @CANARY_REL@\n"),
                  _fence("csv-table", "", ":file: /etc/passwd\n"),
                  _fence("csv-table", "", f":url: {REMOTE}\n"),
                  _fence("csv-table", XSS, "", f'"{XSS}",2')],
    "image": [_fence("image", p) for p in (*HOST_PATHS, REMOTE, JS_URL)]
             + [_fence("image", "x.png", f":target: {JS_URL}\n:alt: {ATTR}\n")],
    "figure": [_fence("figure", "@CANARY_REL@", "", XSS), _fence("figure", REMOTE, "", "cap")],
    "figure-md": ["```{figure-md} fz-@N@\n![x](@CANARY_REL@)\n\ncap\n```"],
    "include": [_fence("include", p) for p in HOST_PATHS]
               + [_fence("include", "@CANARY_REL@", ":literal:\n"), _fence("include", "/etc/passwd")],
    "literalinclude": [_fence("literalinclude", p) for p in HOST_PATHS]
                      + [_fence("literalinclude", "01-benign.md", ":diff: @CANARY_REL@\n")],
    "raw": [_fence("raw", "html", "", XSS), _fence("raw", "html", ":file: @CANARY_REL@\n")],
    "meta": [_fence("meta", "", ":http-equiv=refresh: 0; url=https://evil.example\n")],
    "toctree": [_fence("toctree", "", ":caption: " + XSS + "\n", f"@CANARY_ABS@\n{XSS} <{JS_URL}>\nhttps://evil.example")],
    "role": ["```{eval-rst}\n.. role:: fz(raw)\n   :format: html\n\n:fz:`" + XSS + "`\n```"],
    "button-link": [_fence("button-link", JS_URL, "", XSS), _fence("button-link", REMOTE, f":tooltip: {ATTR}\n", "x")],
    "button-ref": [_fence("button-ref", XSS, "", "x")],
})

TEXT_ROLES = ["abbr", "abbreviation", "acronym", "code", "command", "dfn", "emphasis", "file",
              "guilabel", "index", "kbd", "literal", "mailheader", "makevar", "manpage", "math",
              "menuselection", "mimetype", "newsgroup", "program", "regexp", "samp", "strong",
              "subscript", "superscript", "title-reference", "eq", "pep", "rfc", "cve", "cwe",
              "any", "ref", "doc", "numref", "term", "keyword", "option", "envvar", "token",
              "download", "sub-ref", "raw", "octicon", "fa", "fab", "far", "fas", "fa-brands",
              "fa-regular", "fa-solid", "material-outlined", "material-regular",
              "material-round", "material-sharp", "material-twotone",
              # docutils' internal names for Markdown and rST syntax; also reachable by name
              "anonymous-reference", "citation-reference", "footnote-reference",
              "named-reference", "pep-reference", "rfc-reference", "substitution-reference",
              "target", "uri-reference", "restructuredtext-unimplemented-role"]
COLOURS = ["primary", "secondary", "success", "info", "warning", "danger", "light", "muted",
           "dark", "white", "black"]
BADGES = [f"bdg{kind}{colour}{line}" for kind in ("-", "-link-", "-ref-") for colour in COLOURS
          for line in ("", "-line")] + ["bdg", "bdg-link", "bdg-ref"]

ROLES: dict[str, list[str] | Reason] = {name: _roles(name) for name in TEXT_ROLES + BADGES}

# Domain objects: a signature, options and a body carry author text into the page and index.
DOMAIN_TEMPLATES = {
    "py": ("```{py:NAME} fz" + XSS + "(a: '" + ATTR + "')\n:module: " + XSS + "\n\nBody " + XSS + "\n```",
           "{py:NAME}`" + XSS + "`"),
    "c": ("```{c:NAME} int fz_@N@(char *x)\n\n" + XSS + "\n```", "{c:NAME}`fz<script>`"),
    "cpp": ("```{cpp:NAME} template<typename T> fz_@N@\n\n" + XSS + "\n```", "{cpp:NAME}`fz<script>`"),
    "js": ("```{js:NAME} fz" + XSS + "\n\nBody\n```", "{js:NAME}`" + XSS + "`"),
    "rst": ("```{rst:NAME} fz" + XSS + "\n\nBody\n```", "{rst:NAME}`" + XSS + "`"),
    "std": ("```{std:NAME} fz" + XSS + "\n\nBody " + XSS + "\n```", "{std:NAME}`" + XSS + " <" + JS_URL + ">`"),
    "math": ("", "{math:NAME}`fz-" + XSS + "`"),
}


def domain_directive(domain: str, name: str) -> list[str] | Reason:
    template = DOMAIN_TEMPLATES.get(domain, ("", ""))[0]
    return [template.replace("NAME", name)] if template else Reason("inert", "no template")


def domain_role(domain: str, name: str) -> list[str] | Reason:
    template = DOMAIN_TEMPLATES.get(domain, ("", ""))[1]
    return [template.replace("NAME", name)] if template else Reason("inert", "no template")


DOMAIN_DIRECTIVES = {
    "c": ["alias", "enum", "enumerator", "function", "macro", "member", "namespace",
          "namespace-pop", "namespace-push", "struct", "type", "union", "var"],
    "cpp": ["alias", "class", "concept", "enum", "enum-class", "enum-struct", "enumerator",
            "function", "member", "namespace", "namespace-pop", "namespace-push", "struct",
            "type", "union", "var"],
    "js": ["attribute", "class", "data", "function", "method", "module"],
    "py": ["attribute", "class", "classmethod", "currentmodule", "data", "decorator",
           "decoratormethod", "exception", "function", "method", "module", "property",
           "staticmethod", "type"],
    "rst": ["directive", "directive:option", "role"],
    "std": ["cmdoption", "confval", "envvar", "glossary", "option", "productionlist", "program"],
}
DOMAIN_ROLES = {
    "c": ["data", "enum", "enumerator", "expr", "func", "macro", "member", "struct", "texpr",
          "type", "union", "var"],
    "cpp": ["any", "class", "concept", "enum", "enumerator", "expr", "func", "member", "struct",
            "texpr", "type", "union", "var"],
    "js": ["attr", "class", "data", "func", "meth", "mod"],
    "math": ["numref"],
    "py": ["attr", "class", "const", "data", "deco", "exc", "func", "meth", "mod", "obj", "type"],
    "rst": ["dir", "role"],
    "std": ["confval", "doc", "envvar", "keyword", "numref", "option", "ref", "term", "token"],
}

MYST_EXTENSIONS: dict[str, list[str] | Reason] = {
    "colon_fence": [f":::{{note}}\n:class: {ATTR}\n{XSS}\n:::",
                    "::::" * 50 + "{note}\nx\n" + "::::" * 50],
    "attrs_inline": [f"[x]{{#fz-@N@ .c onclick=\"alert(1)\" style=\"background:url({REMOTE})\"}}",
                     f"![x](x.png){{width=\"{ATTR}\" src=\"{REMOTE}\"}}",
                     f"[a](https://x.example){{target=_blank href=\"{JS_URL}\"}}"],
    "attrs_block": [f"{{#fz-@N@ .c onclick=\"alert(1)\" style=\"x\"}}\nParagraph {XSS}",
                    f"{{lang=\"{ATTR}\"}}\n```\ncode\n```"],
    "substitution": ["{{ env.config.__class__ }}", "{{ env.app.builder.outdir }}",
                     "{{ ''.__class__.__mro__[1].__subclasses__() }}",
                     "{% for x in range(10**9) %}x{% endfor %}", "{{ claims_month }}",
                     "{{ " + "(" * 300 + "1" + ")" * 300 + " }}", "{{ lipsum(10**6) }}"],
    "dollarmath": ["$\\href{" + JS_URL + "}{x}$", "$$\n\\style{color:red}{x} " + XSS + "\n$$",
                   "$" + "{" * 500 + "$", f"Costs $800 and $1,500 {XSS}",
                   "$\\unicode{0x1b}\\class{x}{y}$ and $$\\begin{" + "a" * 5000 + "}$$"],
}

# Markdown syntax (markdown-it rules the parser has enabled).
SYNTAX: dict[str, list[str] | Reason] = {
    "front_matter": Reason("inert", "the article's front matter: front-matter:* entries"),
    "table": [f"| a {XSS} | b |\n|---|---|\n| [x]({JS_URL}) | ![y]({REMOTE}) |"],
    "code": [f"    {XSS}\n    indented"],
    "colon_fence": MYST_EXTENSIONS["colon_fence"],
    "substitution_block": ["{{ env }}\n", "{{ undefined_name }}\n"],
    "attr": MYST_EXTENSIONS["attrs_block"],
    "fence": [f"```html\n{XSS}\n```", f"```mermaid\ngraph TD\nA[\"<img src={REMOTE}>\"] --> B[{XSS}]\nclick A \"{JS_URL}\"\n```",
              f"```{XSS}\nx\n```", "```\n\u00ad\u200b\u2060\n```"],
    "math_inline": MYST_EXTENSIONS["dollarmath"][:1] + MYST_EXTENSIONS["dollarmath"][3:],
    "math_block": MYST_EXTENSIONS["dollarmath"][1:3],
    "myst_line_comment": [f"% {XSS}\n% @CANARY_ABS@"],
    "blockquote": ["> " * 200 + "deep", f"> {XSS}"],
    "myst_block_break": [f"+++ {XSS}"],
    "myst_target": ["(fz-@N@)=\n## Section", f"({XSS})=\n## Section",
                    "(dup-target)=\n## Same"],
    "hr": ["---\n***\n___"],
    "list": ["- " * 100 + "deep", "1. " * 100 + "deep", f"- [ ] {XSS}"],
    "footnote_def": [f"x[^fz@N@]\n\n[^fz@N@]: {XSS} [a]({JS_URL})", "x[^missing]"],
    "reference": [f"[x][fzref@N@]\n\n[fzref@N@]: {JS_URL} \"{ATTR}\"",
                  f"[y][r@N@]\n\n[r@N@]: @CANARY_ABS@"],
    "heading": [f"## {XSS}", "#" * 7 + " seven", "## " + "h" * 20000, "# A second title"],
    "lheading": [f"{XSS}\n-----"],
    "paragraph": [XSS, "\u202e\u200f\ufeff\U0001F600 \u0301" * 50, "x" * 50_000,
                  "&lt;script&gt;alert(1)&lt;/script&gt; &#0; &#x110000; &#xD800;"],
    "text": ["\\<script\\>alert(1)\\</script\\>"],
    "newline": ["a  \nb\\\nc"],
    "substitution_inline": MYST_EXTENSIONS["substitution"],
    "escape": ["\\" * 1000],
    "myst_role": [f"{{unknownrole}}`{XSS}`", f"{{{XSS}}}`x`", "{eval-rst}`.. raw:: html`"],
    "backticks": [f"`{XSS}`", "`" * 5000],
    "emphasis": ["*" * 10000 + "x", "_" * 5000 + "x" + "_" * 5000],
    "link": [f"[x]({JS_URL})", "[x](JaVaScRiPt:alert(1))", "[x](java\tscript:alert(1))",
             "[x](data:text/html;base64,PHNjcmlwdD4=)", f"[x](@CANARY_ABS@)",
             f"[x](@CANARY_REL@)", "[x](vbscript:msgbox(1))", f"[x](<{ATTR}>)",
             "[x](#fz-missing)", "[x](../../../etc/passwd)", "[x](search.md)",
             "[x](https://evil.example/\"><script>alert(1)</script>)", "[x](//evil.example/x)"],
    "image": [f"![x]({REMOTE})", "![x](//evil.example/x.png)", "![x](@CANARY_REL@)",
              "![x](@CANARY_ABS@)", f"![x]({JS_URL})", "![x](data:image/svg+xml,<svg onload=alert(1)>)",
              f"![{XSS}](x.png \"{ATTR}\")"],
    "footnote_ref": ["x[^1][^1][^1]\n\n[^1]: once"],
    "span": [f"[x]{{style=\"background:url({REMOTE})\"}}"],
    "autolink": [f"<{JS_URL}>", "<https://evil.example/?a=\"><script>>", "<mailto:x@evil.example?body=<script>>"],
    "entity": ["&#0;&#1;&#x1b;&#xFFFE;&#65533;&nbsp;&bogus;"],
    "eval-rst": [f"```{{eval-rst}}\n.. raw:: html\n\n   {XSS}\n```",
                 f"```{{eval-rst}}\n`x <{JS_URL}>`_\n```",
                 "```{eval-rst}\n.. include:: @CANARY_ABS@\n```",
                 "```{eval-rst}\n|x| text\n\n.. |x| unicode:: 0x0 0x1b\n```",
                 "```{eval-rst}\n" + "  " * 0 + ".. note::\n\n" + "".join("   " * i + ".. note::\n\n" for i in range(1, 60)) + "   " * 60 + "deep\n```"],
}

# Every fieldnotes_* setting, and the core settings a site sets that the pages print.
CONFIG: dict[str, list[str] | Reason] = {
    "config:fieldnotes_articles_dir": ["'../..'", "'/tmp'", "''", "'articles/../articles'"],
    "config:fieldnotes_author": [f"{{'name': {XSS!r}, 'role': {ATTR!r}}}", "{'name': 1}", "{}"],
    "config:fieldnotes_build_cache": Reason(
        "inert", "where the build keeps its cache, outside the output by design; the tests set "
        "it (tests/test_buildspeed.py covers it)"),
    "config:fieldnotes_categories": [
        f"{{'infrastructure': {XSS!r}, 'ai-llms': 'AI', 'open-source': 'OS', 'production': 'P', 'gpu-compute': 'G'}}",
        "{'index': 'Index', 'ai-llms': 'AI', 'open-source': 'OS', 'production': 'P', 'gpu-compute': 'G', 'infrastructure': 'I'}",
        "{'../up': 'Up', 'ai-llms': 'AI', 'open-source': 'OS', 'production': 'P', 'gpu-compute': 'G', 'infrastructure': 'I'}"],
    "config:fieldnotes_category_colours": ["{'infrastructure': 'red;background:url(https://evil.example/)'}",
                                           "{'infrastructure': '</style><script>alert(1)</script>'}"],
    "config:fieldnotes_category_descriptions": [f"{{'gpu-compute': {XSS!r}, 'ai-llms': {ATTR!r}}}",
                                                "{'gpu-compute': 1}", "{'no-such-category': 'x'}"],
    "config:fieldnotes_tags": [f"{{'kafka': {XSS!r}, 'mlops': 'M', 'gpu': 'G'}}",
                               "{'index': 'Index', 'kafka': 'K', 'mlops': 'M', 'gpu': 'G'}"],
    "config:fieldnotes_show_drafts": ["True", "'yes'"],
    "config:fieldnotes_feed_content": ["'summary'", "'<script>'", "''"],
    "config:fieldnotes_feed_length": ["0", "-1", "10**9", "'20'"],
    "config:fieldnotes_mermaid_js": ["'does-not-exist.js'", "''", "'/'"],
    "config:fieldnotes_page_size": ["0", "-5", "1", "10**12"],
    "config:fieldnotes_redirects": ["{'search': 'articles/01-benign'}",
                                    f"{{'old': {JS_URL!r}}}", "{'../../escape': 'index'}",
                                    "{'old-page': 'https://evil.example/'}"],
    "config:fieldnotes_sidebar": ["'furo'", "'<script>'"],
    "config:fieldnotes_source_repository": [f"{JS_URL!r}", "'https://github.com/a/b\"><script>'",
                                            "'https://evil.example/repo'"],
    "config:fieldnotes_analytics": [
        "{'provider': 'plausible', 'domain': '\"><script>alert(1)</script>'}",
        "{'provider': 'evil', 'src': 'https://evil.example/x.js'}", "'yes'",
        "{'provider': 'goatcounter', 'code': '../../evil.example/'}"],
    "config:fieldnotes_comments": [
        "{'provider': 'giscus', 'repo': 'a/b\"><script>', 'repo_id': 'x', 'category': 'c', 'category_id': 'y'}",
        "{'provider': 'disqus', 'shortname': 'x'}", "1"],
    "config:fieldnotes_authors": [f"{{'jr': {{'name': {XSS!r}, 'role': {ATTR!r}}}}}",
                                  "{'jr': {'name': 'J', 'avatar': '@CANARY_ABS@'}}",
                                  "{'index': {'name': 'I'}}", "[]"],
    "config:fieldnotes_series": [f"{{'arc': {{'title': {XSS!r}, 'description': {ATTR!r}}}}}",
                                 "{'index': {'title': 'x'}}", "'x'"],
    "config:fieldnotes_article_words": ["[3000, 1500]", "'x'", "[-1, 10**12]"],
    "config:fieldnotes_article_sections": ["-1", "'3'", "10**9"],
    "config:fieldnotes_article_references": ["10**9", "'x'"],
    "config:fieldnotes_article_tags": ["[9, 1]", "'x'"],
    "config:fieldnotes_article_code": ["'yes'", "True"],
    "config:fieldnotes_article_bold_leads": ["-1", "0"],
    "config:fieldnotes_article_placeholders": [f"[{XSS!r}]", "'todo'", "['']"],
    "config:fieldnotes_substitutions_file": ["'@CANARY_ABS@'", "'../../etc/passwd'", "'articles'", "''"],
    "config:fieldnotes_today": ["'2099-01-01'", "'yesterday'", "1", "'0001-01-01'"],
    "config:html_baseurl": ["'javascript:alert(1)//'", "'https://x.example/\"><script>alert(1)</script>/'",
                            "'https://fieldnotes.example.org/a b/'"],
}

FRONT_MATTER: dict[str, list[str] | Reason] = {
    "front-matter:title": [f"title: {XSS!r}", "title: \"\\x1b[31m\\0\"", "title: " + "t" * 500,
                           "title: '{{ env }}'", "title: [a, b]", "title: \"]]></title><x>\"",
                           "title: \"\\u202eevil\\u2028line\"", "title: \"*emph* `code` [a](javascript:x)\""],
    "front-matter:summary": [f"summary: {XSS!r}", "summary: \"\\x0c\\x1b\"", "summary: " + "s" * 5000,
                             "summary: \"]]>&amp;<![CDATA[\""],
    "front-matter:number": ["number: 010", "number: -1", "number: 1e9", "number: '5'", "number: 99999999999999999999"],
    "front-matter:category": ["category: index", "category: ../x", f"category: {XSS!r}", "category: [a]"],
    "front-matter:date": ["date: 0001-01-01", "date: 9999-12-31", "date: '2026-01-01'", "date: 2026-13-45"],
    "front-matter:tags": ["tags: [index]", f"tags: [{XSS!r}]", "tags: [kafka, kafka]", "tags: " + "[" * 500 + "]" * 500],
    "front-matter:featured": ["featured: true", "featured: 'yes'"],
    "front-matter:draft": ["draft: true", "draft: {a: 1}"],
    "front-matter:redirect_from": ["redirect_from: [search]", "redirect_from: [genindex]",
                                   "redirect_from: ['404']", "redirect_from: [../../etc]",
                                   "redirect_from: [index]", "redirect_from: [articles/01-benign]"],
    "front-matter:authors": ["authors: [nobody]", f"authors: [{XSS!r}]", "authors: {a: 1}", "authors: []"],
    "front-matter:series": ["series: nope", f"series: {XSS!r}", "series: [a, b]", "series: index"],
    "front-matter:myst": ["myst:\n  disable_syntax: []\n  enable_extensions: [html_admonition]"],
    "front-matter:html_meta": ["html_meta:\n  \"http-equiv=refresh\": \"0; url=https://evil.example\""],
    "front-matter:substitutions": [f"substitutions:\n  x: {XSS!r}"],
    "front-matter:<<": ["<<: {myst: {disable_syntax: []}}"],
}

# Features of the generator rather than of the engine: names and shapes no registry lists.
GENERATOR: dict[str, list[str] | Reason] = {
    "generator:reserved-slug": ["search", "genindex", "404", "index", "tags", "categories", "feeds"],
    "generator:suffix": [".MD", ".Md"],
    "generator:bad-file-name": ["05 spaced", "06-Ünïcode", "07-x.y", "-08", "09-" + "a" * 200],
    "generator:number-mismatch": ["mismatch"],
    "generator:control-body": ["\x00", "\x08", "\x0b", "\x1b[31m", "\x7f", "\x85", "\ufffe",
                               "\ud800", "\u2028", "\u0085"],
    "generator:deep-nesting": ["blockquote", "colon-fence", "list", "json", "yaml"],
    "generator:symlink-loop": ["loop"],
    "generator:duplicate-target": ["dup-target"],
}


def entries() -> dict[str, list[str] | Reason]:
    """The whole corpus, by surface name."""
    corpus: dict[str, list[str] | Reason] = {}
    corpus.update({f"directive:{n}": v for n, v in DIRECTIVES.items()})
    corpus.update({f"role:{n}": v for n, v in ROLES.items()})
    for domain, names in DOMAIN_DIRECTIVES.items():
        corpus.update({f"domain-directive:{domain}:{n}": domain_directive(domain, n) for n in names})
    for domain, names in DOMAIN_ROLES.items():
        corpus.update({f"domain-role:{domain}:{n}": domain_role(domain, n) for n in names})
    corpus.update({f"myst-extension:{n}": v for n, v in MYST_EXTENSIONS.items()})
    corpus.update({f"syntax:{n}": v for n, v in SYNTAX.items()})
    corpus.update(CONFIG)
    corpus.update(FRONT_MATTER)
    corpus.update(GENERATOR)
    return corpus


CORPUS = entries()
#: Parts of the corpus that go into an article's body.
BODY_KINDS = ("directive:", "role:", "domain-directive:", "domain-role:", "myst-extension:", "syntax:")
