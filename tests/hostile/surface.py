"""The attack surface, read from a running Sphinx app made with the site's conf.py.

Run as a child process (``python -m tests.hostile.surface SRCDIR``) so that what other tests
registered in docutils' process-wide registries never counts; it prints the surface as JSON.
"""

from __future__ import annotations

import json
import sys
from io import StringIO
from pathlib import Path


def surface(srcdir: Path) -> list[str]:
    from docutils.parsers.rst import directives, roles
    from myst_parser.mdit_to_docutils.base import DocutilsRenderer
    from myst_parser.parsers.mdit import create_md_parser
    from sphinx.testing.util import SphinxTestApp

    from fieldnotes.model.frontmatter import ALLOWED_KEYS
    from fieldnotes.safety.confinedoc import PARSER_SETTINGS

    app = SphinxTestApp("html", srcdir=srcdir, status=StringIO(), warning=StringIO())
    try:
        names = [f"directive:{n}" for n in {*directives._directives, *directives._directive_registry}]
        names += [f"role:{n}" for n in {*roles._roles, *roles._role_registry}]
        for domain_name, domain in app.registry.domains.items():
            names += [f"domain-directive:{domain_name}:{n}" for n in domain.directives]
            names += [f"domain-role:{domain_name}:{n}" for n in domain.roles]
        names += [f"myst-extension:{n}" for n in app.config.myst_enable_extensions]
        rules = create_md_parser(app.env.myst_config, DocutilsRenderer).get_active_rules()
        names += [f"syntax:{n}" for n in rules["block"] + rules["inline"]]
        # MyST reads this fence name itself, before any registry.
        names.append("syntax:eval-rst")
        names += [f"config:{n}" for n in app.config._options if n.startswith("fieldnotes_")]
        names += [f"front-matter:{key}" for key in (*ALLOWED_KEYS, *PARSER_SETTINGS)]
    finally:
        app.cleanup()
    return sorted(set(names))


if __name__ == "__main__":
    print(json.dumps(surface(Path(sys.argv[1]))))
