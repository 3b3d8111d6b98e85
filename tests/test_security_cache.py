"""Nothing in an output folder can run code: the extraction cache is data (JSON) checked against the record types."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

from govgraph.build.cache import SUFFIX, ExtractionCache, decode, encode
from govgraph.build.records import Claim, Document, Entity, Extraction, Mention, Span, Value


def sample() -> Extraction:
    doc = Document("d1", "/in/a.txt", "The Council has 45 members.", "A", date="2023", sentences=[Span(0, 27)],
                   content_hash="abc")
    claim = Claim("xx/council", "gg:memberCount", Value("45", "integer"), "d1", 0, 0, 27, "rule", 0.9, also=(1,))
    return Extraction(doc, {"xx/council": Entity("xx/council", "StateBody", "Council", {"the Council"})},
                      [Mention("d1", 0, 4, 11, "Council", "xx/council")], [claim, Claim(
                          "xx/council", "gg:partOf", "xx/parliament", "d1", 0, 0, 27, "rule", 1.0)])


class Exploit:
    """Unpickling this runs code: it writes a file."""

    def __init__(self, target: Path) -> None:
        self.target = target

    def __reduce__(self):
        return (Path.write_text, (self.target, "pwned"))


def test_a_planted_pickle_never_runs(tmp_path: Path):
    cache = ExtractionCache(tmp_path / "cache")
    extraction = sample()
    key = cache.key(extraction)
    victim = tmp_path / "ran"
    (tmp_path / "cache").mkdir()
    for name in (f"{key}.pickle", f"{key}{SUFFIX}"):  # the old name and the new one
        (tmp_path / "cache" / name).write_bytes(pickle.dumps(Exploit(victim)))
    assert cache.load(extraction) is None
    assert not victim.exists()


def test_records_round_trip_and_anything_else_is_a_miss(tmp_path: Path):
    cache = ExtractionCache(tmp_path / "cache")
    extraction = sample()
    cache.save(extraction)
    path = tmp_path / "cache" / f"{cache.key(extraction)}{SUFFIX}"
    assert json.loads(path.read_text(encoding="utf-8"))["@record"] == "Extraction"
    assert cache.load(extraction) == extraction
    good = json.loads(path.read_text(encoding="utf-8"))
    tampered = [
        {**good, "@record": "Document"},  # another class
        {**good, "extra": 1},  # an unknown field
        {**good, "claims": [{**good["claims"][0], "confidence": "high"}]},  # a wrong type
        {**good, "claims": [{**good["claims"][0], "@record": "Popen"}]},  # a class that is not a record
        {k: v for k, v in good.items() if k != "mentions"},  # a missing field
        [good],
    ]
    for data in tampered:
        path.write_text(json.dumps(data), encoding="utf-8")
        assert cache.load(extraction) is None, data
    path.write_text("[" * 100_000, encoding="utf-8")  # deeper than the JSON parser goes
    assert cache.load(extraction) is None


def test_decode_keeps_types():
    extraction = sample()
    back = decode(json.loads(json.dumps(encode(extraction))), Extraction)
    assert back.claims[0].also == (1,) and isinstance(back.claims[0].obj, Value)
    assert back.entities["xx/council"].aliases == {"the Council"}
