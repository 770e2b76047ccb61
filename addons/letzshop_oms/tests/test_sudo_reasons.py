import re
from pathlib import Path

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

#: Lines above a ``sudo()`` call where its reason may stand (a statement may span
#: several lines).
LOOKBACK = 4
SUDO_CALL = re.compile(r"\.sudo\(")


@tagged("post_install", "-at_install")
class TestSudoReasons(TransactionCase):
    """Each sudo() of the app shell and its demo says why, in a '# sudo:' comment."""

    def test_every_sudo_says_why(self):
        unexplained = []
        for module in ("letzshop_oms", "letzshop_oms_demo"):
            root = Path(get_module_path(module))
            for path in sorted(root.rglob("*.py")):
                lines = path.read_text(encoding="utf-8").splitlines()
                for number, line in enumerate(lines):
                    if not SUDO_CALL.search(line):
                        continue
                    context = lines[max(0, number - LOOKBACK) : number + 1]
                    if not any("# sudo:" in text for text in context):
                        unexplained.append(
                            f"{module}/{path.relative_to(root)}:{number + 1}"
                        )
        self.assertFalse(unexplained, f"sudo() without a reason: {unexplained}")
