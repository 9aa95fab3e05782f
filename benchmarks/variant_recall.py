#!/usr/bin/env python3
"""Measure name-variant recall and precision on the corpus written by benchmarks/variant_corpus.py.

    python benchmarks/variant_recall.py [CORPUS] [--mode group|document] [--disclint CMD] [--save FILE]

Runs (through benchmarks/detection.py's runner; ``--mode group``, the default, checks each case's
documents in one process)

    disclint check <docs> --cases CORPUS/cases --case ID --format json --fail-on warning

A planted variant counts as **found** when a ``foreign-name`` finding (error or warning) in the same
part (location.part) overlaps it: the finding's words and the planted words share a word of two or
more letters, after folding case, accents, apostrophes, line breaks and a possessive. It is found
**whole** when the finding holds every planted word (titles aside), else **partly** (``Elizabeth``
alone for ``Elizabeth`` / page break / ``Tozer``). Each finding is credited to the planted variant(s)
it overlaps most.

Prints recall per variant kind (error / warning, whole / partly, wrong case), per place and format;
every miss of a kind below 0.97 with its text, line and what was reported near it instead; false
positives on clean documents per document and per rule (foreign-name error and warning,
unknown-person, foreign-page; other rules apart), which designed near misses fired, the most telling
examples; foreign-name findings on leaky documents that fit no planted variant; time per document.
Always exits 0: a measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import statistics
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from detection import check_all, default_disclint  # the sibling script's runner

TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr"}
SEVERITIES = ("error", "warning")
THRESHOLD = 0.97


def words(text: str) -> list[str]:
    """Folded words: accents and apostrophes dropped, a possessive 's removed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’‘`´ʼ]s\b", "", text)
    text = re.sub(r"['’‘`´ʼ]", "", text)
    return re.findall(r"[a-z0-9]+", text)


def name_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in TITLES]


def overlap(planted: str, match: str) -> tuple[int, int] | None:
    """(whole, shared words) when a finding overlaps a planted variant, else None."""
    want = name_words(planted)
    got = set(words(match))
    shared = [w for w in want if w in got and len(w) >= 2]
    if not shared:
        return None
    return int(all(w in got for w in want)), len(shared)


def pct(n: int, d: int) -> str:
    return f"{n / d:5.3f}" if d else "  -  "


def short(text: str | None, n: int = 110) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def score_leaky(doc: dict, res: dict | None) -> tuple[list[dict], list[dict]]:
    """Credit the foreign-name findings of one leaky document to its planted variants.

    Returns (planted variants with their hits, foreign-name findings that fit none)."""
    leaks = [dict(lk, hits=[], elsewhere=[]) for lk in doc["leaks"]]
    findings = (res or {}).get("findings") or []
    unmatched = []
    for f in findings:
        if f["rule"] != "foreign-name" or f["severity"] not in SEVERITIES:
            continue
        part = (f.get("location") or {}).get("part")
        scored = [(overlap(lk["text"], f["match"]), lk) for lk in leaks]
        scored = [(s, lk) for s, lk in scored if s]
        same = [(s, lk) for s, lk in scored if lk["part"] == part]
        if same:
            best = max(s for s, _ in same)
            for s, lk in same:
                if s == best:
                    lk["hits"].append(f)
        elif scored:
            best = max(s for s, _ in scored)
            for s, lk in scored:
                if s == best:
                    lk["elsewhere"].append(f)
        else:
            unmatched.append(f)
    return leaks, unmatched


def nearby(leak: dict, findings: list[dict]) -> list[str]:
    """What was reported around a missed variant: any finding of any rule sharing a word with it."""
    out = []
    for f in findings:
        if overlap(leak["text"], f["match"]):
            det = f.get("details") or {}
            extra = det.get("variant") or det.get("subject") or ""
            out.append(
                f"{f['rule']}/{f['severity']} {f['match']!r} in {f['location']['part']}"
                + (f" ({extra})" if extra else "")
            )
    return out


def fp_rule(f: dict) -> str:
    if f["rule"] == "foreign-name":
        return f"foreign-name {f['severity']}"
    return f["rule"]


