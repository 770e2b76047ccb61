"""Which Odoo modules our addons need, for the test and run scripts.

Usage:
  addon_deps.py ADDONS_DIR ADDON [ADDON ...]
      Prints the Odoo modules the given addons need that are not project addons, as a
      comma-separated list (dependencies of dependencies included), so that the scripts
      can install Odoo's own modules first, as OCA's CI does: a localization's chart of
      accounts, for one, is only loaded once the registry is complete.
  addon_deps.py --plan ADDONS_DIR ADDON [ADDON ...]
      Prints how to build one template database per distinct set of Odoo modules the
      given addons need, each from the largest template already built whose modules it
      contains, so that testing each addon alone costs an install of the addon, not of
      Odoo. One line per template, in build order:
          T<n> <parent or -> <modules to add, comma-separated>
      then one line per addon, and one for all of them together ("@all"):
          ADDON <addon> T<n>
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


def _odoo_dirs():
    """The folders holding Odoo's own modules, from the Odoo this Python runs."""
    try:
        import odoo.addons
    except ImportError:
        return []
    dirs = list(odoo.addons.__path__)
    # The source tree's root addons/ folder, beside the odoo package.
    dirs += [str(Path(d).parent.parent / "addons") for d in dirs]
    return [d for d in dirs if Path(d).is_dir()]


def odoo_closure(modules, dirs):
    """Every Odoo module the given ones depend on, themselves included."""
    seen, todo = set(), list(modules)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for folder in dirs:
            manifest = Path(folder, name, "__manifest__.py")
            if manifest.is_file():
                todo.extend(ast.literal_eval(manifest.read_text()).get("depends", []))
                break
    return seen


def template_plan(addons_dir, names):
    """Return ([(template, parent, modules_to_add)], {addon: template})."""
    dirs = _odoo_dirs()
    needs = {
        name: frozenset(odoo_closure(external_depends(addons_dir, [name]), dirs))
        for name in names
    }
    # "@all": every given addon together (the whole suite).
    needs["@all"] = frozenset().union(*needs.values())
    built = {}  # module set -> template name
    templates = []
    for modules in sorted(set(needs.values()), key=lambda s: (len(s), sorted(s))):
        parents = [s for s in built if s <= modules]
        parent = max(parents, key=len) if parents else None
        name = f"T{len(templates) + 1}"
        add = sorted(modules - parent) if parent is not None else sorted(modules)
        # Installing the leaves is enough: Odoo installs what they depend on.
        below = set().union(*(odoo_closure([o], dirs) - {o} for o in add))
        add = [m for m in add if m not in below]
        templates.append((name, built[parent] if parent is not None else "-", add))
        built[modules] = name
    return templates, {name: built[needs[name]] for name in needs}


if __name__ == "__main__":
    if sys.argv[1] == "--plan":
        templates, by_addon = template_plan(sys.argv[2], sys.argv[3:])
        for name, parent, add in templates:
            print(name, parent, ",".join(add) or "-")
        for addon, template in by_addon.items():
            print("ADDON", addon, template)
    else:
        print(",".join(external_depends(sys.argv[1], sys.argv[2:])))
