"""A synthetic news corpus of any size, for the build benchmark: deterministic by seed.

News-style articles about Kazakhstan's institutions, written from the curated names of
`ontology/reference/kz.ttl` (bodies, offices, regions, parties, media outlets, strategies) and
invented people, so that the extractor has real work: titles before names, "NAME, ROLE of ORG",
speech verbs, sizes of chambers, dated appointments, reforms that change things from one value
to another or create and abolish bodies, elections and referendums with vote shares and seats,
laws, addresses, sessions. Article i is the same whatever the corpus size (same seed), so the
100-article corpus is the start of the 1,000-article one.

    python bench/synth_corpus.py /tmp/corpus-1000 --articles 1000 --seed 7

writes 00000.txt ... 00999.txt and a manifest.json (title, publisher, author, date per file).
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from govgraph.namespaces import GG
from govgraph.ontology import asset_path

FIRST = ["Aidos", "Askar", "Bolat", "Dana", "Erlan", "Gulnara", "Kairat", "Madina", "Nurlan", "Saule", "Timur", "Zhanna",
         "Yerlan", "Aigerim", "Marat", "Dinara", "Serik", "Aliya", "Daulet", "Asel", "Rustem", "Kamila", "Baurzhan",
         "Laura", "Arman", "Zarina", "Olzhas", "Meruert", "Yerbol", "Ainur", "Talgat", "Saltanat", "Murat", "Botagoz"]
LAST = ["Abenov", "Bekova", "Dzhaksybekov", "Ermekova", "Iskakov", "Kassenova", "Mukanov", "Nurpeisova", "Omarov",
        "Sadykova", "Tulegenov", "Utebayeva", "Zhumabekov", "Akhmetova", "Baimukhanov", "Kuanyshev", "Sarsenova",
        "Temirkhanov", "Zhaksylykova", "Amanzholov", "Beisenova", "Karimov", "Seitkali", "Yessenov", "Orynbassarova",
        "Zhakupov", "Shaikenova", "Tokhtarov", "Myrzakhmetova", "Kenzhebayev"]
ANALYST_ROLES = ["Director", "Senior Researcher", "Chief Expert", "Head", "Political Analyst", "Deputy Director"]
TOPICS = ["local self-government", "public control", "the Constitutional Court", "political parties", "elections",
          "the Commissioner for Human Rights", "mass media", "peaceful assemblies", "the Prosecutor's Office",
          "administrative procedures", "the civil service", "budget planning", "access to information"]
MODELS = [("super-presidential", "presidential republic with a strong Parliament"),
          ("super-presidential", "normative presidential"),
          ("centralized", "decentralized"), ("majoritarian", "mixed proportional-majoritarian")]
ATTRIBUTES = [("the number of senators appointed by the President", (15, 10)),
              ("the threshold for parties to enter the Mazhilis", ("7 percent", "5 percent")),
              ("the number of signatures needed to register a party", ("20,000", "5,000")),
              ("the share of deputies elected in single-member districts", ("0 percent", "30 percent")),
              ("the presidential term", ("five years", "seven years")),
              ("the number of members of the Constitutional Court", (7, 11)),
              ("the quota for women and young people on party lists", ("30 percent", "40 percent")),
              ("the number of deputies of the Mazhilis", (107, 98))]
NUMBER_WORDS = {5: "five", 7: "seven", 10: "ten", 11: "eleven", 15: "fifteen", 50: "fifty", 98: "98", 107: "107"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"]


@dataclass
class Reference:
    """Names from the curated reference data, by kind."""

    bodies: list[str] = field(default_factory=list)
    offices: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    strategies: list[str] = field(default_factory=list)
    institutes: list[str] = field(default_factory=list)


BODY_CLASSES = {"Agency", "AdvisoryBody", "ConstitutionalCourt", "ElectoralCommission", "Government", "LowerChamber",
                "UpperChamber", "Ministry", "Parliament", "PresidentialAdministration", "RightsInstitution", "StateBody",
                "SupremeCourt"}


@lru_cache(maxsize=1)
def reference(path: Path | None = None) -> Reference:
    """Names of Kazakhstan's reference entities (kz.ttl), sorted for determinism."""
    graph = Graph().parse(path or asset_path("reference/kz.ttl"), format="turtle")
    ref = Reference()
    for subject, label in sorted(graph.subject_objects(SKOS.prefLabel)):
        classes = {str(c)[len(str(GG)):] for c in graph.objects(subject, RDF.type) if str(c).startswith(str(GG))}
        context = sorted(str(a) for a in graph.objects(subject, GG.contextLabel))
        aliases = sorted(str(a) for a in graph.objects(subject, SKOS.altLabel))
        name = str(label)
        if classes & BODY_CLASSES:
            ref.bodies.extend([name, *aliases[:1]])
        elif classes & {"Office", "HeadOfState", "HeadOfGovernment", "ElectedOffice"} and context:
            ref.offices.append(next((c for c in context if c[0].isupper()), context[0]))
        elif "Region" in classes:
            ref.regions.append(name)
        elif "City" in classes:
            ref.cities.append(name)
        elif "PoliticalParty" in classes:
            ref.parties.append(name)
        elif "MediaOutlet" in classes:
            ref.outlets.append(name)
        elif "Strategy" in classes:
            ref.strategies.append(name)
        elif "ResearchInstitute" in classes:
            ref.institutes.append(name)
    return ref


