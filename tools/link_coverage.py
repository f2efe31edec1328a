"""Which gold links a report covers, and how far a tool that never joins
two claims of one article could go.

usage: link_coverage.py GOLD REPORT [--misses]

GOLD is a gold file (../shared/gold/seeds.json, ../shared/gold/dev/*/gold.score.json),
REPORT the `crosscheck check --format json` report of its articles. Prints,
per link status, the recall the scorer gives and its ceiling when no
finding may join two claims of one article (the rule that a source never
agrees with itself). With --misses, lists every link not fully covered with
its claims: + covered, - not, and the article of each.
Reads the scorer (../shared/tools/score.py) for claim matching, so the
figures are the scorer's own.
"""
import json
import re
import os
import sys
from itertools import combinations

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "tools"))
import score  # noqa: E402


def claim_order(claim_id):
    """Dev ids are 'c12', seed ids '003-2': sort by their numbers."""
    return [int(n) for n in re.findall(r"\d+", claim_id)]


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    gold = json.load(open(argv[1]))
    report = score.load_report(argv[2])
    misses = "--misses" in argv
    mapping = score.match_claims(gold, report)
    claims = {c["id"]: c for c in gold["claims"]}
    findings = []
    for f in report.get("findings", []):
        status = score.STATUS.get(f.get("status"))
        if status is not None:
            findings.append((status, {mapping[c]["id"] for c in f["claims"] if c in mapping}))
    recall, ceiling = {}, {}
    for link in gold["links"]:
        status, members = link["status"], set(link["claims"])
        pairs = None if link.get("kind") in score.VERDICT else score.link_pairs(link)
        covered = set()
        for found, ids in findings:
            inside = ids & members
            if found != status or not inside:
                continue
            if len(members) == 1:
                covered |= inside
            elif pairs is None:
                anchor = set(link.get("anchor") or [])
                if len(inside) >= 2 and (not anchor or anchor & inside):
                    covered |= inside
            else:
                for a, b in combinations(sorted(inside), 2):
                    if frozenset((a, b)) in pairs:
                        covered |= {a, b}
        # A verdict (a list's count, a total's parts, a ranking) may rest on
        # one article; an agreement or a conflict needs two.
        across = set(members) if pairs is None or len(members) == 1 else set()
        for a, b in (tuple(pair) for pair in pairs or []):
            if claims[a]["doc"] != claims[b]["doc"]:
                across |= {a, b}
        recall.setdefault(status, []).append(len(covered) / len(members))
        ceiling.setdefault(status, []).append(len(across) / len(members))
        if misses and covered != members:
            print(f"{status} {link.get('kind')}: {link.get('note', '')[:100]}")
            for c in sorted(members, key=claim_order):
                mark = "+" if c in covered else "-"
                print(f"   {mark} {c} {claims[c]['doc']}: {claims[c]['text'][:60]!r}")
    for status in recall:
        mean = sum(recall[status]) / len(recall[status])
        top = sum(ceiling[status]) / len(ceiling[status])
        print(f"{status}: recall {mean:.3f}, ceiling without same-article links {top:.3f}, {len(recall[status])} links")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
