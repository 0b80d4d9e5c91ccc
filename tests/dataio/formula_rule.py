"""The spreadsheet-safety rule as the tests state it, apart from the code under test: a cell
that starts with = + - @ tab or carriage return is run as a formula, unless it is a plain
negative number such as -12, -3,5 or -3.5."""

import re

from hypothesis import strategies as st

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def runs_as_formula(cell):
    if not isinstance(cell, str) or not cell.startswith(FORMULA_STARTS):
        return False
    return not re.fullmatch(r"-[0-9]+(?:[.,][0-9]+)?", cell)


# Any text, but often with a dangerous start: a formula character, a digit after a minus
# ('-2+3+cmd|...'), or apostrophes that look like a guard already.
_STARTS = ["=", "+", "-", "@", "\t", "\r", "'", "''", "-1", "-2+3", "-3,5", " =", "\x01="]
texts = st.one_of(
    st.text(st.characters(codec="utf-8")),
    st.builds(
        "".join,
        st.tuples(st.sampled_from(_STARTS), st.text(st.characters(codec="utf-8"), max_size=20)),
    ),
)
