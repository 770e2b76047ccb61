# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""The forecasting formulas on their own, without the ORM."""

import datetime
import random

from odoo.tests import BaseCase, tagged

from .. import demand_forecast as df

# Worked example of the research notes: 16 days, 5 with demand.
TEXTBOOK = [0, 0, 3, 0, 0, 0, 2, 0, 5, 0, 0, 1, 0, 0, 0, 4]
LONGER = [0, 1, 0, 0, 6, 0, 0, 0, 0, 2, 3, 0, 0, 0, 1, 0, 0, 8, 0, 0, 0, 0, 0, 2]
LONGER += [0, 1, 0, 0, 0, 5]


@tagged("post_install", "-at_install")
class TestDemandForecast(BaseCase):
    def test_adi_cv2_and_class_of_the_textbook_series(self):
        adi, cv2 = df.adi_cv2(TEXTBOOK)
        self.assertAlmostEqual(adi, 3.2)
        self.assertAlmostEqual(cv2, 0.2778, places=4)
        self.assertEqual(df.classify(adi, cv2), df.INTERMITTENT)

    def test_four_classes(self):
        cases = {
            df.SMOOTH: [5, 6, 5, 4, 5, 6, 5, 5],
            df.ERRATIC: [1, 20, 2, 15, 1, 30, 2, 1],
            df.INTERMITTENT: [0, 0, 5, 0, 0, 6, 0, 0, 5, 0],
            df.LUMPY: [0, 0, 1, 0, 0, 30, 0, 0, 2, 0],
        }
        for expected, series in cases.items():
            self.assertEqual(df.classify(*df.adi_cv2(series)), expected, series)
        self.assertEqual(df.classify(*df.adi_cv2([0, 0, 0])), df.NO_DEMAND)

    def test_croston_and_sba_textbook_values(self):
        # Croston 0.973/day, SBA 0.925/day, plain mean 0.938/day.
        self.assertAlmostEqual(df.croston(TEXTBOOK)[0], 0.9732, places=4)
        self.assertAlmostEqual(
            df.croston(TEXTBOOK, variant=df.SBA)[0], 0.9246, places=4
        )
        self.assertAlmostEqual(sum(TEXTBOOK) / len(TEXTBOOK), 0.9375)

    def test_croston_cross_checked_with_croston_package(self):
        # Reference values from the PyPI package croston 0.1.2.4 (numpy, scipy,
        # pandas: too heavy to install for the tests), function
        # croston.croston._croston(np.array([0] + series), n, variant, [0.1], 1,
        # 1e-7)['out_of_sample_forecast'][0]. That package initialises the
        # interval with the mean of all intervals and counts the first one from
        # 0, hence the leading 0 and init="mean" here.
        references = {
            (tuple(TEXTBOOK), df.CROSTON): 0.9335984718658172,
            (tuple(TEXTBOOK), df.SBA): 0.8869185482725264,
            (tuple(LONGER), df.CROSTON): 0.6960838041245218,
            (tuple(LONGER), df.SBA): 0.6612796139182957,
        }
        for (series, variant), expected in references.items():
            ours = df.croston(list(series), variant=variant, init="mean")[0]
            self.assertAlmostEqual(ours, expected, places=6)

    def test_fit_continues_from_a_state(self):
        for method in (df.SES, df.SBA, df.TSB):
            whole = df.fit(method, LONGER)[0]
            _level, state = df.fit(method, LONGER[:13])
            self.assertAlmostEqual(df.fit(method, LONGER[13:], state=state)[0], whole)

    def test_ses_and_tsb(self):
        self.assertAlmostEqual(df.ses([4, 4, 4, 4])[0], 4.0)
        self.assertAlmostEqual(df.ses([0, 10])[0], 1.0)
        # TSB decays when an item stops selling; Croston does not move.
        selling = [2, 0, 2, 0, 2, 0, 2, 0]
        stopped = selling + [0] * 30
        self.assertLess(df.tsb(stopped)[0], df.tsb(selling)[0] / 10)
        self.assertAlmostEqual(df.croston(stopped)[0], df.croston(selling)[0])

    def test_safety_stock_reorder_point_and_eoq_worked_example(self):
        # d = 4/day, sigma = 2, L = 9 days, 95 % -> SS 9.87, ROP 45.87
        self.assertAlmostEqual(df.z_score(0.95), 1.6449, places=4)
        safety = df.safety_stock(0.95, 2.0, 9.0)
        self.assertAlmostEqual(safety, 9.87, places=2)
        self.assertAlmostEqual(df.demand_over([4.0] * 30, 9) + safety, 45.87, places=2)
        # lead time variability adds d * sigma_L: sqrt(9*4 + 16*4) * z
        self.assertAlmostEqual(
            df.safety_stock(0.95, 2.0, 9.0, demand_mean=4.0, lead_std=2.0),
            1.6449 * 10,
            places=3,
        )
        # D = 1,460/yr, S = 25, H = 25 % x 12 -> EOQ 156
        self.assertEqual(round(df.eoq(1460, 25, 0.25 * 12)), 156)
        self.assertEqual(df.eoq(1460, 0, 3), 0.0)
        with self.assertRaises(ValueError):
            df.z_score(1.0)

    def test_order_quantity_rounded_to_packaging_and_minimum(self):
        self.assertEqual(df.round_order_qty(155.99, multiple=12), 156)
        self.assertEqual(df.round_order_qty(156.5, multiple=12), 168)
        self.assertEqual(df.round_order_qty(10, multiple=12, minimum=30), 36)
        self.assertEqual(df.round_order_qty(10, minimum=30), 30)
        self.assertEqual(df.round_order_qty(12.0000001, multiple=1), 12)

    def test_demand_over_fractional_days(self):
        self.assertAlmostEqual(df.demand_over([1, 2, 3], 2.5), 4.5)
        self.assertAlmostEqual(df.demand_over([1, 2, 3], 5), 12)
        self.assertEqual(df.demand_over([1, 2, 3], 0), 0)

    def _calendar(self, start, days):
        return [(start + datetime.timedelta(days=i)).month for i in range(days)]

    def test_seasonality_found_only_where_it_repeats(self):
        start = datetime.date(2025, 1, 1)
        months = self._calendar(start, 730)
        rng = random.Random(7)
        peak = [rng.randint(8, 12) if m == 12 else rng.randint(1, 3) for m in months]
        indices = df.seasonal_indices(peak, months)
        self.assertIsNotNone(indices)
        self.assertGreater(indices[12], 3)
        flat = [rng.randint(1, 3) for _m in months]
        self.assertIsNone(df.seasonal_indices(flat, months))
        # less than a year: never seasonal
        self.assertIsNone(df.seasonal_indices(peak[-300:], months[-300:]))
        # the forecast for December follows the index
        future = self._calendar(datetime.date(2027, 11, 20), 30)
        result = df.forecast(peak, months=months, future_months=future)
        self.assertTrue(result["seasonal"])
        self.assertGreater(result["daily"][-1], 3 * result["daily"][0])

    def test_forecast_beats_naive_on_a_known_series(self):
        # A smooth product whose true demand drops from 10 to 5 a day 60 days
        # before the end: SES follows, the 90-day average lags.
        rng = random.Random(3)
        series = [10 + rng.uniform(-1, 1) for _i in range(300)]
        series += [5 + rng.uniform(-1, 1) for _i in range(60)]
        result = df.forecast(series, future_months=[1] * 7)
        self.assertEqual(result["demand_class"], df.SMOOTH)
        self.assertEqual(result["method"], df.SES)
        self.assertLess(result["mae"], result["naive_mae"])
        self.assertAlmostEqual(result["daily"][0], 5, delta=0.5)
        # too short to hold 28 days out: no error figures
        short = df.forecast(series[:40], future_months=[1])
        self.assertIsNone(short["mae"])

    def test_method_by_class(self):
        self.assertEqual(df.forecast(TEXTBOOK * 4)["method"], df.SBA)
        self.assertEqual(df.forecast([0, 0, 1, 0, 0, 30] * 10)["method"], df.TSB)
        self.assertEqual(df.forecast([0, 0, 0])["method"], None)

    def test_stockout_offset(self):
        # 10 in stock, 3/day; 6 arrive on day 2; 4 promised on day 1
        # end of day: 7, 0, 3, 0, -3
        self.assertEqual(df.stockout_offset(10, [(2, 6, 0), (1, 0, 4)], [3] * 10), 4)
        self.assertIsNone(df.stockout_offset(100, [], [1] * 10))
        # overdue receipts count today
        self.assertEqual(df.stockout_offset(0, [(-3, 5, 0)], [2] * 5), 2)

    def test_channel_buffers(self):
        # Plenty of stock: each channel holds back what the others will need.
        buffers = df.channel_buffers(100, {"web": 30, "letzshop": 10})
        self.assertAlmostEqual(buffers["web"][0], 0.75)
        self.assertAlmostEqual(buffers["web"][1], 10)
        self.assertAlmostEqual(buffers["letzshop"][1], 30)
        # Short: never hold back more than the others' fair share.
        buffers = df.channel_buffers(20, {"web": 30, "letzshop": 10})
        self.assertAlmostEqual(buffers["web"][1], 5)
        self.assertAlmostEqual(buffers["letzshop"][1], 15)
        self.assertEqual(df.channel_buffers(5, {"web": 0}), {"web": (0.0, 0.0)})
