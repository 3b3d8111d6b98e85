"""Terms of office: `offices.terms`, the rules of an office's or a body's term as a clause states them.

`gg:termYears`: "the president is elected for a five-year term", "the president serves a seven-year term", "members
of the Senate serve six-year terms", "the National Assembly is elected for a term of five years", "is elected for
five years", "the president's term is five years", "the presidential term lasts five years", and a change the clause
says was made ("the term of the president was extended from five to seven years": the new length; the change itself
is `reforms.changes`'). `gg:termLimit`: "renewable once" (2), "can be re-elected (only) once" (2), "may serve a
maximum of two terms", "limited to two terms", "no more than two terms", "at most two consecutive terms" (2), "a
single term", "a single, non-renewable term", "cannot be re-elected" (1).

The office or body is the one the clause is about: its subject (active or passive, or that of an earlier verb joined
by 'and'), the noun a participle describes ("a post elected for a six-year term"), or the term's own possessive, 'of'
phrase or adjective ("the president's term", "the term of the president", "the presidential term"). A person's term
("his second term", "during her five-year term", "NAME's current term") is no rule of an office, nor a clause that
is future, conditional, wished, proposed, past or denied ("the opposition wants a four-year term", "a bill that would
extend the term", "the term was five years").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from govgraph.build.context import DocContext, Sentence
from govgraph.build.lexicon import lexicon
from govgraph.build.parse import bounded, subjects, token_span
from govgraph.build.people import People, article_country
from govgraph.build.records import Value
from govgraph.build.rules.base import Rule, implements
from govgraph.build.rules.registry import word_list
from govgraph.build.structure import number_value

if TYPE_CHECKING:
    from spacy.tokens import Token

TERM_HOLDERS = ("Office", "HeadOfState", "HeadOfGovernment", "Parliament", "Chamber", "LocalRepresentativeBody")
BODIES = ("Parliament", "Chamber", "LocalRepresentativeBody")
VERBS = frozenset({"VERB", "AUX"})
BARE_REELECTION = frozenset({"aux", "auxpass", "neg", "nsubj", "nsubjpass", "punct", "cc", "conj"})


class NotARule(Exception):
    """The term is a person's ('his second term', "NAME's term"): no rule of an office."""


@dataclass(frozen=True, slots=True)
class Words:
    """The rule's word lists (patterns of the spec)."""

    terms: frozenset[str]
    years: frozenset[str]
    periods: frozenset[str]
    electing: frozenset[str]
    elections: frozenset[str]
    holding: frozenset[str]
    lasting: frozenset[str]
    limiting: frozenset[str]
    changing: frozenset[str]
    bound_nouns: frozenset[str]
    bound_words: frozenset[str]
    denials: frozenset[str]
    single: frozenset[str]
    renewable: frozenset[str]
    renewing: frozenset[str]
    times: dict[str, int]
    particular: frozenset[str]
    other_terms: frozenset[str]
    wishing: frozenset[str]
    proposals: frozenset[str]
    sure: frozenset[str]
    unsure: frozenset[str]
    past: frozenset[str]
    conditions: frozenset[str]
    offices: dict[str, str]
    year_range: tuple[int, int]
    limit_range: tuple[int, int]


def _words(rule: Rule) -> Words:
    p = rule.patterns

    words = partial(word_list, rule)

    return Words(
        terms=words("term_words"), years=words("year_words"), periods=words("period_words"),
        electing=words("electing_verbs"), elections=words("election_nouns"),
        holding=words("holding_verbs"), lasting=words("lasting_verbs"),
        limiting=words("limiting_verbs"), changing=words("changing_verbs"), bound_nouns=words("bound_nouns"),
        bound_words=words("bound_words"), denials=words("denial_words"), single=words("single_words"),
        renewable=words("renewable_words"), renewing=words("renewing_verbs"),
        times={str(k): int(v) for k, v in p["times"]["values"].items()}, particular=words("particular_words"),
        other_terms=words("other_terms"), wishing=words("wishing_verbs"),
        proposals=words("proposal_nouns"), sure=words("sure_modals"), unsure=words("unsure_auxiliaries"),
        past=words("past_auxiliaries"), conditions=words("condition_marks"),
        offices={str(k): str(v) for k, v in p["office_adjectives"]["titles"].items()},
        year_range=(int(p["year_range"]["min"]), int(p["year_range"]["max"])),
        limit_range=(int(p["limit_range"]["min"]), int(p["limit_range"]["max"])),
    )


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _count(token: Token, low: int, high: int) -> int | None:
    """The number a token writes ('five', '5'), within [low, high]."""
    value = number_value(token.text) if token.like_num else None
    return value if value is not None and low <= value <= high else None


