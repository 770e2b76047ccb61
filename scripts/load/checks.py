"""What must hold after the load suite, read straight from PostgreSQL.

Each check returns (ok, line to print)."""

import psycopg2


def connect(host, port, user, dbname):
    conn = psycopg2.connect(host=host, port=port, user=user, dbname=dbname)
    conn.autocommit = True
    return conn


def scalar(conn, query, params=None):
    with conn.cursor() as cr:
        cr.execute(query, params)
        row = cr.fetchone()
        return row[0] if row else None


def rows(conn, query, params=None):
    with conn.cursor() as cr:
        cr.execute(query, params)
        return cr.fetchall()


def imported_orders(conn, shipments_total):
    imported = scalar(
        conn,
        "SELECT count(*) FROM letzshop_shipment WHERE sale_order_id IS NOT NULL",
    )
    duplicated = scalar(
        conn,
        """SELECT coalesce(sum(n - 1), 0) FROM (
               SELECT count(*) AS n FROM letzshop_shipment
               GROUP BY account_id, letzshop_id HAVING count(*) > 1) d""",
    )
    orders = scalar(
        conn,
        "SELECT count(*) FROM sale_order WHERE letzshop_shipment_id IS NOT NULL",
    )
    lost = shipments_total - imported
    ok = lost == 0 and duplicated == 0 and orders == imported
    return ok, (
        f"orders imported: {imported} of {shipments_total} shipments "
        f"({lost} lost, {duplicated} duplicated, {orders} sale orders)"
    )


def stock_matches_moves(conn):
    """Every quant equals the sum of the done move lines in and out of its place."""
    mismatches = rows(
        conn,
        """
        WITH moved AS (
            SELECT product_id, location_dest_id AS location_id, quantity AS qty
              FROM stock_move_line WHERE state = 'done'
            UNION ALL
            SELECT product_id, location_id, -quantity
              FROM stock_move_line WHERE state = 'done'
        ), by_place AS (
            SELECT m.product_id, m.location_id, sum(m.qty) AS qty
              FROM moved m JOIN stock_location l ON l.id = m.location_id
             WHERE l.usage = 'internal'
             GROUP BY m.product_id, m.location_id
        ), quants AS (
            SELECT q.product_id, q.location_id, sum(q.quantity) AS qty
              FROM stock_quant q JOIN stock_location l ON l.id = q.location_id
             WHERE l.usage = 'internal'
             GROUP BY q.product_id, q.location_id
        )
        SELECT coalesce(b.product_id, q.product_id), coalesce(b.location_id,
               q.location_id), coalesce(b.qty, 0), coalesce(q.qty, 0)
          FROM by_place b FULL JOIN quants q
            ON q.product_id = b.product_id AND q.location_id = b.location_id
         WHERE abs(coalesce(b.qty, 0) - coalesce(q.qty, 0)) > 0.0001
        """,
    )
    places = scalar(
        conn,
        """SELECT count(*) FROM stock_quant q JOIN stock_location l
               ON l.id = q.location_id WHERE l.usage = 'internal'""",
    )
    line = f"stock: {places} quants, {len(mismatches)} differ from the sum of moves"
    if mismatches:
        line += f" (first: {mismatches[:3]})"
    return not mismatches, line


def jobs(conn, injected=""):
    """The queue drained: no job left started, enqueued or waiting. Failed jobs are
    listed with their reason (the injected GraphQL error is one by design, and a
    job cut by the PostgreSQL restart may be another); what they were for is
    judged by the other checks (orders, decisions, tracking, invoices)."""
    counts = dict(
        rows(conn, "SELECT state, count(*) FROM queue_job GROUP BY state ORDER BY 1")
    )
    stuck = counts.get("started", 0) + counts.get("enqueued", 0)
    waiting = counts.get("pending", 0) + counts.get("wait_dependencies", 0)
    reasons = rows(
        conn,
        """SELECT method_name, coalesce(exc_name, '') || ': ' || left(
                      coalesce(exc_message, ''), 120), count(*)
             FROM queue_job WHERE state = 'failed' GROUP BY 1, 2 ORDER BY 3 DESC""",
    )
    failed = "; ".join(
        f"{count} {method} ({reason}"
        + (", injected" if injected and injected in reason else "")
        + ")"
        for method, reason, count in reasons
    )
    ok = stuck == 0 and waiting == 0
    return ok, (
        f"jobs: {counts} ({stuck} stuck, {waiting} waiting); failed: {failed or 'none'}"
    )


