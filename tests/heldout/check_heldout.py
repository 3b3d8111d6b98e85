"""Sanity checks for the held-out set (not a pytest module): python3 check_heldout.py"""
import json, os, re, sys, collections
HERE = os.path.dirname(os.path.abspath(__file__))
ART = os.path.join(HERE, "articles")
CATS = {"structure","office","person","reform","event","number","date","party","region","document","rights","provenance-conflict"}
KINDS = {"entity","text","number","date"}
DATE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2})$")
errors = []
def err(m): errors.append(m)

manifest = json.load(open(os.path.join(ART, "manifest.json")))
texts = {}
for m in manifest:
    t = open(os.path.join(ART, m["file"]), encoding="utf-8").read()
    texts[m["file"]] = t
    lines = t.split("\n")
    if lines[0] != m["title"]: err(f"{m['file']}: title != first line")
    if lines[1] != "": err(f"{m['file']}: second line not blank")
    for k in ("publisher", "author"):
        if m[k] not in t: err(f"{m['file']}: {k} not in text")
    n = len(t.split())
    if not 500 <= n <= 900: err(f"{m['file']}: {n} words")
files = sorted(f for f in os.listdir(ART) if f.endswith(".txt"))
if files != sorted(texts): err("manifest/article mismatch")

gold = json.load(open(os.path.join(HERE, "gold.json")))
ids = [f["id"] for f in gold]
if len(set(ids)) != len(ids): err("duplicate ids")
for f in gold:
    if f["source"] not in texts: err(f"{f['id']}: unknown source"); continue
    if f["quote"] not in texts[f["source"]]: err(f"{f['id']}: quote not found")
    if f["category"] not in CATS: err(f"{f['id']}: bad category")
    if f["object_kind"] not in KINDS: err(f"{f['id']}: bad kind")
    if f["object_kind"] == "date" and not DATE.match(f["object"]): err(f"{f['id']}: bad date")
    if f["object_kind"] == "number":
        try: float(f["object"])
        except ValueError: err(f"{f['id']}: bad number")
    for c in f.get("conflicts_with", []):
        if c not in ids: err(f"{f['id']}: bad conflict ref {c}")

exh = json.load(open(os.path.join(HERE, "exhaustive.json")))
if sorted(exh) != sorted(texts): err("exhaustive/article mismatch")
for fn, d in exh.items():
    t = texts[fn]
    if set(d) != {"holds", "size", "event_date", "vote_share"}: err(f"{fn}: keys")
    for p, o in d["holds"]:
        if p not in t: err(f"{fn}: holds person {p!r} not in text")
    for b, n in d["size"] + d["vote_share"]:
        if not isinstance(n, (int, float)): err(f"{fn}: non-numeric {n!r}")
    for b, n in d["vote_share"]:
        if f"{n:.2f}".rstrip("0").rstrip(".") not in t and str(n) not in t: err(f"{fn}: vote share {n} not in text")
    for e, dt in d["event_date"]:
        if not DATE.match(dt): err(f"{fn}: bad date {dt}")

print("articles", len(texts), "words", {k: len(v.split()) for k, v in texts.items()}, "total", sum(len(v.split()) for v in texts.values()))
print("gold facts", len(gold), dict(collections.Counter(f["category"] for f in gold)))
print("per article", dict(collections.Counter(f["source"] for f in gold)))
print("exhaustive", {fn: {k: len(v) for k, v in d.items()} for fn, d in exh.items()})
print("ERRORS:" if errors else "all checks passed", *errors, sep="\n")
sys.exit(1 if errors else 0)
