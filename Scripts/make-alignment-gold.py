#!/usr/bin/env python3
"""Builds the alignment gold set in Tests/Fixtures/alignment from real human translations.

Sources (all on every Debian 12 machine of this project, or in the repository):
  news.en-ru   the CSTO news page and its published Russian translation, sentence by sentence
               (tm/seed/csto-news-2025-06.en-ru.tsv, 50 pairs)
  ui.en-XX     the system's gettext catalogs (msgunfmt of /usr/share/locale/XX/LC_MESSAGES/
               glib20.mo, coreutils.mo, gtk20.mo): the first 80 translated entries of 30 to 300
               characters without format directives or line breaks, for ru, kk, be, hy

news-clean.en-ru is the published translation as it is: 1-1 throughout, as news translations
mostly are. For the other sets the pairs are 1-1 by construction; to give the aligner the beads real documents have, the
script then rewrites them deterministically: every 7th target sentence is merged with the next
(a 2-1 bead), every 11th source sentence with the next (1-2), every 13th target sentence is
dropped (1-0) and every 17th source sentence is dropped (0-1). The gold links are, per bead,
every (source, target) index pair.

Run from the repository root: python3 Scripts/make-alignment-gold.py
"""
import json, re, subprocess, pathlib

OUT = pathlib.Path("Tests/Fixtures/alignment")

def seed_pairs():
    rows = pathlib.Path("tm/seed/csto-news-2025-06.en-ru.tsv").read_text().splitlines()[1:]
    return [tuple(row.split("\t")) for row in rows]

def catalog_pairs(language, limit=80):
    pairs = []
    for domain in ["glib20", "coreutils", "gtk20"]:
        path = f"/usr/share/locale/{language}/LC_MESSAGES/{domain}.mo"
        if not pathlib.Path(path).exists():
            continue
        text = subprocess.run(["msgunfmt", "--no-wrap", path], capture_output=True, text=True).stdout
        for match in re.finditer(r'^msgid "(.*)"\nmsgstr "(.*)"$', text, re.M):
            source, target = (bytes(group, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
                              for group in match.groups())
            if not (30 <= len(source) <= 300) or not target or "%" in source or "\n" in source + target:
                continue
            pairs.append((source.strip(), target.strip()))
            if len(pairs) == limit:
                return pairs
    return pairs

def perturb(pairs):
    """Beads (source sentences, target sentences) after the merges and drops."""
    beads, index = [], 0
    while index < len(pairs):
        source, target = [pairs[index][0]], [pairs[index][1]]
        if index % 7 == 6 and index + 1 < len(pairs):      # 2-1: the target merges two sentences
            source.append(pairs[index + 1][0]); target = [target[0] + " " + pairs[index + 1][1]]; index += 1
        elif index % 11 == 10 and index + 1 < len(pairs):  # 1-2: the source merges two sentences
            source = [source[0] + " " + pairs[index + 1][0]]; target.append(pairs[index + 1][1]); index += 1
        elif index % 13 == 12:                              # 1-0: the translation leaves it out
            target = []
        elif index % 17 == 16:                              # 0-1: the translation adds it
            source = []
        beads.append((source, target))
        index += 1
    return beads

def write(name, beads):
    source_lines, target_lines, links = [], [], []
    for source, target in beads:
        first_source, first_target = len(source_lines), len(target_lines)
        source_lines += source
        target_lines += target
        links += [[i, j] for i in range(first_source, len(source_lines)) for j in range(first_target, len(target_lines))]
    source_language, target_language = name.split(".")[1].split("-")
    (OUT / f"{name}.{source_language}.txt").write_text("\n".join(source_lines) + "\n")
    (OUT / f"{name}.{target_language}.txt").write_text("\n".join(target_lines) + "\n")
    (OUT / f"{name}.gold.json").write_text(json.dumps(links) + "\n")
    print(f"{name}: {len(source_lines)} source, {len(target_lines)} target segments, {len(links)} links")

OUT.mkdir(parents=True, exist_ok=True)
write("news-clean.en-ru", [([source], [target]) for source, target in seed_pairs()])
write("news.en-ru", perturb(seed_pairs()))
for language in ["ru", "kk", "be", "hy"]:
    write(f"ui.en-{language}", perturb(catalog_pairs(language)))
