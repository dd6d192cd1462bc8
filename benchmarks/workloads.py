"""The inputs `run.py` times beyond the national sets of `generate.py`, all derived
deterministically and written under benchmarks/data/work/ (not committed):

- a messy national set: the ×1 (and ×4) set with every second committee seat written twice,
  so a check reports thousands of findings (D203 and friends);
- one body of N seats (a large ICP with every member inline), for the document commands:
  terms of reference in Markdown, HTML and Word;
- a seat table (CSV) of N rows, made by exporting national ×4 files and giving each
  system's body and person ids a prefix, for `icp import`;
- a later draft of a national file (every tenth inline seat renamed), for `icp diff`.
"""

from __future__ import annotations

import csv
import io
import subprocess
from collections.abc import Sequence
from pathlib import Path

import generate

WORK = generate.DATA / "work"


def ensure() -> None:
    """Start afresh when this file or generate.py changed since the inputs were made."""
    import hashlib
    import shutil

    stamp = hashlib.sha256(
        Path(__file__).read_bytes() + Path(generate.__file__).read_bytes()
    ).hexdigest()
    marker = WORK / "stamp"
    if marker.exists() and marker.read_text(encoding="utf-8") == stamp:
        return
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    marker.write_text(stamp, encoding="utf-8")


def messy_set(scale: int) -> Path:
    """The national ×scale set with every second flow-style seat line repeated."""
    target = WORK / f"messy-x{scale}"
    if target.is_dir():
        return target
    partial = WORK / f"messy-x{scale}.partial"
    partial.mkdir(parents=True, exist_ok=True)
    for source in sorted(generate.set_dir(scale).glob("*.yaml")):
        out: list[str] = []
        flow = 0
        for line in source.read_text(encoding="utf-8").split("\n"):
            out.append(line)
            if line.startswith("      - {"):
                flow += 1
                if flow % 2:
                    out.append(line)
        (partial / source.name).write_text("\n".join(out), encoding="utf-8")
    partial.rename(target)
    return target


def big_body(seats: int) -> Path:
    """One file: an ICP of `seats` members, each inline (a name, an organisation, a
    sector, a role), plus the councils' statutory seats."""
    path = WORK / f"body-{seats}.yaml"
    if path.exists():
        return path
    sectors = ("vcse", "healthwatch", "housing", "education", "university", "police-justice",
               "fire-rescue", "lived-experience", "business", "social-care-provider")
    roles = ("Member", "Partner member", "Lay member", "Adviser")
    kinds = ("vcse", "healthwatch", "lived-experience", "social-care-provider", "partner-trusts",
             "primary-care")
    lines = [
        "# A synthetic ICP with one very large body (benchmarks/workloads.py).",
        "version: 1",
        "system:",
        "  name: Benchmark ICS",
        "  local_authorities: [Kelness Council]",
        "bodies:",
        "  icp:",
        "    type: icp",
        "    name: Benchmark Integrated Care Partnership",
        "    members:",
        "      - {name: Cllr Ann Kelly, organisation: Kelness Council, "
        "sector: local-government, role: Chair, seat: chair, appointed_by: Kelness Council}",
    ]
    forenames, surnames = generate.FORENAMES, generate.SURNAMES
    for i in range(seats - 1):
        name = (f"{forenames[i % len(forenames)]} {surnames[(i // len(forenames)) % len(surnames)]}"
                f" {generate.STEMS[i // (len(forenames) * len(surnames)) % len(generate.STEMS)]}")
        org = f"{generate.STEMS[i % len(generate.STEMS)]} Partners {i % 97}"
        lines.append(
            f"      - {{name: {name}, organisation: {org}, sector: {sectors[i % len(sectors)]}, "
            f"role: {roles[i % len(roles)]}, seat: {kinds[i % len(kinds)]}}}"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def seat_table(rows: int, icp: Sequence[str], env: dict[str, str]) -> Path:
    """A CSV of `rows` seat rows: national ×4 files exported by `icp export`, each
    system's body, person and appointing-body ids prefixed so that systems do not meet."""
    path = WORK / f"seats-{rows}.csv"
    if path.exists():
        return path
    id_columns = ("body", "person_id", "substitute_for", "body_also", "body_in_common_with",
                  "not_same_as")
    header: list[str] | None = None
    out: list[list[str]] = []
    surnames = set(generate.SURNAMES)
    for number, source in enumerate(sorted(generate.set_dir(4).glob("*.yaml")), 1):
        exported = subprocess.run(
            [*icp, "export", str(source), "--format", "csv"], capture_output=True, text=True,
            env=env, check=True,
        ).stdout.lstrip("\ufeff")
        table = list(csv.reader(io.StringIO(exported)))
        header, body_rows = table[0], table[1:]
        bodies = {row[header.index("body")] for row in body_rows}
        prefix = f"s{number:02d}-"
        stem = generate.STEMS[number % len(generate.STEMS)].capitalize()
        for row in body_rows:
            row = list(row)
            for column in id_columns:
                at = header.index(column)
                if row[at]:
                    row[at] = ";".join(prefix + v for v in row[at].split(";"))
            at = header.index("name")
            if row[at]:  # one person per system: the same name in two systems is two people
                row[at] = " ".join(
                    f"{word}-{stem}" if word in surnames else word for word in row[at].split(" ")
                )
            at = header.index("body_type")
            if row[at] == "icb" and number > 1:  # one ICB per file
                row[at] = "committee"
            at = header.index("appointed_by")
            if row[at] in bodies:
                row[at] = prefix + row[at]
            out.append(row)
            if len(out) == rows:
                break
        if len(out) == rows:
            break
    assert header is not None and len(out) == rows, f"the ×4 set has fewer than {rows} seats"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *out])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def later_draft(source: Path, scale: int) -> Path:
    """`source` with every tenth inline seat given a new name."""
    path = WORK / f"draft-x{scale}.yaml"
    if path.exists():
        return path
    out: list[str] = []
    seat = 0
    for line in source.read_text(encoding="utf-8").split("\n"):
        if line.startswith("      - {name: "):
            seat += 1
            if seat % 10 == 0:
                line = line.replace("{name: ", "{name: Newly ", 1)
        out.append(line)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out), encoding="utf-8")
    return path