def near_miss_kind(doc: dict, f: dict) -> str:
    """Which designed near miss of a clean document a finding fell on, else 'base text'."""
    match = name_words(f["match"])
    for nm in doc.get("near_misses", []):
        for text in nm["texts"]:
            if set(name_words(text)) & set(match):
                return nm["kind"]
    for nm in doc.get("near_misses", []):
        if match and " ".join(match) in " ".join(words(nm["sentence"])):
            return nm["kind"]
    return "base text"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default="/tmp/disclint-variants")
    ap.add_argument("--mode", choices=["group", "document"], default="group")
    ap.add_argument("--disclint", default=None, help="command to run disclint (default: the venv's)")
    ap.add_argument("--save", default=None, help="write every finding and match to this JSON file")
    ap.add_argument("--examples", type=int, default=15, help="false-positive examples to list")
    ap.add_argument("--misses", type=int, default=12, help="missed variants to list per weak kind")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    truth_file = corpus / "truth.json"
    if not truth_file.exists():
        print(f"no {truth_file}: run benchmarks/variant_corpus.py {corpus} first")
        return 0
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    disclint = shlex.split(args.disclint) if args.disclint else [default_disclint()]
    wall0 = time.perf_counter()
    results, seconds, crashes = check_all(corpus, truth, args.mode, disclint)
    wall = time.perf_counter() - wall0
    docs = truth["documents"]
    leaky = [d for d in docs if d["state"] == "leaky"]
    clean = [d for d in docs if d["state"] == "clean"]

    # ---------------------------------------------------------------------------------- recall
    kinds: dict[str, Counter] = defaultdict(Counter)
    places: dict[str, Counter] = defaultdict(Counter)
    formats: dict[str, Counter] = defaultdict(Counter)
    variants_seen: dict[str, Counter] = defaultdict(Counter)
    missed: dict[str, list] = defaultdict(list)
    partly: dict[str, list] = defaultdict(list)
    wrong_case: list = []
    leaky_fp: list = []
    saved = []
    for doc in leaky:
        res = results.get(doc["path"])
        leaks, unmatched = score_leaky(doc, res)
        leaky_fp += [(doc, f) for f in unmatched]
        for lk in leaks:
            k = kinds[lk["kind"]]
            k["planted"] += 1
            places[lk["place"]]["planted"] += 1
            formats[doc["format"]]["planted"] += 1
            if lk["hits"]:
                k["found"] += 1
                places[lk["place"]]["found"] += 1
                formats[doc["format"]]["found"] += 1
                sev = "error" if any(h["severity"] == "error" for h in lk["hits"]) else "warning"
                k[sev] += 1
                whole = any(overlap(lk["text"], h["match"])[0] for h in lk["hits"])
                k["whole" if whole else "partly"] += 1
                if not whole:
                    partly[lk["kind"]].append((doc, lk))
                cases = set()
                for h in lk["hits"]:
                    det = h.get("details") or {}
                    cases |= {det.get("case"), *(det.get("cases") or [])}
                    variants_seen[lk["kind"]][det.get("variant")] += 1
                if lk["case"] not in cases:
                    k["wrong case"] += 1
                    wrong_case.append((doc, lk, sorted(c for c in cases if c)))
            else:
                if lk["elsewhere"]:
                    k["other part"] += 1
                missed[lk["kind"]].append((doc, lk, nearby(lk, (res or {}).get("findings") or [])))
        saved.append(
            {
                "document": doc["path"],
                "state": "leaky",
                "status": (res or {}).get("status"),
                "leaks": [
                    {**{x: y for x, y in lk.items() if x not in ("hits", "elsewhere")}, "hits": lk["hits"]}
                    for lk in leaks
                ],
                "unmatched_foreign_names": unmatched,
            }
        )

    total = sum(k["planted"] for k in kinds.values())
    found = sum(k["found"] for k in kinds.values())
    errors = sum(k["error"] for k in kinds.values())
    print(
        f"disclint name-variant benchmark: {len(docs)} documents ({len(leaky)} leaky with {total} planted "
        f"variants, {len(clean)} clean), corpus {corpus}, mode {args.mode}"
    )
    print(
        f"\nRECALL overall: {found}/{total} = {pct(found, total)}  (as error: {errors}/{total} = "
        f"{pct(errors, total)}; found only partly: {sum(k['partly'] for k in kinds.values())}; "
        f"attributed to another case: {len(wrong_case)})"
    )
    print(
        f"\n{'variant kind':<24}{'planted':>8}{'found':>7}{'recall':>8}{'error':>7}{'warn':>6}"
        f"{'partly':>8}{'wrongcase':>10}{'otherpart':>10}  details.variant reported"
    )
    order = sorted(kinds, key=lambda k: (kinds[k]["found"] / kinds[k]["planted"], k))
    for name in order:
        k = kinds[name]
        seen = ", ".join(f"{v} {n}" for v, n in variants_seen[name].most_common(3))
        flag = " <" if k["found"] / k["planted"] < THRESHOLD else ""
        print(
            f"{name:<24}{k['planted']:>8}{k['found']:>7}{pct(k['found'], k['planted']):>8}"
            f"{k['error']:>7}{k['warning']:>6}{k['partly']:>8}{k['wrong case']:>10}{k['other part']:>10}"
            f"  {seen}{flag}"
        )
    for title, table in (("place", places), ("format", formats)):
        print(
            f"\nRecall per {title}: "
            + ", ".join(
                f"{p} {t['found']}/{t['planted']} = {pct(t['found'], t['planted']).strip()}"
                for p, t in sorted(table.items())
            )
        )

    print(f"\nMISSES of kinds below {THRESHOLD} (text | line | reported near it instead):")
    for name in order:
        k = kinds[name]
        if k["found"] / k["planted"] >= THRESHOLD:
            continue
        print(f"  {name}: {k['planted'] - k['found']} missed of {k['planted']}")
        for doc, lk, near in missed[name][: args.misses]:
            print(
                f"    {lk['text']!r} ({lk['subject']}, case {lk['case']}) in {lk['place']} of "
                f"{doc['path']}\n      line: {short(lk.get('line'))!r}\n      instead: "
                f"{'; '.join(near) if near else 'nothing'}"
            )
    if any(partly.values()):
        print("\nFOUND ONLY PARTLY (the finding covers part of the planted name):")
        for name, items in sorted(partly.items()):
            ex = items[0]
            hits = ", ".join(
                f"{h['match']!r} ({(h.get('details') or {}).get('variant')}, {h['severity']})"
                for h in ex[1]["hits"][:2]
            )
            print(f"  {name} x{len(items)}: e.g. {ex[1]['text']!r} reported as {hits}")
    if wrong_case:
        print("\nATTRIBUTED TO ANOTHER CASE (details.case):")
        for _doc, lk, cases in wrong_case[:10]:
            print(f"  {lk['kind']}: {lk['text']!r} of case {lk['case']} reported as case(s) {cases}")

    # --------------------------------------------------------------------------------- precision
    rules_of_interest = ("foreign-name error", "foreign-name warning", "unknown-person", "foreign-page")
    per_rule: Counter[str] = Counter()
    per_nm: dict[str, Counter] = defaultdict(Counter)
    nm_placed: Counter[str] = Counter()
    fps: list = []
    others: Counter[str] = Counter()
    clean_failed = 0
    for doc in clean:
        res = results.get(doc["path"])
        for nm in doc.get("near_misses", []):
            nm_placed[nm["kind"]] += 1
        doc_fps = []
        for f in (res or {}).get("findings") or []:
            key = fp_rule(f)
            if key in rules_of_interest:
                per_rule[key] += 1
                nm_kind = near_miss_kind(doc, f)
                per_nm[nm_kind][key] += 1
                doc_fps.append(f)
                fps.append((doc, f, nm_kind))
            elif f["severity"] in SEVERITIES:
                others[f"{f['rule']} {f['severity']}"] += 1
        clean_failed += (res or {}).get("status") == "fail"
        saved.append(
            {
                "document": doc["path"],
                "state": "clean",
                "status": (res or {}).get("status"),
                "findings": doc_fps,
            }
        )
    n = max(1, len(clean))
    print(f"\nFALSE POSITIVES on {len(clean)} clean documents (per document):")
    for key in rules_of_interest:
        print(f"  {key:<22} {per_rule[key]:>4}  = {per_rule[key] / n:.2f}/doc")
    print(
        f"  clean documents failing at --fail-on warning: {clean_failed}/{len(clean)}; other rules "
        f"(not about names): " + (", ".join(f"{r} x{c}" for r, c in others.most_common()) or "none")
    )
    print("\n  by designed near miss (placed; findings by rule):")
    for kind in sorted(set(nm_placed) | set(per_nm)):
        got = ", ".join(f"{r} {c}" for r, c in per_nm[kind].most_common()) or "none"
        print(f"    {kind:<24} placed {nm_placed.get(kind, 0):>4}: {got}")
    rank = {key: i for i, key in enumerate(rules_of_interest)}
    distinct: dict[tuple[str, str], list] = {}
    for doc, f, nm_kind in fps:
        distinct.setdefault((fp_rule(f), " ".join(words(f["match"]))), []).append((doc, f, nm_kind))
    ordered = sorted(distinct.items(), key=lambda kv: (rank[kv[0][0]], -len(kv[1]), kv[0][1]))
    print(f"\n  most telling examples ({min(args.examples, len(ordered))} of {len(ordered)} distinct):")
    for (key, _), items in ordered[: args.examples]:
        doc, f, nm_kind = items[0]
        det = f.get("details") or {}
        who = f"case {det.get('case')} {det.get('subject')}" if det.get("case") else ""
        print(
            f"    [{key}] x{len(items)} match={f['match']!r} variant={det.get('variant')} {who} "
            f"near miss={nm_kind} ({doc['path']}, case {doc['case']})\n      context: "
            f"{short(f.get('context'), 160)!r}"
        )

    print(
        f"\nFOREIGN-NAME FINDINGS ON LEAKY DOCUMENTS THAT FIT NO PLANTED VARIANT: {len(leaky_fp)} "
        f"({len(leaky_fp) / max(1, len(leaky)):.2f}/doc)"
    )
    seen_fp: Counter[tuple[str, str]] = Counter((f["severity"], f["match"]) for _, f in leaky_fp)
    for (sev, match), c in seen_fp.most_common(10):
        doc, f = next((d, g) for d, g in leaky_fp if g["match"] == match and g["severity"] == sev)
        det = f.get("details") or {}
        print(
            f"  [{sev}] x{c} {match!r} variant={det.get('variant')} case {det.get('case')} "
            f"{det.get('subject')} ({doc['path']}): {short(f.get('context'), 120)!r}"
        )

    status_err = [d for d in docs if (results.get(d["path"]) or {}).get("status") in (None, "error")]
    print(f"\nDOCUMENTS with status error or missing: {len(status_err)}")
    for d in status_err[:10]:
        print(f"  {d['path']}: {(results.get(d['path']) or {}).get('error') or 'no result'}")
    if crashes:
        print(f"CRASHES / unexpected exits: {len(crashes)}")
        for c in crashes[:5]:
            print(f"  exit {c['exit']} on {len(c['paths'])} documents: {c['stderr'][-400:]}")

    times = [seconds[d["path"]] for d in docs if d["path"] in seconds]
    if times:
        shared = ", shared by the group" if args.mode == "group" else ""
        print(
            f"\nTIME per document ({args.mode} mode, process start included{shared}): mean "
            f"{statistics.mean(times):.3f}s, median {statistics.median(times):.3f}s, max {max(times):.3f}s; "
            f"total {wall:.1f}s"
        )
        for fmt in ("docx", "pdf", "txt"):
            ts = [seconds[d["path"]] for d in docs if d["format"] == fmt and d["path"] in seconds]
            if ts:
                print(f"  {fmt}: mean {statistics.mean(ts):.3f}s over {len(ts)}")
    if args.save:
        Path(args.save).write_text(json.dumps(saved, indent=1, ensure_ascii=False), encoding="utf-8")
        print(f"\nsaved per-document matches to {args.save}")
    return 0


if __name__ == "__main__":
    try:
        main()
    except Exception as exc:  # noqa: BLE001 - a measurement never fails the caller
        print(f"variant benchmark failed: {type(exc).__name__}: {exc}", file=sys.stderr)
    sys.exit(0)
