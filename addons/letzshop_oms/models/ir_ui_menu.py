from odoo import api, models, tools


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    @api.model
    @tools.ormcache(
        "frozenset(self.env.user._get_group_ids())",
        "debug",
        "self.env.user.oms_show_all_apps",
    )
    def _visible_menu_ids(self, debug=False):
        """Trim the menus of lightweight OMS users to the apps their roles need.

        Of the two menu entries that switch between the trimmed menu and every
        Odoo app, only the one that applies is shown."""
        visible_ids = super()._visible_menu_ids(debug=debug)
        user = self.env.user
        switches = {
            xmlid: self.env.ref(f"letzshop_oms.{xmlid}", raise_if_not_found=False)
            for xmlid in ("menu_oms_show_all_apps", "menu_oms_show_oms_apps")
        }
        if user._oms_allowed_root_menus(all_apps=False) is None:
            # nothing to switch: the user sees every app anyway
            hidden = switches.values()
        elif user.oms_show_all_apps:
            hidden = [switches["menu_oms_show_all_apps"]]
        else:
            hidden = [switches["menu_oms_show_oms_apps"]]
        visible_ids = visible_ids - {menu.id for menu in hidden if menu}
        allowed_roots = user._oms_allowed_root_menus()
        if allowed_roots is None:
            return visible_ids
        # sudo: read the parent chain of menus already known to be visible.
        menus = self.sudo().browse(visible_ids)
        return frozenset(
            menu.id
            for menu in menus
            if int(menu.parent_path.split("/", 1)[0]) in allowed_roots.ids
        )
