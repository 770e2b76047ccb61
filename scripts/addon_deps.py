"""Print the Odoo modules the given project addons need that are not project addons.

Usage: addon_deps.py ADDONS_DIR ADDON [ADDON ...]
Prints a comma-separated list (dependencies of dependencies included), so that the
scripts can install Odoo's own modules first, as OCA's CI does: a localization's chart
of accounts, for one, is only loaded once the registry is complete.
"""

import ast
import sys
from pathlib import Path


def external_depends(addons_dir, names):
    seen, external = set(), set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        manifest = Path(addons_dir, name, "__manifest__.py")
        if not manifest.is_file():
            external.add(name)
            continue
        todo.extend(ast.literal_eval(manifest.read_text()).get("depends", []))
    return sorted(external)


if __name__ == "__main__":
    print(",".join(external_depends(sys.argv[1], sys.argv[2:])))
