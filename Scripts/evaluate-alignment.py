#!/usr/bin/env python3
"""Link precision, recall and F1 of Glossa's aligner and of NLTK's Gale-Church implementation
(nltk.translate.gale_church, installed from PyPI when missing) on the gold set in
Tests/Fixtures/alignment (see Scripts/make-alignment-gold.py), side by side, as JSON lines.

Run from the repository root after `swift build -c release --product glossa`:
    python3 Scripts/evaluate-alignment.py
"""
import json, pathlib, subprocess, sys

FIXTURES = pathlib.Path("Tests/Fixtures/alignment")
GLOSSA = pathlib.Path(".build/release/glossa")

try:
    from nltk.translate.gale_church import align_blocks
except ImportError:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "nltk"], check=True)
    from nltk.translate.gale_church import align_blocks

def score(predicted, gold):
    hits = len(predicted & gold)
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, hits

totals = {"glossa": [0, 0, 0], "gale_church": [0, 0, 0]}  # hits, predicted, gold
for gold_file in sorted(FIXTURES.glob("*.gold.json")):
    name = gold_file.name[:-len(".gold.json")]
    source_language, target_language = name.split(".")[1].split("-")
    source = FIXTURES / f"{name}.{source_language}.txt"
    target = FIXTURES / f"{name}.{target_language}.txt"
    gold = {tuple(link) for link in json.loads(gold_file.read_text())}

    command = [str(GLOSSA), "align", str(source), str(target), "--from", source_language, "--to", target_language,
               "--segmented", "--format", "json"]
    if name.startswith("news."):
        command += ["--glossary", "glossaries/csto.tbx"]
    beads = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    glossa = {(i, j) for bead in beads for i in bead["source"] for j in bead["target"]}

    lengths = [[len(line) for line in path.read_text().splitlines() if line.strip()] for path in (source, target)]
    gale_church = set(align_blocks(lengths[0], lengths[1]))

    for system, predicted in (("glossa", glossa), ("gale_church", gale_church)):
        precision, recall, f1, hits = score(predicted, gold)
        totals[system][0] += hits; totals[system][1] += len(predicted); totals[system][2] += len(gold)
        print(json.dumps({"benchmark": "align.f1", "set": name, "system": system, "precision": round(precision, 4),
                          "recall": round(recall, 4), "f1": round(f1, 4), "links": len(gold)}))

for system, (hits, predicted, gold) in totals.items():
    precision, recall = hits / predicted, hits / gold
    print(json.dumps({"benchmark": "align.f1", "set": "all", "system": system, "precision": round(precision, 4),
                      "recall": round(recall, 4), "f1": round(2 * precision * recall / (precision + recall), 4),
                      "links": gold}))