class Writer:
    """Writes one article from templates, with a random generator of its own."""

    def __init__(self, rnd: random.Random, ref: Reference, people: list[tuple[str, str]]) -> None:
        self.rnd = rnd
        self.ref = ref
        self.people = people  # recurring officials: (name, office title), shared by all articles
        self.year = rnd.randint(2019, 2024)

    def pick(self, items: list):
        return self.rnd.choice(items)

    def invented(self) -> str:
        return f"{self.pick(FIRST)} {self.pick(LAST)}"

    def date(self) -> str:
        return f"{self.pick(MONTHS)} {self.rnd.randint(1, 28)}, {self.year}"

    def number(self, value: object) -> str:
        return NUMBER_WORDS.get(value, str(value)) if isinstance(value, int) and self.rnd.random() < 0.5 else str(value)

    def paragraph(self) -> str:
        templates = [self.title_name, self.analyst, self.quote, self.structure, self.appointment, self.from_to,
                     self.transition, self.nominal, self.election, self.referendum, self.law, self.address,
                     self.session, self.region, self.strategy]
        return " ".join(self.pick(templates)() for _ in range(self.rnd.randint(2, 4)))

    def title_name(self) -> str:
        name, office = self.pick(self.people)
        body = self.pick(self.ref.bodies)
        return (f"{office} {name} {self.pick(['said', 'noted', 'stressed', 'announced'])} on {self.date()} that the "
                f"{body} would consider proposals on {self.pick(TOPICS)} before the end of the year.")

    def analyst(self) -> str:
        return (f"{self.invented()}, {self.pick(ANALYST_ROLES)} of the {self.pick(self.ref.institutes)}, believes that "
                f"the changes to {self.pick(TOPICS)} will take {self.rnd.randint(2, 6)} years to show results.")

    def quote(self) -> str:
        name, _ = self.pick(self.people)
        return (f"“We must ensure that {self.pick(TOPICS)} works for every citizen of {self.pick(self.ref.regions)},” "
                f"said {name}. According to {self.invented()}, {self.rnd.randint(40, 90)} percent of residents support it.")

    def structure(self) -> str:
        size = self.rnd.choice([98, 107, 50, 49])
        return self.pick([
            f"The Mazhilis, the lower chamber of the Parliament, consists of {size} deputies.",
            f"The Senate, the upper house of parliament, has {self.rnd.choice([49, 50])} senators.",
            f"The {self.pick(self.ref.bodies)} has {self.rnd.randint(5, 40)} members and reports to the President.",
        ])

    def appointment(self) -> str:
        name, office = self.pick(self.people)
        return (f"{name} was appointed {office} in {self.pick(MONTHS)} {self.year - self.rnd.randint(0, 3)} "
                f"and previously worked in the {self.pick(self.ref.bodies)}.")

    def from_to(self) -> str:
        attribute, (a, b) = self.pick(ATTRIBUTES)
        kind = self.pick(["constitutional reform", "electoral reform", "parliamentary reform", "political reform"])
        verb = "reduced" if isinstance(a, int) and isinstance(b, int) and b < a else "changed"
        return f"The {kind} {verb} {attribute} from {self.number(a)} to {self.number(b)}."

    def transition(self) -> str:
        a, b = self.pick(MODELS)
        return f"The reforms mark a transition from a {a} to a {b} model of government."

    def nominal(self) -> str:
        first, second = self.rnd.sample(self.ref.bodies, 2)
        return (f"The constitutional reform envisages the creation of the {first}, the abolition of the "
                f"{self.pick(['Constitutional Council', 'Accounts Committee', 'Supreme Judicial Council'])} and the "
                f"strengthening of the {second}.")

    def election(self) -> str:
        parties = self.rnd.sample(self.ref.parties, 3)
        shares = sorted((round(self.rnd.uniform(3, 60), 1) for _ in parties), reverse=True)
        results = ", ".join(f"{p} received {s} percent of the vote and {int(s * 0.7)} seats"
                            for p, s in zip(parties, shares, strict=True))
        return f"In the parliamentary elections held on {self.date()}, {results}."

    def referendum(self) -> str:
        return (f"In the referendum of {self.date()}, {round(self.rnd.uniform(55, 80), 2)} percent of voters approved "
                f"amendments to the Constitution, with a turnout of {round(self.rnd.uniform(50, 70), 2)} percent.")

    def law(self) -> str:
        return self.pick([
            f"The law on {self.pick(TOPICS)} was adopted by the Parliament on {self.date()}.",
            f"A new law on {self.pick(TOPICS)} should be adopted by {self.year + 1}, the {self.pick(self.ref.bodies)} said.",
        ])

    def address(self) -> str:
        name, office = self.people[0]
        return (f"In his State of the Nation address on {self.date()}, {office} {name} proposed the direct "
                f"election of akims of {self.pick(['districts', 'cities of regional significance', 'rural districts'])}.")

    def session(self) -> str:
        return (f"The {self.pick(ORDINALS)} session of the Parliament of the {self.pick(ORDINALS)} convocation opened on "
                f"{self.date()}.")

    def region(self) -> str:
        return (f"The akimat of {self.pick(self.ref.regions)} allocated {self.rnd.randint(2, 90)} billion tenge to roads "
                f"in {self.pick(self.ref.cities)} in {self.year}, {self.rnd.randint(5, 30)} percent more than a year before.")

    def strategy(self) -> str:
        return (f"The {self.pick(self.ref.strategies)} remains the framework for the {self.pick(self.ref.bodies)}, "
                f"which {self.invented()} called “a plan for {self.rnd.randint(10, 30)} years”.")


