"""SPARQL text without parsing it: blanking IRIs, strings and comments, and finding SERVICE clauses.

Shared by the store (which must never let a query reach another host) and the HTTP endpoint.
"""

from __future__ import annotations

import re

SERVICE = re.compile(r"(?<![\w?$:.-])SERVICE(?![\w:.-])", re.IGNORECASE)
_SPECIAL = re.compile(r"[<\"'#]")
_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_STRINGS = {
    '"""': re.compile(r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""'),
    "'''": re.compile(r"'''(?:[^'\\]|\\[\s\S]|'(?!''))*'''"),
    '"': re.compile(r'"(?:[^"\\\n\r]|\\.)*"'),
    "'": re.compile(r"'(?:[^'\\\n\r]|\\.)*'"),
}

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


def has_service(text: str) -> bool:
    """Whether SPARQL text holds a SERVICE keyword outside IRIs, strings and comments."""
    return SERVICE.search(code_only(text)) is not None
