"""docutils: the one directive class the extension subclasses for its behaviour.

Most of docutils that the engine uses is its documented interface: the document tree
(https://docutils.sourceforge.io/docs/ref/doctree.html), the ``Directive`` base class with its
``arguments``, ``options``, ``content`` and ``run()`` and the option converters of
``docutils.parsers.rst.directives`` (https://docutils.sourceforge.io/docs/howto/
rst-directives.html), and ``publish_doctree``. Those are imported directly.

``CSVTableBase`` is docutils' own ``csv-table`` directive class
(``docutils.parsers.rst.directives.tables.CSVTable``), which ``safety/confine.py`` subclasses
so that a table reads only a checked file of the project. Its options are documented; its
class is not an extension point. The subclass relies on ``run()`` reading ``:file:`` and
``:url:`` from ``self.options`` when it runs (so a checked path put there before
``super().run()`` is the one read), and on an absolute ``:file:`` being read as it is.
"""

from __future__ import annotations

import inspect
import tempfile
from pathlib import Path

from docutils.parsers.rst import Directive
from docutils.parsers.rst.directives.tables import CSVTable

from fieldnotes.integrations import require

# The directive class safety/confine.py's ConfinedCSVTable subclasses.
CSVTableBase = CSVTable


def contract() -> None:
    from docutils.core import publish_doctree

    require(isinstance(CSVTableBase, type) and issubclass(CSVTableBase, Directive)
            and {"file", "url"} <= CSVTableBase.option_spec.keys()
            and callable(getattr(CSVTableBase, "run", None)), "docutils",
            "docutils.parsers.rst.directives.tables.CSVTable is no longer a Directive with run() "
            "and the :file: and :url: options, which safety/confine.py's ConfinedCSVTable "
            "subclasses")
    require("self.options['file']" in inspect.getsource(CSVTableBase.get_csv_data), "docutils",
            "CSVTable no longer reads :file: from self.options when it runs, so the checked path "
            "ConfinedCSVTable puts there may not be the file read")
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder, "data.csv")
        data.write_text("cell-one,cell-two\n", encoding="utf-8")
        # Run from another folder: the absolute path must be read as it is.
        text = f".. csv-table::\n   :file: {data}\n"
        read = publish_doctree(text, source_path=str(Path(folder, "elsewhere", "page.rst")),
                               settings_overrides={"report_level": 5, "halt_level": 5}).astext()
    require("cell-one" in read and "cell-two" in read, "docutils", "csv-table no longer reads an "
            "absolute :file: path as it is, so ConfinedCSVTable's checked file may not be found")
