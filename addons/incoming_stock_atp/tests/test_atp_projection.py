# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""The ATP formulas on their own, without the ORM."""

import datetime

from odoo.tests import BaseCase, tagged

from .. import atp_projection as atp

TODAY = datetime.date(2027, 1, 4)


def day(offset):
    return TODAY + datetime.timedelta(days=offset)


@tagged("post_install", "-at_install")
class TestAtpProjection(BaseCase):
    def test_timeline_projection_and_atp(self):
        # 5 in stock; 4 leave on day 2; 50 arrive on day 5; 10 leave on day 8.
        events = [(day(2), 0, 4), (day(5), 50, 0), (day(8), 0, 10)]
        rows = atp.timeline(5, events, TODAY)
        self.assertEqual([row.date for row in rows], [TODAY, day(2), day(5), day(8)])
        self.assertEqual([row.projected for row in rows], [5, 1, 51, 41])
        # ATP is the lowest projected level from that day onwards.
        self.assertEqual([row.atp for row in rows], [1, 1, 41, 41])
        self.assertEqual([row.incoming for row in rows], [0, 0, 50, 0])
        self.assertEqual([row.outgoing for row in rows], [0, 4, 0, 10])

    def test_virtual_available_is_not_atp(self):
        # Odoo's forecast at day 1 would say 5; an order due on day 3 takes 4
        # of them, so only 1 can be promised for day 1.
        events = [(day(3), 0, 4)]
        self.assertEqual(atp.atp_at(5, events, day(1), TODAY), 1)
        self.assertEqual(atp.atp_at(5, events, day(10), TODAY), 1)

    def test_overdue_events_count_today(self):
        events = [(day(-3), 7, 0), (day(-1), 0, 2), (day(0), 1, 0)]
        rows = atp.timeline(0, events, TODAY)
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0].date, TODAY)
        self.assertEqual(rows[0].incoming, 8)
        self.assertEqual(rows[0].outgoing, 2)
        self.assertEqual(rows[0].projected, 6)

    def test_same_day_events_are_merged_and_unsorted_input(self):
        events = [(day(4), 0, 3), (day(2), 10, 0), (day(4), 5, 0)]
        rows = atp.timeline(0, events, TODAY)
        self.assertEqual(
            [(r.date, r.incoming, r.outgoing) for r in rows][1:],
            [(day(2), 10, 0), (day(4), 5, 3)],
        )
        self.assertEqual(rows[-1].projected, 12)

    def test_atp_between_event_days(self):
        events = [(day(2), 0, 4), (day(5), 50, 0)]
        self.assertEqual(atp.atp_at(5, events, day(3), TODAY), 1)
        self.assertEqual(atp.atp_at(5, events, day(6), TODAY), 51)
        # Before today means today.
        self.assertEqual(atp.atp_at(5, events, day(-10), TODAY), 1)

    def test_oversold_atp_is_negative(self):
        self.assertEqual(atp.atp_at(2, [(day(1), 0, 5)], TODAY, TODAY), -3)

    def test_earliest_date(self):
        events = [(day(2), 0, 4), (day(5), 50, 0), (day(9), 20, 0)]
        self.assertEqual(atp.earliest_date(5, events, 1, TODAY), TODAY)
        self.assertEqual(atp.earliest_date(5, events, 2, TODAY), day(5))
        self.assertEqual(atp.earliest_date(5, events, 51, TODAY), day(5))
        self.assertEqual(atp.earliest_date(5, events, 52, TODAY), day(9))
        self.assertEqual(atp.earliest_date(5, events, 71, TODAY), day(9))
        self.assertIsNone(atp.earliest_date(5, events, 72, TODAY))

    def test_earliest_date_respects_later_promises(self):
        # 10 in stock but 8 promised on day 20 and nothing arrives before day 30:
        # 3 units can only ship once the day-30 receipt is in.
        events = [(day(20), 0, 8), (day(30), 10, 0)]
        self.assertEqual(atp.earliest_date(10, events, 2, TODAY), TODAY)
        self.assertEqual(atp.earliest_date(10, events, 3, TODAY), day(30))

    def test_figures(self):
        events = [(day(2), 0, 4), (day(5), 50, 0), (day(8), 0, 10)]
        values = atp.figures(5, events, TODAY)
        self.assertEqual(values["incoming"], 50)
        self.assertEqual(values["outgoing"], 14)
        self.assertEqual(values["next_arrival"], day(5))
        self.assertEqual(values["atp_now"], 1)
        self.assertEqual(values["atp"], 41)
        # Without receipts both figures are the lowest level.
        values = atp.figures(5, [(day(1), 0, 2)], TODAY)
        self.assertEqual((values["atp_now"], values["atp"]), (3, 3))
        self.assertIsNone(values["next_arrival"])
        # Same as the timeline, for any scenario.
        events = [(day(1), 3, 9), (day(3), 0, 2), (day(4), 6, 0), (day(7), 0, 5)]
        rows = atp.timeline(4, events, TODAY)
        values = atp.figures(4, events, TODAY)
        self.assertEqual(values["atp_now"], rows[0].atp)
        self.assertEqual(values["atp"], atp.atp_at(4, events, day(4), TODAY))

    def test_apply_buffer(self):
        self.assertEqual(atp.apply_buffer(10, atp.BUFFER_UNITS, 3), 7)
        self.assertEqual(atp.apply_buffer(2, atp.BUFFER_UNITS, 3), 0)
        self.assertEqual(atp.apply_buffer(7, atp.BUFFER_PERCENT, 10), 6)
        self.assertEqual(atp.apply_buffer(10, atp.BUFFER_PERCENT, 20), 8)
        self.assertEqual(atp.apply_buffer(10, atp.BUFFER_PERCENT, 150), 0)
        self.assertEqual(atp.apply_buffer(-4, atp.BUFFER_UNITS, 0), 0)
        self.assertEqual(atp.apply_buffer(4.99, None, 0), 4)
        self.assertEqual(atp.apply_buffer(None, None, 0), 0)

    def test_publishable(self):
        events = [
            (day(-2), 3, 0),
            (day(2), 0, 4),
            (day(5), 50, 0),
            (day(20), 30, 0),
            (day(40), 0, 6),
        ]
        # Incoming not counted: stock minus every delivery.
        self.assertEqual(atp.publishable(5, events, TODAY), 0)
        self.assertEqual(atp.publishable(10, events, TODAY), 0)
        self.assertEqual(atp.publishable(12, events, TODAY), 2)
        # Receipts within 7 days count (the late one too), not the day-20 one.
        self.assertEqual(atp.publishable(5, events, TODAY, incoming_until=day(7)), 48)
        self.assertEqual(atp.publishable(5, events, TODAY, incoming_until=day(30)), 78)
        self.assertEqual(
            atp.publishable(5, events, TODAY, day(7), atp.BUFFER_PERCENT, 50),
            24,
        )
        self.assertEqual(
            atp.publishable(5, events, TODAY, day(7), atp.BUFFER_UNITS, 8), 40
        )
