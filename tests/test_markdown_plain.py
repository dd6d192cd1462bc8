"""safe_text.markdown returns plain text (a name, a role, an organisation) without its
escaping passes: whatever it is given, that shortcut must write exactly what the passes
would, so that no escape is lost."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from icp_cli import safe_text
from icp_cli.safe_text import markdown

# Characters that matter to one pass or another, and a few that do not.
ALPHABET = (
    string.ascii_letters[:8] + "ZzÉéßİΩ漢" + string.digits[:3] + "²١" + string.punctuation
    + " \t\n\r\x0b\x0c\x85\u2028\u2029\u00a0\u3000\x1b\x7f\x9b\u202e\u200b\u2066\ufeff"
    + "\u0301’–\udcff"
)  # fmt: skip
# Mostly what the shortcut takes, with a few characters it must not take.
NEAR_PLAIN = "AbZéİ漢2²١ '’,.()/-:&_\u00a0\u0301"


def _by_the_passes(text: str, every: bool = False) -> str:
    saved = safe_text._MD_PLAIN
    safe_text._MD_PLAIN = lambda: re.compile(r"(?!)")  # matches nothing: every pass runs
    try:
        return markdown(text, every=every)
    finally:
        safe_text._MD_PLAIN = saved


@pytest.mark.parametrize(
    "text",
    [
        "Ann Kelly", "Cllr Helen Ashworth", "Dr Jo O'Neill-Smith", "Kelness Partners 12",
        "St. Mary's (North)", "A/B", "Zoë Ångström", "İlkay", "Ωmega 2", "Partner member",
        "1. Ann", "2) Bo", "Ann:", "Ann::cmd", "A  B", " Ann", "Ann ", "Ann\u00a0B", "Ann\tB",
        "Ann & Co", "Ann &amp; Co", "-Ann", "Ann-", "#1", "+Ann", "=Ann", "Ann_B", "Ann*",
        "Ann\u202eB", "Ann\u200bB", "Ann\u2028B", "A\u0301nn", "²nd", "١. Ann", "", " ",
        "a\udcffb", "[x](y)", "<b>", "Ann |", "`rm`", "~Ann~", "Ann\\B",
    ],
)  # fmt: skip
def test_the_shortcut_writes_what_the_passes_write(text: str) -> None:
    assert markdown(text) == _by_the_passes(text)
    assert markdown(text, every=True) == _by_the_passes(text, every=True)


def test_the_shortcut_is_taken_for_plain_names() -> None:
    for text in ("Ann Kelly", "Dr Jo O'Neill-Smith", "Kelness Partners 12", "Zoë Ångström"):
        assert safe_text._MD_PLAIN().fullmatch(text), text


@settings(max_examples=3000, deadline=None)
@given(
    st.one_of(
        st.text(alphabet=st.sampled_from(ALPHABET), max_size=24),
        st.text(alphabet=st.sampled_from(NEAR_PLAIN), max_size=12),
    )
)
@example("Ann Kelly")
def test_any_text_is_escaped_the_same_either_way(text: str) -> None:
    assert markdown(text) == _by_the_passes(text)
