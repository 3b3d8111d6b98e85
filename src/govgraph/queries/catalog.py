"""Named queries: the `.rq` files shipped in `queries/named/`, each with a comment header.

A header is the run of comment lines at the top of the file::

    # title: Who held an office on a date
    # description: The people who held an office on a given day,
    #   with the start and end of their tenure.
    # param: office — the office, by name or IRI (entity)
    # param: date — the day, YYYY-MM-DD (date, optional)
    # param: kind — the kind of reform (class of gg:Reform, optional)

A parameter `name` is bound to the SPARQL variable `?name`. The files use the prefixes of
`govgraph.namespaces` without declaring them; `NamedQuery.text` adds the PREFIX lines a query
uses, so the text runs on any SPARQL endpoint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from govgraph.errors import QueryError
from govgraph.namespaces import PREFIXES

PARAM_TYPES = ("entity", "iri", "text", "date", "integer", "decimal", "class", "property")  # "class of gg:X"
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PARAM = re.compile(r"(?P<name>\S+)\s+[—–-]+\s+(?P<meaning>.*?)\s*(?:\((?P<type>[^()]*)\))?\s*$")
_KEY = re.compile(r"#\s*(?P<key>title|description|param)\s*:\s*(?P<value>.*)$")


@dataclass(frozen=True, slots=True)
class Param:
    """A parameter of a named query, bound to the variable of the same name."""

    name: str
    meaning: str
    type: str = "entity"
    optional: bool = False
    base: str | None = None  # for "class of gg:X": the IRI of gg:X


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """One `.rq` file: its header and its SPARQL body."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    body: str
    path: Path | None = None

    @property
    def text(self) -> str:
        """The query with PREFIX lines for the prefixes it uses and does not declare."""
        return prologue_for(self.body) + self.body

    def param(self, name: str) -> Param | None:
        """The parameter called `name`, if the query takes one."""
        return next((p for p in self.params if p.name == name), None)


def prologue_for(sparql: str) -> str:
    """PREFIX lines for the known prefixes a query uses but does not declare."""
    declared = {m.lower() for m in re.findall(r"(?im)^\s*PREFIX\s+([A-Za-z][\w.-]*)?:", sparql)}
    used = set(re.findall(r"(?<![\w<\"'#?$])([A-Za-z][\w.-]*):(?!//)", _strip_strings_and_comments(sparql)))
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in PREFIXES if p in used and p.lower() not in declared)


def _strip_strings_and_comments(sparql: str) -> str:
    without_iris = re.sub(r"<[^<>\s]*>", " ", sparql)
    without_strings = re.sub(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'", " ", without_iris)
    return re.sub(r"(?m)#.*$", " ", without_strings)


def parse_header(text: str, name: str, path: Path | None = None) -> NamedQuery:
    """Read the comment header of a query file.

    Raises:
        QueryError: a header line is malformed (a parameter without a name, an unknown type).
    """
    fields: dict[str, list[str]] = {"title": [], "description": []}
    params: list[Param] = []
    last: str | None = None
    lines = text.splitlines()
    body_start = 0
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            body_start = index + 1
            continue
        body_start = index + 1
        match = _KEY.match(stripped)
        if match and match["key"] == "param":
            params.append(_parse_param(match["value"], name))
            last = "param"
        elif match:
            fields[match["key"]].append(match["value"].strip())
            last = match["key"]
        elif last in fields and stripped.lstrip("#").strip():
            fields[last].append(stripped.lstrip("#").strip())
    title = " ".join(fields["title"]) or name
    return NamedQuery(name, title, " ".join(fields["description"]), tuple(params),
                      "\n".join(lines[body_start:]).strip() + "\n", path)


def _parse_param(spec: str, query: str) -> Param:
    match = _PARAM.match(spec.strip())
    if not match or not _NAME.fullmatch(match["name"]):
        raise QueryError(f"query {query}: malformed parameter line {spec!r}; write `# param: name — meaning (type)`")
    words = [w.strip() for w in (match["type"] or "entity").split(",") if w.strip()]
    optional = "optional" in words
    kinds = [w for w in words if w != "optional"] or ["entity"]
    base = None
    if len(kinds) == 1 and kinds[0].startswith("class of "):
        prefix, _, local = kinds[0].removeprefix("class of ").strip().partition(":")
        base = f"{PREFIXES[prefix]}{local}" if prefix in PREFIXES and local else None
        kinds = ["class"] if base else kinds
    if len(kinds) != 1 or kinds[0] not in PARAM_TYPES or (kinds[0] == "class" and base is None):
        raise QueryError(f"query {query}: parameter {match['name']} has type {match['type']!r}; "
                         f"use one of {', '.join(t if t != 'class' else 'class of gg:SomeClass' for t in PARAM_TYPES)} "
                         "(optionally ', optional')")
    return Param(match["name"], match["meaning"], kinds[0], optional, base)


def named_dir() -> Path:
    """The folder holding the shipped `.rq` files."""
    return Path(str(resources.files("govgraph.queries") / "named"))


@cache
def named_queries() -> dict[str, NamedQuery]:
    """Every shipped named query, by name (the file stem), sorted by name."""
    found = {}
    for path in sorted(named_dir().glob("*.rq")):
        found[path.stem] = parse_header(path.read_text(encoding="utf-8"), path.stem, path)
    return found


def named_query(name: str) -> NamedQuery:
    """The named query called `name`.

    Raises:
        QueryError: no such query (the message suggests close names).
    """
    queries = named_queries()
    if name in queries:
        return queries[name]
    import difflib

    close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise QueryError(f"no named query {name!r}{hint} (`govgraph queries` lists them)")
