"""Numbers as sources write them: digits, words, percentages and ranges."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "twentieth": 20,
}
_WORD = "|".join(sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True))
_WORD_NUMBER = re.compile(
    rf"\b(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD}))*\b", re.I
)
_DIGITS = re.compile(r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d])(?P<pct>\s*(?:%|percent\b|per cent\b))?")
_ORDINAL = re.compile(rf"\b(?:(?P<word>{'|'.join(ORDINALS)})|(?P<num>\d+)(?:st|nd|rd|th))\b", re.I)


@dataclass(frozen=True, slots=True)
class NumberMention:
    start: int
    end: int
    text: str
    value: float
    percent: bool = False

    @property
    def lexical(self) -> str:
        return str(int(self.value)) if self.value == int(self.value) else repr(self.value)

    @property
    def datatype(self) -> str:
        return "integer" if self.value == int(self.value) and not self.percent else "decimal"


def words_to_number(text: str) -> int | None:
    """'one hundred and twenty-five' -> 125; None when the words are not a number."""
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", text.lower().strip()):
        if word == "and" and seen:
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred" and seen:
            current *= 100
        elif word in SCALES and seen:
            total += current * SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def find_numbers(text: str) -> Iterator[NumberMention]:
    """Yield the cardinal numbers in text (digits or words), with percentages marked."""
    found: list[NumberMention] = []
    for match in _DIGITS.finditer(text):
        value = float(match.group("num").replace(",", ""))
        if not math.isfinite(value):  # 309 digits or more: no number a source states
            continue
        found.append(NumberMention(match.start(), match.end(), match.group(0), value, bool(match.group("pct"))))
    for match in _WORD_NUMBER.finditer(text):
        number = words_to_number(match.group(0))
        if number is None:
            continue
        rest = text[match.end() : match.end() + 12]
        unit = re.match(r"\s*(?:%|percent\b|per cent\b)", rest)
        end = match.end() + (unit.end() if unit else 0)
        found.append(NumberMention(match.start(), end, text[match.start() : end], float(number), bool(unit)))
    yield from sorted(found, key=lambda n: n.start)


def find_ordinals(text: str) -> Iterator[tuple[int, int, int]]:
    """Yield (start, end, value) for ordinals such as 'third' or '8th'."""
    for match in _ORDINAL.finditer(text):
        if match.group("num") and len(match.group("num")) > 18:  # int() refuses 4,300 digits; no ordinal has 19
            continue
        value = ORDINALS[match.group("word").lower()] if match.group("word") else int(match.group("num"))
        yield match.start(), match.end(), value


def parse_number(text: str) -> float | None:
    """Parse a string that is a number and nothing else ('fifteen', '1,500', '54.5%')."""
    text = text.strip()
    for mention in find_numbers(text):
        if mention.start == 0 and mention.end == len(text):
            return mention.value
    return None