def open_jobs(conn):
    return scalar(
        conn,
        """SELECT count(*) FROM queue_job
            WHERE state IN ('pending', 'enqueued', 'started', 'wait_dependencies')""",
    )


def open_deliveries(conn):
    """Outgoing transfers not done nor cancelled."""
    return scalar(
        conn,
        """SELECT count(*) FROM stock_picking p
             JOIN stock_picking_type t ON t.id = p.picking_type_id
            WHERE t.code = 'outgoing' AND p.state NOT IN ('done', 'cancel')""",
    )


def done_deliveries(conn):
    """Outgoing transfers done."""
    return scalar(
        conn,
        """SELECT count(*) FROM stock_picking p
             JOIN stock_picking_type t ON t.id = p.picking_type_id
            WHERE t.code = 'outgoing' AND p.state = 'done'""",
    )


def deliveries_with_tracking(conn):
    """{(account id, Letzshop shipment id): tracking number} of done deliveries."""
    return {
        (account_id, letzshop_id): code
        for account_id, letzshop_id, code in rows(
            conn,
            """SELECT s.account_id, s.letzshop_id, p.carrier_tracking_ref
                 FROM stock_picking p
                 JOIN sale_order o ON o.id = p.sale_id
                 JOIN letzshop_shipment s ON s.id = o.letzshop_shipment_id
                 JOIN stock_picking_type t ON t.id = p.picking_type_id
                WHERE p.state = 'done' AND t.code = 'outgoing'
                  AND p.carrier_tracking_ref IS NOT NULL""",
        )
    }


def tracking_states(conn):
    """{(account id, Letzshop shipment id): tracking state} of the imported
    shipments."""
    return {
        (account_id, letzshop_id): state
        for account_id, letzshop_id, state in rows(
            conn,
            "SELECT account_id, letzshop_id, tracking_state FROM letzshop_shipment",
        )
    }


def decision_states(conn):
    """{(account id, Letzshop shipment id): (decision state, order state,
    order needs attention)} of the imported shipments, to tell a refused
    decision from one never sent."""
    return {
        (account_id, letzshop_id): (state, order_state, attention)
        for account_id, letzshop_id, state, order_state, attention in rows(
            conn,
            """SELECT s.account_id, s.letzshop_id, s.decision_state, o.state,
                      o.letzshop_needs_attention
                 FROM letzshop_shipment s
                 LEFT JOIN sale_order o ON o.id = s.sale_order_id""",
        )
    }


def invoiced_deliveries(conn):
    """Each delivered Letzshop order has its invoice posted (invoicing on
    delivery), once."""
    delivered, invoiced, twice = rows(
        conn,
        """WITH delivered AS (
               SELECT DISTINCT o.id FROM sale_order o
                 JOIN stock_picking p ON p.sale_id = o.id AND p.state = 'done'
                WHERE o.letzshop_shipment_id IS NOT NULL
           ), invoiced AS (
               SELECT d.id, count(DISTINCT m.id) AS n
                 FROM delivered d
                 JOIN sale_order_line sol ON sol.order_id = d.id
                 JOIN sale_order_line_invoice_rel r ON r.order_line_id = sol.id
                 JOIN account_move_line aml ON aml.id = r.invoice_line_id
                 JOIN account_move m ON m.id = aml.move_id
                WHERE m.state = 'posted' AND m.move_type = 'out_invoice'
                GROUP BY d.id
           )
           SELECT (SELECT count(*) FROM delivered),
                  (SELECT count(*) FROM invoiced),
                  (SELECT count(*) FROM invoiced WHERE n > 1)""",
    )[0]
    ok = delivered > 0 and invoiced == delivered and twice == 0
    return ok, (
        f"invoices: {delivered} delivered Letzshop orders, {invoiced} with their "
        f"invoice posted, {twice} invoiced twice"
    )


def invoices_posted(conn):
    return scalar(
        conn,
        """SELECT count(*) FROM account_move
            WHERE move_type = 'out_invoice' AND state = 'posted'""",
    )


def job_workers(conn):
    """{process id of the Odoo worker: jobs it ran to the end}."""
    return dict(
        rows(
            conn,
            "SELECT worker_pid, count(*) FROM queue_job "
            "WHERE state = 'done' AND worker_pid IS NOT NULL GROUP BY worker_pid",
        )
    )
