"""The sandbox a user's own Jinja template runs in (`terms-of-reference --template`).

Jinja's SandboxedEnvironment stops a template from reaching Python's internals. This
module adds what it does not: bounds on memory. A template is a program, and without them
one line can ask for gigabytes (`'x'|center(2000000000)`, `'%2000000000d'|format(1)`, a
list or a string doubled thirty times). Every way a template can make a large value is
checked *before* the value is made, so the check costs no memory:

- widths and repeat counts: `center`, `ljust`, `rjust`, `zfill`, `indent`,
  `expandtabs`, `%` and `format` (filter and method) widths and precisions, `*`, `**`;
- growth: `+`, `~`, `join`, `replace`, `extend`/`append`/`insert`, block `{% set %}`,
  macro bodies: no single value may exceed MAX_TEXT characters (or items);
- anything shown with `{{ }}` or given to a filter or a method is measured first, so a
  list nested in itself thirty times cannot be turned into text;
- the whole output stops at MAX_OUTPUT characters.

Each refusal is a SecurityError raised while the template runs, so `render_user` reports
it at the template's line, like any other error in it. Time is bounded by the command's
`--timeout` (limits.bounded).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterator
from functools import update_wrapper
from typing import Any, cast

from jinja2 import Environment
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.nodes import Concat, EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

# A terms of reference is a few tens of kilobytes; a hundred times that is still generous.
MAX_TEXT = 2_000_000
MAX_OUTPUT = 2_000_000
MAX_EXPONENT_BITS = 100_000  # an integer of about 30,000 digits
MAX_LIPSUM = 100

# printf-style conversions: flags, width, precision ('*' takes them from the arguments).
_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d*))?[hlL]?[a-zA-Z%]")
_NUMBER = re.compile(r"\d+")

# Methods that make a longer string or list from their object and arguments.
_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill"})
_WIDTH_FILTERS = frozenset({"center", "indent", "batch", "slice"})
# Filters that make no text and no more items than they are given: their input need not
# be measured (measuring `seats` on every `seats|length` in a loop over the seats would
# cost the square of the seats).
_NO_GROWTH = frozenset(
    {
        "abs", "attr", "count", "d", "default", "dictsort", "first", "float",
        "groupby", "int", "items", "last", "length", "list", "map", "max", "min", "random",
        "reject", "rejectattr", "reverse", "round", "select", "selectattr", "sort",
        "unique", "wordcount",
    }
)  # fmt: skip


def refuse(what: str) -> SecurityError:
    return SecurityError(f"{what}; a template may make at most {MAX_TEXT:,} characters at once")


def measure(value: object, budget: int = MAX_TEXT) -> int:
    """The characters (or items) `value` would take as text, counted only up to just past
    `budget`: a list nested in itself thirty times is measured in `budget` steps."""
    total = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, list | tuple | set | frozenset):
            total += len(item) + 2
            stack.extend(item)
        elif isinstance(item, dict):
            total += len(item) + 2
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, int) and not isinstance(item, bool):
            total += item.bit_length() // 3 + 1
        else:
            total += 1
        if total > budget:
            return total
    return total


def check_size(value: object, what: str = "this value") -> object:
    if measure(value) > MAX_TEXT:
        raise refuse(f"{what} is too long")
    return value


def _check_width(width: object, what: str) -> None:
    if isinstance(width, int) and width > MAX_TEXT:
        raise refuse(f"{what}: a width of {width:,} is too wide")


def check_percent(fmt: str, args: object) -> None:
    """`fmt % args` would make no more than MAX_TEXT characters."""
    total = len(fmt) + measure(args)
    for match in _PERCENT.finditer(fmt):
        for number in match.groups():
            if number == "*":
                raise SecurityError("a '*' width or precision is not allowed in a template")
            if number:
                total += int(number)
        if total > MAX_TEXT:
            raise refuse(f"the format '{fmt[:40]}' is too wide")


def check_format(fmt: str, args: object) -> None:
    """`fmt.format(...)` would make no more than MAX_TEXT characters: widths and
    precisions in its fields are added up (nested fields are refused)."""
    total = len(fmt) + measure(args)
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # str.format raises the same error itself
    for _literal, _name, spec, _conversion in fields:
        if not spec:
            continue
        if "{" in spec:
            raise SecurityError("a nested '{...}' width is not allowed in a template")
        total += sum(int(n) for n in _NUMBER.findall(spec))
        if total > MAX_TEXT:
            raise refuse(f"the format '{fmt[:40]}' is too wide")


def _check_call(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Before calling a method of a string or a list from a template."""
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", "")
    for value in (*args, *kwargs.values()):
        check_size(value, "an argument")
    if isinstance(owner, str):
        if name in _WIDTH_METHODS:
            _check_width(args[0] if args else kwargs.get("width"), name)
        elif name == "expandtabs":
            size = args[0] if args else kwargs.get("tabsize", 8)
            if isinstance(size, int) and owner.count("\t") * size + len(owner) > MAX_TEXT:
                raise refuse(f"expandtabs({size:,}) is too wide")
        elif name == "replace" and len(args) >= 2 and isinstance(args[1], str):
            pieces = owner.count(args[0]) + 1 if args[0] else len(owner) + 1
            if len(owner) + pieces * len(args[1]) > MAX_TEXT:
                raise refuse("replace() would make a string that is too long")
        elif name == "join" and args and measure(args[0]) * (len(owner) + 1) > MAX_TEXT:
            raise refuse("join() would make a string that is too long")
    elif (
        isinstance(owner, list | dict | set)
        and name in ("extend", "append", "insert", "update", "__iadd__")
        and measure(owner) + sum(measure(a) for a in args) > MAX_TEXT
    ):
        raise refuse(f"{name}() would make a list that is too long")


