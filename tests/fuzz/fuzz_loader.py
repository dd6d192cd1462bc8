"""Fuzz the loader and every output: any input must load, or fail as InputErrors.

Two engines, one target (`one_input`):

- with atheris installed (`pip install atheris`), coverage-guided libFuzzer:
      python tests/fuzz/fuzz_loader.py -max_total_time=300 tests/corpus
- without it, a built-in mutational fuzzer seeded from the corpus and the samples:
      python tests/fuzz/fuzz_loader.py --seconds 300 [--seed N]

CI runs the built-in engine for a few seconds (tests/test_fuzz.py). A crash prints the
input that caused it and saves it under tests/fuzz/crashes/.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from icp_cli.check.findings import Finding
    from icp_cli.model import Membership

ROOT = Path(__file__).resolve().parents[2]
SEEDS = [ROOT / "tests" / "corpus", ROOT / "tests" / "fixtures" / "errors", ROOT / "sample_systems"]
TOKENS = [
    b":", b": ", b"- ", b"[", b"]", b"{", b"}", b",", b"&a ", b"*a", b"!!str ", b"!!int ",
    b"'", b'"', b"\t", b"\n", b"\r\n", b"#", b"---\n", b"...\n", b"? ", b"|\n", b">\n",
    b"<<: ", b"null", b"true", b"yes", b"1e400", b"0x1F", b"-1", b"\xef\xbb\xbf", b"\x00",
    b"\xe2\x80\x9c", b"[bold]", b"<script>", b"|", b"members: []", b"type: icp",
    b"person: ", b"seat: [chair, co-chair]", b"attendance: substitute",
]


def one_input(data: bytes) -> None:
    """The fuzz target: decode, load, check, then every output of every command: check
    (text, JSON, SARIF, GitHub, Markdown), overlap (JSON, Markdown, text; by person,
    organisation and sector), terms of reference (Markdown, HTML, JSON, Word) and export
    (CSV, Popolo). Only InputErrors may escape, and only from loading (or from overlap's
    bound on pairs); every JSON output must parse."""
    from icp_cli.check.engine import check_membership
    from icp_cli.load.builder import load_text
    from icp_cli.load.errors import InputErrors
    from icp_cli.load.source import decode
    from icp_cli.render import json_out
    from icp_cli.render.check import github, markdown, plain, sarif

    try:
        membership = load_text(decode(data, "fuzz.yaml"), "fuzz.yaml")
    except InputErrors as exc:
        assert exc.errors, "InputErrors without errors"
        for error in exc.errors:
            assert error.message and (error.line is None or error.line >= 1)
        return
    result = check_membership(membership)
    json.loads(json_out.render_check([result]))
    json.loads(sarif.render([result]))
    github.render([result])
    plain.render([result])
    markdown.render([result])
    _overlap(membership)
    _terms_of_reference(membership, result.findings)
    _export(membership)


def _overlap(membership: Membership) -> None:
    from icp_cli.load.errors import InputErrors
    from icp_cli.overlap.views import BY_CHOICES, build
    from icp_cli.render.overlap import json_out as overlap_json
    from icp_cli.render.overlap import markdown as overlap_markdown
    from icp_cli.render.overlap import plain as overlap_plain

    for by in BY_CHOICES:
        try:
            view = build(membership, by)
        except InputErrors:
            return  # more pairs of bodies than a view lists: a refusal, not a crash
        json.loads(overlap_json.render(view))
        overlap_markdown.render(view)
        overlap_plain.render(view, 80)


def _terms_of_reference(membership: Membership, findings: Sequence[Finding]) -> None:
    from icp_cli.commands.tor import choose_body
    from icp_cli.render.tor import json_out as tor_json
    from icp_cli.render.tor.kit import render_builtin
    from icp_cli.render.tor.word import render_docx
    from icp_cli.tor.context import build_context

    bodies = list(membership.bodies)
    if not bodies:
        return
    body = choose_body(membership, bodies[0])
    context = build_context(membership, body, findings)
    text = render_builtin(context, "markdown")
    render_builtin(context, "html")
    json.loads(tor_json.render("fuzz.yaml", context, text))
    render_docx(context)


def _export(membership: Membership) -> None:
    from icp_cli.render.export import csv_seats, popolo

    csv_seats.render(membership)
    json.loads(popolo.render(membership))


def _seeds() -> list[bytes]:
    seeds = []
    for folder in SEEDS:
        small = [p for p in sorted(folder.glob("*.yaml")) if p.stat().st_size < 60_000]
        seeds += [p.read_bytes() for p in small]
    return seeds or [b"system: {name: x}\nbodies: {}\n"]


def mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        choice = rng.random()
        at = rng.randint(0, len(out)) if out else 0
        if choice < 0.35:
            out[at:at] = rng.choice(TOKENS)
        elif choice < 0.55 and out:
            del out[at : at + rng.randint(1, 12)]
        elif choice < 0.7 and out:
            out[min(at, len(out) - 1)] = rng.randrange(256)
        elif choice < 0.85 and out:
            # Repeat a line: duplicate keys, ids and seats.
            lines = bytes(out).split(b"\n")
            i = rng.randrange(len(lines))
            lines.insert(rng.randrange(len(lines) + 1), lines[i])
            out = bytearray(b"\n".join(lines))
        else:
            start = rng.randint(0, len(out))
            out[at:at] = out[start : start + rng.randint(1, 80)]
    return bytes(out)


def run_builtin(seconds: float, seed: int, crashes: Path | None) -> int:
    """Mutate seeds for `seconds`; return the number of inputs tried."""
    rng = random.Random(seed)
    seeds = _seeds()
    deadline = time.monotonic() + seconds
    tried = 0
    while time.monotonic() < deadline:
        data = mutate(rng.choice(seeds), rng)
        tried += 1
        try:
            one_input(data)
        except Exception:
            if crashes is not None:
                crashes.mkdir(parents=True, exist_ok=True)
                (crashes / f"crash-{seed}-{tried}.yaml").write_bytes(data)
            sys.stderr.write(f"crash on input #{tried} (seed {seed}):\n{data[:2000]!r}\n")
            raise
    return tried


def main() -> None:
    sys.path.insert(0, str(ROOT))
    try:
        import atheris  # type: ignore[import-not-found]
    except ImportError:
        atheris = None
    if atheris is not None and "--seconds" not in sys.argv:
        atheris.instrument_all()
        atheris.Setup(sys.argv, one_input)
        atheris.Fuzz()
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    tried = run_builtin(args.seconds, args.seed, ROOT / "tests" / "fuzz" / "crashes")
    print(f"fuzz: {tried} inputs in {args.seconds:.0f} s (seed {args.seed}), no crash")


if __name__ == "__main__":
    main()
