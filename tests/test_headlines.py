"""A headline is a title-case line without final punctuation, never a list of titles and names the parser cut off."""

from __future__ import annotations

from govgraph.build.context import Sentence
from govgraph.build.nlp import load_pipeline
from govgraph.build.rules.holders import is_headline


def _first_words(text: str, count: int) -> Sentence:
    doc = load_pipeline()(text)
    span = doc[:count]
    return Sentence(index=0, start=0, text=span.text, tokens=span)


def test_a_title_case_line_without_a_full_stop_is_a_headline():
    assert is_headline(_first_words("Party General Secretary Meets Prime Minister Ahead Of Vote\n\nThe text.", 9))


def test_a_list_of_titles_and_names_cut_off_by_the_parser_is_no_headline():
    text = ("Party General Secretary Le Van Anh, Prime Minister Tran Quoc Bao, NA Chairman Pham Duc Long, Vice "
            "President Ho Thi Mai presented flowers to the new president.")
    assert not is_headline(_first_words(text, 20))
