"""`icp init`: write a commented starter membership file that loads and checks."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from icp_cli.console import write_stdout
from icp_cli.exit_codes import ExitCode
from icp_cli.immutable import frozen
from icp_cli.load.errors import UsageError
from icp_cli.output import check_writable, write_atomic
from icp_cli.safe_text import terminal

PLACEHOLDER_SYSTEM = "Example ICS"
PLACEHOLDER_COUNCIL = "Example County Council"
DEFAULT_PATH = Path("membership.yaml")
TEMPLATE = "membership.yaml.j2"

# Text that YAML reads back as the same string without quotes.
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .,'&()/-]*")
_RESERVED = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})
_ICS_SUFFIX = re.compile(r"\s+(ICS|Integrated Care System)$", re.IGNORECASE)


@frozen
class Answers:
    system: str
    councils: tuple[str, ...]
    system_placeholder: bool
    councils_placeholder: bool


def can_prompt() -> bool:
    """Ask questions only when a person is at both ends: never in a pipe or a script."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def run(path: Path, system: str | None, councils: list[str], force: bool) -> int:
    to_stdout = str(path) == "-"
    if not to_stdout:
        path = path / DEFAULT_PATH.name if path.is_dir() else path
        _check_target(path, force)
    interactive = not to_stdout and can_prompt() and (system is None or not councils)
    answers = _ask(system, councils) if interactive else _answers(system, councils)
    text = render(answers, "membership.yaml" if to_stdout else path.name)
    if to_stdout:
        write_stdout(text)
        return ExitCode.OK
    write_atomic(path, text, force)
    write_stdout(
        f"Wrote {terminal(path)}: a starter for {terminal(answers.system)}.\n"
        f"Next: add the members of each body, then run: icp check {terminal(path)}\n"
    )
    return ExitCode.OK


def _check_target(path: Path, force: bool) -> None:
    # Before any question is asked: refusing after the answers would waste them.
    if path.exists() and not force:
        raise UsageError(
            f"{path}: already exists; not replaced",
            hint="add --force to replace it, or give another PATH",
        )
    if not path.parent.exists():
        raise UsageError(f"{path}: the folder {path.parent} does not exist")
    check_writable(path, force)  # a folder, device, FIFO or dangling link: never written


def _answers(system: str | None, councils: list[str]) -> Answers:
    name = _valid(system, "--system") if system is not None else PLACEHOLDER_SYSTEM
    given = tuple(_valid(c, "--council") for c in councils)
    _no_repeats(given)
    return Answers(
        system=name,
        councils=given or (PLACEHOLDER_COUNCIL,),
        system_placeholder=name == PLACEHOLDER_SYSTEM,
        councils_placeholder=not given,
    )


def _ask(system: str | None, councils: list[str]) -> Answers:
    from rich.prompt import Prompt

    from icp_cli.console import rich_console

    console = rich_console()
    try:
        while system is None:
            answer = Prompt.ask(
                "Name of the Integrated Care System", console=console, default=PLACEHOLDER_SYSTEM
            ).strip()
            system = _ask_again(console, answer, "the name")
        if not councils:
            console.print(
                "Councils with social-care duties (upper tier or unitary), one at a time; "
                "an empty answer ends the list."
            )
            while True:
                answer = Prompt.ask("Council", console=console, default="", show_default=False)
                if not answer.strip():
                    break
                council = _ask_again(console, answer.strip(), "a council")
                if council is None:
                    continue
                if (earlier := _same_council(council, councils)) is not None:
                    # Asked again now, not refused at the end with every answer lost.
                    console.print(
                        f"'{council}' is given already (as '{earlier}'); give another "
                        "council, or an empty answer to end the list."
                    )
                    continue
                councils = [*councils, council]
    except EOFError:
        raise UsageError("no answer given; nothing written") from None
    return _answers(system, councils)


def _ask_again(console: object, answer: str, what: str) -> str | None:
    try:
        return _valid(answer, what)
    except UsageError as exc:
        console.print(f"{exc.message}; try again.")  # type: ignore[attr-defined]
        return None


def _valid(value: str, option: str) -> str:
    text = value.strip()
    if not text:
        raise UsageError(f"{option} is empty")
    if not text.isprintable():
        raise UsageError(f"{option} must be one line of text without control characters")
    return text


def _same_council(council: str, councils: list[str]) -> str | None:
    """The council already in the list that is `council` (names compared as organisations)."""
    from icp_cli.people.matching import normalise_organisation

    key = normalise_organisation(council)
    return next((c for c in councils if normalise_organisation(c) == key), None)


def _no_repeats(councils: tuple[str, ...]) -> None:
    from icp_cli.people.matching import normalise_organisation

    seen: set[str] = set()
    for council in councils:
        key = normalise_organisation(council)
        if key in seen:
            raise UsageError(f"--council '{council}' is given twice")
        seen.add(key)


def body_names(system: str) -> tuple[str, str]:
    """The ICB's and the ICP's names, following the national pattern."""
    base = _ICS_SUFFIX.sub("", system).strip() or system
    return f"NHS {base} Integrated Care Board", f"{base} Integrated Care Partnership"


def yaml_scalar(text: str) -> str:
    """The text as a YAML scalar: plain where that reads back the same, else double-quoted."""
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED and not text.endswith(" "):
        return text
    # JSON's double-quoted strings are YAML 1.2 double-quoted scalars.
    return json.dumps(text, ensure_ascii=False)


def render(answers: Answers, file_name: str) -> str:
    """The starter file; it is loaded before it is returned, so it always loads."""
    import jinja2

    from icp_cli.load.builder import load_text
    from icp_cli.resources import templates_dir

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # YAML, not HTML: values are quoted by the yaml filter
    )
    env.filters["yaml"] = yaml_scalar
    icb_name, icp_name = body_names(answers.system)
    text = env.get_template(TEMPLATE).render(
        system=answers.system,
        system_comment=answers.system,
        file_comment=file_name if file_name.isprintable() else DEFAULT_PATH.name,
        councils=answers.councils,
        first_council=answers.councils[0],
        icb_name=icb_name,
        icp_name=icp_name,
        placeholders={
            "system": answers.system_placeholder,
            "councils": answers.councils_placeholder,
        },
    )
    load_text(text, file_name)  # a template mistake must fail here, never in the user's hands
    return text
