"""Expand a bin naming pattern (aisle x shelf x level) into bin names, without any ORM.

A range spec is a comma-separated list of items; an item is a single value ("A", "7")
or an inclusive range of letters ("A-C") or numbers ("1-12"). Examples:
``"A-C"`` gives A, B, C; ``"1-3,7"`` gives 1, 2, 3, 7; ``"AA,AB"`` gives AA, AB.
"""

import re
import string

_NUM_RANGE = re.compile(r"^(\d+)\s*-\s*(\d+)$")
_LETTER_RANGE = re.compile(r"^([A-Za-z])\s*-\s*([A-Za-z])$")
MAX_BINS = 5000


class BinPatternError(ValueError):
    """A range spec that cannot be read; the message says which part and why."""


def expand_range(spec, pad=0):
    """Return the values of a range spec as strings, numbers left-padded to ``pad``."""
    values = []
    for raw in (spec or "").split(","):
        item = raw.strip()
        if not item:
            continue
        num = _NUM_RANGE.match(item)
        letters = _LETTER_RANGE.match(item)
        if num:
            start, end = int(num.group(1)), int(num.group(2))
            if start > end:
                raise BinPatternError(f"'{item}': the range goes backwards")
            values += [str(n).zfill(pad) for n in range(start, end + 1)]
        elif letters:
            start, end = letters.group(1), letters.group(2)
            alphabet = (
                string.ascii_uppercase if start.isupper() else string.ascii_lowercase
            )
            if end not in alphabet or alphabet.index(start) > alphabet.index(end):
                raise BinPatternError(
                    f"'{item}': the range goes backwards or mixes cases"
                )
            values += list(alphabet[alphabet.index(start) : alphabet.index(end) + 1])
        elif item.isdigit():
            values.append(item.zfill(pad))
        elif "-" in item or not item.isalnum():
            raise BinPatternError(
                f"'{item}': use a value (A, 7) or a range (A-C, 1-12)"
            )
        else:
            values.append(item)
    seen = set()
    return [v for v in values if not (v in seen or seen.add(v))]


def generate_bin_names(
    aisles, shelves, levels="", separator="-", shelf_pad=2, level_pad=0
):
    """Return bin names aisle-major, e.g. A-01-1, A-01-2, ..., C-12-4.

    ``levels`` may be empty for bins without levels (A-01 ... C-12).
    """
    aisle_values = expand_range(aisles)
    shelf_values = expand_range(shelves, shelf_pad)
    level_values = expand_range(levels, level_pad) if (levels or "").strip() else [None]
    if not aisle_values:
        raise BinPatternError("no aisle given")
    if not shelf_values:
        raise BinPatternError("no shelf given")
    count = len(aisle_values) * len(shelf_values) * len(level_values)
    if count > MAX_BINS:
        raise BinPatternError(
            f"{count} bins is more than the {MAX_BINS} allowed at once"
        )
    names = []
    for aisle in aisle_values:
        for shelf in shelf_values:
            for level in level_values:
                parts = [aisle, shelf] + ([level] if level is not None else [])
                names.append(separator.join(parts))
    return names
