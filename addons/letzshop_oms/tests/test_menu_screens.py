from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import OmsCommon

#: View types whose records the web client reads with a field specification.
RECORD_VIEWS = ("list", "kanban")


class ScreenRefused(Exception):
    """A screen the web client could not show: names the fields it could not read."""


def _top_level_fields(node):
    """The <field> nodes of a view that are not inside another field's sub-view."""
    for child in node:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "field":
            yield child
        else:
            yield from _top_level_fields(child)


def _specification(arch_node, fields):
    """The field specification the web client sends for a view (as in web_read)."""
    spec = {}
    for node in _top_level_fields(arch_node):
        name = node.get("name")
        field = fields.get(name)
        if field is None:
            continue
        if field["type"] in ("many2one", "reference", "many2one_reference"):
            spec[name] = {"fields": {"display_name": {}}}
        elif field["type"] in ("one2many", "many2many"):
            sub_view = next(
                (sub for sub in node if sub.tag in ("list", "kanban")), None
            )
            sub_fields = {}
            if sub_view is not None:
                for sub_node in _top_level_fields(sub_view):
                    sub_fields[sub_node.get("name")] = {}
            sub_fields.setdefault("display_name", {})
            spec[name] = {"fields": sub_fields, "limit": 40}
        else:
            spec[name] = {}
    return spec


