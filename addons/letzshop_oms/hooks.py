def uninstall_hook(env):
    """Give sale_stock's rule on sale order lines its original domain back."""
    rule = env.ref(
        "sale_stock.sale_order_line_rule_stock_user", raise_if_not_found=False
    )
    if rule:
        rule.domain_force = "[(1, '=', 1)]"