def officials(seed: int, ref: Reference, count: int = 60) -> list[tuple[str, str]]:
    """Recurring officials: invented names with an office title; the first one is the President."""
    rnd = random.Random(seed)
    names: list[str] = []
    while len(names) < count:
        first = rnd.choice(FIRST) if rnd.random() < 0.7 else "-".join(rnd.sample(FIRST, 2))
        name = f"{first} {rnd.choice(LAST)}"
        if name not in names:
            names.append(name)
    titles = ["President", *[rnd.choice(ref.offices) for _ in range(count - 1)]]
    titles = [t[0].upper() + t[1:] for t in titles]
    return list(zip(names, titles, strict=True))


def article(index: int, seed: int, ref: Reference, people: list[tuple[str, str]]) -> tuple[str, dict]:
    """The text of article `index` and its manifest entry."""
    rnd = random.Random(seed * 1_000_003 + index)
    writer = Writer(rnd, ref, people)
    name, office = rnd.choice(people)
    title = f"{office} {name} on {rnd.choice(TOPICS)}: what changes in {rnd.choice(ref.regions)}"
    lede = f"{rnd.choice(ref.cities).upper()} – {writer.title_name()}"
    body = "\n\n".join([lede, *(writer.paragraph() for _ in range(rnd.randint(6, 14)))])
    entry = {"file": f"{index:05d}.txt", "title": title, "publisher": rnd.choice(ref.outlets),
             "author": writer.invented(), "date": f"{writer.year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"}
    return f"{title}\n\n{body}\n", entry


def write_corpus(out_dir: Path, articles: int, seed: int = 7) -> int:
    """Write `articles` articles and their manifest.json into out_dir; returns the number of words."""
    ref = reference()
    people = officials(seed, ref)
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = []
    words = 0
    for index in range(articles):
        text, entry = article(index, seed, ref, people)
        (out_dir / entry["file"]).write_text(text, encoding="utf-8")
        manifest.append(entry)
        words += len(text.split())
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    return words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the articles into")
    parser.add_argument("--articles", type=int, default=100, help="number of articles (default 100)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    args = parser.parse_args()
    words = write_corpus(args.out, args.articles, args.seed)
    print(f"{args.articles} articles, {words} words -> {args.out}/")


if __name__ == "__main__":
    main()