@tagged("post_install", "-at_install")
class TestMenuScreens(OmsCommon):
    """Every OMS screen a role has a menu to opens for that role, as in the browser.

    For each menu under the OMS app and each role: the action is loaded, its views are
    fetched with ``get_views``, the list and kanban views read their records with
    ``web_search_read`` and the form view reads the first of them (or, when there is
    none, the new record a "New" button gives) with ``web_read``; from that form, each
    many2one link the form shows is opened in its own form view, as a click on it does.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Records the OMS screens show, so that their forms are really read.
        cls.letzshop_account = cls.env["letzshop.account"].create(
            {"name": "OMS Screens Shop", "endpoint": "http://127.0.0.1:9/graphql"}
        )
        cls.env["letzshop.sync.log"].create(
            {
                "account_id": cls.letzshop_account.id,
                "operation": "import",
                "state": "success",
                "imported": 1,
            }
        )
        shipment = cls.env["letzshop.shipment"].create(
            {
                "name": "OMS-SCREENS-1",
                "letzshop_id": "oms-screens-1",
                "account_id": cls.letzshop_account.id,
                "sale_order_id": cls.order.id,
            }
        )
        cls.order.write(
            {
                "letzshop_shipment_id": shipment.id,
                "letzshop_account_id": cls.letzshop_account.id,
            }
        )
        supplier = cls.env["res.partner"].create({"name": "OMS Screens Supplier"})
        purchase = cls.env["purchase.order"].create(
            {
                "partner_id": supplier.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_qty": 3,
                            "price_unit": 4,
                        }
                    )
                ],
            }
        )
        purchase.button_confirm()
        cls.invoice.action_post()
        cls.product.oss_vat_category_id = cls.env.ref(
            "oss_vat_invoice.oss_vat_category_standard"
        )

    def _unreadable(self, record, spec):
        """The fields of a specification whose reading is refused, to name them."""
        refused = []
        for name, field_spec in spec.items():
            try:
                with self.env.cr.savepoint():
                    record.web_read({name: field_spec})
            except AccessError:
                refused.append(f"{record._name}.{name}")
        return refused

    def _open_form(self, user, model, res_ids, view_id=False, context=None):
        """Open records (or a new one) in their form view; return the m2o links.

        Each record of the list is opened, as if the user clicked each of them: the
        form's fields of all of them are read at once.
        """
        env_model = self.env[model].with_user(user).with_context(**(context or {}))
        views = env_model.get_views([(view_id, "form")], {"toolbar": True})
        arch = etree.fromstring(views["views"]["form"]["arch"])
        fields = views["models"][model]["fields"]
        spec = _specification(arch, fields)
        if res_ids:
            records = env_model.browse(res_ids)
            try:
                with self.env.cr.savepoint():
                    values_list = records.web_read(spec)
            except AccessError as error:
                refused = ", ".join(self._unreadable(records, spec))
                raise ScreenRefused(f"fields {refused}: {error}") from error
        else:
            values_list = [env_model.onchange({}, [], spec)["value"]]
        links = set()
        for node in _top_level_fields(arch):
            name = node.get("name")
            if fields.get(name, {}).get("type") != "many2one":
                continue
            if node.get("invisible") in ("1", "True", "true"):
                continue  # never shown, so never clicked
            options = safe_eval(node.get("options") or "{}", {"context": {}})
            if options.get("no_open") or node.get("widget") in ("selection", "radio"):
                continue
            for values in values_list:
                if values.get(name):
                    links.add((name, fields[name]["relation"], values[name]["id"]))
        return sorted(links)

    def _forgotten_by_the_warehouse(self, user, model, res_id):
        """A partner the warehouse role no longer sees, by design: the deliveries
        to it were done more than the configured days ago (a seller with a
        history has such deliveries in its list). The transfer opens with the
        partner's name; its contact form is refused (see test_access_matrix,
        test_warehouse_forgets_the_partners_of_old_deliveries)."""
        other_roles = (
            "letzshop_oms.group_oms_vendor",
            "letzshop_oms.group_oms_accountant",
        )
        if (
            model != "res.partner"
            or not user.has_group("letzshop_oms.group_oms_warehouse")
            or any(user.has_group(group) for group in other_roles)
        ):
            return False
        partner = self.env["res.partner"].browse(res_id)
        return not partner.oms_warehouse_visible

    def _open_menu(self, user, menu, failures, opened_links):
        """Do what the web client does when the user clicks the menu."""
        action = menu.action
        if action._name == "ir.actions.server":
            action_dict = action.with_user(user).run()
        elif action._name == "ir.actions.act_window":
            # sudo: as /web/action/load, which loads any action the menu points to
            action_dict = action.sudo()._get_action_dict()
        else:
            return  # a client action: its own code, tested by its addon
        if action_dict.get("type") == "ir.actions.client":
            return  # a server action that opens a client action (home, reload)
        model = action_dict["res_model"]
        eval_context = {"uid": user.id, "context": {}, "active_id": False}
        # a server action may return its context and domain already evaluated
        context = action_dict.get("context") or "{}"
        if isinstance(context, str):
            context = safe_eval(context, eval_context)
        domain = action_dict.get("domain") or "[]"
        if isinstance(domain, str):
            domain = safe_eval(domain, eval_context)
        env_model = self.env[model].with_user(user).with_context(**context)
        view_types = action_dict["view_mode"].split(",")
        view_ids = {view_type: view_id for view_id, view_type in action_dict["views"]}
        search_view = action_dict.get("search_view_id") or False
        if isinstance(search_view, (list, tuple)):
            search_view = search_view[0]
        views = env_model.get_views(
            [(view_ids.get(view_type, False), view_type) for view_type in view_types]
            + [(search_view, "search")],
            {"toolbar": True, "load_filters": True, "action_id": action_dict["id"]},
        )
        fields = views["models"][model]["fields"]
        record_ids = []
        for view_type in RECORD_VIEWS:
            if view_type not in views["views"]:
                continue
            arch = etree.fromstring(views["views"][view_type]["arch"])
            result = env_model.web_search_read(
                domain, _specification(arch, fields), limit=80
            )
            record_ids += [
                values["id"]
                for values in result["records"]
                if values["id"] not in record_ids
            ]
        if "form" not in views["views"]:
            return
        form_view_id = views["views"]["form"]["id"]
        # No record to show: the form opens from the "New" button, if any.
        if (
            not record_ids
            and view_types != ["form"]
            and (context.get("create") is False or not env_model.has_access("create"))
        ):
            return
        links = self._open_form(user, model, record_ids, form_view_id, context)
        for name, comodel, res_id in links:
            if (comodel, res_id) in opened_links:
                continue  # the same record, opened from another screen already
            opened_links.add((comodel, res_id))
            target = self.env[comodel].with_user(user).browse(res_id)
            try:
                with self.env.cr.savepoint():
                    view_id = target.get_formview_action().get("view_id") or False
                    self._open_form(user, comodel, [res_id], view_id)
            except (AccessError, UserError, ScreenRefused) as error:
                if self._forgotten_by_the_warehouse(user, comodel, res_id):
                    continue
                failures.append(
                    f"{menu.complete_name} as {user.login}, {model} form, link "
                    f"{name} to {comodel}: {type(error).__name__}: {error}"
                )

    def test_every_oms_screen_opens_for_every_role_with_a_menu_to_it(self):
        root = self.env.ref("letzshop_oms.menu_oms_root")
        failures = []
        opened = 0
        for user in (self.vendor, self.warehouse_user, self.accountant):
            Menus = self.env["ir.ui.menu"].with_user(user)
            # sudo: the test reads the menus' parents and actions to click them; what
            # the user may see is _visible_menu_ids, as in the web client
            visible = Menus.browse(Menus._visible_menu_ids()).sudo()
            menus = visible.filtered(
                lambda m: m.action and m.parent_path.startswith(f"{root.id}/")
            )
            self.assertTrue(menus, f"{user.login} sees no OMS menu")
            opened_links = set()
            for menu in menus:
                try:
                    with self.env.cr.savepoint():
                        self._open_menu(user, menu, failures, opened_links)
                    opened += 1
                except (AccessError, UserError, ScreenRefused) as error:
                    failures.append(
                        f"{menu.complete_name} as {user.login} "
                        f"({getattr(menu.action, 'res_model', '')}): "
                        f"{type(error).__name__}: {error}"
                    )
        self.assertFalse(failures, "\n" + "\n\n".join(failures))
        self.assertGreater(opened, 40)
