"""How D204 (possible-same-person) and `icp overlap` scale to a national-size file.

Generates one membership file of about 30,000 seats (every ICS in England written into
one file: ~1,200 bodies, ~19,000 people, surnames as skewed as real ones, so the blocks
of people sharing a surname are large), plants known name variants, then times loading,
D204 through the engine, and the overlap analysis. Not a test: run it by hand.

    .venv/bin/python benchmarks/d204_scale.py            # 30,000 seats
    .venv/bin/python benchmarks/d204_scale.py --seats 60000 --keep /tmp/big.yaml

It exits 1 if D204 misses a planted variant or reports a planted non-match.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# The most common surnames in England and Wales carry most of the weight, as in life.
COMMON_SURNAMES = _words(
    "Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson "
    "Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel "
    "Jackson Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison "
    "Morgan Allen James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths "
    "Mitchell Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox "
    "Richards Khan Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster "
    "Chapman Powell Webb Rogers Gray Mason Ali Hunt Hussain Campbell Matthews Owen Palmer "
    "Holmes Mills Barnes Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins Murray "
    "Dixon Harvey"
)
FORENAMES = _words(
    "Oliver George Harry Jack Jacob Noah Charlie Muhammad Thomas Oscar William James Henry "
    "Leo Alfie Joshua Freddie Archie Ethan Isaac Alexander Joseph Edward Samuel Max Daniel "
    "Arthur Lucas Mohammed Logan Olivia Amelia Isla Ava Emily Isabella Mia Poppy Ella Lily "
    "Evie Sophia Grace Sophie Jessica Ruby Chloe Daisy Alice Elizabeth Florence Freya Phoebe "
    "Sarah Anne Catherine Margaret Helen Susan Jane Jean Claire Rachel Priya Aisha Fatima "
    "Amir Rajesh Sunita Kwame Ama Chidi Ngozi Siobhan Ciaran Rhys Ffion Gareth Bronwen "
    "Stephen Steven Robert Michael Christopher Andrew Anthony Jonathan Richard Peter Paul "
    "Mark Simon Ian Tom Tim Ann Mary Linda Karen Julie Nicola Joanne Deborah Alison"
)
SYLLABLES = _words(
    "ash bel cor dun el fen gar hol ing kes lam mor nor os pen quil ros stan tor vale wick"
)

# Planted pairs: (one name, the other, should D204 report it?)
PLANTED = [
    ("Liz Quennell-Ashdown", "Elizabeth Quennell-Ashdown", True),  # nickname, same last
    ("Jonathon Okonkwo-Brightley", "Jonathan Okonkwo-Brightley", True),  # one substitution
    ("Xanthe Pellingford", "Xanthe Pelingford", True),  # surname one deletion
    ("Bill Threadgoldie", "William Threadgoldie", True),  # nickname
    ("J. Vexhammer", "Jocasta Vexhammer", True),  # initial
    ("Catherine Ormsgill", "Katherine Ormsgill", True),  # one substitution, 9 letters
    ("Jane Quorndale", "Jean Quorndale", False),  # spec: must not pair
    ("Tom Wrexlowe", "Tim Wrexlowe", False),  # spec: must not pair
    ("Ann Lee-Quist", "Ann Leigh-Quist", True),  # equal first and last tokens
    ("Ann Lee", "Ann Leigh", False),  # spec: must not pair
    ("Bill Turnbull", "Bill Turner", False),  # surnames several edits apart
    ("Zebedee Farnaby", "Peregrine Farnaby", False),  # only a surname shared
]


def generated_names(count: int, rng: random.Random) -> list[str]:
    rare = sorted(
        {(a + b + c).capitalize() for a in SYLLABLES for b in SYLLABLES for c in ("", "s", "ton")}
    )
    weights = [40.0 / (rank + 1) for rank in range(len(COMMON_SURNAMES))]
    names: set[str] = set()
    planted_tokens = {t for a, b, _ in PLANTED for t in f"{a} {b}".replace(".", "").split()}
    while len(names) < count:
        if rng.random() < 0.55:
            surname = rng.choices(COMMON_SURNAMES, weights)[0]
        else:
            surname = rng.choice(rare)
        forename = rng.choice(FORENAMES)
        middle = f" {rng.choice(FORENAMES)}" if rng.random() < 0.1 else ""
        if surname in planted_tokens:
            continue
        names.add(f"{forename}{middle} {surname}")
    return sorted(names)


def membership_yaml(seats: int, seed: int) -> tuple[str, int]:
    rng = random.Random(seed)
    people = int(seats / 1.6)
    names = generated_names(people, rng)
    bodies = max(1, seats // 25)
    members: list[list[str]] = [[] for _ in range(bodies)]
    placed = 0
    for name in names:
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
            members[rng.randrange(bodies)].append(name)
            placed += 1
            if placed >= seats - 2 * len(PLANTED):
                break
        if placed >= seats - 2 * len(PLANTED):
            break
    for index, (a, b, _) in enumerate(PLANTED):
        members[index % bodies].append(a)
        members[(index * 7 + 3) % bodies].append(b)
    lines = ["version: 1", "system:", "  name: England (generated)", "bodies:"]
    total = 0
    for number, names_on in enumerate(members):
        lines += [f"  body-{number:05d}:", "    type: committee", "    members:"]
        if not names_on:
            lines[-1] += " []"
        # One person sits once on a body: duplicates would be D203, not this benchmark.
        for name in dict.fromkeys(names_on):
            lines.append(f"      - name: {json.dumps(name)}")
            total += 1
    return "\n".join(lines) + "\n", total


def timed(label: str, action: Callable[[], T]) -> T:
    start = time.perf_counter()
    value = action()
    print(f"  {label:<34} {time.perf_counter() - start:8.2f} s")
    return value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seats", type=int, default=30_000)
    parser.add_argument("--seed", type=int, default=2022)
    parser.add_argument("--keep", type=Path, help="also write the generated file here")
    args = parser.parse_args()

    from icp_cli.check.engine import CheckOptions, check_membership
    from icp_cli.load.builder import load_path
    from icp_cli.overlap.views import build
    from icp_cli.people.matching import close_name_pairs

    text, seats = membership_yaml(args.seats, args.seed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "england.yaml"
        path.write_text(text, encoding="utf-8")
        if args.keep:
            args.keep.write_text(text, encoding="utf-8")
        print(f"{seats:,} seats, {len(text):,} bytes")
        m = timed("load (parse and validate)", lambda: load_path(path))
    print(f"  {len(m.bodies):,} bodies, {len(m.people):,} people")
    pairs = timed(
        "close_name_pairs (identity)", lambda: close_name_pairs([(p, p.norm) for p in m.people])
    )
    result = timed(
        "D204 through the engine", lambda: check_membership(m, CheckOptions(select=("D204",)))
    )
    view = timed("overlap analysis (build)", lambda: build(m))
    timed("icp check, every rule", lambda: check_membership(m))
    print(f"  {len(pairs):,} close pairs, {len(result.findings):,} D204 findings")
    print(f"  overlap: {len(view.pairs):,} pairs of bodies share people")

    found = {frozenset(f.people) for f in result.findings}
    from icp_cli.people.matching import normalise_name

    failures = 0
    for a, b, expected in PLANTED:
        key = frozenset((normalise_name(a), normalise_name(b)))
        if (key in found) != expected:
            failures += 1
            print(f"  WRONG: {a!r} / {b!r}: expected {'a' if expected else 'no'} finding")
    print("  planted variants: " + ("all as expected" if not failures else f"{failures} wrong"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
