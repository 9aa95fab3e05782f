#!/usr/bin/env python3
"""Measure disclint's detection on the synthetic corpus written by benchmarks/corpus.py.

    python benchmarks/detection.py [CORPUS] [--mode document|group] [--disclint CMD] [--save FILE]

For every document of the corpus (``--mode document``, the default, one process per document so that
wall time per document is real) or every case's documents at once (``--mode group``), runs

    disclint check <docs> --cases CORPUS/cases --case ID --format json --fail-on warning

and matches the findings of the two register rules (foreign-name, foreign-identifier) to the planted
leaks of truth.json: same rule, same part (location.part), and the reported ``match`` equal to the
planted text after folding case, whitespace and apostrophes, or one containing the other. Several
findings may fall on one planted leak (a PDF running header repeats on every page); none of them is a
false positive. A finding of the register rules that fits no planted leak is a false positive.
Findings of other rules (rule packs) are reported separately: they are not about another family's
details, but they do fail documents under ``--fail-on warning``.

Prints recall overall, per form, per part and place, per format; false positives with rule, match
and context; documents wrongly passed or failed; crashes; wall time per document. Always exits 0:
this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import statistics
import subprocess
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

SCOPE = ("foreign-name", "foreign-identifier")
_APOS = re.compile(r"[’‘`´ʼ]")
_HYPHEN_GAP = re.compile(r"([-‐‑])\s+")


def fold(text: str) -> str:
    """Case, whitespace (line breaks, NBSP, double spaces) and apostrophes folded; a line break after
    a hyphen dropped (``Ellie-\\nMae`` = ``Ellie-Mae``)."""
    text = unicodedata.normalize("NFKC", text)
    text = _APOS.sub("'", text)
    text = _HYPHEN_GAP.sub(r"\1", text)
    return " ".join(text.split()).casefold()


def related(planted: str, match: str) -> str | None:
    """'exact' when equal after folding, 'overlap' when one holds the other, else None."""
    a, b = fold(planted), fold(match)
    if a == b:
        return "exact"
    short = min(len(a), len(b))
    if short >= 3 and (a in b or b in a):
        return "overlap"
    return None


def default_disclint() -> str:
    here = Path(sys.executable).parent / "disclint"
    return str(here) if here.exists() else "disclint"


def run(cmd: list[str]) -> tuple[float, int, str, str]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    return time.perf_counter() - t0, proc.returncode, proc.stdout, proc.stderr


def pct(n: int, d: int) -> str:
    return f"{n}/{d} = {100.0 * n / d:5.1f}%" if d else "0/0"


def check_all(corpus: Path, truth: dict, mode: str, disclint: list[str]) -> tuple[dict, dict, list]:
    """Run disclint; returns (result per document path, seconds per document path, crashes)."""
    docs = truth["documents"]
    cases = corpus / truth.get("cases_dir", "cases")
    results: dict[str, dict] = {}
    seconds: dict[str, float] = {}
    crashes: list[dict] = []
    groups: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        groups[d["case"] if mode == "group" else d["path"]].append(d["path"])
    by_path = {d["path"]: d for d in docs}
    for key in sorted(groups):
        paths = groups[key]
        case = by_path[paths[0]]["case"]
        cmd = [
            *disclint,
            "check",
            *[str(corpus / p) for p in paths],
            "--cases",
            str(cases),
            "--case",
            case,
            "--format",
            "json",
            "--fail-on",
            "warning",
            "--no-color",
        ]
        took, rc, out, err = run(cmd)
        for p in paths:
            seconds[p] = took / len(paths)
        try:
            report = json.loads(out)
        except json.JSONDecodeError:
            crashes.append({"paths": paths, "exit": rc, "stderr": err.strip()[-2000:], "stdout": out[:500]})
            continue
        if rc not in (0, 1):
            crashes.append({"paths": paths, "exit": rc, "stderr": err.strip()[-2000:], "stdout": ""})
        for res in report.get("documents", []):
            try:
                rel = str(Path(res["path"]).resolve().relative_to(corpus.resolve()))
            except ValueError:
                rel = res["path"]
            results[rel] = res
        for p in paths:
            if p not in results:
                crashes.append(
                    {"paths": [p], "exit": rc, "stderr": "document missing from the report", "stdout": ""}
                )
    return results, seconds, crashes


def match_document(doc: dict, res: dict | None) -> dict:
    """Assign the register findings of one document to its planted leaks."""
    leaks = [dict(leak, hits=[], how=None, other_part=None) for leak in doc["leaks"]]
    fps, others = [], []
    findings = (res or {}).get("findings") or []
    for f in findings:
        if f["rule"] not in SCOPE:
            others.append(f)
            continue
        part = (f.get("location") or {}).get("part")
        best = None
        for want_unmatched in (True, False):
            for kind in ("exact", "overlap"):
                for leak in leaks:
                    if leak["rule"] != f["rule"] or leak["part"] != part:
                        continue
                    if want_unmatched and leak["hits"]:
                        continue
                    if related(leak["text"], f["match"]) == kind:
                        best = (leak, kind)
                        break
                if best:
                    break
            if best:
                break
        if best:
            leak, kind = best
            leak["hits"].append(f)
            leak["how"] = leak["how"] or kind
            continue
        # Found, but reported in another part, or under the other rule?
        elsewhere = next((lk for lk in leaks if related(lk["text"], f["match"]) and not lk["hits"]), None)
        if elsewhere is not None:
            elsewhere["other_part"] = f
            continue
        fps.append(f)
    return {"leaks": leaks, "fps": fps, "others": others, "findings": findings}


def table(title: str, rows: dict[str, list[int]], width: int = 24) -> None:
    print(f"\n{title}")
    for key in sorted(rows, key=lambda k: (rows[k][0] / rows[k][1] if rows[k][1] else 1, k)):
        found, total = rows[key]
        print(f"  {key:<{width}} {pct(found, total)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default="/tmp/disclint-corpus")
    ap.add_argument("--mode", choices=["document", "group"], default="document")
    ap.add_argument("--disclint", default=None, help="command to run disclint (default: the venv's)")
    ap.add_argument("--save", default=None, help="write every finding and match to this JSON file")
    ap.add_argument("--examples", type=int, default=40, help="false positives to list")
    ap.add_argument("--verbose", action="store_true", help="list every false positive with its context")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    truth_file = corpus / "truth.json"
    if not truth_file.exists():
        print(f"no {truth_file}: run benchmarks/corpus.py {corpus} first")
        return 0
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    disclint = shlex.split(args.disclint) if args.disclint else [default_disclint()]
    wall0 = time.perf_counter()
    results, seconds, crashes = check_all(corpus, truth, args.mode, disclint)
    wall = time.perf_counter() - wall0

    by_form: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_part: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_place: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_format: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    total = found = 0
    severities: Counter[str] = Counter()
    wrong_case = []
    missed, wrong_part = [], []
    fp_clean, fp_leaky, other_rule = [], [], []
    wrongly_passed, wrongly_failed, errors = [], [], []
    saved = []
    for doc in truth["documents"]:
        res = results.get(doc["path"])
        m = match_document(doc, res)
        status = (res or {}).get("status", "missing")
        if status == "error" or res is None:
            errors.append((doc, (res or {}).get("error") or "no result"))
        for leak in m["leaks"]:
            ok = bool(leak["hits"])
            total += 1
            found += ok
            fmt = doc["format"]
            for tally, key in (
                (by_form, leak["form"]),
                (by_part, leak["part"]),
                (by_place, leak["place"]),
                (by_format, fmt),
                (by_rule, leak["rule"]),
            ):
                tally[key][0] += ok
                tally[key][1] += 1
            if ok:
                severities[max(h["severity"] for h in leak["hits"])] += 1
                cases = set()
                for h in leak["hits"]:
                    det = h.get("details") or {}
                    cases |= {det.get("case"), *(det.get("cases") or [])}
                if leak["case"] not in cases:
                    wrong_case.append((doc, leak, cases))
            elif leak["other_part"] is not None:
                wrong_part.append((doc, leak))
            else:
                missed.append((doc, leak))
        (fp_clean if doc["state"] == "clean" else fp_leaky).extend((doc, f) for f in m["fps"])
        other_rule.extend((doc, f) for f in m["others"])
        if doc["state"] == "leaky" and status == "pass":
            wrongly_passed.append(doc)
        if doc["state"] == "clean" and status == "fail":
            rules = sorted({f["rule"] for f in m["findings"] if f["severity"] in ("warning", "error")})
            wrongly_failed.append((doc, rules))
        saved.append(
            {
                "document": doc["path"],
                "state": doc["state"],
                "status": status,
                "seconds": seconds.get(doc["path"]),
                "leaks": [{k: v for k, v in lk.items() if k != "other_part"} for lk in m["leaks"]],
                "false_positives": m["fps"],
                "other_rules": m["others"],
            }
        )

    n_docs = len(truth["documents"])
    leaky = [d for d in truth["documents"] if d["state"] == "leaky"]
    clean = [d for d in truth["documents"] if d["state"] == "clean"]
    print(
        f"disclint detection benchmark: {n_docs} documents ({len(leaky)} leaky, {len(clean)} clean), "
        f"{total} planted leaks, corpus {corpus}, mode {args.mode}"
    )
    print(f"\nRECALL overall (same rule, same part): {pct(found, total)}")
    print(f"  severity of detected leaks: {dict(severities)}")
    if wrong_part:
        print(f"  + {len(wrong_part)} leaks reported under another part or rule (not counted as found)")
    if wrong_case:
        print(f"  {len(wrong_case)} detected leaks attributed to the wrong case in details.case")
    table("Recall per rule", by_rule)
    table("Recall per form", by_form)
    table("Recall per part (contract location.part)", by_part)
    table("Recall per place (body/table/header/footer/footnote/tracked insertion; pdf page areas)", by_place)
    table("Recall per format", by_format)

    print(f"\nMISSED LEAKS: {len(missed)}")
    kinds: dict[tuple[str, str], list] = defaultdict(list)
    for doc, leak in missed:
        kinds[(leak["form"], leak["place"])].append((doc, leak))
    for (form, place), items in sorted(kinds.items()):
        doc, leak = items[0]
        print(
            f"  {form:<22} in {place:<11} x{len(items):<3} e.g. {leak['text']!r} ({doc['path']}, "
            f"case {leak['case']})"
        )
    for doc, leak in wrong_part:
        f = leak["other_part"]
        print(
            f"  reported elsewhere: {leak['form']} {leak['text']!r} planted in {leak['part']}, reported "
            f"as {f['rule']} in {f['location']['part']} ({doc['path']})"
        )

    def show(items: list, limit: int) -> None:
        for doc, f in items[:limit]:
            det = f.get("details") or {}
            who = det.get("subject") or det.get("identifier") or ""
            print(
                f"    [{f['severity']}] {f['rule']} match={f['match']!r} part={f['location']['part']} "
                f"(case {det.get('case')} {who}) in {doc['path']}\n      context: {f.get('context')!r}"
            )

    print(
        f"\nFALSE POSITIVES (register rules, no planted leak): {len(fp_clean)} on {len(clean)} clean "
        f"documents ({len(fp_clean) / max(1, len(clean)):.2f}/doc), {len(fp_leaky)} on {len(leaky)} leaky "
        f"documents ({len(fp_leaky) / max(1, len(leaky)):.2f}/doc)"
    )
    # Which designed near misses of the clean documents fired, and which held.
    nm_total: Counter[str] = Counter()
    nm_fired: Counter[str] = Counter()
    for doc in clean:
        fps = [f for d, f in fp_clean if d is doc]
        for nm in doc.get("near_misses", []):
            nm_total[nm["kind"]] += 1
            if any(
                related(nm["text"], f["match"]) or fold(f["match"]).rstrip("'s") == fold(nm["text"])
                for f in fps
            ):
                nm_fired[nm["kind"]] += 1
    print(
        "  designed near misses on clean documents that were reported (fired/placed): "
        + ", ".join(f"{k} {nm_fired[k]}/{n}" for k, n in sorted(nm_total.items()))
    )
    grouped = Counter((f["rule"], fold(f["match"])) for _, f in fp_clean + fp_leaky)
    print(
        "  most frequent (rule, match):",
        ", ".join(f"{r}:{m!r} x{n}" for (r, m), n in grouped.most_common(12)),
    )
    per_doc = Counter(doc["path"] for doc, _ in fp_clean + fp_leaky)
    print(
        "  documents with most false positives:", ", ".join(f"{p} ({n})" for p, n in per_doc.most_common(6))
    )
    seen = set()
    distinct = []
    for doc, f in fp_clean + fp_leaky:
        key = (f["rule"], fold(f["match"]))
        if key not in seen:
            seen.add(key)
            distinct.append((doc, f))
    print(f"  distinct (rule, match) examples ({min(len(distinct), args.examples)} of {len(distinct)}):")
    show(distinct, args.examples)

    print("  per document (clean first; --verbose for rule, match and context of every one):")
    for state, items in (("clean", fp_clean), ("leaky", fp_leaky)):
        docs_fp: dict[str, list] = defaultdict(list)
        for doc, f in items:
            docs_fp[doc["path"]].append((doc, f))
        for path, found in sorted(docs_fp.items()):
            print(
                f"    {state} {path}: {len(found)}: "
                + ", ".join(f"{f['rule']}:{f['match']!r}" for _, f in found)
            )
            if args.verbose:
                show(found, len(found))

    print(
        f"\nOTHER RULES (not about other families; counted apart): {len(other_rule)} findings: "
        + ", ".join(f"{r} x{n}" for r, n in Counter(f["rule"] for _, f in other_rule).most_common())
    )
    show(other_rule[:5], 5)

    print(f"\nDOCUMENTS wrongly passed (leaky, status pass): {len(wrongly_passed)} of {len(leaky)}")
    for doc in wrongly_passed:
        print(f"  {doc['path']} ({len(doc['leaks'])} leaks: {', '.join(lk['form'] for lk in doc['leaks'])})")
    print(
        f"DOCUMENTS wrongly failed (clean, status fail at --fail-on warning): {len(wrongly_failed)} of "
        f"{len(clean)}"
    )
    for doc, rules in wrongly_failed:
        print(f"  {doc['path']} ({', '.join(rules)})")
    only_other = [d for d, rules in wrongly_failed if not set(rules) & set(SCOPE)]
    print(f"  of which failed only by other rules: {len(only_other)}")
    print(f"DOCUMENTS with status error or missing: {len(errors)}")
    for doc, why in errors:
        print(f"  {doc['path']}: {why}")
    if crashes:
        print(f"CRASHES / unexpected exits: {len(crashes)}")
        for c in crashes:
            print(f"  exit {c['exit']} on {c['paths']}: {c['stderr'][-600:]}")

    times = [seconds[d["path"]] for d in truth["documents"] if d["path"] in seconds]
    print(
        f"\nWALL TIME per document ({args.mode} mode, including process start): "
        f"mean {statistics.mean(times):.3f}s, median {statistics.median(times):.3f}s, max {max(times):.3f}s; "
        f"total {wall:.1f}s"
    )
    for fmt in ("docx", "pdf", "txt"):
        ts = [seconds[d["path"]] for d in truth["documents"] if d["format"] == fmt and d["path"] in seconds]
        if ts:
            print(f"  {fmt}: mean {statistics.mean(ts):.3f}s, max {max(ts):.3f}s over {len(ts)}")
    if args.save:
        Path(args.save).write_text(json.dumps(saved, indent=1, ensure_ascii=False), encoding="utf-8")
        print(f"\nsaved per-document matches to {args.save}")
    return 0


if __name__ == "__main__":
    try:
        main()
    except Exception as exc:  # noqa: BLE001 - a measurement never fails the caller
        print(f"detection benchmark failed: {type(exc).__name__}: {exc}", file=sys.stderr)
    sys.exit(0)
