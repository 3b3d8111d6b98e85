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
from govgraph.build.parse import lemma_in, subtree_span, token_span
from govgraph.build.records import Value

if TYPE_CHECKING:
    from spacy.tokens import Token

_STARTED = re.compile(r"\b(?:initiated|launched|started|began|begun|introduced|announced|unveiled)\s+(?:on|in)\s*", re.I)
_CHANGE_VERB = re.compile(
    r"\b(?:reduc\w*|cut|cuts|cutting|increas\w*|expand\w*|rais\w*|lower\w*|extend\w*|shorten\w*|chang\w*|"
    r"decreas\w*|bring\w*|brought|grow\w*|grew|shrink\w*|shrank|enlarg\w*|trimm\w*|trim|slash\w*)\b", re.I)
_FROM_TO = re.compile(r"\bfrom\s+(?P<a>[^,;]{1,40}?)\s+to\s+(?P<b>[^,;.]{1,40}?)(?=[,;.]|\s+(?:and|in|by|as|while|with|"
                      r"under|after|before|through)\b|$)", re.I)
_LIMIT_TERM = re.compile(
    r"\blimit\w*\s+(?P<np>(?:the\s+)?[\w\s]{3,60}?)\s+to\s+(?P<value>(?:one|a\s+single|a|two|\d+)\s+"
    r"(?P<years>[\w-]+)-year\s+terms?)", re.I)
_TERM_OF = re.compile(r"\b(?P<limit>single|one|two)?\s*(?:term\s+of\s+(?P<y1>[\w-]+)\s+years|(?P<y2>[\w-]+)-year\s+"
                      r"(?:presidential\s+)?terms?)", re.I)
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
    "limitation": "gg:weakens", "limit": "gg:weakens",
}
BANS = ("ban", "limitation", "limit")
_PASSIVE_CHANGE = re.compile(
    r"\s+(?:was|were|will\s+be|would\s+be|has\s+been|have\s+been|is|are|is\s+to\s+be|are\s+to\s+be)\s+(?:\w+ly\s+)?"
    r"(?P<verb>abolished|dissolved|liquidated|disbanded|scrapped|created|established|restored|re-?established|"
    r"reinstated|introduced|set\s+up)\b", re.I)
HEAD_ONLY = ("gg:creates", "gg:abolishes", "gg:reestablishes")
_LIST_SPLIT = re.compile(r",\s+(?:and\s+|as\s+well\s+as\s+)?|\s+and\s+(?=(?:the\s+|a\s+|an\s+)?[\w-]+\s+(?:of|in|on)\b)|"
                         r";\s+|,?\s+as\s+well\s+as\s+")


