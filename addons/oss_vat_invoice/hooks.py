# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).


def post_init_hook(env):
    """Seed the date-effective rate table from eu-vat-rates-data and our research."""
    env["oss.vat.rate"]._seed_from_package()
