"""Natural ordering of bin names ("A-2" before "A-10"), without any ORM.

The key is a plain string, so that PostgreSQL can sort and index it: every run of
digits is left-padded with zeros to a fixed width and letters are case-folded.
"""

import re

_DIGITS = re.compile(r"(\d+)")
KEY_WIDTH = 8


def natural_key(text, width=KEY_WIDTH):
    """Return a string that sorts like ``text`` read by a human.

    >>> natural_key("A-2") < natural_key("A-10")
    True
    """
    if not text:
        return ""
    parts = _DIGITS.split(text.casefold())
    return "".join(part.zfill(width) if part.isdigit() else part for part in parts)
