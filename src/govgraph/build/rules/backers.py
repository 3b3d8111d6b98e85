"""Which parties the backers of a candidate or the voters of a choice come from.

`parties.backers`:
- a counted support with its parts: "X has the support of 169 members, including 78 from the A Party, 32 from his
  own B party and four from C" — the whole support is a result of X (the one a results rule stated for that count,
  else a new gg:ElectionResult "support for X"), and each "N from/of PARTY" a part of it (gg:partOfResult) with
  its count (gg:voteCount) and the party its backers belong to (gg:castBy); so too the parts of any count a results
  rule stated in the sentence ("150 lawmakers voted in favour, including 90 from X");
- counted voters of a choice from listed parties: "41 senators from PAN, PRI and MC voted against the bill" — the
  'no' result a results rule stated for that sentence gets gg:castBy each listed party.

The parts must each be smaller than the whole and together no more than it; a listed name is a party a rule
knows, or a name the tagger reads as an organization that is an acronym or ends in a party word ("Janamat
Party"), or a name before "party" ("his own Maoist Centre party").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from govgraph.build.context import DocContext, Sentence
from govgraph.build.keys import slug
from govgraph.build.numbers import words_to_number
from govgraph.build.people import is_country_word
from govgraph.build.records import Value
from govgraph.build.rules.base import Rule, implements
from govgraph.build.rules.memberships import party_mentions
from govgraph.build.rules.parties import _institution
from govgraph.build.rules.results import LEGISLATORS, choice_of, side_of

if TYPE_CHECKING:
    from spacy.tokens import Token

    from govgraph.build.records import Mention

BACKERS = LEGISLATORS | {"member", "mp", "vote"}  # what a count of support counts
HAVING = frozenset({"have", "get", "win", "secure", "enjoy", "receive", "gain", "obtain", "garner", "command",
                    "muster", "claim", "collect"})
PARTY_WORDS = frozenset({"party", "congress", "movement", "front", "alliance", "league", "bloc", "coalition"})
_OWNER = re.compile(r"\s*(?:the\s+)?(?:(?:his|her|their|its)\s+(?:own\s+)?)?")


def _count(token: Token) -> int | None:
    if token.like_num and re.fullmatch(r"\d{1,4}", token.text):
        return int(token.text)
    return words_to_number(token.text) if token.pos_ == "NUM" and token.text.isalpha() else None


def _party_at(ctx: DocContext, sentence: Sentence, mentions: list[Mention], at: int,
              listed: bool = False) -> tuple[str, int] | None:
    """The party named from sentence offset `at` on, with the offset where its name ends (`listed`: in a list of
    parties, where an acronym in capitals is one whatever the tagger says)."""
    known = [m for m in sentence.mentions if m.start - sentence.start == at]
    if known:
        mention = max(known, key=lambda m: (ctx.is_a(m.entity, "PoliticalParty"), m.end))
        if not ctx.is_a(mention.entity, "PoliticalParty"):
            return None
        return mention.entity, mention.end - sentence.start
    span = sentence.tokens
    if span is None:
        return None
    tokens = [t for t in span if t.idx - sentence.start >= at]
    if not tokens or tokens[0].idx - sentence.start != at:
        return None
    name: list[Token] = []
    for token in tokens:
        if (token.text[:1].isupper() and token.pos_ in ("PROPN", "NOUN", "ADJ")) or (
                token.text == "-" and name and token.whitespace_ == "" and not name[-1].whitespace_):
            name.append(token)
            continue
        break
    while name and name[-1].text == "-":
        name.pop()
    if not name or len(name) > 6:
        return None
    after = name[-1].i + 1
    noun_after = after < span.end and span.doc[after].lower_ == "party"
    last = name[-1]
    acronym = all(re.fullmatch(r"[A-Z]{2,6}", t.text) or t.text == "-" for t in name)
    if not (noun_after or last.lower_ in PARTY_WORDS or (acronym and (listed or any(t.ent_type_ == "ORG" for t in name)))):
        return None
    if any(t.ent_type_ in ("PERSON", "GPE", "LOC", "DATE", "NORP") for t in name) and not noun_after \
            and last.lower_ not in PARTY_WORDS:
        return None
    text = sentence.text[name[0].idx - sentence.start : last.idx + len(last.text) - sentence.start]
    words = re.findall(r"[\w-]+", text)
    if _institution(words) or is_country_word(ctx, text) or ctx.gazetteer.lookup(text, None):
        return None  # 'the Electoral Commission', 'US', a name the reference data knows as something else
    start = name[0].idx - sentence.start
    key = ctx.new_entity("party", "PoliticalParty", text, scope=ctx.scope())
    if ctx.country_key and ctx.is_a(ctx.country_key, "Country"):
        ctx.claim(sentence, key, "gg:country", ctx.country_key, "parties.backers", 0.7)
    ctx.add_mention(sentence, start, start + len(text), key)
    end = (span.doc[after].idx + len(span.doc[after].text)) if noun_after else last.idx + len(last.text)
    return key, end - sentence.start


def _claims_of(ctx: DocContext, sentence: Sentence, predicate: str, value: str) -> list[str]:
    """Subjects of the claims of this sentence with a literal `value` of `predicate` (a results rule's results)."""
    return [c.subject for c in ctx.extraction.claims if c.sentence == sentence.index and c.doc_id == ctx.doc.doc_id
            and c.predicate == predicate and isinstance(c.obj, Value) and c.obj.lexical == value]


def _parts(ctx: DocContext, sentence: Sentence, mentions: list[Mention], after: int) -> list[tuple[str, int]]:
    """'78 from the CPN-UML, 32 from his own Maoist Centre party, ... four from Z': (party, count) after a token."""
    span = sentence.tokens
    assert span is not None
    out: list[tuple[str, int]] = []
    for token in span:
        if token.i <= after or token.i + 1 >= span.end or span.doc[token.i + 1].lower_ not in ("from", "of"):
            continue
        count = _count(token)
        if count is None:
            continue
        preposition = span.doc[token.i + 1]
        at = preposition.idx + len(preposition.text) - sentence.start
        owner = _OWNER.match(sentence.text, at)
        at = owner.end() if owner else at
        found = _party_at(ctx, sentence, mentions, at)
        if found is not None:
            out.append((found[0], count))
    return out


def _listed(ctx: DocContext, sentence: Sentence, mentions: list[Mention], at: int) -> list[str]:
    """'PAN, PRI, and MC': the parties listed from offset `at`, joined by commas and 'and'."""
    out: list[str] = []
    while True:
        found = _party_at(ctx, sentence, mentions, at, listed=True)
        if found is None:
            return out
        out.append(found[0])
        joint = re.match(r"(?:,?\s+and\s+|,\s+)(?:the\s+)?", sentence.text[found[1] :])
        if joint is None:
            return out
        at = found[1] + joint.end()


def _side_label(ctx: DocContext, key: str) -> str:
    entity = ctx.extraction.entities.get(key)
    return entity.label if entity is not None else key


@implements("parties.backers")
def backers(ctx: DocContext, rule: Rule) -> None:
    """Parts of a counted support by party, and the parties of a choice's counted voters."""
    for sentence in ctx.sentences:
        span = sentence.tokens
        if span is None or not any(t.lower_ in ("from", "of") for t in span):
            continue
        mentions: list[Mention] | None = None
        for token in span:
            count = _count(token)
            if count is None or token.dep_ != "nummod" or token.head.lemma_.lower() not in BACKERS:
                continue
            counted = token.head
            if mentions is None:
                mentions = party_mentions(ctx, sentence)
            support = counted.head.head if counted.dep_ == "pobj" and counted.head.lower_ == "of" else None
            if support is not None and support.lemma_.lower() in ("support", "backing", "vote") \
                    and support.dep_ == "dobj" and support.head.lemma_.lower() in HAVING:
                subject = next((c for c in support.head.children if c.dep_ == "nsubj"), None)
                side = side_of(ctx, sentence, subject, create=False) if subject is not None else None
                _support_parts(ctx, rule, sentence, mentions, counted, count, side, True)
            else:  # 'approved by 150 lawmakers, including 90 from X', '120 MPs voted for it, including 80 from X'
                _support_parts(ctx, rule, sentence, mentions, counted, count, None, False)
            verb = counted.head
            choice = choice_of(verb) if counted.dep_ == "nsubj" and verb.pos_ == "VERB" else None
            following = span.doc[counted.i + 1] if counted.i + 1 < span.end else None
            if choice is not None and following is not None and following.lower_ == "from" \
                    and counted.lemma_.lower() != "vote":  # '41 senators from PAN, PRI and MC voted against'
                at = following.idx + len(following.text) - sentence.start
                owner = _OWNER.match(sentence.text, at)
                parties = _listed(ctx, sentence, mentions, owner.end() if owner else at)
                known = {m.entity for m in mentions}
                results = set(_claims_of(ctx, sentence, "gg:choice", choice)) & set(
                    _claims_of(ctx, sentence, "gg:voteCount", str(count)))
                if parties and known & set(parties) and len(results) == 1:
                    result = results.pop()
                    for party in parties:
                        ctx.claim(sentence, result, "gg:castBy", party, rule.name, 0.8)


def _support_parts(ctx: DocContext, rule: Rule, sentence: Sentence, mentions: list[Mention], counted: Token,
                   count: int, side: str | None, support: bool) -> None:
    """The parts of a counted whole by party: the whole is the result a results rule stated with this count in the
    sentence, else (for a counted support of a known side) a new 'support for X'."""
    wholes = set(_claims_of(ctx, sentence, "gg:voteCount", str(count)))
    if len(wholes) > 1 or (not wholes and (side is None or not support)):
        return
    parts = _parts(ctx, sentence, mentions, counted.i)
    if not parts or any(n >= count for _, n in parts) or sum(n for _, n in parts) > count:
        return
    if len({p for p, _ in parts}) != len(parts):
        return
    whole = wholes.pop() if wholes else None
    if whole is None:
        assert side is not None
        predicate = "gg:candidate" if ctx.is_a(side, "Person") else "gg:party"
        whole = ctx.add_entity(f"support/{slug(ctx.doc.doc_id)}/{sentence.index}-{slug(side)}", "ElectionResult",
                               f"support for {_side_label(ctx, side)}")
        ctx.claim(sentence, whole, predicate, side, rule.name, 0.8)
        ctx.claim(sentence, whole, "gg:voteCount", Value(str(count), "integer"), rule.name, 0.8)
    whole_label = _side_label(ctx, whole)
    for party, n in parts:
        part = ctx.add_entity(f"{whole}/part/{slug(party)}", "ElectionResult",
                              f"{whole_label} from {_side_label(ctx, party)}")
        ctx.claim(sentence, part, "gg:partOfResult", whole, rule.name, 0.8)
        ctx.claim(sentence, part, "gg:castBy", party, rule.name, 0.8)
        ctx.claim(sentence, part, "gg:voteCount", Value(str(n), "integer"), rule.name, 0.8)
