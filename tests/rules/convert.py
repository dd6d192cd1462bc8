"""One-off converter, kept for the record: fixtures/rules/<CODE>/*.yaml -> rules/<CODE>.yaml.

Each old fixture was one membership file whose leading comment block stated what to expect
(`# expect: LINE:COLUMN` or `none`, `# message:`, `# hint:`, `# note:`, `# policy:`,
`# as-of:`) plus free comments (mostly `# shows: ...`). Each becomes one named case:

- `membership`: the file after its leading comment block, byte for byte;
- `description`: the free comment lines of that block, in order, without the `# `;
- `policy`, `as_of`, `notes`: as they were;
- `findings`: one `{code, line, column}` per `# expect:` line, with the line moved up by the
  number of header lines removed; a pinned `# message:`/`# hint:` text is attached to the first
  finding (in position order) whose message/hint contains it (found by running the rule once);
- a note's `line N:` is moved up the same way (the note names the line of the member).

The script checks its own output: it reads every written file back and compares each case with
the fixture it came from, then checks that each case gives the same result as the fixture.
It ran once, at the commit that added tests/rules/ (`.venv/bin/python tests/rules/convert.py`
from the repository root); the fixture folders were then removed, so it cannot run again, and
cases added since (marked in the files) are written by hand.
"""

from __future__ import annotations

import datetime
import io
import re
import sys
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from helpers import check_text  # noqa: E402

OLD = ROOT / "tests" / "fixtures" / "rules"
NEW = ROOT / "tests" / "rules"
_KEYS = ("expect", "policy", "note", "message", "hint", "as-of")
_HEADER = re.compile(rf"^#\s*({'|'.join(_KEYS)}):\s*(.*?)\s*$")
_LINE = re.compile(r"\bline (\d+):")


def _split(text: str) -> tuple[list[str], str]:
    lines = text.splitlines(keepends=True)
    k = 0
    while k < len(lines) and lines[k].startswith("#"):
        k += 1
    return lines[:k], "".join(lines[k:])


def _parse(path: Path) -> dict:
    header, body = _split(path.read_text(encoding="utf-8"))
    found: dict[str, list[str]] = {key: [] for key in _KEYS}
    free: list[str] = []
    for line in header:
        match = _HEADER.match(line)
        if match:
            found[match.group(1)].append(match.group(2))
        else:
            free.append(re.sub(r"^#\s?", "", line.rstrip("\n")))
    shift = len(header)
    expect = sorted(
        (int(a) - shift, int(b)) for a, b in (e.split(":") for e in found["expect"] if e != "none")
    )
    assert all(line >= 1 for line, _ in expect), path
    notes = [_LINE.sub(lambda m: f"line {int(m.group(1)) - shift}:", n) for n in found["note"]]
    return {
        "code": path.parent.name,
        "name": path.stem,
        "body": body,
        "description": free,
        "policy": found["policy"],
        "as_of": found["as-of"][0] if found["as-of"] else None,
        "notes": notes,
        "expect": expect,
        "messages": found["message"],
        "hints": found["hint"],
        "had_expect": bool(found["expect"]),
    }


def _run(code: str, body: str, policy: list[str], as_of: str | None):
    date = datetime.date.fromisoformat(as_of) if as_of else None
    return check_text(body, select=(code,), policy=tuple(policy), as_of=date)


def _attach(case: dict) -> list[dict]:
    result = _run(case["code"], case["body"], case["policy"], case["as_of"])
    mine = sorted(
        (f for f in result.findings if f.code == case["code"]), key=lambda f: (f.line, f.column)
    )
    assert [(f.line, f.column) for f in mine] == case["expect"], case["name"]
    assert all(any(n in note for note in result.notes) for n in case["notes"]), case["name"]
    out: list[dict] = [{"line": f.line, "column": f.column} for f in mine]
    for field, texts, attr in (
        ("message", case["messages"], "message"),
        ("hint", case["hints"], "hint"),
    ):
        for text in texts:
            # The first finding that contains the text and has no pinned text of this kind yet.
            for entry, f in zip(out, mine, strict=True):
                if field not in entry and text in (getattr(f, attr) or ""):
                    entry[field] = text
                    break
            else:
                raise SystemExit(f"{case['code']}/{case['name']}: no free finding for {text!r}")
    return out


def _case_map(case: dict, findings: list[dict]) -> CommentedMap:
    m = CommentedMap()
    if case["description"]:
        m["description"] = (
            LiteralScalarString("\n".join(case["description"]) + "\n")
            if len(case["description"]) > 1
            else case["description"][0]
        )
    if case["policy"]:
        m["policy"] = CommentedSeq(case["policy"])
    if case["as_of"]:
        m["as_of"] = case["as_of"]
    if case["notes"]:
        m["notes"] = CommentedSeq(case["notes"])
    m["membership"] = LiteralScalarString(case["body"])
    seq = CommentedSeq()
    for entry in findings:
        # Pinned texts are double-quoted: plain scalars in a flow mapping trip on '?' and ':'.
        quoted = {
            k: DoubleQuotedScalarString(v) if isinstance(v, str) else v for k, v in entry.items()
        }
        item = CommentedMap([("code", case["code"]), *quoted.items()])
        item.fa.set_flow_style()
        seq.append(item)
    if seq:
        seq.fa.set_block_style()
    else:
        seq.fa.set_flow_style()
    m["findings"] = seq
    return m


def main() -> None:
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    folders = sorted(p for p in OLD.iterdir() if p.is_dir())
    total = 0
    for folder in folders:
        cases = [_parse(p) for p in sorted(folder.glob("*.yaml"))]
        doc = CommentedMap()
        doc["rule"] = folder.name
        doc["cases"] = CommentedMap()
        attached = {}
        for case in cases:
            assert case["had_expect"], case["name"]
            attached[case["name"]] = _attach(case)
            doc["cases"][case["name"]] = _case_map(case, attached[case["name"]])
        buf = io.StringIO()
        buf.write(
            f"# {folder.name}: rule cases (tests/test_rule_cases.py reads this file; the format is"
            " described there).\n"
        )
        yaml.dump(doc, buf)
        target = NEW / f"{folder.name}.yaml"
        target.write_text(buf.getvalue(), encoding="utf-8")
        # Read it back: every case must say exactly what its fixture said.
        back = YAML(typ="safe").load(target.read_text(encoding="utf-8"))
        assert back["rule"] == folder.name
        assert list(back["cases"]) == [c["name"] for c in cases]
        for case in cases:
            got = back["cases"][case["name"]]
            assert got["membership"] == case["body"], case["name"]
            description = got.get("description")
            lines = description.splitlines() if isinstance(description, str) else []
            assert lines == case["description"], case["name"]
            assert got.get("policy", []) == case["policy"], case["name"]
            assert str(got["as_of"]) == case["as_of"] if case["as_of"] else "as_of" not in got
            assert got.get("notes", []) == case["notes"], case["name"]
            assert [(f["line"], f["column"]) for f in got["findings"]] == case["expect"]
            assert all(f["code"] == folder.name for f in got["findings"])
            assert sorted(f["message"] for f in got["findings"] if "message" in f) == sorted(
                case["messages"]
            )
            assert sorted(f["hint"] for f in got["findings"] if "hint" in f) == sorted(
                case["hints"]
            )
        total += len(cases)
        print(f"{folder.name}: {len(cases)} cases")
    print(f"{total} cases from {len(folders)} folders")


if __name__ == "__main__":
    main()
