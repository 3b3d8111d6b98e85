"""Reforms as change events: one node per kind of reform and country, with the changes sentences state.

A reform is identified by its country and kind ("constitutional reform" of Kazakhstan), so the
same reform described in several articles is one node with several sources. Each change a
sentence states ("reducing the number of senators from fifteen to ten", "abolition of the death
penalty", "transition from X to Y") becomes a gg:Change node of that reform, labelled with the
words of the text, with structured links where the text gives them (from/to values, created or
abolished bodies, models of government before and after).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from govgraph.build.context import NP_STOP as NP_STOP_WORDS
from govgraph.build.context import DocContext, Sentence, clean_phrase, noun_phrase
from govgraph.build.keys import slug
from govgraph.build.lexicon import lexicon
from govgraph.build.numbers import find_numbers
from govgraph.build.parse import bounded, lemma_in, noun_span, subtree_span, token_span
from govgraph.build.records import Value
from govgraph.build.structure import number_value as _number_value

if TYPE_CHECKING:
    from spacy.tokens import Token

_STARTED = re.compile(r"\b(?:initiated|launched|started|began|begun|introduced|announced|unveiled)\s+(?:on|in)\s*", re.I)
_LIMIT_TERM = re.compile(
    r"\blimit\w*\s+(?P<np>(?:the\s+)?[\w\s]{3,60}?)\s+to\s+(?P<value>(?:one|a\s+single|a|two|\d+)\s+"
    r"(?P<years>[\w-]+)-year\s+terms?)", re.I)
_NOMINAL = re.compile(
    r"\b(?P<noun>creation|establishment|formation|introduction|re-?establishment|restoration|"
    r"reinstatement|abolition|abolishment|elimination|liquidation|dissolution|strengthening|reinforcement|"
    r"empowerment|expansion|reduction|curtailment|simplification|liberali[sz]ation|decentrali[sz]ation|"
    r"withdrawal|ban|limitation|limit)\s+(?P<prep>of|on)\s+|\b(?P<noun2>reduction|increase|expansion|decline|cut)\s+"
    r"(?P<prep2>in)\s+", re.I)
_VERBAL = re.compile(
    r"\b(?P<verb>creat(?:e|es|ed|ing)|establish(?:es|ed|ing)?|abolish(?:es|ed|ing)?|re-?establish(?:es|ed|ing)?|"
    r"restor(?:e|es|ed|ing)|introduc(?:e|es|ed|ing)|strengthen(?:s|ed|ing)?|weaken(?:s|ed|ing)?|"
    r"simplif(?:y|ies|ied|ying)|facilitat(?:e|es|ed|ing)|grant(?:s|ed|ing)?)\s+", re.I)
_ITEMS_AFTER = re.compile(
    r"\b(?:entail|entails|entailed|include|includes|included|including|involve|involves|envisage|envisages|"
    r"provide\s+for|provides\s+for|comprise|comprises|aimed\s+at)\s+", re.I)
_AMONG = re.compile(r"^Among\s+(?:the\s+)?[^,]{0,80}?\b(?:are|were)\s+", re.I)
_NAME_LIST = re.compile(r"(?:[A-Z][\w’'-]+,\s+)*[A-Z][\w’'-]+\s+and\s+[A-Z][\w’'-]+\s+(?:regions|provinces|oblasts|"
                        r"districts|cities|courts|councils)\b")
_ELECT = re.compile(
    r"(?P<who>\b[\w’'-]+(?:\s+[\w’'-]+){0,2}?)\s+(?:will\s+be\s+able\s+to|would\s+be\s+able\s+to|can|could|may|will|"
    r"to|shall)\s+(?:(?:directly|independently|now|also)\s+)*elect\s+(?P<np>[^.;:]{3,120})", re.I)
_DIRECT_ELECTIONS = re.compile(r"\bdirect\s+elections?\s+of\s+", re.I)
_FORMED = re.compile(r"\b(?:will\s+be\s+|are\s+|is\s+|be\s+)?(?P<how>(?:half|fully|entirely|\d+\s*(?:%|percent)|"
                     r"partly|partially)\s+)?formed\s+(?:by|from|of)\s+(?P<np>[^.;]{3,160})", re.I)

_NAMED = re.compile(
    r"\s*[–—,(-]?\s*(?:(?:popularly|commonly|widely|also)\s+)?(?:known\s+as|called|dubbed)\s+(?:the\s+)?[“\"‘']?"
    r"(?P<name>[A-Z][\w’'-]*(?:\s+(?:of\s+|for\s+|the\s+)?[A-Z][\w’'-]*){0,6})[”\"’']?"
    r"(?:\s*\((?P<short>[A-Z][A-Za-z-]*[A-Z])\))?")
_PROPOSED_BY = re.compile(r"\s*,?\s*(?:first\s+)?(?:proposed|put\s+forward|initiated|championed)\s+by\s+")

KIND_OF_ACTION = {
    "creation": "gg:creates", "establishment": "gg:creates", "formation": "gg:creates", "introduction": "gg:creates",
    "institution": "gg:creates", "create": "gg:creates", "establish": "gg:creates", "introduc": "gg:creates",
    "reestablishment": "gg:reestablishes", "re-establishment": "gg:reestablishes", "restoration": "gg:reestablishes",
    "reinstatement": "gg:reestablishes", "restor": "gg:reestablishes", "re-establish": "gg:reestablishes",
    "reestablish": "gg:reestablishes", "abolition": "gg:abolishes", "abolishment": "gg:abolishes",
    "elimination": "gg:abolishes", "liquidation": "gg:abolishes", "dissolution": "gg:abolishes",
    "abolish": "gg:abolishes", "strengthening": "gg:strengthens", "reinforcement": "gg:strengthens",
    "empowerment": "gg:strengthens", "expansion": "gg:strengthens", "strengthen": "gg:strengthens",
    "grant": "gg:strengthens", "reduction": "gg:weakens", "curtailment": "gg:weakens", "weaken": "gg:weakens",
    "limitation": "gg:weakens", "limit": "gg:weakens", "dissolv": "gg:abolishes", "disband": "gg:abolishes",
    "liquidat": "gg:abolishes", "scrap": "gg:abolishes", "eliminat": "gg:abolishes",
}
BANS = ("ban", "limitation", "limit")
VOTE_FIGURES = frozenset({"percentage", "share", "turnout", "tally", "lead", "margin", "count", "result", "score"})
_PERSONAL = re.compile(r"\b(?:his|her|their|my|our|your)\s+$", re.I)
_WHETHER = re.compile(r"\bwhether\s+(?:or\s+not\s+)?(?:to\s+)?(?:\w+\s+){0,3}$", re.I)
SIDE_MARKS = frozenset({"since", "because", "when", "after", "before", "while", "although", "as", "until", "if"})
HEAD_ONLY = ("gg:creates", "gg:abolishes", "gg:reestablishes")
_LIST_SPLIT = re.compile(r",\s+(?:and\s+|as\s+well\s+as\s+)?|\s+and\s+(?=(?:the\s+|a\s+|an\s+)?[\w-]+\s+(?:of|in|on)\b)|"
                         r";\s+|,?\s+as\s+well\s+as\s+")


class Reforms:
    """Reform nodes and their changes in one document."""

    def __init__(self, ctx: DocContext, transfer_verbs: frozenset[str] = frozenset(),
                 power_nouns: frozenset[str] = frozenset()) -> None:
        self.ctx = ctx
        self.transfer_verbs = transfer_verbs  # 'transfers powers from X to Y' (the rule's patterns)
        self.power_nouns = power_nouns

    # ------------------------------------------------------------ reform nodes

    def reform_mentions(self, sentence: Sentence) -> list[tuple[int, int, str]]:
        """(start, end, reform key) for every reform phrase, more specific kinds first, no overlaps."""
        found: list[tuple[int, int, str]] = []
        for cls, label, pattern in lexicon().reform_kinds:
            for match in pattern.finditer(sentence.text):
                if any(match.start() < e and s < match.end() for s, e, _ in found):
                    continue
                key = self.reform(cls, label, match.group(0))
                self.ctx.add_mention(sentence, match.start(), match.end(), key)
                found.append((match.start(), match.end(), key))
        for start, end, cls in self.changed_domains(sentence):
            if not any(start < e and s < end for s, e, _ in found):
                label = next(label for kind, label, _ in lexicon().reform_kinds if kind == cls)
                key = self.reform(cls, label, sentence.text[start:end])
                self.ctx.add_mention(sentence, start, end, key)
                found.append((start, end, key))
        return sorted(found)

    def changed_domains(self, sentence: Sentence) -> list[tuple[int, int, str]]:
        """What a verb of change acts on, when it names a reform's domain: 'the electoral system was reformatted',
        'parliament amended the constitution' -> (start, end, reform class) of the domain's words."""
        if sentence.tokens is None:
            return []
        found = []
        nouns = lexicon().of("change-nouns")
        for token in sentence.tokens:
            if token.pos_ == "VERB" and {token.lemma_.lower(), token.lower_} & lexicon().change_verbs:
                targets = [c for c in token.children if c.dep_ in ("nsubjpass", "dobj")]
            elif token.pos_ == "NOUN" and token.lemma_.lower() in nouns:  # 'amendments to the country's constitution'
                targets = [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("to", "of", "in")
                           for g in c.children if g.dep_ == "pobj"]
            else:
                continue
            for child in targets:
                start = child.left_edge.idx - sentence.start
                phrase = sentence.text[start : child.idx - sentence.start + len(child)]
                for cls, pattern in lexicon().reform_domains:
                    match = pattern.search(phrase)
                    if match:
                        found.append((start + match.start(), start + match.end(), cls))
                        break
        return found

    def reform(self, cls: str, label: str, surface: str) -> str:
        ctx = self.ctx
        country = ctx.gazetteer.entries[ctx.country_key].label if ctx.country_key else None
        full = f"{label} in {country}" if country else label
        return ctx.add_entity(f"reform/{ctx.scope()}/{slug(label)}", cls, full, surface.lower() if surface.islower()
                              else surface)

    def sentence_reform(self, sentence: Sentence, reforms: list[tuple[int, int, str]], offset: int) -> str | None:
        """The reform a change at `offset` belongs to: the nearest reform phrase before it, else the first one."""
        before = [key for s, _, key in reforms if s <= offset]
        if before:
            return before[-1]
        return reforms[0][2] if reforms else None

    # ------------------------------------------------------------ changes

    def change(self, sentence: Sentence, reform: str | None, label: str, extractor: str,
               confidence: float = 0.8) -> str:
        ctx = self.ctx
        label = clean_phrase(label)
        key = ctx.new_entity("change", "Change", label, scope=ctx.scope())
        if reform:
            ctx.claim(sentence, reform, "gg:hasChange", key, extractor, confidence)
        ctx.add_mention(sentence, max(sentence.text.lower().find(label.lower()), 0),
                        max(sentence.text.lower().find(label.lower()), 0) + len(label), key)
        return key

    def scan(self, sentence: Sentence) -> None:
        reforms = self.reform_mentions(sentence)
        self.start_dates(sentence, reforms)
        self.from_to(sentence, reforms)
        self.term_limits(sentence, reforms)
        self.transitions(sentence, reforms)
        self.replacements(sentence, reforms)
        self.nominal_changes(sentence, reforms)
        self.passive_changes(sentence, reforms)
        self.renames(sentence, reforms)
        self.item_lists(sentence, reforms)
        self.names_and_proposers(sentence, reforms)
        self.elections_of(sentence, reforms)
        self.formed_from(sentence, reforms)
        self.power_transfers(sentence, reforms)

    def power_transfers(self, sentence: Sentence, reforms: list) -> None:
        """'the constitution transfers powers from the prime minister to the president', 'shifts some of the
        president's powers to parliament': the reform weakens the office or body the powers leave and strengthens
        the one they go to (each one the sentence names), but not in a question ('whether to transfer powers').
        Read from the words in order: the small parser often takes 'transfers' and 'shifts' for nouns."""
        ctx = self.ctx
        tokens = list(sentence.tokens or ())
        if re.search(r"\bwhether\b", sentence.text, re.I):
            return
        for n, word in enumerate(tokens):
            if word.lemma_.lower() not in self.transfer_verbs:
                continue
            clause: list[Token] = []
            for token in tokens[n + 1 :]:
                if token.text in {",", ";", "."} or (token.lower_ in {"and", "but", "while"} and clause):
                    break
                clause.append(token)
            power = next((k for k, t in enumerate(clause[:6]) if t.lemma_.lower() in self.power_nouns), None)
            if power is None:
                continue
            owner = next((t for t in clause[:power] if t.dep_ == "poss"), None)
            after = clause[power + 1 :]
            ends = {t.lower_: after[k + 1] for k, t in enumerate(after[:-1]) if t.lower_ in ("from", "to")}
            source = self._office_or_body(sentence, ends.get("from") or owner)
            target = self._office_or_body(sentence, ends.get("to"))
            reform = self.sentence_reform(sentence, reforms, word.idx - sentence.start) or self.default_reform(sentence)
            if reform is None or source == target:
                continue
            if source is not None:
                ctx.claim(sentence, reform, "gg:weakens", source, "reform:transfer", 0.7)
            if target is not None:
                ctx.claim(sentence, reform, "gg:strengthens", target, "reform:transfer", 0.7)

    def _office_or_body(self, sentence: Sentence, token: Token | None) -> str | None:
        """The office or state body a phrase names: a mention covering the word or the next noun ('the prime
        minister' from 'the')."""
        if token is None:
            return None
        while token.pos_ == "DET" and token.i + 1 < len(token.doc):
            token = token.doc[token.i + 1]
        return next((m.entity for m in sentence.mentions if m.start <= token.idx < m.end
                     and self.ctx.is_a(m.entity, "Office", "StateBody")), None)

    def specific(self, reform: str) -> str | None:
        """A reform of a kind ('constitutional reform'), or for the generic 'the reforms' the one reform of a kind the
        article names (None when it names none or several): the node a proper name or a proposer belongs to."""
        ctx = self.ctx
        if ctx.entity_class(reform) != "Reform":
            return reform
        kinds = {m.entity for m in ctx.extraction.mentions if ctx.is_a(m.entity, "Reform")
                 and ctx.entity_class(m.entity) != "Reform"}
        return kinds.pop() if len(kinds) == 1 else None

    def names_and_proposers(self, sentence: Sentence, reforms: list) -> None:
        """'the reforms, popularly known as the Building Bridges Initiative (BBI)': names of the reform; 'constitutional
        changes proposed by President X': who proposed it (a person named right after 'by')."""
        ctx = self.ctx
        for _, end, phrase in reforms:
            reform = self.specific(phrase)
            if reform is None:
                continue
            named = _NAMED.match(sentence.text, end)
            if named:
                for alias in (named.group("name"), named.group("short")):
                    if alias:
                        ctx.claim(sentence, reform, "skos:altLabel", ctx.text_value(alias), "reform:name", 0.8)
                        ctx.add_entity(reform, "", "", alias)
            proposed = _PROPOSED_BY.match(sentence.text, end)
            if proposed:
                after = proposed.end()
                person = next((m.entity for m in ctx.mentions_in(sentence, after, len(sentence.text))
                               if ctx.is_a(m.entity, "Person")), None)
                first = ctx.mentions_in(sentence, after, len(sentence.text))
                if person is not None and len(sentence.text[after : first[0].start - sentence.start].split()) <= 2 \
                        and first[0].entity == person:
                    ctx.claim(sentence, reform, "gg:proposedBy", person, "reform:proposer", 0.75)

    def start_dates(self, sentence: Sentence, reforms: list) -> None:
        """'reforms transforming Kazakhstan, initiated on June 5, 2022', 'the reform began in 2019'."""
        from govgraph.build.dates import find_dates

        text = sentence.text
        for _, end, reform in reforms:
            window = text[end : end + 90]
            verb = _STARTED.search(window)
            if not verb or "." in window[: verb.start()]:
                continue
            dates = [d for d in find_dates(window[verb.end() :]) if d.start < 4]
            if dates:
                date = dates[0].date
                self.ctx.claim(sentence, reform, "gg:startDate", Value(date.iso, date.datatype), "reform:start-date", 0.8)

    def from_to(self, sentence: Sentence, reforms: list) -> None:
        """'reducing the number of senators from fifteen to ten', 'seats were cut from 120 to 90', 'extend the term to six
        years from four': a verb (or noun) of a changed quantity with numbers after 'from' and 'to'; what changes is its
        object, else its subject."""
        ctx = self.ctx
        if sentence.tokens is None:
            return
        text = sentence.text
        verbs = lexicon().of("quantity-verbs")
        for origin in sentence.tokens:
            if origin.lower_ != "from" or origin.dep_ != "prep":
                continue
            head = origin.head
            for _ in range(3):  # 'increased the number of seats from 290 to 360': up to the verb
                if lemma_in(head, verbs) or head.head.i == head.i:
                    break
                head = head.head
            if not lemma_in(head, verbs):
                continue
            a_token = next((c for c in origin.children if c.dep_ == "pobj"), None)
            candidates = [*origin.head.children, *origin.children, *(a_token.children if a_token is not None else ())]
            to = next((c for c in candidates if c.dep_ == "prep" and c.lower_ == "to"), None)
            b_token = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if a_token is None:
                continue
            if b_token is None or to is None:  # 'from five to seven years' parsed as one range: split it at 'to'
                ranged = next((t for t in a_token.subtree if t.lower_ == "to" and t.dep_ == "quantmod"), None)
                if ranged is None:
                    continue
                whole = subtree_span(sentence, a_token)
                a_text = text[whole[0] : token_span(sentence, ranged)[0]].strip(" ,")
                b_text = text[token_span(sentence, ranged)[1] : whole[1]].strip()
                to = ranged
            else:
                a_span = subtree_span(sentence, a_token)
                if to.i > origin.i:
                    a_span = (a_span[0], min(a_span[1], token_span(sentence, to)[0]))
                a_text, b_text = text[slice(*a_span)].strip(" ,"), text[slice(*noun_span(sentence, b_token))]
            if not (find_numbers(a_text) and find_numbers(b_text)):
                continue
            thing = next((c for c in head.children if c.dep_ == "dobj"), None) or next(
                (c for c in head.children if c.dep_ in ("nsubjpass", "nsubj")), None)
            if thing is None and head.pos_ == "NOUN":
                thing = next((g for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "in")
                              for g in c.children if g.dep_ == "pobj"), None)
            if thing is None or thing.pos_ == "PRON" or thing.lemma_.lower() in VOTE_FIGURES:
                continue  # 'the percentage for No increased from 8.20 to 8.36 per cent': a count, not a rule
            np_start, np_end = noun_span(sentence, thing)
            np_end = min([np_end] + [token_span(sentence, t)[0] for t in (origin, to) if t.i > thing.i])
            attribute = clean_phrase(text[np_start:np_end])
            if not attribute or len(attribute.split()) > 12:
                continue
            reform = self.sentence_reform(sentence, reforms, origin.idx - sentence.start) or self.default_reform(sentence)
            change = self.change(sentence, reform, f"{attribute} from {clean_phrase(a_text)} to {clean_phrase(b_text)}",
                                 "reform:from-to", 0.85)
            ctx.claim(sentence, change, "gg:attribute", ctx.text_value(attribute), "reform:from-to", 0.85)
            ctx.claim(sentence, change, "gg:fromValue", self.value(a_text), "reform:from-to", 0.85)
            ctx.claim(sentence, change, "gg:toValue", self.value(b_text), "reform:from-to", 0.85)
            for mention in ctx.mentions_in(sentence, np_start, np_end):
                if not ctx.is_a(mention.entity, "Change", "Reform", "Country"):
                    ctx.claim(sentence, change, "gg:changedThing", mention.entity, "reform:from-to", 0.8)
                    if reform:
                        ctx.claim(sentence, reform, "gg:affects", mention.entity, "reform:from-to", 0.8)

    def value(self, text: str) -> Value:
        text = clean_phrase(text)
        numbers = list(find_numbers(text))
        if len(numbers) == 1 and numbers[0].start == 0:
            n = numbers[0]
            if n.end == len(text) or re.fullmatch(r"\s*(?:seats|members|deputies|years|senators|percent|%)", text[n.end :]):
                return Value(n.lexical, n.datatype)
        return Value(text, "string")

    def term_limits(self, sentence: Sentence, reforms: list) -> None:
        """'limiting the presidential term of office to one seven-year term': a change of the reform (the rules of a
        term the text states are rule offices.terms')."""
        ctx = self.ctx
        for match in _LIMIT_TERM.finditer(sentence.text):
            reform = self.sentence_reform(sentence, reforms, match.start()) or self.default_reform(sentence)
            attribute = clean_phrase(match.group("np"))
            change = self.change(sentence, reform, f"{attribute} limited to {match.group('value')}", "reform:term-limit")
            ctx.claim(sentence, change, "gg:attribute", ctx.text_value(attribute), "reform:term-limit", 0.85)
            ctx.claim(sentence, change, "gg:toValue", ctx.text_value(match.group("value")), "reform:term-limit", 0.85)
            self._term_numbers(sentence, change, match.group(0))

    def _term_numbers(self, sentence: Sentence, subject: str, text: str) -> None:
        years = re.search(r"([\w-]+)-year|of\s+([\w-]+)\s+years", text, re.I)
        if years:
            value = _number_value(years.group(1) or years.group(2))
            if value:
                self.ctx.claim(sentence, subject, "gg:termYears", Value(str(value), "integer"), "reform:term", 0.8)
        if re.search(r"\b(?:one|single|a single)\b", text, re.I):
            self.ctx.claim(sentence, subject, "gg:termLimit", Value("1", "integer"), "reform:term", 0.75)

    def transitions(self, sentence: Sentence, reforms: list) -> None:
        """A change of system: 'the transition from a super-presidential system to a presidential republic', 'shift the
        system from the current parliamentary system to an executive presidency', 'rebalanced from a
        super-presidential to a normative presidential model' (both ends must name a model of government)."""
        if sentence.tokens is None:
            return
        text = sentence.text
        for origin in sentence.tokens:
            if origin.lower_ != "from" or origin.dep_ != "prep":
                continue
            before_token = next((c for c in origin.children if c.dep_ == "pobj"), None)
            to = next((c for c in (*origin.head.children, *origin.children, *origin.head.head.children)
                       if c.dep_ == "prep" and c.lower_ == "to" and c.i > origin.i), None)
            if to is None and before_token is not None:
                to = next((c for c in before_token.children if c.dep_ == "prep" and c.lower_ == "to"), None)
            after_token = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if before_token is None or after_token is None or to is None:
                continue
            after_span = subtree_span(sentence, after_token)
            extra = next((c for c in origin.head.children if c.dep_ == "prep" and c.lower_ == "with"
                          and c.idx - sentence.start <= after_span[1] + 1), None)
            if extra is not None:  # 'to presidential republic with influential parliament': the 'with' belongs to it
                after_span = (after_span[0], subtree_span(sentence, extra)[1])
            before_span = (subtree_span(sentence, before_token)[0],
                           min(subtree_span(sentence, before_token)[1], token_span(sentence, to)[0]))
            after_head = model_head(after_token)
            before = self.model(text[slice(*before_span)], before_token, after_head)
            after = self.model(text[slice(*after_span)], after_token, None)
            if before is None or after is None:
                continue
            self.transition(sentence, reforms, origin, before, after, before_span[0], after_span[1])

    def transition(self, sentence: Sentence, reforms: list, origin: Token, before: str, after: str, start: int,
                   end: int) -> None:
        """A change node from one model to another, on the sentence's reform; `origin` is the preposition that
        introduces one end, its head the word of change ('transition', 'shift') or the verb."""
        ctx = self.ctx
        text = sentence.text
        reform = self.sentence_reform(sentence, reforms, start) or self.default_reform(sentence)
        head = origin.head
        label = clean_phrase(text[min(start, token_span(sentence, head)[0]) : end])
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")] if head.pos_ in ("VERB", "AUX") else []
        if subjects:
            label = f"{clean_phrase(text[slice(*subtree_span(sentence, subjects[0]))])}: {label}"
        change = self.change(sentence, reform, label, "reform:transition", 0.85)
        for node in (change, reform):
            if node:
                ctx.claim(sentence, node, "gg:transformsFrom", before, "reform:transition", 0.85)
                ctx.claim(sentence, node, "gg:transformsTo", after, "reform:transition", 0.85)

    def replacements(self, sentence: Sentence, reforms: list) -> None:
        """'transition to a federal form of government in lieu of the current unitary type of administration', 'a move
        to a parliamentary republic instead of a presidential one': the model replaced follows 'in lieu of' or
        'instead of'."""
        if sentence.tokens is None:
            return
        text = sentence.text
        for to in sentence.tokens:
            if to.lower_ != "to" or to.dep_ != "prep":
                continue
            after_token = next((c for c in to.children if c.dep_ == "pobj"), None)
            if after_token is None or model_head(after_token) is None:
                continue
            scope = [*after_token.subtree, *(t for c in to.head.children if c.i > to.i for t in c.subtree)]
            of = next((t for t in scope if t.lower_ == "of" and t.head.lower_ in ("lieu", "instead")), None)
            before_token = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if before_token is None or of is None:
                continue
            after_end = min(subtree_span(sentence, after_token)[1], token_span(sentence, of.head)[0])
            after_text = text[subtree_span(sentence, after_token)[0] : after_end].strip()
            before_span = subtree_span(sentence, before_token)
            after = self.model(re.sub(r"\s+in$", "", after_text), after_token, None)
            before = self.model(text[slice(*before_span)], before_token, model_head(after_token))
            if before is not None and after is not None:
                self.transition(sentence, reforms, to, before, after, token_span(sentence, to)[0], before_span[1])

    def model(self, phrase: str, token: Token, shared_head: str | None) -> str | None:
        """The governance model a phrase names ('parliamentary system'); a bare adjective takes the other end's head
        ('from a super-presidential to a ... model' -> 'super-presidential model')."""
        words = clean_phrase(phrase.strip("“”\"‘’ ,")).split()
        while words and words[0].lower() in lexicon().of("time-modifiers"):
            words.pop(0)
        name = clean_phrase(" ".join(words).strip("“”\"‘’ ,"))
        if not name or len(name.split()) > 14:
            return None
        if model_head(token) is None:
            if not (shared_head and token.pos_ == "ADJ" and lemma_in(token, lexicon().of("model-adjectives"))):
                return None
            name = f"{name} {shared_head}"
        return self.ctx.new_entity("model", "GovernanceModel", name)

    def nominal_changes(self, sentence: Sentence, reforms: list) -> None:
        """'abolition of the death penalty', 're-establishment of the Constitutional Court', 'creating a new court'."""
        ctx = self.ctx
        text = sentence.text
        for rx in (_NOMINAL, _VERBAL):
            for match in rx.finditer(text):
                listed = _NAME_LIST.match(text, match.end())
                word0 = (match.groupdict().get("noun") or "").lower()
                span = listed.span() if listed else noun_phrase(text, match.end(), allow_and=word0 in BANS)
                if span is None:
                    continue
                if word0 in BANS:  # 'ban on holding posts by the relatives of the head of state': who is banned
                    agent = re.match(r"\s+by\s+", text[span[1] :])
                    more = noun_phrase(text, span[1] + agent.end()) if agent else None
                    if more:
                        span = (span[0], more[1])
                recipient = re.match(r"\s+to\s+(?:the\s+)?(?:institution\s+of\s+(?:the\s+)?)?", text[span[1] :]) \
                    if rx is _VERBAL else None
                obj_text = text[span[0] : span[1]]
                if _PERSONAL.search(text[: span[0]]) or _WHETHER.search(text[: match.start()]):
                    continue  # 'restore his powers', 'whether to abolish the senate': a person's, or a choice
                if rx is _VERBAL and not (reforms or self._is_reform_sentence(sentence)):
                    continue
                if rx is _VERBAL and not self.reform_clause(sentence, match.start()):
                    continue
                if self.opinion_of(sentence, match.start()):
                    continue
                word = (match.groupdict().get("noun") or match.groupdict().get("noun2") or match.group("verb")).lower()
                action = next((p for stem, p in KIND_OF_ACTION.items() if word.startswith(stem)), None)
                reform = self.sentence_reform(sentence, reforms, match.start())
                if reform is None:
                    if not self._is_reform_sentence(sentence):
                        continue
                    reform = self.default_reform(sentence)
                label = text[match.start() : span[1]]
                change = self.change(sentence, reform, label, "reform:change", 0.75)
                ctx.claim(sentence, change, "gg:attribute", ctx.text_value(obj_text), "reform:change", 0.75)
                targets = self.targets(sentence, span)
                if recipient:
                    given = ctx.mention_at(sentence, span[1] + recipient.end(), span[1] + recipient.end() + 60)
                    if given and any(m.start - sentence.start == span[1] + recipient.end()
                                     for m in sentence.mentions if m.entity == given):
                        ctx.claim(sentence, change, "gg:changedThing", given, "reform:change", 0.75)
                        if reform:
                            ctx.claim(sentence, reform, "gg:strengthens", given, "reform:change", 0.7)
                if rx is _VERBAL or action in HEAD_ONLY:  # the entity must be the phrase's head, not a modifier
                    targets = [t for t in targets if any(m.entity == t and m.end - sentence.start >= span[1] - 1
                                                         and len(text[span[0] : m.start - sentence.start].split()) <= 2
                                                         for m in ctx.mentions_in(sentence, *span))]
                    if not targets and action in ("gg:creates", "gg:abolishes", "gg:reestablishes"):
                        continue
                for target in targets:
                    ctx.claim(sentence, change, "gg:changedThing", target, "reform:change", 0.75)
                    if action and reform:
                        ctx.claim(sentence, reform, action, target, "reform:change", 0.75)
                    elif reform:
                        ctx.claim(sentence, reform, "gg:affects", target, "reform:change", 0.7)
                if action and reform and not targets and action in ("gg:strengthens", "gg:weakens"):
                    office = self.adjective_office(obj_text)
                    if office:
                        ctx.claim(sentence, reform, action, office, "reform:change", 0.7)

    def opinion_of(self, sentence: Sentence, offset: int) -> bool:
        """Whether the phrase at `offset` is what someone supports or opposes ('support the reduction of presidential
        powers'), an opinion rather than a change."""
        if sentence.tokens is None:
            return False
        token = next((t for t in sentence.tokens if t.idx - sentence.start == offset), None)
        opinions = lexicon().of("opinion-verbs")
        while token is not None and token.dep_ in ("dobj", "pobj", "prep", "xcomp", "conj") and token.head.i != token.i:
            token = token.head
            if token.pos_ == "VERB" and lemma_in(token, opinions):
                return True
        return False

    def reform_clause(self, sentence: Sentence, offset: int) -> bool:
        """Whether the verb at `offset` states what a reform does, not a side remark: not in a clause opened by
        'since', 'because', 'when' ... and not with a personal pronoun as its subject ('since it introduced a new
        constitution in 2010'); a verb without a noun object ('the court abolished in 1998', 'creating eight others')
        states nothing here (the passive is read by `passive_changes`)."""
        if sentence.tokens is None:
            return True
        verb = next((t for t in sentence.tokens if t.idx - sentence.start == offset), None)
        if verb is None:
            return True
        if verb.dep_ in ("advcl", "relcl") and any(c.dep_ == "mark" and c.lower_ in SIDE_MARKS for c in verb.children):
            return False
        if any(c.dep_ == "nsubj" and c.pos_ == "PRON" and c.lower_ not in ("which", "that", "who") for c in verb.children):
            return False
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        return bool(objects) and objects[0].pos_ in ("NOUN", "PROPN") and objects[0].lemma_.lower() not in ("other", "one")

    def passive_changes(self, sentence: Sentence, reforms: list) -> None:
        """'Military courts will be abolished', 'the ARMM was abolished and replaced': a body's end or start in the
        passive; one a person carries out ('dissolved by President Sandu') is an act of that person, not a reform."""
        ctx = self.ctx
        if sentence.tokens is None:
            return
        for verb in sentence.tokens:
            action = next((p for stem, p in KIND_OF_ACTION.items() if verb.lemma_.lower().startswith(stem)), None)
            if verb.pos_ != "VERB" or action is None or not any(c.dep_ == "auxpass" for c in verb.children):
                continue
            subjects = [c for c in verb.children if c.dep_ == "nsubjpass"] or (
                [c for c in verb.head.children if c.dep_ == "nsubjpass"] if verb.dep_ == "conj" else [])
            if not subjects or subjects[0].pos_ == "PRON":
                continue
            agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if agents and not ctx.mention_at(sentence, *subtree_span(sentence, agents[0]), "Reform"):
                continue  # 'dissolved by President Sandu', 'created by the 1991 Constitution': another's act
            if verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in verb.children):
                continue  # 'resigned so that parliament could be dissolved'
            if verb.dep_ == "acl":
                continue  # 'the court, abolished in 1998, ...': a past the sentence recalls
            if subjects[0].lemma_.lower() in CABINET_NOUNS:
                continue  # 'the French government has been dissolved': a cabinet's fall, not a change of the system
            start, end = noun_span(sentence, subjects[0])
            subject = clean_phrase(sentence.text[start:end])
            if not subject or len(subject.split()) > 8:
                continue
            if any(ctx.is_a(m.entity, "Document") for m in ctx.mentions_in(sentence, start, end)):
                continue  # a bill introduced or a law adopted is a document's history (laws.acts), not a body's
            auxiliaries = " ".join(c.text for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i)
            reform = self.sentence_reform(sentence, reforms, start) or self.default_reform(sentence)
            change = self.change(sentence, reform, f"{subject} {auxiliaries} {verb.text}", "reform:passive", 0.7)
            ctx.claim(sentence, change, "gg:attribute", ctx.text_value(subject), "reform:passive", 0.7)
            for mention in ctx.mentions_in(sentence, start, end):
                if ctx.is_a(mention.entity, "Organization", "Region", "Office") and not ctx.is_a(mention.entity, "Country"):
                    ctx.claim(sentence, change, "gg:changedThing", mention.entity, "reform:passive", 0.7)
                    if reform:
                        ctx.claim(sentence, reform, action, mention.entity, "reform:passive", 0.7)

    def renames(self, sentence: Sentence, reforms: list) -> None:
        """'renamed the ARMM as the Bangsamoro region', 'the ministry was renamed the Ministry of Digital Affairs': a
        change of name (from and to), and the new name an alias of the body."""
        ctx = self.ctx
        if sentence.tokens is None:
            return
        for verb in sentence.tokens:
            if verb.pos_ != "VERB" or verb.lemma_.lower() != "rename":
                continue
            old = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if old is None:
                continue
            new = next((c for c in verb.children if c.dep_ in ("oprd", "attr", "dobj") and c.i != old.i), None) or next(
                (g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("as", "to", "into")
                 for g in c.children if g.dep_ == "pobj"), None)
            if old is None or new is None or old.pos_ == "PRON":
                continue
            old_span, new_span = noun_span(sentence, old), noun_span(sentence, new)
            old_name, new_name = clean_phrase(sentence.text[slice(*old_span)]), clean_phrase(sentence.text[slice(*new_span)])
            if not old_name or not new_name:
                continue
            reform = self.sentence_reform(sentence, reforms, old_span[0]) or self.default_reform(sentence)
            change = self.change(sentence, reform, f"renaming of {old_name} as {new_name}", "reform:rename", 0.75)
            ctx.claim(sentence, change, "gg:attribute", Value("name", "string"), "reform:rename", 0.75)
            ctx.claim(sentence, change, "gg:fromValue", Value(old_name, "string"), "reform:rename", 0.75)
            ctx.claim(sentence, change, "gg:toValue", Value(new_name, "string"), "reform:rename", 0.75)
            body = ctx.mention_at(sentence, *old_span, "Organization", "Region", "Office")
            if body is not None and not ctx.is_a(body, "Country"):
                ctx.claim(sentence, change, "gg:changedThing", body, "reform:rename", 0.75)
                ctx.add_entity(body, "", "", new_name)

    def adjective_office(self, text: str) -> str | None:
        """'presidential powers' -> the country's President office."""
        match = re.search(r"\bpresidential\s+(?:powers?|authority|prerogatives)\b", text, re.I)
        if not match:
            return None
        ctx = self.ctx
        for key, entry in ctx.gazetteer.entries.items():
            if entry.cls == "HeadOfState" and entry.country == ctx.country_key:
                return key
        return None

    def targets(self, sentence: Sentence, span: tuple[int, int]) -> list[str]:
        """Entities a changed phrase names; 'Abai, Zhetysu and Ulytau regions' gives three regions."""
        ctx = self.ctx
        text = sentence.text[span[0] : span[1]]
        listed = re.fullmatch(r"((?:[A-Z][\w’'-]+,\s+)*[A-Z][\w’'-]+\s+and\s+[A-Z][\w’'-]+)\s+(regions|provinces|oblasts|"
                              r"districts|cities|courts|councils)", text)
        if listed:
            head = listed.group(2)[:-1] if not listed.group(2).endswith("ies") else listed.group(2)[:-3] + "y"
            keys = []
            for name in re.split(r",\s+|\s+and\s+", listed.group(1)):
                label = f"{name} {head}"
                key = ctx.gazetteer.lookup(label, ctx.country_key) or ctx.new_entity(
                    "region" if head in ("region", "province", "oblast", "district", "city") else "org",
                    "Region" if head in ("region", "province", "oblast", "district") else "City" if head == "city"
                    else "StateBody", f"{name} {head.capitalize() if head != 'city' else head}")
                ctx.add_mention(sentence, span[0], span[1], key)
                keys.append(key)
            return keys
        return [m.entity for m in ctx.mentions_in(sentence, *span)
                if not ctx.is_a(m.entity, "Change", "Reform", "Country", "Category")]

    def _is_reform_sentence(self, sentence: Sentence) -> bool:
        return bool(re.search(r"\breform|amendment|modernization|modernisation|constitution|initiative|\bproposals?\b",
                              sentence.text, re.I))

    def default_reform(self, sentence: Sentence) -> str | None:
        """The document's general political reform, for changes stated without naming a reform."""
        if not self._is_reform_sentence(sentence) and not self.ctx.country_key:
            return None
        return self.reform("Reform", "political reform", "political reform")

    def item_lists(self, sentence: Sentence, reforms: list) -> None:
        """'the reforms entail a reduction in presidential powers, significant strengthening of parliament, ...'."""
        text = sentence.text
        for start, end, reform in reforms:
            match = _ITEMS_AFTER.search(text, end, min(len(text), end + 60))
            among = _AMONG.match(text)
            if among and start < among.end():
                match = among
            if match is None or text[end : match.start()].count(",") > 1:
                continue
            rest = text[match.end() :].rstrip(".")
            offset = match.end()
            for piece in _LIST_SPLIT.split(rest):
                item = clean_phrase(re.sub(r"^(?:including|notably|such as|and)\s+", "", piece.strip(), flags=re.I))
                if len(item.split()) < 2 or len(item.split()) > 18 or item.split()[-1].lower() in ("others", "ones"):
                    continue
                position = text.find(piece, offset)
                if position >= 0:
                    offset = position + len(piece)
                change = self.change(sentence, reform, item, "reform:list-item", 0.7)
                span = (position, position + len(piece)) if position >= 0 else None
                if span:
                    for target in self.targets(sentence, span):
                        self.ctx.claim(sentence, change, "gg:changedThing", target, "reform:list-item", 0.7)

    def elections_of(self, sentence: Sentence, reforms: list) -> None:
        """'citizens will elect 170 regional akims', 'direct elections of akims of 45 regions'."""
        ctx = self.ctx
        text = sentence.text
        for match in _ELECT.finditer(text):
            who = clean_phrase(match.group("who"))
            np_span = noun_phrase(text, match.start("np"), allow_and=True)
            if np_span is None:
                continue
            for part_start, part_end in split_and(text, np_span):
                self._elected(sentence, reforms, who, (part_start, part_end), "reform:elect")
        for match in _DIRECT_ELECTIONS.finditer(text):
            np_span = noun_phrase(text, match.end(), allow_and=True)
            if np_span is None:
                continue
            gloss = re.match(r"\s*\([^()]{1,40}\)\s+(?=of\s)", text[np_span[1] :])
            if gloss:  # 'akims (governors) of 45 regions': the phrase goes on after the gloss
                more = noun_phrase(text, np_span[1] + gloss.end(), allow_and=True)
                if more:
                    np_span = (np_span[0], more[1])
            label = text[match.start() : np_span[1]]
            label = re.sub(r"\s*\([^()]{1,40}\)", "", label)
            reform = self.sentence_reform(sentence, reforms, match.start()) or self.default_reform(sentence)
            change = self.change(sentence, reform, label, "reform:direct-election", 0.8)
            numbers = [n for n in find_numbers(text[np_span[0] : np_span[1]])
                       if not bounded(text[: np_span[0] + n.start])]  # 'more than 45 regions' is not 45
            if numbers:
                ctx.claim(sentence, change, "gg:quantity", Value(numbers[0].lexical, numbers[0].datatype),
                          "reform:direct-election", 0.8)
            for mention in ctx.mentions_in(sentence, match.end(), np_span[1]):
                if ctx.is_a(mention.entity, "Office", "ElectedOffice"):
                    ctx.claim(sentence, change, "gg:changedThing", mention.entity, "reform:direct-election", 0.8)
                    ctx.claim(sentence, mention.entity, "gg:selectionMethod", Value("elected", "string"),
                              "reform:direct-election", 0.8)
                    if numbers:
                        ctx.claim(sentence, mention.entity, "gg:electedCount",
                                  Value(numbers[0].lexical, numbers[0].datatype), "reform:direct-election", 0.7)

    def _elected(self, sentence: Sentence, reforms: list, who: str, span: tuple[int, int], extractor: str) -> None:
        ctx = self.ctx
        text = sentence.text[span[0] : span[1]]
        offices = [m.entity for m in ctx.mentions_in(sentence, *span)
                   if ctx.is_a(m.entity, "Office", "ElectedOffice", "Chamber", "Body", "Parliament")]
        if not offices:
            return
        numbers = [n for n in find_numbers(text) if n.start == 0 or text[: n.start].strip().lower() in ("", "all")]
        reform = self.sentence_reform(sentence, reforms, span[0]) or self.default_reform(sentence)
        change = self.change(sentence, reform, f"election of {clean_phrase(text)}", extractor, 0.8)
        for office in offices[:1]:
            ctx.claim(sentence, change, "gg:changedThing", office, extractor, 0.8)
            ctx.claim(sentence, office, "gg:selectionMethod", Value("elected", "string"), extractor, 0.8)
            who = who.split()[-1] if who else ""
            if who.lower().endswith("s") and who.lower() not in NP_STOP_WORDS:
                ctx.claim(sentence, office, "gg:electorate", ctx.text_value(who), extractor, 0.75)
            if numbers:
                value = Value(numbers[0].lexical, numbers[0].datatype)
                ctx.claim(sentence, change, "gg:quantity", value, extractor, 0.8)
                ctx.claim(sentence, office, "gg:electedCount", value, extractor, 0.75)

    def formed_from(self, sentence: Sentence, reforms: list) -> None:
        """'their deputy corps will be 100 percent formed from non-partisan candidates from single-mandate districts'."""
        ctx = self.ctx
        text = sentence.text
        for match in _FORMED.finditer(text):
            bodies = [m for m in ctx.mentions_in(sentence, 0, match.start())
                      if ctx.is_a(m.entity, "Body", "Chamber", "Parliament", "Council", "Category")]
            if not bodies:
                continue
            rule = clean_phrase(re.sub(r"^(?:will\s+be|are|is|be)\s+", "", match.group(0).strip(), flags=re.I))
            for body in {m.entity for m in bodies}:
                ctx.claim(sentence, body, "gg:formationRule", ctx.text_value(rule), "reform:formed-from", 0.75)


