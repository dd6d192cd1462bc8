"""Membership files and spreadsheets that are large in one user-controlled size.

Each builder returns text; `n` is the size that used to make some step super-linear.
Shared by the adversarial suite (small n, operation counts) and by
`benchmarks/hostile.py` (full n, wall-clock figures).
"""

from __future__ import annotations

HEAD = "version: 1\nsystem:\n  name: Scale ICS\n  local_authorities: [Scale Council]\n"


def _member(name: str) -> str:
    return f"      - {{name: {name}, organisation: Scale Council, seat: councillor}}\n"


def reporting_chain(n: int) -> str:
    """n bodies, each reporting to the one before it: a chain as long as the file."""
    out = [HEAD, "bodies:\n"]
    for i in range(n):
        out.append(f"  b{i}:\n    type: committee\n    name: Body {i}\n")
        if i:
            out.append(f"    reports_to: b{i - 1}\n")
        out.append("    members:\n" + _member(f"Person {i}"))
    return "".join(out)


def reporting_circle(n: int) -> str:
    """Like `reporting_chain`, but the first body reports to the last: one circle of n."""
    return reporting_chain(n).replace(
        "    name: Body 0\n", f"    name: Body 0\n    reports_to: b{n - 1}\n", 1
    )


def unknown_ids(n: int) -> str:
    """n seats naming people that do not exist: n 'did you mean' hints."""
    out = [HEAD, "people:\n"]
    for i in range(n):
        out.append(f"  - {{id: known-person-{i}, name: Known Person {i}}}\n")
    out.append("bodies:\n  icp:\n    type: icp\n    name: Scale ICP\n    members:\n")
    for i in range(n):
        out.append(f"      - {{person: unknown-person-{i}}}\n")
    return "".join(out)


def one_person_many_bodies(n: int) -> str:
    """One registered person with a seat on each of n bodies: n*(n-1)/2 pairs of bodies."""
    out = [HEAD, "people:\n  - {id: pat, name: Pat Smith}\nbodies:\n"]
    for i in range(n):
        out.append(f"  b{i}:\n    type: committee\n    name: Body {i}\n    members:\n")
        out.append("      - {person: pat}\n")
    return "".join(out)


def long_name(n: int) -> str:
    """A name of one word n characters long, on two bodies."""
    word = "A" + "b" * (n - 1)
    return (
        HEAD
        + f"people:\n  - {{id: w, name: {word}}}\n"
        + "bodies:\n"
        + "  icb:\n    type: icb\n    name: Scale ICB\n    members:\n      - {person: w}\n"
        + "  icp:\n    type: icp\n    name: Scale ICP\n    members:\n      - {person: w}\n"
    )


def import_same_names(n: int) -> str:
    """A seat table (CSV) of n people whose names all give the same id, each on two
    bodies: every id after the first is found by counting up."""
    rows = ["Body,Body type,Name,Organisation,Seat"]
    for i in range(n):
        # A CJK character tells the people apart; ids keep only a-z and 0-9, so every
        # id made from these names is the same 'pat-smith'.
        name = f"Pat Smith {chr(0x4E00 + i)}"
        for body, kind in (("icb", "icb"), ("icp", "icp")):
            rows.append(f'{body},{kind},"{name}",Scale Council,councillor')
    return "\n".join(rows) + "\n"


def close_names(n: int) -> str:
    """One body of n people whose names are all close to each other (D204)."""
    out = [HEAD, "bodies:\n  icp:\n    type: icp\n    name: Scale ICP\n    members:\n"]
    out += [_member(f"Person Number{i} Jones") for i in range(n)]
    return "".join(out)


def big_body(n: int) -> str:
    """One body of n members."""
    out = [HEAD, "bodies:\n  icp:\n    type: icp\n    name: Scale ICP\n    members:\n"]
    out += [_member(f"Person {i} Jones{i % 97}") for i in range(n)]
    return "".join(out)
