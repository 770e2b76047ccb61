# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from pathlib import Path

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

#: Lines above a ``sudo()`` call where its reason may stand (a statement may span
#: several lines).
LOOKBACK = 4
SUDO_CALL = re.compile(r"\.sudo\(")


def unexplained_sudo(module):
    """``module/path:line`` of each sudo() without a '# sudo:' reason above it."""
    root = Path(get_module_path(module))
    found = []
    for path in sorted(root.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if SUDO_CALL.search(line) and not any(
                "# sudo:" in text
                for text in lines[max(0, number - LOOKBACK) : number + 1]
            ):
                found.append(f"{module}/{path.relative_to(root)}:{number + 1}")
    return found


@tagged("post_install", "-at_install")
class TestSudoReasons(TransactionCase):
    def test_every_sudo_says_why(self):
        unexplained = unexplained_sudo("customer_segments")
        self.assertFalse(unexplained, f"sudo() without a reason: {unexplained}")
