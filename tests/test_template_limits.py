"""A user's template cannot exhaust memory: every way to make a large value is refused
before the value is made, at the template's line, with exit code 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icp_cli.cli import app
from icp_cli.render.tor import sandbox
from icp_cli.resources import sample_paths

runner = CliRunner()
NORTHSHIRE = str(sample_paths()["northshire"])
TOO_LONG = "a template may make at most 2,000,000 characters at once"

# (template line, what the message says)
HOSTILE = [
    ("{{ 'x'|center(2000000000) }}", "center: a width of 2,000,000,000 is too wide"),
    ("{{ 'x'.center(2000000000) }}", "center: a width of 2,000,000,000 is too wide"),
    ("{{ 'x'.ljust(2000000000) }}", "ljust: a width of 2,000,000,000 is too wide"),
    ("{{ 'x'.rjust(2000000000) }}", "rjust: a width of 2,000,000,000 is too wide"),
    ("{{ 'x'.zfill(2000000000) }}", "zfill: a width of 2,000,000,000 is too wide"),
    ("{{ 'x'|indent(2000000000, true) }}", "indent: a width of 2,000,000,000 is too wide"),
    ("{{ ('a\\n' * 100000)|indent(100, true) }}", "indent of 100,001 lines by 100"),
    ("{{ '%2000000000d'|format(1) }}", "the format '%2000000000d' is too wide"),
    ("{{ '%.2000000000f'|format(1.5) }}", "the format '%.2000000000f' is too wide"),
    ("{{ '%2000000000d' % 1 }}", "the format '%2000000000d' is too wide"),
    ("{{ '%(a)2000000000s' % {'a': 1} }}", "is too wide"),
    ("{{ '%*d' % (2000000000, 1) }}", "a '*' width or precision is not allowed"),
    ("{{ '{:2000000000}'.format(1) }}", "the format '{:2000000000}' is too wide"),
    ("{{ '{:>{w}}'.format(1, w=2000000000) }}", "a nested '{...}' width is not allowed"),
    ("{{ '{0:.2000000000}'.format_map({}) }}", "is too wide"),
    ("{{ '\\t'.expandtabs(2000000000) }}", "expandtabs(2,000,000,000) is too wide"),
    (
        "{% set ns = namespace(s='xx') %}{% for i in range(40) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
        "the joined text is too long",
    ),
    (
        "{% set ns = namespace(s='xx') %}{% for i in range(40) %}"
        "{% set ns.s = ns.s + ns.s %}{% endfor %}",
        "the sum would be too long",
    ),
    (
        "{% set l = [1] %}{% for i in range(40) %}{{ l.extend(l) }}{% endfor %}",
        "extend() would make a list that is too long",
    ),
    (
        "{% set l = [1] %}{% for i in range(40) %}{{ l.append(l * 2) }}{% endfor %}",
        "too long",
    ),
    (
        "{% set ns = namespace(l=[1]) %}{% for i in range(40) %}"
        "{% set ns.l = ns.l + ns.l %}{% endfor %}",
        "the sum would be too long",
    ),
    (
        "{% set ns = namespace(l=[1]) %}{% for i in range(40) %}"
        "{% set ns.l = [ns.l, ns.l] %}{% endfor %}{{ ns.l }}",
        "a value shown or joined is too long",
    ),
    (
        "{% set ns = namespace(l=[1]) %}{% for i in range(40) %}"
        "{% set ns.l = [ns.l, ns.l] %}{% endfor %}{{ ns.l|tojson }}",
        "the input of 'tojson' is too long",
    ),
    (
        "{% set ns = namespace(l=[1]) %}{% for i in range(40) %}"
        "{% set ns.l = [ns.l, ns.l] %}{% endfor %}{{ ns.l ~ '' }}",
        "a value shown or joined is too long",
    ),
    ("{{ 'x' * 10**9 }}", "the repeated sequence would be too long"),
    ("{{ [1] * 10**9 }}", "the repeated sequence would be too long"),
    ("{{ 10**9 * 'x' }}", "the repeated sequence would be too long"),
    ("{{ range(10**9)|list|length }}", "MAX_RANGE"),
    ("{{ 'ab'|replace('', 'x' * 1000000) }}", "replace would make a string that is too long"),
    ("{{ ('x' * 1000000).replace('x', 'yyy') }}", "replace() would make a string"),
    ("{{ (['x' * 1000000] * 1000)|join }}", "too long"),
    ("{{ (['x' * 100000] * 10)|join('y' * 100000) }}", "join would make a string"),
    ("{{ ','.join(['x' * 100000] * 19) }}", "join() would make a string"),
    ("{{ lipsum(100000000) }}", "lipsum makes at most 100 paragraphs"),
    (
        "{% for i in range(100000) %}{% for j in range(100000) %}xxxxxxxxxx"
        "{% endfor %}{% endfor %}",
        "the output is longer than 2,000,000 characters",
    ),
    (
        "{% set b %}{% for i in range(100000) %}{% for j in range(100) %}xxxxxxxxxx"
        "{% endfor %}{% endfor %}{% endset %}{{ b|length }}",
        "a block or a macro makes text that is too long",
    ),
    (
        "{% macro m() %}{% for i in range(100000) %}{% for j in range(100) %}xxxxxxxxxx"
        "{% endfor %}{% endfor %}{% endmacro %}{{ m()|length }}",
        "a block or a macro makes text that is too long",
    ),
    ("{{ [1]|batch(2000000000, 'x')|list }}", "batch: a width of 2,000,000,000 is too wide"),
    ("{{ [1]|slice(2000000000, 'x')|list }}", "slice: a width of 2,000,000,000 is too wide"),
    ("{{ 9 ** 99999999 }}", "makes too large a number"),
    ("{{ (2 ** 60000) ** 100 }}", "makes too large a number"),
    (
        "{% set ns = namespace(n=3) %}{% for i in range(40) %}"
        "{% set ns.n = ns.n * ns.n %}{% endfor %}",
        "the product makes too large a number",
    ),
]


def render(tmp_path: Path, line: str, name: str = "mine.md.j2"):  # type: ignore[no-untyped-def]
    template = tmp_path / name
    template.write_text(f"first line\n{line}\n", encoding="utf-8")
    result = runner.invoke(
        app, ["terms-of-reference", NORTHSHIRE, "--template", str(template)], env={"NO_COLOR": "1"}
    )
    return result, str(template)


@pytest.mark.parametrize(("line", "message"), HOSTILE, ids=[h[0][:40] for h in HOSTILE])
def test_growth_is_refused_at_the_template_line(tmp_path: Path, line: str, message: str) -> None:
    result, path = render(tmp_path, line)
    assert result.exit_code == 2, result.stdout[:200]
    assert result.stdout == ""
    assert result.stderr.startswith(f"{path}:2: "), result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr


def test_html_templates_are_bounded_too(tmp_path: Path) -> None:
    result, path = render(tmp_path, "{{ 'x'|center(2000000000) }}", "mine.html.j2")
    assert result.exit_code == 2 and result.stderr.startswith(f"{path}:2: center")


def test_ordinary_formatting_still_works(tmp_path: Path) -> None:
    result, _ = render(
        tmp_path,
        "{{ body.id|center(9) }}|{{ '%5d' % 3 }}|{{ '{:>4}'.format('a') }}|"
        "{{ '%-3s|%.2f' % ('a', 1.5) }}|{{ 'ab'|replace('a', 'xy') }}|{{ [1, 2]|join('-') }}|"
        "{{ ('a' ~ 'b') * 2 }}|{{ 'x\\ny'|indent(2) }}|{{ lipsum(1, false)|length > 0 }}|"
        "{{ 2 ** 100 }}",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "first line\n   icp   |    3|   a|a  |1.50|xyb|1-2|abab|x\n  y|True|"
        "1267650600228229401496703205376\n"
    )


def test_filters_that_do_not_grow_are_not_measured(tmp_path: Path) -> None:
    # `seats|length` in a loop over the seats must not walk the seats each time.
    from icp_cli.render.tor.sandbox import _guard_filter

    def length(value: object) -> int:
        return 0

    assert _guard_filter("length", length) is length
    assert _guard_filter("string", length) is not length


def test_the_context_passes_through_filters(tmp_path: Path) -> None:
    result, _ = render(tmp_path, "{{ seats|map(attribute='name')|join(', ')|length > 10 }}")
    assert result.exit_code == 0 and result.stdout.endswith("True\n")


def test_measure_stops_at_its_budget() -> None:
    nested: list[object] = [1]
    for _ in range(60):
        nested = [nested, nested]  # 2**60 leaves, shared
    assert sandbox.measure(nested, budget=1000) <= 1010


# Each of these asks for gigabytes; under a 1 GiB address space the only way to end with
# the sandbox's own message (and not MemoryError) is to refuse before allocating.
UNDER_ULIMIT = [
    ("{{ 'x'|center(2000000000) }}", "is too wide"),
    ("{{ '%2000000000d'|format(1) }}", "is too wide"),
    ("{{ '{:2000000000}'.format(1) }}", "is too wide"),
    (
        "{% set ns = namespace(s='xx') %}{% for i in range(40) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        "too long",
    ),
    ("{% set l = [1] %}{% for i in range(40) %}{{ l.extend(l) }}{% endfor %}", "too long"),
]


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux")
def test_refusals_happen_before_allocation_under_a_memory_limit(tmp_path: Path) -> None:
    import resource

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))

    template = tmp_path / "t.md.j2"
    for line, message in UNDER_ULIMIT:
        template.write_text(f"x\n{line}\n", encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "icp_cli", "terms-of-reference", NORTHSHIRE,
             "--template", str(template)],
            capture_output=True, text=True, timeout=120, preexec_fn=cap,
            env={**os.environ, "NO_COLOR": "1"},
        )  # fmt: skip
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith(f"{template}:2: ") and message in done.stderr
        assert "MemoryError" not in done.stderr
