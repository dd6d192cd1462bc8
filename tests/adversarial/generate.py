"""The adversarial suite's cases: hostile files, file names, templates, spreadsheets,
environments and arguments, run through every command and output.

Nothing is committed but this script: `cases()` describes each case and `Case.make(dir)`
writes its files into a folder at test time. By hand:

    python tests/adversarial/generate.py              # a summary, by class
    python tests/adversarial/generate.py --list       # every case id
    python tests/adversarial/generate.py --write DIR  # each case's files in DIR/<id>/

Classes (issue 11): crash, runaway, injection, data-loss, smaller. Each case says which
exit codes the spec allows, what stderr must say (where the spec gives the words) and
what must not appear in the output. The checks every case gets (no traceback, no raw
control characters, no file lost, the tool's own --timeout) are in test_adversarial.py.
"""

from __future__ import annotations

import io
import os
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import scale

# --timeout given to every command that has it: far above what any case needs, so that
# a runaway fails the case instead of hanging the suite.
TIMEOUT = "30"


@dataclass
class Case:
    id: str
    cls: str  # crash | runaway | injection | data-loss | smaller
    argv: list[str]  # {dir} is the case's folder
    files: dict[str, bytes] = field(default_factory=dict)
    exits: frozenset[int] = frozenset({0, 1})
    stderr_has: str | None = None  # e.g. the character the spec says an error names
    payload: str | None = None  # hostile text that must not reach the output unescaped
    dest: str = "text"  # text | markdown | html | csv | json | github | docx | yaml
    output: str | None = None  # file name of -o inside {dir}, checked like stdout
    subprocess: bool = False  # signals, crashes of the interpreter, memory limits
    stdin: bytes | None = None
    setup: Callable[[Path], None] | None = None  # FIFOs, symlinks, folders
    kept: tuple[str, ...] = ()  # paths that must exist, unchanged in kind, after the run
    created: str | None = None  # a path that must exist after the run
    verify: Callable[[str], str | None] | None = None  # stdout -> a failure, or None

    def make(self, folder: Path) -> list[str]:
        """Write the case's files into `folder`; the argv with {dir} filled in."""
        for name, data in self.files.items():
            path = Path(os.fsdecode(os.path.join(os.fsencode(folder), os.fsencode(name))))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if self.setup is not None:
            self.setup(folder)
        return [a.replace("{dir}", str(folder)) for a in self.argv]


# -- membership files ------------------------------------------------------------------------


def dq(text: str) -> str:
    """`text` as a YAML double-quoted scalar, every non-printable as an escape, so the file
    stays printable ASCII whatever the payload."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0x20 <= code < 0x7F:
            out.append(ch)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def membership(
    system: str = "Hostile ICS",
    body_id: str = "icp",
    body_name: str = "Hostile ICP",
    person: str = "Ann Lee",
    organisation: str = "Northgate Council",
    role: str = "Leader",
) -> str:
    """A small valid file (an ICB and an ICP sharing a person) with the payload in one
    place; the rest is plain."""
    return f"""version: 1
system:
  name: {dq(system)}
  local_authorities: [Northgate Council]
people:
  - id: ann
    name: {dq(person)}
    organisation: {dq(organisation)}
bodies:
  icb:
    type: icb
    name: Hostile ICB
    members:
      - {{person: ann, seat: chair}}
      - {{name: Bob Stone, organisation: Hostile ICB, seat: chief-executive}}
  {dq(body_id)}:
    type: icp
    name: {dq(body_name)}
    members:
      - {{person: ann, seat: chair, role: {dq(role)}}}
      - {{name: Cat Moss, organisation: Northgate Council, seat: councillor}}
