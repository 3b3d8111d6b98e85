"""Reading SPARQL text before anything runs it: blanking IRIs, strings and comments, and refusing what
govgraph never runs (SERVICE, updates), decided on the parsed query.

`refuse_unsafe` is the one check the store (embedded and remote), the command line and the HTTP
endpoint share. It parses the query with rdflib's SPARQL 1.1 parser and walks the parse tree for a
SERVICE pattern, so every spelling the grammar allows (``SERVICE:name``, ``.SERVICE<...>``, a
``\\u0053ERVICE`` escape, a comment between the keyword and its IRI) is found. Parsing costs
0.05-0.5 s, so it runs only on texts that could hold the keyword at all: after unicode escapes
are expanded and the text is case-folded, a SERVICE clause needs the letters "service" in a row.
A text that mentions them and does not parse is refused too: the engine's parser accepts a few
spellings rdflib does not (``trueSERVICE<...>``), and an unchecked query never runs.
"""

from __future__ import annotations

import re
import sys
import threading
import traceback
import unicodedata
from collections.abc import Callable
from typing import TypeVar

from govgraph.errors import QueryError

_SPECIAL = re.compile(r"[<\"'#]")
_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_STRINGS = {
    '"""': re.compile(r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""'),
    "'''": re.compile(r"'''(?:[^'\\]|\\[\s\S]|'(?!''))*'''"),
    '"': re.compile(r'"(?:[^"\\\n\r]|\\.)*"'),
    "'": re.compile(r"'(?:[^'\\\n\r]|\\.)*'"),
}
# comments, PREFIX and BASE declarations before an update's first keyword
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*(?:\n|$)|(?:prefix|base)\s[^<]*<[^>]*>)*")
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
UPDATE_WORDS = ("insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add")
SERVICE_REFUSED = ("SERVICE is refused: govgraph never sends requests to other servers; query each endpoint "
                   "yourself, or the store you built")
UPDATE_REFUSED = "this store is read-only: SPARQL updates are refused"
PARSE_RECURSION = 20_000  # rdflib's parser recurses per nested pattern; it runs on a thread with a large stack
BIG_STACK_BYTES = 512 * 1024 * 1024
MAX_QUERY_CHARS = 256 * 1024  # longer query texts are refused
MAX_NESTING = 64  # brackets of any kind: { ( [ ; parsers recurse on them
T = TypeVar("T")
_STACK_LOCK = threading.Lock()


class RefusedQuery(QueryError):
    """A query govgraph never runs: a SERVICE clause (``kind`` "service") or an update ("update")."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def code_only(text: str) -> str:
    """The query text with its IRIs, strings and comments blanked out, in one pass (linear in the length).

    An unterminated string blanks the rest of its line, a long string the rest of the text: such a
    query does not parse, and scanning on from the next quote would make this quadratic.
    """
    out: list[str] = []
    i = 0
    while (match := _SPECIAL.search(text, i)) is not None:
        start = match.start()
        out.append(text[i:start])
        char = text[start]
        if char == "<":
            token = _IRI.match(text, start)
            end = token.end() if token else start + 1
            out.append(" " * (end - start) if token else "<")
        elif char == "#":
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            out.append(" " * (end - start))
        else:
            opener = char * 3 if text.startswith(char * 3, start) else char
            token = _STRINGS[opener].match(text, start)
            if token:
                end = token.end()
            elif len(opener) == 3:
                end = len(text)
            else:  # unterminated on its line: never rescan the line from the next quote
                end = text.find("\n", start)
                end = len(text) if end < 0 else end
            out.append(" " * (end - start))
        i = end
    out.append(text[i:])
    return "".join(out)


class QueryTooLarge(QueryError):
    """A query text over MAX_QUERY_CHARS or nested over MAX_NESTING deep (``status`` 413 or 400 over HTTP)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def nesting_depth(code: str) -> int:
    """How deep brackets of any kind nest in query text (IRIs, strings and comments already blanked)."""
    depth = deepest = 0
    for char in re.sub(r"[^{}()\[\]]+", "", code):
        if char in "{([":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(depth - 1, 0)
    return deepest