def _auxiliaries(verb: Token) -> list[Token]:
    """The verb's auxiliaries, also those the parser hangs on another auxiliary ('can' on 'be' in 'can be re-elected')."""
    found: list[Token] = []
    frontier = [verb]
    while frontier:
        node = frontier.pop()
        for child in node.children:
            if child.dep_ in {"aux", "auxpass"} or (child.dep_ == "neg" and node is not verb):
                found.append(child)
                frontier.append(child)
    return found


def _reelection(token: Token) -> list[Token] | None:
    """The tokens of 're-elected' ('re', '-', 'elected', as the tokenizer splits it) or 'reelected', when the token is
    its last; else None."""
    if token.pos_ not in VERBS:
        return None
    if token.lower_.startswith(("reelect", "re-elect")):
        return [token]
    doc = token.doc
    if _lemma(token) == "elect" and token.i >= 2 and doc[token.i - 1].text in {"-", "–"} and doc[token.i - 2].lower_ == "re":
        return [doc[token.i - 2], doc[token.i - 1], token]
    return None


class TermReader:
    """Reads the terms of office one sentence states."""

    def __init__(self, ctx: DocContext, sentence: Sentence, words: Words) -> None:
        self.ctx = ctx
        self.sentence = sentence
        self.words = words
        self.found: set[tuple[str, str, int]] = set()

    # ------------------------------------------------------------ holders

    def holder_at(self, token: Token) -> str | None:
        """The office or body a word names (a mention covering it; 'members of the Senate': the Senate).

        Raises:
            NotARule: the word names a person or is a pronoun.
        """
        if token.pos_ == "PRON" and token.tag_ not in {"WP", "WDT"}:
            raise NotARule(token.text)
        start, end = token_span(self.sentence, token)
        if token.tag_ in {"WP", "WDT"}:  # a relative clause set apart from its noun: the last one named before it
            if self.right_after_its_noun(token):
                return None
            before = [m for m in self.sentence.mentions if m.end - self.sentence.start <= start]
            named = max(before, key=lambda m: m.end, default=None)
            if named is not None and self.ctx.is_a(named.entity, "Person"):
                raise NotARule(token.text)
            return named.entity if named is not None and self.ctx.is_a(named.entity, *TERM_HOLDERS) else None
        covering = sorted((m for m in self.sentence.mentions
                           if m.start - self.sentence.start <= start and end <= m.end - self.sentence.start),
                          key=lambda m: m.start - m.end)
        for mention in covering:
            if self.ctx.is_a(mention.entity, *TERM_HOLDERS):
                return mention.entity
            if self.ctx.is_a(mention.entity, "Person"):
                raise NotARule(token.text)
        if _lemma(token) in lexicon().of("member-words") or token.lower_ in lexicon().of("member-words"):
            bodies = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                      if g.dep_ == "pobj"]  # 'members of the Senate'
            bodies += [self.described(c) if c.tag_ == "WP$" else c for c in token.children if c.dep_ == "poss"]
            for body in bodies:
                found = self.holder_at(body)
                if found is not None and self.ctx.is_a(found, *BODIES):
                    return found
        return None

    @staticmethod
    def right_after_its_noun(relative: Token) -> bool:
        """Whether a relative pronoun follows the noun its clause hangs on ('lawmakers, who ...'), unlike one the
        parser hung on a noun further back ('the vote for the president was called, who ...')."""
        clause = relative.head
        previous = next((t for t in reversed(relative.doc[: relative.i]) if not t.is_punct), None)
        return clause.dep_ == "relcl" and previous is not None and previous.i in {t.i for t in clause.head.subtree
                                                                                  if t.i < relative.i}

    def national_office(self, adjective: Token, country: str | None) -> str | None:
        """'the presidential term': the office the adjective names, of the country named with it or the article's."""
        country = country or article_country(self.ctx)
        if country is None:
            return None
        return People(self.ctx).national_office(self.words.offices[adjective.lower_], country)

    def own_holder(self, term: Token) -> str | None:
        """The office or body the term's own words name: "the president's term", 'the term (of office) of the
        Senate', 'the presidential term', 'a six-year Senate term'.

        Raises:
            NotARule: a person's or another possessor's term ('his term', "NAME's term", "the coalition's term").
        """
        country = None
        for child in term.children:
            if child.dep_ == "poss":
                holder = self.holder_at(self.described(child) if child.tag_ == "WP$" else child)
                if holder is not None:
                    return holder
                named = self.ctx.mention_at(self.sentence, *token_span(self.sentence, child), "Country")
                if named is None:
                    raise NotARule(child.text)
                country = named
            elif child.dep_ == "compound" and child.pos_ == "PROPN":
                holder = self.holder_at(child)
                if holder is not None:
                    return holder
            elif child.dep_ == "prep" and child.lower_ == "of":
                holder = self.of_holder(child)
                if holder is not None:
                    return holder
        adjective = next((c for c in term.children if c.dep_ == "amod" and c.lower_ in self.words.offices), None)
        return self.national_office(adjective, country) if adjective is not None else None

    @staticmethod
    def described(relative: Token) -> Token:
        """The noun a relative word stands for ('the Parliament, whose term is five years': Parliament)."""
        clause = next((t for t in relative.ancestors if t.dep_ == "relcl"), None)
        return clause.head if clause is not None else relative

    def of_holder(self, preposition: Token) -> str | None:
        """The holder an 'of' phrase names: 'of the president', 'of office of the president'."""
        for noun in (g for g in preposition.children if g.dep_ == "pobj"):
            if _lemma(noun) in self.words.years:
                continue
            holder = self.holder_at(noun)
            if holder is not None:
                return holder
            for further in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
                holder = self.of_holder(further)
                if holder is not None:
                    return holder
        return None

    def clause_holder(self, verb: Token) -> str | None:
        """The office or body a clause is about: its subject (of an earlier verb joined by 'and' when it has none),
        or the noun a participle describes ('a post elected for a six-year term', 'the Prime Minister, voted by the
        citizens, for a mandate of five years')."""
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if _lemma(verb) in self.words.electing - self.words.holding and objects:
            found = objects  # 'parliament elects the president for a five-year term': the one elected
        else:
            found = subjects(verb, "nsubjpass") or subjects(verb, "nsubj")
        if not found:
            found = [t for a in _auxiliaries(verb) for t in (*subjects(a, "nsubjpass"), *subjects(a, "nsubj"))]
        if not found and verb.dep_ == "conj" and any(c.lower_ == "and" for c in verb.head.children if c.dep_ == "cc"):
            found = [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not found and verb.dep_ == "acl" and verb.head.i < verb.i:
            found = [verb.head]
        if not found and verb.dep_ in {"advcl", "acl"}:  # set off by commas right after the noun it describes
            first = verb.left_edge.i
            if first >= 2 and verb.doc[first - 1].text == "," and verb.doc[first - 2].pos_ in {"NOUN", "PROPN"}:
                found = [verb.doc[first - 2]]
        relatives = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.tag_ in {"WP", "WDT"}]
        for subject in (*found, *relatives):  # a relative pronoun last: the holder named before it ('the vote for
            # the president was called, who is elected for ...', where the parser hangs the clause on 'vote')
            holder = self.own_holder(subject) if _lemma(subject) in self.words.terms else self.holder_at(subject)
            if holder is not None:
                return holder
        return None

    # ------------------------------------------------------------ what a clause states

    def proposed(self, verb: Token) -> bool:
        """Whether the clause is wished, proposed, conditional, or governed by a future, modal or denied clause ('the
        opposition wants ...', 'under the proposal, ...', 'a bill under which ...', 'if ..., ...')."""
        words = self.words
        node = verb
        while True:
            if any(c.dep_ == "mark" and c.lower_ in words.conditions for c in node.children):
                return True
            if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in words.conditions for m in c.children)
                   for c in node.children):
                return True
            if any((c.dep_ == "prep" and c.lower_ == "under" and any(_lemma(g) in words.proposals for g in c.children))
                   or (c.dep_ == "nsubj" and _lemma(c) in words.proposals) for c in node.children):
                return True  # 'under the proposal, ...', 'the bill limits ...'
            head = node.head
            if head.i == node.i:
                return False
            if node.dep_ in {"relcl", "acl"} and _lemma(head) in words.proposals:
                return True
            if node.dep_ in {"xcomp", "ccomp", "advcl", "pcomp", "relcl", "acl", "conj"} and head.pos_ in VERBS:
                if _lemma(head) in words.wishing:
                    return True
                if node.dep_ in {"xcomp", "ccomp"} and any(
                        a.lower_ in words.unsure or a.dep_ == "neg" for a in (*_auxiliaries(head), *head.children)):
                    return True
            node = head

    def stated(self, verb: Token, denied: bool = False) -> bool:
        """Whether a clause states a standing rule: present ('is elected', 'serves'), a participle ('a post elected
        for ...'), or 'can', 'may', 'shall', 'must'; never future, conditional, past, proposed, or denied (`denied`:
        only denied, with 'can', 'may', 'shall' or 'must': 'cannot serve more than two terms')."""
        words = self.words
        auxiliaries = _auxiliaries(verb)
        said = {a.lower_ for a in auxiliaries}
        negated = any(c.dep_ == "neg" for c in verb.children) or any(a.dep_ == "neg" for a in auxiliaries)
        if negated != denied or (denied and not said & words.sure):
            return False
        if said & (words.unsure | words.past) or any(a.tag_ == "VBG" for a in auxiliaries):
            return False
        participle = verb.tag_ == "VBN" or (verb.tag_ == "VBD" and verb.dep_ in {"acl", "advcl"}
                                            and any(c.dep_ == "agent" for c in verb.children)
                                            and not any(c.dep_.startswith("nsubj") for c in verb.children))
        if verb.tag_ in {"VBD", "VBG"} and not participle:
            return False
        if verb.tag_ == "VB" and not said & words.sure:
            return False
        return not self.proposed(verb)

    def done(self, verb: Token) -> bool:
        """Whether a change the clause tells of was made: 'extended the term', 'the term was extended'."""
        auxiliaries = _auxiliaries(verb)
        said = {a.lower_ for a in auxiliaries}
        if any(c.dep_ == "neg" for c in verb.children) or any(a.dep_ == "neg" for a in auxiliaries):
            return False
        if said & self.words.unsure or self.proposed(verb):
            return False
        return (verb.tag_ == "VBD" and not said) or (verb.tag_ == "VBN" and bool(said & self.words.past))

    # ------------------------------------------------------------ numbers

    def years_of(self, noun: Token) -> int | None:
        """'five-year' / 'of five years' / 'five years': the number of years a noun's own words give."""
        low, high = self.words.year_range
        if _lemma(noun) in self.words.years:
            return self.counted(noun, low, high)
        for child in noun.children:
            if child.dep_ in {"compound", "amod", "nmod", "npadvmod"} and _lemma(child) in self.words.years:
                value = self.counted(child, low, high)
                if value is not None:
                    return value
            if child.dep_ == "prep" and child.lower_ == "of":
                for years in (g for g in child.children if g.dep_ == "pobj" and _lemma(g) in self.words.years):
                    return self.counted(years, low, high)
        return None

    def counted(self, noun: Token, low: int, high: int) -> int | None:
        """The number counting a noun, unless a bound ('more than five years') or a range goes with it."""
        number = next((c for c in noun.children if c.dep_ == "nummod"), None)
        if number is None or any(c.dep_ in {"quantmod", "advmod", "amod"} for c in number.children):
            return None
        if bounded(self.sentence.text[: token_span(self.sentence, number)[0]]):
            return None
        return _count(number, low, high)

    def term_limit(self, term: Token, verb: Token, relation: str) -> int | None:
        """The most terms the phrase allows: 'a single term', 'one non-renewable term' (1); 'a maximum of two terms',
        'no more than two terms', 'at most two terms', 'up to two terms', 'limited to two terms' (2)."""
        words = self.words
        single = any(c.dep_ == "amod" and c.lower_ in words.single for c in term.children) or any(
            c.dep_ == "nummod" and _count(c, 1, 1) == 1 and not list(c.children) for c in term.children)
        if single or self.non_renewable(term):
            # 'has a single mandate' may be a task: with 'have' and 'hold' only a term of some years
            if term.tag_ != "NN" or (_lemma(verb) in {"have", "hold"} and self.years_of(term) is None):
                return None
            return 1
        number = next((c for c in term.children if c.dep_ == "nummod"), None)
        if number is None or term.tag_ != "NNS":
            return None
        low, high = words.limit_range
        marks = {c.lower_ for c in number.children} | {c.lower_ for c in term.children if c.dep_ == "advmod"}
        bound = bool(marks & words.bound_words) or (
            bool(marks & {"more", "fewer"}) and bool(marks & words.denials))
        bound = bound or (relation == "to" and _lemma(verb) in words.limiting)
        bound = bound or (term.head.lower_ == "of" and _lemma(term.head.head) in words.bound_nouns)
        bound = bound or (term.head.lower_ == "at" and any(t.lower_ == "most" for t in number.children))
        return _count(number, low, high) if bound else None

    def non_renewable(self, term: Token) -> bool:
        """'a non-renewable term', 'a nonrenewable term'."""
        modifiers = [c for c in term.children if c.dep_ == "amod" and c.i < term.i]
        for modifier in modifiers:
            if modifier.lower_ in {"nonrenewable", "non-renewable"}:
                return True
            doc = term.doc
            if _lemma(modifier) in self.words.renewable and modifier.i >= 2 and doc[modifier.i - 1].text == "-" \
                    and doc[modifier.i - 2].lower_ == "non":
                return True
        return False

    # ------------------------------------------------------------ frames

    def frame(self, term: Token) -> tuple[Token, str] | None:
        """The verb a term hangs from and how: 'subject' ('the term is five years'), 'object' ('serves a seven-year
        term', 'may serve a maximum of two terms'), 'for' ('is elected for a five-year term'), 'to' ('is limited to two
        terms'), 'at' ('can serve at most two terms')."""
        node = term
        if node.dep_ == "pobj" and node.head.lower_ == "of" and _lemma(node.head.head) in self.words.bound_nouns:
            node = node.head.head  # 'a maximum of two terms', 'a limit of two terms'
        if node.dep_ in {"nsubj", "nsubjpass"}:
            return node.head, "subject"
        if node.dep_ == "dobj":
            return node.head, "object"
        if node.dep_ == "pobj" and node.head.lower_ in {"for", "to", "at"} and node.head.head.pos_ in VERBS:
            return node.head.head, node.head.lower_
        if node.dep_ == "pobj" and node.head.lower_ == "for" and _lemma(node.head.head) in self.words.elections:
            return node.head.head, "election"  # 'the election of the prime minister for a mandate of six years'
        return None

    def fits(self, verb: Token, relation: str) -> bool:
        """Whether the verb is one that states a term that way."""
        lemma, words = _lemma(verb), self.words
        if lemma in words.changing:
            return False
        fitting = {"subject": words.lasting | words.limiting, "object": words.holding, "for": words.electing,
                   "to": words.limiting | words.electing, "at": words.holding, "election": words.elections}
        return lemma in fitting.get(relation, frozenset())

    def term_holder(self, term: Token, verb: Token, relation: str, denied: bool = False) -> str | None:
        """The office or body whose term the phrase states, when the clause states a rule (`denied`: one that must
        be denied, 'cannot serve more than two terms')."""
        if not self.fits(verb, relation):
            return None
        if relation == "election":
            clause = next((t for t in verb.ancestors if t.pos_ in VERBS), None)
            if clause is None or not self.stated(clause):
                return None
            return self.own_holder(term) or next(
                (h for c in verb.children if c.dep_ == "prep" and c.lower_ == "of" for h in [self.of_holder(c)] if h), None)
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if relation == "to" and objects:  # 'the constitution limits the president to two terms', 'limited ... to'
            return self.holder_at(objects[0]) if self.stated(verb) or self.done(verb) else None
        if not self.stated(verb, denied):
            return None
        holder = self.own_holder(term)
        if holder is None and relation != "subject":
            holder = self.clause_holder(verb)
        return holder

    def years_said(self, verb: Token) -> int | None:
        """'is five years', 'lasts five years', 'runs for five years', 'is set at five years': the years the verb of a
        term's clause gives."""
        for child in verb.children:
            if child.dep_ in {"attr", "dobj", "npadvmod"} and _lemma(child) in self.words.years:
                return self.years_of(child)
            if child.dep_ == "prep" and child.lower_ in {"for", "to", "at"}:  # 'is set at seven years'
                for years in (g for g in child.children if g.dep_ == "pobj" and _lemma(g) in self.words.years):
                    return self.years_of(years)
        return None

    # ------------------------------------------------------------ readings

    def state(self, holder: str, predicate: str, value: int | None) -> None:
        if value is not None:
            self.found.add((holder, predicate, value))

    def usable(self, term: Token) -> bool:
        """Whether a term noun can be an office's rule: not 'a prison term', 'the second term', 'the current term'."""
        words = self.words
        return term.pos_ == "NOUN" and not any(_lemma(c) in words.other_terms | words.particular for c in term.children)

    def term(self, term: Token) -> None:
        """A term noun: its years and its limit, of the holder its clause names."""
        words = self.words
        if not self.usable(term):
            return
        frame = self.frame(term)
        if frame is None:
            return
        verb, relation = frame
        if _lemma(verb) in words.changing:
            self.change(term, verb, relation)
            return
        more = self.more_than(term)
        holder = self.term_holder(term, verb, relation, denied=more is not None)
        if holder is None:
            return
        years = self.years_of(term)
        if years is None and relation == "subject":
            years = self.years_said(verb)
        self.state(holder, "gg:termYears", years)
        self.state(holder, "gg:termLimit", more if more is not None else self.term_limit(term, verb, relation))

    def more_than(self, term: Token) -> int | None:
        """'more than two terms' (without 'no'): at most two when its clause is denied ('cannot serve more than two
        terms'); None when the phrase is no such count."""
        number = next((c for c in term.children if c.dep_ == "nummod"), None)
        if number is None or term.tag_ != "NNS":
            return None
        marks = {c.lower_ for c in number.children}
        if "more" not in marks or marks & self.words.denials:
            return None
        return _count(number, *self.words.limit_range)

    def change(self, term: Token, verb: Token, relation: str) -> None:
        """'the term of the president was extended from five to seven years', 'extended the presidential term to six
        years': the new length, when the change was made."""
        if relation not in {"subject", "object"} or (relation == "subject" and term.dep_ != "nsubjpass"):
            return
        holder = self.own_holder(term)
        if holder is None or not self.done(verb):
            return
        low, high = self.words.year_range
        inside = {t.i for t in term.subtree}
        doc = verb.doc
        for to in (t for t in verb.subtree if t.lower_ == "to" and t.i not in inside and t.i + 2 < len(doc)):
            number, after = doc[to.i + 1], doc[to.i + 2]
            if number.like_num and (self.years_word(number.head) or self.years_word(after)):
                self.state(holder, "gg:termYears", _count(number, low, high))
                return

    def years_word(self, token: Token) -> bool:
        return _lemma(token) in self.words.years

    def years_for(self, noun: Token) -> None:
        """'is elected for five years', 'for a period of five years': the years of the clause's holder."""
        preposition = noun.head
        if noun.dep_ != "pobj" or preposition.lower_ != "for" or preposition.head.pos_ not in VERBS:
            return
        verb = preposition.head
        if _lemma(verb) not in self.words.electing or not self.stated(verb):
            return
        holder = self.clause_holder(verb)
        if holder is not None:
            self.state(holder, "gg:termYears", self.years_of(noun))

    def renewable(self, word: Token) -> None:
        """'a five-year term, renewable once', 'the term is five years, renewable once', 'the term is non-renewable'."""
        doc = word.doc
        if word.i >= 2 and doc[word.i - 1].text == "-" and doc[word.i - 2].lower_ == "non":
            value: int | None = 1 if word.dep_ in {"acomp", "advcl", "conj"} else None
        else:  # 'once' on 'renewable', or on the verb it completes ('which is renewable once')
            value = self.times(word) or (self.times(word.head) if word.dep_ == "acomp" else None)
        if value is None:
            return
        term = self.renewed_term(word)
        frame = self.frame(term) if term is not None and self.usable(term) else None
        if term is None or frame is None:
            return
        holder = self.term_holder(term, *frame)
        if holder is not None:
            self.state(holder, "gg:termLimit", value)

    def times(self, word: Token) -> int | None:
        """'once' (2 terms in all), 'twice' (3) on a word of renewal or re-election."""
        for child in word.children:
            if child.dep_ == "advmod" and child.lower_ in self.words.times:
                return self.words.times[child.lower_]
        return None

    def renewed_term(self, word: Token) -> Token | None:
        """The term a 'renewable' is said of: the noun it describes, the subject of its clause, or the last term noun
        before it in its clause."""
        head, terms = word.head, self.words.terms
        if _lemma(head) in terms:
            return head
        if head.pos_ not in VERBS:
            return None
        subject = next((c for c in (*subjects(head, "nsubj"), *subjects(head, "nsubjpass")) if _lemma(c) in terms),
                       None)
        if subject is not None:
            return subject  # 'the term is renewable once', 'a five-year term, which is renewable once'
        before = [t for t in head.subtree if t.i < word.i and _lemma(t) in terms and t.pos_ == "NOUN"]
        return before[-1] if before else None

    def renewed(self, verb: Token) -> None:
        """'the term can be renewed once': the holder of the term renewed."""
        value = self.times(verb)
        if value is None or not self.stated(verb):
            return
        for term in subjects(verb, "nsubjpass") or [c for a in _auxiliaries(verb) for c in subjects(a, "nsubjpass")]:
            holder = self.own_holder(term) if _lemma(term) in self.words.terms and self.usable(term) else None
            if holder is not None:
                self.state(holder, "gg:termLimit", value)

    def reelection(self, tokens: list[Token]) -> None:
        """'can be re-elected (only) once' (2), 'cannot be re-elected' (1), of the clause's holder; never a ban on
        immediate re-election ('cannot be re-elected immediately')."""
        words = self.words
        inside = {t.i for t in tokens}
        head = next(t for t in tokens if t.head.i not in inside or t.head.i == t.i)
        auxiliaries = [a for t in tokens for a in _auxiliaries(t)]
        said = {a.lower_ for a in auxiliaries}
        if not said & words.sure or said & (words.unsure | words.past) or self.proposed(head):
            return
        denied = any(a.dep_ == "neg" for a in auxiliaries) or any(c.dep_ == "neg" for t in tokens for c in t.children)
        if denied:
            if any(c.dep_ not in BARE_REELECTION and c.i not in inside for t in tokens for c in t.children):
                return  # 'cannot be re-elected immediately', '... after two terms', '... for a consecutive term'
            value: int | None = 1
        else:
            value = next((v for v in (self.times(t) for t in tokens) if v is not None), None)
        if value is None:
            return
        holder = next((h for h in (self.clause_holder(t) for t in tokens) if h is not None), None)
        if holder is not None:
            self.state(holder, "gg:termLimit", value)

    def read(self, token: Token) -> None:
        words = self.words
        lemma = _lemma(token)
        reelected = _reelection(token)
        try:
            if lemma in words.terms:
                self.term(token)
            elif lemma in words.years | words.periods:
                self.years_for(token)
            elif lemma in words.renewable:
                self.renewable(token)
            elif lemma in words.renewing and token.pos_ == "VERB":
                self.renewed(token)
            elif reelected is not None:
                self.reelection(reelected)
        except NotARule:
            return


@implements("offices.terms")
def terms(ctx: DocContext, rule: Rule) -> None:
    words = _words(rule)
    for sentence in ctx.sentences:
        if sentence.tokens is None:
            continue
        reader = TermReader(ctx, sentence, words)
        for token in sentence.tokens:
            reader.read(token)
        for holder, predicate, value in sorted(reader.found):
            ctx.claim(sentence, holder, predicate, Value(str(value), "integer"), rule.name, 0.8)
