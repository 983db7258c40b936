"""Check that code blocks in the languages we can parse really parse."""

from __future__ import annotations

import ast
import json
import re
import tomllib
from typing import TYPE_CHECKING

import yaml
from docutils import nodes
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

CHECKED_LANGUAGES = ("python", "py", "python3", "json", "yaml", "yml", "toml")
MAX_YAML_DEPTH = 100
# libyaml's event parser when PyYAML has it: it finds the depth without building a value.
_YAML_EVENTS = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml_too_deep(source: str) -> int | None:
    """The line (within the block) where YAML first nests too deep: PyYAML builds values
    recursively, and thousands of levels take seconds before the stack runs out."""
    depth = 0
    for event in yaml.parse(source, Loader=_YAML_EVENTS):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                return event.start_mark.line + 1
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


def syntax_error(language: str, source: str) -> tuple[int, str] | None:
    """``(line within the block, message)`` if the source does not parse, else ``None``."""
    language = language.lower()
    try:
        if language in ("python", "py", "python3"):
            ast.parse(source)
        elif language == "json":
            json.loads(source)
        elif language in ("yaml", "yml"):
            deep = _yaml_too_deep(source)
            if deep is not None:
                return deep, f"YAML nested more than {MAX_YAML_DEPTH} levels deep; flatten it"
            for _ in yaml.safe_load_all(source):
                pass
        elif language == "toml":
            tomllib.loads(source)
    except SyntaxError as exc:
        return exc.lineno or 1, f"Python syntax error: {exc.msg}"
    except json.JSONDecodeError as exc:
        return exc.lineno, f"JSON error: {exc.msg}"
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return (mark.line + 1 if mark else 1), f"YAML error: {getattr(exc, 'problem', exc)}"
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        return (int(found.group(1)) if found else 1), f"TOML error: {exc}"
    except (RecursionError, MemoryError, ValueError):
        # Each parser recurses once per level of nesting: thousands of '[' or '-' exhaust the
        # stack (or, for Python's parser, its memory), and some values no parser will build.
        return 1, "it nests too deep or holds a value too large to check"
    return None


def _check_code_blocks(app: Sphinx, doctree: nodes.document) -> None:
    """A code block that claims a language we can parse must parse."""
    for block in doctree.findall(nodes.literal_block):
        language = block.get("language", "")
        if language.lower() not in CHECKED_LANGUAGES:
            continue
        error = syntax_error(language, block.astext())
        if error:
            line, message = error
            # The block's node line is its opening fence; the code starts on the next line.
            where = (app.env.docname, (block.line or 0) + line)
            logger.warning(f"{language} code block does not parse: {message}. Fix the code, or "
                           "mark the block as ```text if it is not meant to run",
                           location=where, type="fieldnotes", subtype="code")
