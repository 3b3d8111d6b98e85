"""Bylines: the line near the top of a story that names who wrote it ("By Jane Doe in Nairobi, March 4, 2016").

A byline is looked for among the first non-blank lines, like a dateline. Its authors (and a full date, when
it gives one) are read, and the line is blanked out with spaces, so that "By Jane Doe in Nairobi" is neither
a sentence nor a person of the story. Only names that look like names are taken: two to four capitalised
words each ("By continuing to use this site ..." is not a byline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govgraph.build.dates import parse_date
from govgraph.build.furniture import blank

MAX_LINES_SEARCHED = 6  # non-blank lines from the top: a headline, a standfirst, the byline, a date

_WORD = r"[A-ZÀ-Þ][\w'’.-]*[\w.]"  # Iulian, O'Neill, J., Al-Sayed
_PARTICLE = r"(?:de|da|del|van|von|der|bin|al|la|le|dos|di)"
_NAME = rf"{_WORD}(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_WORD}){{1,3}}"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_PLACE = rf"(?!{_MONTH}\b)[A-Z][\w'’-]+(?:\s+(?!{_MONTH}\b)[A-Z][\w'’-]+){{0,2}}"
_BYLINE = re.compile(
    rf"^By:?\s+(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)"
    rf"(?:\s*,?\s+(?:in|from)\s+{_PLACE}|\s*,\s*{_PLACE}(?=\s*(?:[,|·•—–-]|$)))?"  # 'in Bucharest', ', Lagos'
    r"(?P<rest>.*)$"
)
# what may follow the names and the place on the line: a date, a time, a role ('Staff Writer'), separators
_REST = re.compile(r"[\s,|·•—–-]*(?:(?:Published|Updated|Posted)\s*:?\s*)?(?P<date>[^|·•]*?)?[\s|·•—–-]*$")
_NOT_NAME_WORDS = {"The", "This", "Our", "Your", "Continuing", "Clicking", "Using", "Signing", "Subscribing", "Staff",
                   "Reuters", "Associated", "Press", "Agency", "News", "Editorial", "Board", "Team", "Desk"}


@dataclass(frozen=True, slots=True)
class Byline:
    """A byline found in a text: its authors, its full ISO date if it gives one, and where it stands."""

    authors: tuple[str, ...]
    date: str | None
    start: int
    end: int


_ROLE_WORDS = {"Staff", "Writer", "Writers", "Correspondent", "Reporter", "Editor", "Senior", "Political", "Chief",
               "Contributor", "Special", "Foreign", "Diplomatic", "Regional", "Contributing"}


def _authors(names: str) -> tuple[str, ...] | None:
    """The names of a byline's people; a role after them ('Staff Writer') is left out."""
    people = tuple(n.strip() for n in re.split(r"\s*(?:,|\band\b|&)\s*", names)
                   if n.strip() and not set(n.split()) <= _ROLE_WORDS)
    if not people or any(set(n.split()) & (_NOT_NAME_WORDS | _ROLE_WORDS) for n in people):
        return None
    return people


def _date_of(rest: str) -> tuple[bool, str | None]:
    """Whether what follows the names may end a byline, and the full date it gives."""
    if not rest.strip():
        return True, None
    match = _REST.fullmatch(rest)
    text = (match.group("date") or "").strip() if match else ""
    parsed = parse_date(text) if text else None
    if parsed is None or not (parsed.year and parsed.day):
        return False, None  # 'By Jane Doe and the committee decided ...': more words than a byline has
    return True, parsed.iso


def _match_line(line: str, offset: int) -> Byline | None:
    stripped = line.strip()
    match = _BYLINE.match(stripped)
    if match is None:
        return None
    authors = _authors(match.group("names"))
    ends, date = _date_of(match.group("rest"))
    if authors is None or not ends:
        return None
    at = offset + len(line) - len(line.lstrip())
    return Byline(authors, date, at, at + len(stripped))


def find_byline(text: str) -> Byline | None:
    """The byline among the first non-blank lines of the text, if any."""
    offset = 0
    searched = 0
    for line in text[:4000].split("\n"):
        if line.strip():
            found = _match_line(line, offset)
            if found:
                return found
            searched += 1
            if searched >= MAX_LINES_SEARCHED:
                break
        offset += len(line) + 1
    return None


def read_byline(text: str) -> tuple[str, Byline | None]:
    """The text with its byline blanked out (same length), and the byline."""
    found = find_byline(text)
    if found is None:
        return text, None
    return blank(text, found.start, found.end), found
