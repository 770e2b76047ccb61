"""Exit 0 when every requirement in the given files is installed in this Python."""

import re
import sys
from importlib import metadata


def _parse(line):
    line = line.split("#", 1)[0].strip()
    if not line or line.startswith("-"):
        return None
    match = re.match(r"^([A-Za-z0-9_.\-]+)\s*(?:>=\s*([0-9][^,;\s]*))?", line)
    if not match:
        return None
    below = re.search(r"<\s*([0-9][^,;\s]*)", line)
    return match.group(1), match.group(2), below and below.group(1)


def _version_tuple(version):
    return tuple(int(p) if p.isdigit() else 0 for p in re.split(r"[.+-]", version))


def main(paths):
    missing = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                parsed = _parse(line)
                if not parsed:
                    continue
                name, minimum, below = parsed
                try:
                    installed = metadata.version(name)
                except metadata.PackageNotFoundError:
                    missing.append(name)
                    continue
                if minimum and _version_tuple(installed) < _version_tuple(minimum):
                    missing.append(f"{name}>={minimum} (found {installed})")
                elif below and _version_tuple(installed) >= _version_tuple(below):
                    missing.append(f"{name}<{below} (found {installed})")
    if missing:
        print("missing: " + ", ".join(missing))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