class Reforms:
    """Reform nodes and their changes in one document."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx

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
        for token in sentence.tokens:
            if token.pos_ != "VERB" or not {token.lemma_.lower(), token.lower_} & lexicon().change_verbs:
                continue
            for child in token.children:
                if child.dep_ not in ("nsubjpass", "dobj"):
                    continue
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
        self.nominal_changes(sentence, reforms)
        self.passive_changes(sentence, reforms)
        self.item_lists(sentence, reforms)
        self.elections_of(sentence, reforms)
        self.formed_from(sentence, reforms)

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
        """'reducing the number of senators from fifteen to ten', 'seats were cut from 120 to 90'."""
        ctx = self.ctx
        text = sentence.text
        for match in _FROM_TO.finditer(text):
            if not (find_numbers(match.group("a")) or re.search(r"model|system|term", match.group(0), re.I)):
                continue
            verbs = list(_CHANGE_VERB.finditer(text, max(0, match.start() - 120), match.start()))
            if not verbs:
                continue
            verb = verbs[-1]
            between = text[verb.end() : match.start()]
            passive = re.search(r"^(.*?)\s+(?:was|were|will\s+be|has\s+been|have\s+been|is|are)\s*$",
                                text[max(0, verb.start() - 90) : verb.start()])
            if between.strip():
                attribute_text = between
            else:  # 'The Senate shrinks from 100 to 65 members' / 'seats will be cut from 120 to 90': the subject
                before = passive.group(1) if passive else text[max(0, verb.start() - 90) : verb.start()]
                attribute_text = re.split(r"[,;:]|\b(?:and|which|that|who)\b", before)[-1]
            attribute = clean_phrase(attribute_text)
            if not attribute or len(attribute.split()) > 12:
                continue
            np_start = text.find(attribute_text.strip(), max(0, verb.start() - 90))
            np_end = np_start + len(attribute_text.strip())
            if True:
                reform = self.sentence_reform(sentence, reforms, match.start()) or self.default_reform(sentence)
                change = self.change(sentence, reform, f"{attribute} from {match.group('a')} to {match.group('b')}",
                                     "reform:from-to", 0.85)
                ctx.claim(sentence, change, "gg:attribute", ctx.text_value(attribute), "reform:from-to", 0.85)
                ctx.claim(sentence, change, "gg:fromValue", self.value(match.group("a")), "reform:from-to", 0.85)
                ctx.claim(sentence, change, "gg:toValue", self.value(match.group("b")), "reform:from-to", 0.85)
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
        """'limiting the presidential term of office to one seven-year term', 'a single term of seven years'."""
        ctx = self.ctx
        for match in _LIMIT_TERM.finditer(sentence.text):
            reform = self.sentence_reform(sentence, reforms, match.start()) or self.default_reform(sentence)
            attribute = clean_phrase(match.group("np"))
            change = self.change(sentence, reform, f"{attribute} limited to {match.group('value')}", "reform:term-limit")
            ctx.claim(sentence, change, "gg:attribute", ctx.text_value(attribute), "reform:term-limit", 0.85)
            ctx.claim(sentence, change, "gg:toValue", ctx.text_value(match.group("value")), "reform:term-limit", 0.85)
            self._term_numbers(sentence, change, match.group(0))
        if not _LIMIT_TERM.search(sentence.text):
            for match in _TERM_OF.finditer(sentence.text):
                reform = self.sentence_reform(sentence, reforms, match.start())
                if reform is None and not re.search(r"\b(?:elected|term)\b", sentence.text):
                    continue
                office = next((m.entity for m in sentence.mentions if ctx.is_a(m.entity, "Office", "HeadOfState",
                                                                               "HeadOfGovernment")), None)
                subject = office or reform
                if subject is None:
                    continue
                self._term_numbers(sentence, subject, match.group(0))

    def _term_numbers(self, sentence: Sentence, subject: str, text: str) -> None:
        years = re.search(r"([\w-]+)-year|of\s+([\w-]+)\s+years", text, re.I)
        if years:
            from govgraph.build.structure import number_value

            value = number_value(years.group(1) or years.group(2))
            if value:
                self.ctx.claim(sentence, subject, "gg:termYears", Value(str(value), "integer"), "reform:term", 0.8)
        if re.search(r"\b(?:one|single|a single)\b", text, re.I):
            self.ctx.claim(sentence, subject, "gg:termLimit", Value("1", "integer"), "reform:term", 0.75)

    def transitions(self, sentence: Sentence, reforms: list) -> None:
        """A change of system: 'the transition from a super-presidential system to a presidential republic', 'shift the
        system from the current parliamentary system to an executive presidency', 'rebalanced from a
        super-presidential to a normative presidential model' (both ends must name a model of government)."""
        ctx = self.ctx
        if sentence.tokens is None:
            return
        text = sentence.text
        for origin in sentence.tokens:
            if origin.lower_ != "from" or origin.dep_ != "prep":
                continue
            before_token = next((c for c in origin.children if c.dep_ == "pobj"), None)
            to = next((c for c in origin.head.children if c.dep_ == "prep" and c.lower_ == "to" and c.i > origin.i), None)
            if to is None and before_token is not None:
                to = next((c for c in before_token.children if c.dep_ == "prep" and c.lower_ == "to"), None)
            after_token = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if before_token is None or after_token is None:
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
            reform = self.sentence_reform(sentence, reforms, before_span[0]) or self.default_reform(sentence)
            head = origin.head
            start = token_span(sentence, head)[0] if head.i < origin.i else token_span(sentence, origin)[0]
            label = clean_phrase(text[start : after_span[1]])
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")] if head.pos_ in ("VERB", "AUX") else []
            if subjects:
                label = f"{clean_phrase(text[slice(*subtree_span(sentence, subjects[0]))])}: {label}"
            change = self.change(sentence, reform, label, "reform:transition", 0.85)
            for node in (change, reform):
                if node:
                    ctx.claim(sentence, node, "gg:transformsFrom", before, "reform:transition", 0.85)
                    ctx.claim(sentence, node, "gg:transformsTo", after, "reform:transition", 0.85)

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
                if rx is _VERBAL and not (reforms or self._is_reform_sentence(sentence)):
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

    def passive_changes(self, sentence: Sentence, reforms: list) -> None:
        """'Military courts will be abolished', 'the court, abolished in 1998, was restored'."""
        ctx = self.ctx
        text = sentence.text
        for match in _PASSIVE_CHANGE.finditer(text):
            subject = re.split(r"[,;:]|\b(?:and|which|that|who|while)\b", text[max(0, match.start() - 80) : match.start()])[-1]
            subject = clean_phrase(subject)
            if not subject or len(subject.split()) > 8 or subject.lower() in NP_STOP_WORDS:
                continue
            verb = match.group("verb").lower()
            action = next((p for stem, p in KIND_OF_ACTION.items() if verb.startswith(stem)), None)
            reform = self.sentence_reform(sentence, reforms, match.start()) or self.default_reform(sentence)
            change = self.change(sentence, reform, f"{subject} {match.group(0).strip()}", "reform:passive", 0.7)
            ctx.claim(sentence, change, "gg:attribute", ctx.text_value(subject), "reform:passive", 0.7)
            start = text.rfind(subject, 0, match.start())
            for mention in ctx.mentions_in(sentence, max(start, 0), match.start()):
                if ctx.is_a(mention.entity, "Organization", "Body", "Court", "Chamber", "Parliament", "Agency", "Region",
                            "Office", "Party"):
                    ctx.claim(sentence, change, "gg:changedThing", mention.entity, "reform:passive", 0.7)
                    if action and reform:
                        ctx.claim(sentence, reform, action, mention.entity, "reform:passive", 0.7)

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
        return bool(re.search(r"\breform|amendment|modernization|modernisation|constitution|initiative", sentence.text,
                              re.I))

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
                if len(item.split()) < 2 or len(item.split()) > 18:
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
            numbers = list(find_numbers(text[np_span[0] : np_span[1]]))
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


def scan_reforms(ctx: DocContext) -> None:
    reforms = Reforms(ctx)
    for sentence in ctx.sentences:
        reforms.scan(sentence)
