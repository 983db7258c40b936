"""Load front matter YAML within bounds: no anchors or aliases, no deep nesting, no duplicate keys.

An alias lets a few lines expand into gigabytes ("billion laughs"), so the YAML events are
scanned for anchors and aliases before anything builds a value from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from fieldnotes.model.errors import shown

# libyaml's parser when PyYAML was built with it: the catalog parses every article each build.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 10
_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_CONSTRUCT_ERRORS = (ValueError, OverflowError, TypeError)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class YamlRefused(Exception):
    """YAML that is not loaded, at a line of its file."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Entry:
    """One top-level key: its line in the file, its value, and how the value was written."""

    line: int
    value: Any
    raw: str | None = None  # the scalar as written, before YAML read it
    quoted: bool = False


@dataclass
class Loaded:
    """The top level of a front matter block: a mapping of entries, or what it was instead."""

    entries: dict[str, Entry] = field(default_factory=dict)
    other: Any = None  # a document that is not a mapping (None when it is one)
    is_mapping: bool = True


def load_front_matter(yaml_text: str, first_line: int) -> Loaded:
    """Load ``yaml_text``, whose first line is ``first_line`` of its file.

    Raise :class:`YamlRefused` (at a line of the file) or ``yaml.YAMLError`` when it is refused.
    """
    _refuse_surrogates(yaml_text, first_line)
    _scan_events(yaml_text, first_line)
    loader = SAFE_LOADER(yaml_text)
    try:
        node = loader.get_single_node()
        if not isinstance(node, yaml.MappingNode):
            other = None if node is None else _construct(loader, node, first_line)
            return Loaded(other=other, is_mapping=False)
        _refuse_duplicate_keys(node, first_line)
        loaded = Loaded()
        for key, value in node.value:
            scalar = isinstance(value, yaml.ScalarNode)
            loaded.entries[_key(loader, key, first_line)] = Entry(
                first_line + key.start_mark.line, _construct(loader, value, first_line),
                value.value if scalar else None, scalar and value.style in ("'", '"'))
        return loaded
    finally:
        loader.dispose()


def _refuse_surrogates(yaml_text: str, first_line: int) -> None:
    # libyaml reads UTF-8, which cannot hold a lone surrogate: encoding one would raise.
    found = re.search("[\ud800-\udfff]", yaml_text)
    if found:
        raise YamlRefused(first_line + yaml_text.count("\n", 0, found.start()),
                          f"front matter holds the lone surrogate U+{ord(found.group()):04X}, "
                          "which no UTF-8 text can carry: remove it")


def _scan_events(yaml_text: str, first_line: int) -> None:
    depth = 0
    for event in yaml.parse(yaml_text, Loader=SAFE_LOADER):
        line = first_line + event.start_mark.line
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlRefused(line, "front matter uses a YAML anchor or alias ('&name' or "
                              "'*name'), which the site does not read: write each value out")
        if isinstance(event, _STARTS):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlRefused(line, f"front matter nests lists or mappings more than "
                                  f"{MAX_DEPTH} deep: write plain values")
        elif isinstance(event, _ENDS):
            depth -= 1


def _refuse_duplicate_keys(node: yaml.Node, first_line: int) -> None:
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _refuse_duplicate_keys(item, first_line)
        return
    if not isinstance(node, yaml.MappingNode):
        return
    seen: dict[tuple[str, str], int] = {}
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode):
            line = first_line + key.start_mark.line
            if (key.tag, key.value) in seen:
                first = seen[key.tag, key.value]
                raise YamlRefused(line, f"the key {shown(key.value)} is written twice (first on "
                                  f"line {first}): YAML would silently keep only the last; keep one")
            seen[key.tag, key.value] = line
        _refuse_duplicate_keys(value, first_line)


def _key(loader, node: yaml.Node, first_line: int) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise YamlRefused(first_line + node.start_mark.line, "a front matter key must be a "
                          "plain word like 'title', not a list or a mapping")
    return str(_construct(loader, node, first_line))


def _construct(loader, node: yaml.Node, first_line: int) -> Any:
    try:
        return loader.construct_object(node, deep=True)
    except yaml.YAMLError:
        raise  # reported as YAML that does not parse, at its own mark
    except _CONSTRUCT_ERRORS as exc:
        # A value YAML recognises but cannot build: 2026-13-45 as a date, a 5000-digit number.
        line = first_line + node.start_mark.line
        written = shown(node.value) if isinstance(node.value, str) else "here"
        if node.tag == _TIMESTAMP:
            raise YamlRefused(line, f"{written} is not a real date ({shown(str(exc))}); "
                              "write an ISO date like 2026-01-31") from exc
        raise YamlRefused(line, f"YAML cannot read the value {written} "
                          f"({shown(getattr(exc, 'problem', None) or str(exc))}); quote it "
                          "if it is text") from exc