def _guard_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that measures its input and arguments first and its result after."""
    if name in _NO_GROWTH:
        return func

    def guarded(*args: Any, **kwargs: Any) -> Any:
        values = [a for a in args if not _is_jinja_internal(a)]
        for value in (*values, *kwargs.values()):
            check_size(value, f"the input of '{name}'")
        if name in _WIDTH_FILTERS:
            width = values[1] if len(values) > 1 else kwargs.get("width", kwargs.get("length"))
            _check_width(width, name)
            if name == "indent" and values:
                lines = str(values[0]).count("\n") + 1
                size = len(width) if isinstance(width, str) else width
                if isinstance(size, int) and lines * size > MAX_TEXT:
                    raise refuse(f"indent of {lines:,} lines by {size:,} is too wide")
        elif name == "format" and values and isinstance(values[0], str):
            check_percent(values[0], values[1:] or kwargs)
        elif name == "replace" and len(values) >= 3:
            text, old, new = (str(v) for v in values[:3])
            pieces = text.count(old) + 1 if old else len(text) + 1
            if len(text) + pieces * len(new) > MAX_TEXT:
                raise refuse("replace would make a string that is too long")
        elif name == "join" and values:
            items = values[0]
            sep = values[1] if len(values) > 1 else kwargs.get("d", "")
            count = measure(items)
            if count + count * len(str(sep)) > MAX_TEXT:
                raise refuse("join would make a string that is too long")
        result = func(*args, **kwargs)
        if isinstance(result, str | list | tuple | dict):
            check_size(result, f"the result of '{name}'")
        return result

    return update_wrapper(guarded, func)


def _is_jinja_internal(value: object) -> bool:
    """The context, eval context or environment Jinja passes to some filters."""
    return isinstance(value, Environment | Context | EvalContext)


class _Generator(CodeGenerator):
    """Compiles `a ~ b` so that each part is measured before the parts are joined."""

    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            func_name = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            func_name = "markup_join"
        else:
            func_name = "str_join"
        self.write(f"environment.icp_joined({func_name}((")
        for arg in node.nodes:
            self.write("environment.icp_part(")
            self.visit(arg, frame)
            self.write("), ")
        self.write(")))")


class BoundedSandbox(SandboxedEnvironment):
    """The stock sandbox, with every way to make a large value bounded (see above)."""

    code_generator_class = _Generator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, finalize=self.icp_part, **kwargs)
        self.globals["lipsum"] = _bounded_lipsum(cast(Callable[..., Any], self.globals["lipsum"]))

    def guard_filters(self) -> None:
        """Wrap every filter (call after adding your own)."""
        for name, func in list(self.filters.items()):
            self.filters[name] = _guard_filter(name, func)

    @staticmethod
    def icp_part(value: Any) -> Any:
        check_size(value, "a value shown or joined")
        return value

    @staticmethod
    def icp_joined(value: Any) -> Any:
        return check_size(value, "the joined text")

    @staticmethod
    def concat(parts: Any) -> str:  # type: ignore[override]
        """The text of a `{% set %}` block, a macro or a caller(): bounded as it is made."""
        pieces: list[str] = []
        total = 0
        for piece in parts:
            total += len(piece)
            if total > MAX_TEXT:
                raise refuse("a block or a macro makes text that is too long")
            pieces.append(piece)
        return "".join(pieces)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(left, int) and isinstance(right, int):
            if right > 0 and abs(left) > 1 and left.bit_length() * right > MAX_EXPONENT_BITS:
                raise SecurityError(f"the power {right:,} makes too large a number")
        elif operator == "*":
            _check_product(left, right)
        elif (
            operator == "+"
            and isinstance(left, str | list | tuple)
            and isinstance(right, str | list | tuple)
            and measure(left) + measure(right) > MAX_TEXT
        ):
            raise refuse("the sum would be too long")
        elif operator == "%" and isinstance(left, str):
            check_percent(left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _check_call(__obj, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(result, str | list | tuple | dict):
            check_size(result, "the result")
        return result

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        fmt = value.__self__
        inner = wrapped

        def bounded(*args: Any, **kwargs: Any) -> str:
            check_format(fmt, (args, kwargs))
            return inner(*args, **kwargs)

        return update_wrapper(bounded, value)


def _check_product(left: Any, right: Any) -> None:
    if isinstance(left, int) and isinstance(right, int):
        if left.bit_length() + right.bit_length() > MAX_EXPONENT_BITS:
            raise SecurityError("the product makes too large a number")
        return
    for seq, times in ((left, right), (right, left)):
        if (
            isinstance(seq, str | list | tuple)
            and isinstance(times, int)
            and measure(seq) * max(times, 0) > MAX_TEXT
        ):
            raise refuse("the repeated sequence would be too long")


def _bounded_lipsum(lipsum: Callable[..., Any]) -> Callable[..., Any]:
    def bounded(n: int = 5, *args: Any, **kwargs: Any) -> Any:
        if not isinstance(n, int) or n > MAX_LIPSUM:
            raise SecurityError(f"lipsum makes at most {MAX_LIPSUM} paragraphs")
        return lipsum(n, *args, **kwargs)

    return update_wrapper(bounded, lipsum)


class OutputTooLong(SecurityError):
    """The output passed MAX_OUTPUT; `where` is the template file and line that was
    writing when it did."""

    def __init__(self, where: tuple[str | None, int | None]) -> None:
        self.where = where
        super().__init__(
            f"the output is longer than {MAX_OUTPUT:,} characters; a template may make no more"
        )


def bounded_output(chunks: Iterator[str]) -> str:
    """The template's output (a generator from Template.generate), stopped past MAX_OUTPUT
    characters."""
    pieces: list[str] = []
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > MAX_OUTPUT:
            where = _suspended_at(chunks)
            chunks.close()  # type: ignore[attr-defined]
            raise OutputTooLong(where)
        pieces.append(chunk)
    return "".join(pieces)


def _suspended_at(gen: Any) -> tuple[str | None, int | None]:
    """The template file and line where the innermost template generator is paused."""
    found: tuple[str | None, int | None] = (None, None)
    while gen is not None and getattr(gen, "gi_frame", None) is not None:
        frame = gen.gi_frame
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            found = (template.filename, template.get_corresponding_lineno(frame.f_lineno))
        gen = gen.gi_yieldfrom
    return found
