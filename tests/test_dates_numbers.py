from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from govgraph.build.dates import PartialDate, find_dates, parse_date
from govgraph.build.numbers import find_numbers, find_ordinals, parse_number, words_to_number

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]


def test_full_and_partial_dates():
    assert parse_date("June 5, 2022") == PartialDate(2022, 6, 5)
    assert parse_date("5 June 2022") == PartialDate(2022, 6, 5)
    assert parse_date("June 2022") == PartialDate(2022, 6)
    assert parse_date("2022") == PartialDate(2022)
    assert parse_date("2023-03-29") == PartialDate(2023, 3, 29)


def test_partial_date_gets_no_invented_year():
    (mention,) = find_dates("on March 29, outlining priorities")
    assert mention.date == PartialDate(None, 3, 29)
    assert mention.date.iso == "--03-29" and mention.date.datatype == "gMonthDay"


def test_partial_date_takes_the_year_the_article_states():
    (mention,) = find_dates("on March 29, outlining priorities", year=2023)
    assert mention.date.iso == "2023-03-29"


def test_impossible_dates_are_rejected():
    assert parse_date("February 30, 2022") is None
    assert parse_date("February 29, 2023") is None
    assert parse_date("February 29, 2024") == PartialDate(2024, 2, 29)


def test_percent_and_big_numbers_are_not_years():
    assert [d.text for d in find_dates("won 2022 seats? no: 1999% and $2020")] == ["2022"]


@given(st.dates(min_value=__import__("datetime").date(1800, 1, 1), max_value=__import__("datetime").date(2199, 12, 31)))
def test_written_dates_round_trip(day):
    written = f"{MONTH_NAMES[day.month - 1]} {day.day}, {day.year}"
    assert parse_date(written) == PartialDate(day.year, day.month, day.day)
    assert parse_date(day.isoformat()) == PartialDate(day.year, day.month, day.day)


@given(st.text(max_size=200))
def test_find_dates_never_crashes_and_spans_fit(text):
    for mention in find_dates(text):
        assert text[mention.start : mention.end] == mention.text
        assert mention.date.iso


def test_numbers_in_words_and_digits():
    values = [(n.text, n.value, n.percent) for n in find_numbers("from fifteen to ten; 98 deputies, 54.5% and 1,500")]
    assert values == [("fifteen", 15, False), ("ten", 10, False), ("98", 98, False), ("54.5%", 54.5, True),
                      ("1,500", 1500, False)]
    assert words_to_number("one hundred and twenty-five") == 125
    assert parse_number("seven") == 7
    assert parse_number("seventy percent") == 70
    assert [v for _, _, v in find_ordinals("the third referendum and the 8th convocation")] == [3, 8]


@given(st.integers(min_value=0, max_value=10**9))
def test_digit_numbers_round_trip(value):
    assert parse_number(str(value)) == value
    assert parse_number(f"{value:,}") == value


@given(st.integers(min_value=0, max_value=999))
def test_word_numbers_round_trip(value):
    units = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
             "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
    tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

    def words(n: int) -> str:
        if n < 20:
            return units[n]
        if n < 100:
            return tens[n // 10] + ("-" + units[n % 10] if n % 10 else "")
        return units[n // 100] + " hundred" + (" and " + words(n % 100) if n % 100 else "")

    assert words_to_number(words(value)) == value


@given(st.text(max_size=200))
def test_find_numbers_never_crashes_and_spans_fit(text):
    for mention in find_numbers(text):
        assert text[mention.start : mention.end] == mention.text