"""


# Strings the spec refuses in any text field: control characters, line breaks and
# bidirectional overrides. The error names the character (membership-format.md).
CONTROL = {
    "esc-title": ("\x1b]0;pwned\x07", "U+001B"),
    "esc-clear": ("A\x1b[2J\x1b[H", "U+001B"),
    "csi-c1": ("A\x9b31mred", "U+009B"),
    "nel-heading": ("A\x85# Heading", "U+0085"),
    "ls-heading": ("A\u2028# Heading", "U+2028"),
    "ps-item": ("A\u2029- item", "U+2029"),
    "vt": ("A\x0bB", "U+000B"),
    "ff": ("A\x0cB", "U+000C"),
    "fs": ("A\x1cB", "U+001C"),
    "cr-formula": ("A\r=1+1", "U+000D"),
    "lf-workflow": ("A\n::error file=a.yaml,line=1::pwned", "U+000A"),
    "nul": ("A\x00B", "U+0000"),
    "bel": ("A\x07", "U+0007"),
    "del": ("A\x7fB", "U+007F"),
    "bidi-rlo": ("A\u202eevil", "U+202E"),
    "bidi-isolate": ("A\u2066B", "U+2066"),
}

# Text the spec allows that means something to one output or another.
MARKUP = {
    "workflow": "::error file=a.yaml,line=1::pwned",
    "formula-eq": '=HYPERLINK("http://x.invalid","y")',
    "formula-plus": "+1+1",
    "formula-minus": "-1+1",
    "formula-at": "@SUM(A1)",
    "formula-tab": "\t=1+1",
    "leading-zero": "00042",
    "md-heading": "# Heading",
    "md-list": "- item",
    "md-ordered": "1. item",
    "md-table": "| a | b |",
    "md-link": "[x](javascript:alert(1))",
    "md-emphasis": "*bold* _it_ `code` ~~s~~",
    "md-image": "![i](http://x.invalid/i.png)",
    "html-script": "<script>alert(1)</script>",
    "html-attr": "\"'><img src=x onerror=alert(1)>",
    "entity": "&amp; &#x3C; &lt;",
    "rich-markup": "[bold red]x[/] [link=http://x.invalid]y[/link]",
    "yaml-comment": "# icp: ignore[S101]",
    "jinja": "{{ 7*7 }} {% raw %}",
    "percent": "%s %d {0} {} %(x)s",
    "zero-width": "Ann\u200bLee\u2060",
    "unicode": "Zoë Ñ 中文 🙂 ﷽",
    "backslash": "C:\\path\\n\\x1b",
    "sarif-uri": "%2e%2e/%0a",
}

# Every output of every command that renders the membership: (id, argv, dest, -o name).
OUTPUTS: list[tuple[str, list[str], str, str | None]] = [
    ("check-text", ["check", "{file}", "--timeout", TIMEOUT], "text", None),
    ("check-json", ["check", "{file}", "-f", "json", "--timeout", TIMEOUT], "json", None),
    ("check-sarif", ["check", "{file}", "-f", "sarif", "--timeout", TIMEOUT], "json", None),
    ("check-github", ["check", "{file}", "-f", "github", "--timeout", TIMEOUT], "github", None),
    ("check-md", ["check", "{file}", "-f", "markdown", "--timeout", TIMEOUT], "markdown", None),
    ("overlap-text", ["overlap", "{file}", "--timeout", TIMEOUT], "text", None),
    ("overlap-json", ["overlap", "{file}", "-f", "json", "--timeout", TIMEOUT], "json", None),
    ("overlap-md", ["overlap", "{file}", "-f", "markdown", "--timeout", TIMEOUT], "markdown", None),
    ("tor-md", ["terms-of-reference", "{file}", "--timeout", TIMEOUT], "markdown", None),
    ("tor-html", ["terms-of-reference", "{file}", "--timeout", TIMEOUT, "-o", "{dir}/tor.html"],
     "html", "tor.html"),
    ("tor-json", ["terms-of-reference", "{file}", "-f", "json", "--timeout", TIMEOUT], "json",
     None),
    ("tor-docx", ["terms-of-reference", "{file}", "--timeout", TIMEOUT, "-o", "{dir}/tor.docx"],
     "docx", "tor.docx"),
    ("export-csv", ["export", "{file}", "--timeout", TIMEOUT, "-o", "{dir}/seats.csv"], "csv",
     "seats.csv"),
    ("export-popolo", ["export", "{file}", "-f", "popolo", "--timeout", TIMEOUT], "json", None),
]  # fmt: skip

PLACES = ("system", "body_name", "person", "organisation", "role")


def _with_file(argv: list[str], file: str) -> list[str]:
    return [a.replace("{file}", file) for a in argv]


def injection_cases() -> list[Case]:
    out: list[Case] = []
    turn = 0
    # A refused character: wherever it is, the file is an input error naming it.
    for name, (text, char) in CONTROL.items():
        for place in (*PLACES, "body_id"):
            oid, argv, dest, output = OUTPUTS[turn % len(OUTPUTS)]
            turn += 1
            out.append(
                Case(
                    id=f"injection-{name}-in-{place}-{oid}",
                    cls="injection",
                    argv=_with_file(argv, "{dir}/m.yaml"),
                    files={"m.yaml": membership(**{place: text}).encode()},
                    exits=frozenset({2}),
                    stderr_has=char,
                    dest=dest,
                    output=output,
                )
            )
    # Allowed text: it loads, and each output escapes it for its destination.
    for name, text in MARKUP.items():
        for place in PLACES:
            oid, argv, dest, output = OUTPUTS[turn % len(OUTPUTS)]
            turn += 1
            out.append(
                Case(
                    id=f"injection-{name}-in-{place}-{oid}",
                    cls="injection",
                    argv=_with_file(argv, "{dir}/m.yaml"),
                    files={"m.yaml": membership(**{place: text}).encode()},
                    payload=text,
                    dest=dest,
                    output=output,
                )
            )
    return out


# -- file names ------------------------------------------------------------------------------

FILE_NAMES: dict[str, bytes] = {
    "esc": b"m\x1b]0;pwned\x07.yaml",
    "csi": b"m\x1b[2J.yaml",
    "newline-workflow": b"m\n::error file=x,line=1::pwned.yaml",
    "cr": b"m\r=1+1.yaml",
    "nel": "m\x85.yaml".encode(),
    "line-separator": "m\u2028# x.yaml".encode(),
    "not-utf8": b"caf\xe9.yaml",
    "markdown": b"# [x](javascript:alert(1)) *m*.yaml",
    "html": b"<script>alert(1)<\\script>.yaml",
    "long": b"m" * 240 + b".yaml",
}


def file_name_cases() -> list[Case]:
    out: list[Case] = []
    text = membership().encode()
    for name, raw in FILE_NAMES.items():
        for oid, argv, dest, output in OUTPUTS:
            if name not in ("esc", "not-utf8", "newline-workflow") and oid in (
                "tor-docx",
                "overlap-md",
                "check-md",
                "tor-html",
                "overlap-text",
                "tor-json",
                "export-popolo",
            ):
                continue  # the same renderers as their neighbours; keep the suite quick
            shown = os.fsdecode(raw)
            out.append(
                Case(
                    id=f"injection-filename-{name}-{oid}",
                    cls="injection",
                    argv=_with_file(argv, "{dir}/" + shown),
                    files={shown: text},
                    dest=dest,
                    output=output,
                    payload=shown if name in ("markdown", "html") else None,
                )
            )
    # A seat table whose *name* tries to end the header comment of the imported file.
    evil = "x.csv\npolicy:\n  ignore: [S, D, R, V, B, C, G]\n#"
    out.append(
        Case(
            id="injection-import-filename-writes-policy",
            cls="injection",
            argv=["import", "{dir}/" + evil, "-o", "{dir}/m.yaml", "--timeout", TIMEOUT],
            files={
                evil: b"Body,Body type,Name,Organisation,Seat\nicp,icp,Ann Lee,A Council,"
                b"councillor\n"
            },
            dest="yaml",
            output="m.yaml",
            payload="\npolicy:",
        )
    )
    return out


# -- crashes ---------------------------------------------------------------------------------


def _nested_block(depth: int, brk: str) -> bytes:
    """Block mappings `depth` levels deep, one more space of indentation each."""
    lines = ["version: 1", "system: {name: Deep}", "bodies: {}", "x:"]
    lines += [" " * (i + 1) + f"k{i}:" for i in range(depth)]
    return (brk.join(lines) + brk).encode()


def _nested_flow(depth: int, brk: str) -> bytes:
    """Flow sequences `depth` levels deep, a line break after each bracket."""
    return ("version: 1" + brk + "x: " + ("[" + brk) * depth + brk).encode()


def _xlsx(rows: list[list[object]], system: list[list[object]] | None = None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Seats"
    for row in rows:
        sheet.append(row)
    if system is not None:
        extra = book.create_sheet("System")
        for row in system:
            extra.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _patched(data: bytes, member: str, change: Callable[[bytes], bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            target.writestr(info.filename, change(body) if info.filename == member else body)
    return buffer.getvalue()


SEATS = [["Body", "Body type", "Name", "Organisation", "Seat"],
         ["icp", "icp", "Ann Lee", "A Council", "councillor"]]  # fmt: skip
SHEET = "xl/worksheets/sheet1.xml"


def crash_cases() -> list[Case]:
    out: list[Case] = []
    breaks = (("lf", "\n"), ("cr", "\r"), ("crlf", "\r\n"), ("nel", "\x85"),
              ("ls", "\u2028"), ("ps", "\u2029"))  # fmt: skip
    for name, brk in breaks:
        for style, text in (
            ("block", _nested_block(1500, brk)),
            ("flow", _nested_flow(100_000, brk)),
        ):
            out.append(
                Case(
                    id=f"crash-deep-{style}-{name}",
                    cls="crash",
                    argv=["check", "{dir}/deep.yaml", "--timeout", TIMEOUT],
                    files={"deep.yaml": text},
                    exits=frozenset({2}),
                    # Written with LF or CR the nesting is too deep; NEL, U+2028 and U+2029
                    # are not line breaks in YAML 1.2, so the file is one line holding them,
                    # and the control-character rule names the first.
                    stderr_has="nested" if name in ("lf", "crlf", "cr") else "U+",
                    subprocess=True,
                )
            )
    deep_seq = b"version: 1\nx:\n" + b"- " * 100_000 + b"x\n"
    deep_map = b"version: 1\nx: " + b"{a: " * 100_000 + b"\n"
    for name, text in (("block-seq-one-line", deep_seq), ("flow-map-one-line", deep_map)):
        out.append(
            Case(
                id=f"crash-deep-{name}",
                cls="crash",
                argv=["check", "{dir}/deep.yaml", "--timeout", TIMEOUT],
                files={"deep.yaml": text},
                exits=frozenset({2}),
                subprocess=True,
            )
        )
    big = {
        "hex-quorum": "0x" + "F" * 5000,
        "octal-quorum": "0o" + "7" * 6000,
        "decimal-quorum": "9" * 5000,
        "binary-quorum": "0b" + "1" * 20000,
    }
    for name, number in big.items():
        text = membership().replace(
            "    type: icp\n", f"    type: icp\n    meetings: {{quorum: {number}}}\n"
        )
        out.append(
            Case(
                id=f"crash-bigint-{name}",
                cls="crash",
                argv=["check", "{dir}/m.yaml"],
                files={"m.yaml": text.encode()},
                exits=frozenset({2}),
            )
        )
    out.append(
        Case(
            id="crash-bigint-version",
            cls="crash",
            argv=["check", "{dir}/m.yaml"],
            files={
                "m.yaml": membership().replace("version: 1", "version: 1" + "0" * 5000).encode()
            },
            exits=frozenset({2}),
        )
    )
    for name, value in (("superscript", "²"), ("minus", "-1"), ("nan", "nan")):
        for option in ("--max-depth", "--max-bytes", "--timeout"):
            out.append(
                Case(
                    id=f"crash-option-{option.strip('-')}-{name}",
                    cls="crash",
                    argv=["check", "{dir}/m.yaml", option, value],
                    files={"m.yaml": membership().encode()},
                    exits=frozenset({2}),
                )
            )
    out.append(
        Case(
            id="crash-pyproject-not-utf8-above",
            cls="crash",
            argv=["check", "{dir}/sub/m.yaml"],
            files={
                "pyproject.toml": b"[tool.icp]\nselect = ['\xff\xfe']\n",
                "sub/m.yaml": membership().encode(),
            },
            exits=frozenset({0, 1, 2}),
        )
    )
    out.append(
        Case(
            id="crash-dev-zero",
            cls="crash",
            argv=["check", "/dev/zero", "--max-bytes", "1M"],
            exits=frozenset({2}),
            subprocess=True,
        )
    )
    out.append(
        Case(
            id="crash-stdin-endless",
            cls="crash",
            argv=["check", "-", "--max-bytes", "1M"],
            stdin=b"# x\n" * 600_000,
            exits=frozenset({2}),
            subprocess=True,
        )
    )
    good = _xlsx(SEATS, [["name", "Hostile ICS"]])
    name_cell = b'<c r="C2" t="inlineStr"><is><t>Ann Lee</t></is></c>'

    def cell(replacement: bytes) -> Callable[[bytes], bytes]:
        return lambda xml: xml.replace(name_cell, replacement)

    def entities(xml: bytes) -> bytes:
        doctype = (b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
                   b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                   b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')  # fmt: skip
        return doctype + xml.replace(b"<t>Ann Lee</t>", b"<t>&c;</t>")

    broken = {
        "malformed-xml": _patched(good, SHEET, lambda b: b[: len(b) // 2]),
        "dtd-entity": _patched(good, SHEET, entities),
        "shared-string-index": _patched(good, SHEET, cell(b'<c r="C2" t="s"><v>9999</v></c>')),
        "bad-number": _patched(good, SHEET, cell(b'<c r="C2" t="n"><v>x1</v></c>')),
        "bad-date": _patched(good, SHEET, cell(b'<c r="C2" t="d"><v>nope</v></c>')),
        "not-a-zip": b"PK\x03\x04" + b"\x00" * 100,
        "superscript-population": _xlsx(SEATS, [["name", "Hostile ICS"], ["population", "²"]]),
        "control-in-cell": _patched(
            good, SHEET, cell(b'<c r="C2" t="inlineStr"><is><t>Ann_x001B_[2J</t></is></c>')
        ),
    }
    for name, data in broken.items():
        out.append(
            Case(
                id=f"crash-xlsx-{name}",
                cls="crash",
                argv=["import", "{dir}/seats.xlsx", "--timeout", TIMEOUT],
                files={"seats.xlsx": data},
                exits=frozenset({2}),
            )
        )
    csvs = {
        "nul": b"Body,Body type,Name,Organisation,Seat\nicp,icp,Ann\x00Lee,A,councillor\n",
        "not-utf8": b"Body,Body type,Name,Organisation,Seat\nicp,icp,Zo\xeb,A,councillor\n",
        "esc": b"Body,Body type,Name,Organisation,Seat\nicp,icp,Ann\x1b]0;t\x07,A,councillor\n",
        "cr-formula": b'Body,Body type,Name,Organisation,Seat\nicp,icp,"\r=1+1",A,councillor\n',
        "wide": b",".join(b"c%d" % i for i in range(50_000)) + b"\n",
    }
    for name, data in csvs.items():
        out.append(
            Case(
                id=f"crash-csv-{name}",
                cls="crash",
                argv=["import", "{dir}/seats.csv", "--timeout", TIMEOUT],
                files={"seats.csv": data},
                exits=frozenset({2}),
            )
        )
    return out


# -- runaways --------------------------------------------------------------------------------

TEMPLATES = {
    "center": "{{ 'x'|center(2000000000) }}",
    "ljust": "{{ 'x'.ljust(2000000000) }}",
    "percent-format": "{{ '%2000000000d'|format(1) }}",
    "percent-op": "{{ '%2000000000d' % 1 }}",
    "str-format": "{{ '{:2000000000}'.format(1) }}",
    "indent": "{{ 'x'|indent(2000000000, true) }}",
    "double-string": "{% set ns = namespace(s='xx') %}{% for i in range(40) %}"
    "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
    "double-list": "{% set l = [1] %}{% for i in range(40) %}{{ l.extend(l) }}{% endfor %}",
    "nested-list": "{% set ns = namespace(l=[1]) %}{% for i in range(40) %}"
    "{% set ns.l = [ns.l, ns.l] %}{% endfor %}{{ ns.l }}",
    "repeat": "{{ 'x' * 10**9 }}",
    "power": "{{ 9 ** 99999999 }}",
    "lipsum": "{{ lipsum(100000000) }}",
    "output": "{% for i in range(100000) %}{% for j in range(100000) %}xxxxxxxx"
    "{% endfor %}{% endfor %}",
    "loop-time": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "escape-attempt": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
}


def runaway_cases() -> list[Case]:
    out: list[Case] = []
    for name, line in TEMPLATES.items():
        for fmt, suffix in (("markdown", "md"), ("html", "html")):
            args = ["terms-of-reference", "{dir}/m.yaml", "--template", "{dir}/t.j2", "-f", fmt]
            out.append(
                Case(
                    id=f"runaway-template-{name}-{suffix}",
                    cls="runaway",
                    argv=[*args, "--timeout", "2" if name == "loop-time" else TIMEOUT],
                    files={"m.yaml": membership().encode(), "t.j2": f"x\n{line}\n".encode()},
                    exits=frozenset({2}),
                    stderr_has="t.j2:2: " if name != "loop-time" else "t.j2: rendering",
                    subprocess=name in ("center", "double-string"),  # under a memory limit
                )
            )
    sized = [
        ("chain-3000", ["check", "{dir}/m.yaml"], scale.reporting_chain(3000), {0, 1}),
        # A reports_to circle is a finding (G708, a warning) since catalogue 1.1.
        ("circle-3000", ["check", "{dir}/m.yaml"], scale.reporting_circle(3000), {0, 1}),
        ("unknown-ids-3000", ["check", "{dir}/m.yaml"], scale.unknown_ids(3000), {2}),
        ("pairs-3000", ["overlap", "{dir}/m.yaml", "-f", "json"],
         scale.one_person_many_bodies(3000), {2}),
        ("pairs-300", ["overlap", "{dir}/m.yaml", "-f", "markdown"],
         scale.one_person_many_bodies(300), {0}),
        ("long-name-text", ["overlap", "{dir}/m.yaml"], scale.long_name(1_000_000), {0}),
        ("long-name-md", ["overlap", "{dir}/m.yaml", "-f", "markdown"],
         scale.long_name(1_000_000), {0}),
        ("long-name-tor", ["terms-of-reference", "{dir}/m.yaml"], scale.long_name(1_000_000),
         {0}),
        ("long-name-check", ["check", "{dir}/m.yaml"], scale.long_name(1_000_000), {0, 1}),
        ("close-names-overlap", ["overlap", "{dir}/m.yaml", "-f", "json"],
         scale.close_names(5000), {0}),
        ("chain-tor-top", ["terms-of-reference", "{dir}/m.yaml", "--body", "b0"],
         scale.reporting_chain(3000), {0}),
        ("big-body-docx", ["terms-of-reference", "{dir}/m.yaml", "-o", "{dir}/tor.docx"],
         scale.big_body(1000), {0}),
    ]  # fmt: skip
    for name, argv, text, exits in sized:
        out.append(
            Case(
                id=f"runaway-{name}",
                cls="runaway",
                argv=[*argv, "--timeout", TIMEOUT],
                files={"m.yaml": text.encode()},
                exits=frozenset(exits),
            )
        )
    out.append(
        Case(
            id="runaway-import-same-ids-2000",
            cls="runaway",
            argv=["import", "{dir}/seats.csv", "--timeout", TIMEOUT],
            files={"seats.csv": scale.import_same_names(2000).encode()},
            exits=frozenset({0}),
        )
    )
    laughs = ["version: 1", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    laughs += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    out.append(
        Case(
            id="runaway-alias-laughs",
            cls="runaway",
            argv=["check", "{dir}/m.yaml", "--timeout", TIMEOUT],
            files={"m.yaml": ("\n".join(laughs) + "\n").encode()},
            exits=frozenset({2}),
            subprocess=True,
        )
    )
    levels = membership().replace(
        "bodies:\n", "x-people: &p [" + ", ".join(["{name: A}"] * 50) + "]\nbodies:\n"
    )
    out.append(
        Case(
            id="runaway-alias-members",
            cls="runaway",
            argv=["check", "{dir}/m.yaml", "--timeout", TIMEOUT],
            files={"m.yaml": levels.encode()},
            exits=frozenset({0, 1, 2}),
        )
    )
    return out


# -- data loss -------------------------------------------------------------------------------


def _fifo(name: str) -> Callable[[Path], None]:
    return lambda folder: os.mkfifo(folder / name)


def _dangling(name: str) -> Callable[[Path], None]:
    return lambda folder: os.symlink(folder / "nowhere" / "x", folder / name)


def _link_to_existing(name: str) -> Callable[[Path], None]:
    return lambda folder: os.symlink(folder / "precious.txt", folder / name)


def _folder(name: str) -> Callable[[Path], None]:
    return lambda folder: (folder / name).mkdir()


WRITERS: list[tuple[str, list[str], str]] = [
    ("check", ["check", "{dir}/m.yaml", "-f", "json"], "json"),
    ("overlap", ["overlap", "{dir}/m.yaml", "-f", "markdown"], "md"),
    ("tor", ["terms-of-reference", "{dir}/m.yaml", "-f", "markdown"], "md"),
    ("export", ["export", "{dir}/m.yaml", "-f", "csv"], "csv"),
    ("import", ["import", "{dir}/seats.csv"], "yaml"),
    ("schema", ["schema"], "json"),
]


def data_loss_cases() -> list[Case]:
    out: list[Case] = []
    files = {
        "m.yaml": membership().encode(),
        "seats.csv": b"Body,Body type,Name,Organisation,Seat\nicp,icp,Ann,A Council,councillor\n",
        "precious.txt": b"keep me\n",
    }
    for command, argv, ext in WRITERS:
        target = f"out.{ext}"
        variants = [
            ("existing-no-force", {target: b"keep me\n"}, None, [], {2}, (target,)),
            ("dangling-symlink-no-force", {}, _dangling(target), [], {2}, (target,)),
            ("symlink-to-file-no-force", {}, _link_to_existing(target), [], {2},
             (target, "precious.txt")),
            ("fifo-force", {}, _fifo(target), ["--force"], {2}, (target,)),
            ("folder-force", {}, _folder(target), ["--force"], {2}, (target,)),
        ]  # fmt: skip
        for name, extra_files, setup, flags, exits, kept in variants:
            out.append(
                Case(
                    id=f"data-loss-{command}-{name}",
                    cls="data-loss",
                    argv=[*argv, "-o", "{dir}/" + target, *flags],
                    files={**files, **extra_files},
                    setup=setup,
                    exits=frozenset(exits),
                    kept=kept,
                )
            )
        long_name = "o" * (250 - len(ext) - 1) + "." + ext
        out.append(
            Case(
                id=f"data-loss-{command}-legal-250-character-name",
                cls="data-loss",
                argv=[*argv, "-o", "{dir}/" + long_name],
                files=files,
                exits=frozenset({0, 1}),
                created=long_name,
            )
        )
    out.append(
        Case(
            # An empty argument is a slip, not "the current folder" (which holds a file).
            id="data-loss-check-empty-argument",
            cls="data-loss",
            argv=["check", ""],
            files={"m.yaml": membership().encode()},
            exits=frozenset({2}),
        )
    )
    return out


# -- smaller ---------------------------------------------------------------------------------


def _one_bob(stdout: str) -> str | None:
    """Zero-width characters are dropped by Identity normalisation: one Bob Stone."""
    import json

    bobs = [p for p in json.loads(stdout)["people"] if "Bob" in p["name"]]
    return None if len(bobs) == 1 else f"{len(bobs)} people called Bob: {bobs}"


def smaller_cases() -> list[Case]:
    base = membership()
    texts = {
        "brackets-in-quoted-name": (base.replace('"Ann Lee"', '"' + "[" * 70 + 'Ann"'), {0, 1}),
        "bool-maybe": (base.replace("version: 1", "version: 1\nx-flag: !!bool 'maybe'"), {2}),
        "complex-key": (base.replace("bodies:\n", "? [a, b]\n: 1\nbodies:\n"), {2}),
        "line-separator-in-comment": (
            base.replace("bodies:\n", "# a \u2028 comment\nbodies:\n"),
            {0, 1},
        ),
        "bom-and-crlf": ("\ufeff" + base.replace("\n", "\r\n"), {0, 1}),
        "tabs-indent": (base.replace("  type: icb", "\ttype: icb"), {2}),
        "duplicate-keys": (base.replace("    type: icb\n", "    type: icb\n    type: icp\n"), {2}),
        "empty": ("", {2}),
        "only-comment": ("# nothing\n", {2}),
        "a-list": ("- 1\n- 2\n", {2}),
        "merge-key": (base.replace("    type: icb\n", "    <<: {type: icb}\n"), {0, 1, 2}),
        "unknown-tag": (base.replace('"Hostile ICS"', '!python/object "x"'), {2}),
    }
    out = [
        Case(
            id=f"smaller-{name}",
            cls="smaller",
            argv=["check", "{dir}/m.yaml", "--timeout", TIMEOUT],
            files={"m.yaml": text.encode()},
            exits=frozenset(exits),
        )
        for name, (text, exits) in texts.items()
    ]
    zero_width = base.replace(
        "      - {name: Cat Moss, organisation: Northgate Council, seat: councillor}\n",
        "      - {name: Cat Moss, organisation: Northgate Council, seat: councillor}\n"
        '      - {name: "Bob\\u200b Stone", organisation: Hostile ICB, seat: vcse}\n',
    )
    out.append(
        Case(
            id="smaller-zero-width-is-one-person",
            cls="smaller",
            argv=["overlap", "{dir}/m.yaml", "-f", "json", "--timeout", TIMEOUT],
            files={"m.yaml": zero_width.encode()},
            exits=frozenset({0}),
            dest="json",
            verify=_one_bob,
        )
    )
    out.append(
        Case(
            id="smaller-folder-without-yaml",
            cls="smaller",
            argv=["check", "{dir}/empty"],
            setup=_folder("empty"),
            exits=frozenset({2}),
        )
    )
    out.append(
        Case(
            id="smaller-missing-file",
            cls="smaller",
            argv=["check", "{dir}/none.yaml"],
            exits=frozenset({2}),
            stderr_has="none.yaml",
        )
    )
    return out


def cases() -> list[Case]:
    every = [
        *injection_cases(),
        *file_name_cases(),
        *crash_cases(),
        *runaway_cases(),
        *data_loss_cases(),
        *smaller_cases(),
    ]
    ids = [c.id for c in every]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    return every


def main(argv: list[str]) -> int:
    every = cases()
    if "--list" in argv:
        for case in every:
            print(case.id)
    elif "--write" in argv:
        root = Path(argv[argv.index("--write") + 1])
        for case in every:
            folder = root / case.id
            folder.mkdir(parents=True, exist_ok=True)
            args = case.make(folder)
            (folder / "argv.txt").write_text(repr(args) + "\n", encoding="utf-8")
        print(f"{len(every)} cases written to {root}")
    else:
        counts: dict[str, int] = {}
        for case in every:
            counts[case.cls] = counts.get(case.cls, 0) + 1
        for cls, n in sorted(counts.items()):
            print(f"{cls:10} {n}")
        print(f"{'total':10} {len(every)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
