"""The scanner behind `# icp: ignore[...]`: a directive counts only in a YAML comment."""

from __future__ import annotations

from icp_cli.check.suppression import Directive, directives


def found(text: str) -> list[Directive]:
    return list(directives(text))


def test_comment_lines_and_trailing_comments() -> None:
    text = "a: 1  # icp: ignore[S101]\n# icp: ignore[d2, V401]\nb: 2\n"
    assert found(text) == [
        Directive(1, False, ("S101",)),
        Directive(2, True, ("D2", "V401")),
    ]


def test_a_hash_inside_a_plain_scalar_is_not_a_comment() -> None:
    assert found("name: Ann#icp: ignore[S101]\n") == []


def test_quoted_strings_hide_the_directive_even_over_several_lines() -> None:
    text = (
        'a: "x # icp: ignore[S101]"\n'
        "b: 'it''s # icp: ignore[S102]'\n"
        'c: "first line\n'
        '  # icp: ignore[S103] still in the string"\n'
        'd: "esc \\" # icp: ignore[S104]"\n'
        "e: O'Brien  # icp: ignore[S105]\n"
    )
    assert found(text) == [Directive(6, False, ("S105",))]


def test_block_scalars_hide_the_directive_until_they_end() -> None:
    text = (
        "notes: |\n"
        "  # icp: ignore[S101] is text here\n"
        "\n"
        "  more text\n"
        "- key: >-\n"
        "    # icp: ignore[S102] text too\n"
        "  other: 1  # icp: ignore[S103]\n"
        "# icp: ignore[S104]\n"
    )
    assert found(text) == [Directive(7, False, ("S103",)), Directive(8, True, ("S104",))]


def test_a_block_indicator_inside_a_plain_scalar_is_not_a_block() -> None:
    text = "a: x |\n  # icp: ignore[S101]\n"
    assert found(text) == [Directive(2, True, ("S101",))]


def test_flow_collections() -> None:
    text = "a: [x, 'y # icp: ignore[S101]', z]  # icp: ignore[S102]\n"
    assert found(text) == [Directive(1, False, ("S102",))]


def test_lines_are_counted_as_positions_count_them() -> None:
    text = "a: 1  # a form feed \x0c here\r\nb: 2\r# icp: ignore[S101]\n"
    assert found(text) == [Directive(3, True, ("S101",))]