def model_head(token: Token) -> str | None:
    """The head word when a noun heads a model of government: 'system', or 'form' with a model adjective in its phrase
    ('federal form of government'); else None."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    if lemma_in(token, lexicon().of("model-words")):
        return token.lower_
    adjectives = lexicon().of("model-adjectives")
    if lemma_in(token, lexicon().of("model-frames")) and any(
            lemma_in(t, adjectives) or t.lower_ in adjectives for t in token.subtree if t.i < token.i):
        return token.lower_
    return None


def split_and(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """Split 'A and B' into the spans of A and B where both parts start a new counted phrase."""
    start, end = span
    parts = []
    position = start
    for match in re.finditer(r"\s+and\s+(?=\d|[a-z]+\s)", text[start:end]):
        parts.append((position, start + match.start()))
        position = start + match.end()
    parts.append((position, end))
    return parts


CABINET_NOUNS = frozenset({"government", "cabinet", "coalition"})  # a cabinet that falls or is dissolved


def scan_reforms(ctx: DocContext, transfer_verbs: frozenset[str] = frozenset(),
                 power_nouns: frozenset[str] = frozenset()) -> None:
    """The reforms and changes of every sentence; `transfer_verbs` and `power_nouns` (the rule's patterns) read
    'transfers powers from X to Y'."""
    reforms = Reforms(ctx, transfer_verbs, power_nouns)
    for sentence in ctx.sentences:
        reforms.scan(sentence)