def check_size(text: str, where: str = "this endpoint") -> None:
    """The limits every entry point applies before parsing: length and bracket nesting.

    Raises:
        QueryTooLarge: over MAX_QUERY_CHARS characters (413) or MAX_NESTING levels of brackets (400).
    """
    if len(text) > MAX_QUERY_CHARS:
        raise QueryTooLarge(413, f"the query is {len(text):,} characters long; {where} takes at most {MAX_QUERY_CHARS:,}")
    depth = nesting_depth(code_only(text))
    if depth > MAX_NESTING:
        raise QueryTooLarge(400, f"the query nests brackets {depth} levels deep; {where} takes at most {MAX_NESTING}")


def folded(text: str) -> str:
    """The text as any SPARQL parser may read its keywords: escapes expanded, NFKC, case-folded."""

    def expand(match: re.Match[str]) -> str:
        try:
            return chr(int(match.group(1) or match.group(2), 16))
        except (ValueError, OverflowError):
            return match.group(0)

    return unicodedata.normalize("NFKC", _ESCAPE.sub(expand, text)).casefold()


def _has_service_node(tree: object) -> bool:
    """Whether an rdflib parse tree holds a ServiceGraphPattern, walked without recursion."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return True
            stack.extend(node.values())
        elif isinstance(node, ParseResults | list | tuple):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())
    return False


def on_big_stack(function: Callable[[], T], stack_bytes: int = BIG_STACK_BYTES) -> T:
    """Call function on a thread with a large stack and return its result (or raise its exception).

    Parsers recurse on a query's structure: 30,000 `!` or 5,000 nested braces overflow the main
    thread's 8 MB and kill the process, while a 512 MB stack (address space, used only as touched) holds.
    """
    outcome: list[tuple[bool, object]] = []

    def run() -> None:
        try:
            outcome.append((True, function()))
        except BaseException as exc:  # handed to the caller's thread as it is
            chain: BaseException | None = exc
            cleared: set[int] = set()
            while chain is not None and id(chain) not in cleared:  # frames' locals (engine objects bound to
                cleared.add(id(chain))  # this thread) are released here, not in the caller's thread
                traceback.clear_frames(chain.__traceback__)
                chain = chain.__cause__ or chain.__context__
            outcome.append((False, exc))

    with _STACK_LOCK:
        previous = threading.stack_size(stack_bytes)
        try:
            thread = threading.Thread(target=run, name="govgraph-big-stack", daemon=True)
            thread.start()
        finally:
            threading.stack_size(previous)
    thread.join()
    ok, value = outcome[0]
    if not ok:
        raise value  # type: ignore[misc]
    return value  # type: ignore[return-value]


def _parse(parser: str, text: str) -> object | None:
    """rdflib's parse tree of the text (parser "query" or "update"), or None when it does not parse."""
    from rdflib.plugins.sparql import parser as rdflib_parser

    function = rdflib_parser.parseQuery if parser == "query" else rdflib_parser.parseUpdate

    def parse() -> object | None:
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, PARSE_RECURSION))
        try:
            return function(text)
        except Exception:  # ParseException, RecursionError, ValueError: unreadable, so not trusted
            return None
        finally:
            sys.setrecursionlimit(limit)

    return on_big_stack(parse)


def refuse_service(text: str) -> None:
    """Refuse a query that holds a SERVICE clause, judged on its parse tree.

    Raises:
        RefusedQuery: a SERVICE pattern anywhere in the query, or the text mentions SERVICE and does
            not parse (so cannot be shown to be free of one).
    """
    if "service" not in folded(text):
        return  # no SERVICE keyword can be spelled without these letters
    tree = _parse("query", text)
    if tree is None:
        refuse_update(text)
        raise RefusedQuery("service", f"{SERVICE_REFUSED} (this text mentions SERVICE and does not parse as "
                                      "a SPARQL 1.1 query, so it cannot be checked)")
    if _has_service_node(tree):
        raise RefusedQuery("service", SERVICE_REFUSED)


def refuse_update(text: str) -> None:
    """Refuse a SPARQL update (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, COPY, MOVE, ADD), judged by parsing it.

    Raises:
        RefusedQuery: the text parses as an update.
    """
    body = _PROLOGUE.sub("", folded(text), count=1)
    if body.startswith((*UPDATE_WORDS, "with")) and _parse("update", text) is not None:
        raise RefusedQuery("update", UPDATE_REFUSED)


def refuse_unsafe(text: str) -> None:
    """Refuse what govgraph never runs: an update or a SERVICE clause (see `refuse_update`, `refuse_service`)."""
    refuse_update(text)
    refuse_service(text)
