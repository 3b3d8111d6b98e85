"""Sanity checks for heldout2: JSON parses, quotes are exact substrings, ids/conflicts consistent,
manifest matches the articles, exhaustive values are sane. Exit code 1 on any problem."""
import json, os, re, sys, collections
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ART = os.path.join(ROOT, "articles")
errs = []
def E(m): errs.append(m)

man = json.load(open(os.path.join(ART, "manifest.json")))
gold = json.load(open(os.path.join(ROOT, "gold.json")))
ex = json.load(open(os.path.join(ROOT, "exhaustive.json")))
bl = json.load(open(os.path.join(ROOT, "exhaustive_borderline.json")))
files = sorted(f for f in os.listdir(ART) if f.endswith(".txt"))
texts = {f: open(os.path.join(ART, f), encoding="utf-8").read() for f in files}

# articles
for f, t in texts.items():
    if not re.match(r"^20[1-6]_[a-z0-9_]+\.txt$", f): E("bad file name " + f)
    lines = t.split("\n")
    if not lines[0].strip() or lines[1] != "": E(f + ": first line must be headline, then blank line")
    n = len(t.split())
    if not 500 <= n <= 900: E(f"{f}: {n} words")
if sorted(m["file"] for m in man) != files: E("manifest files != article files")
for m in man:
    t = texts.get(m["file"], "")
    if set(m) - {"file", "title", "publisher", "author", "date"}: E("manifest extra keys " + m["file"])
    if t.split("\n")[0] != m["title"]: E("manifest title mismatch " + m["file"])
    for k in ("publisher", "author"):
        if m.get(k) and m[k] not in t: E(f"manifest {k} not in text {m['file']}")

# gold
KEYS = {"id", "subject", "relation", "object", "object_kind", "subject_aliases", "object_aliases",
        "source", "quote", "category"}
CATS = {"structure", "office", "person", "reform", "event", "number", "date", "party", "region",
        "document", "rights", "provenance-conflict"}
ids = [g["id"] for g in gold]
if len(set(ids)) != len(ids): E("duplicate ids")
if ids != ["K%03d" % i for i in range(1, len(ids) + 1)]: E("ids not sequential K001..")
byid = {g["id"]: g for g in gold}
DATE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2})$")
for g in gold:
    if KEYS - set(g): E(g["id"] + " missing " + str(KEYS - set(g)))
    if set(g) - KEYS - {"note", "conflicts_with", "conflict_note"}: E(g["id"] + " extra keys")
    if g["category"] not in CATS: E(g["id"] + " bad category")
    if g["object_kind"] not in {"entity", "text", "number", "date"}: E(g["id"] + " bad kind")
    if g["source"] not in texts: E(g["id"] + " unknown source")
    elif g["quote"] not in texts[g["source"]]: E(g["id"] + " quote not found: " + g["quote"])
    if g["object_kind"] == "date" and not DATE.match(g["object"]): E(g["id"] + " bad date " + g["object"])
    if g["object_kind"] == "number":
        try: float(g["object"])
        except ValueError: E(g["id"] + " non-numeric number " + g["object"])
    for c in g.get("conflicts_with", []):
        if c not in byid or g["id"] not in byid[c].get("conflicts_with", []): E(g["id"] + " asymmetric conflict " + c)
per = collections.Counter(g["source"] for g in gold)
for f in files:
    if not 15 <= per[f] <= 20: E(f"{f}: {per[f]} gold facts")
missing = CATS - {g["category"] for g in gold}
if missing: E("categories not covered: " + str(missing))
pairs = {tuple(sorted([g["id"]] + g["conflicts_with"])) for g in gold if g.get("conflicts_with")}

# exhaustive
for name, d in (("exhaustive", ex), ("borderline", bl)):
    if sorted(d) != files: E(name + ": keys != article files")
    for f, v in d.items():
        if set(v) != {"holds", "size", "event_date", "vote_share"}: E(f"{name} {f}: keys {set(v)}")
        for p in v["holds"]:
            if not (len(p) == 2 and all(isinstance(x, str) for x in p)): E(f"{name} {f} holds {p}")
        for p in v["size"] + v["vote_share"]:
            if not (len(p) == 2 and isinstance(p[0], str) and isinstance(p[1], (int, float))): E(f"{name} {f} {p}")
        for p in v["event_date"]:
            if not (len(p) == 2 and DATE.match(p[1])): E(f"{name} {f} date {p}")
for f, v in ex.items():
    t = texts[f]
    for person, _ in v["holds"]:
        if person not in t: E(f"{f}: holds person not in text: {person}")
    for _, pct in v["vote_share"]:
        if ("%.2f" % pct).rstrip("0").rstrip(".") not in t and str(pct) not in t: E(f"{f}: share {pct} not in text")
    for _, n in v["size"]:
        if str(n) not in t: E(f"{f}: size {n} not in text")

print("articles:", len(files), {f: len(texts[f].split()) for f in files})
print("gold facts:", len(gold), dict(per))
print("categories:", dict(collections.Counter(g["category"] for g in gold)))
print("conflict groups:", len(pairs), sorted(pairs))
for rel in ("holds", "size", "event_date", "vote_share"):
    print(f"exhaustive {rel}:", sum(len(v[rel]) for v in ex.values()), "| borderline:", sum(len(v[rel]) for v in bl.values()))
print("ERRORS:" if errs else "OK: all checks passed", *errs, sep="\n  ")
sys.exit(1 if errs else 0)
