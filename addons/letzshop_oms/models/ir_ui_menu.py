from odoo import api, models, tools


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    @api.model
    @tools.ormcache("frozenset(self.env.user._get_group_ids())", "debug")
    def _visible_menu_ids(self, debug=False):
        """Trim the menus of lightweight OMS users to the apps their roles need."""
        visible_ids = super()._visible_menu_ids(debug=debug)
        allowed_roots = self.env.user._oms_allowed_root_menus()
        if allowed_roots is None:
            return visible_ids
        # sudo: read the parent chain of menus already known to be visible.
        menus = self.sudo().browse(visible_ids)
        return frozenset(
            menu.id
            for menu in menus
            if int(menu.parent_path.split("/", 1)[0]) in allowed_roots.ids
        )
