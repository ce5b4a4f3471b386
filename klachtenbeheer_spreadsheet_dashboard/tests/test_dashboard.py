# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import re

from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tests import HttpCase, tagged

from odoo.addons.klachtenbeheer.tests.common import KlachtenbeheerCase

from ..models.spreadsheet_dashboard import DASHBOARD_XMLID, KIND_DOMAIN, only_complaints

FORMULA = re.compile(r'PIVOT\.(VALUE|HEADER)\((\d+),"([^"]+)"')
SHEET_REF = re.compile(r"^(\w+)!([A-Z]+\d+)$")


def domain_fields(domain):
    """Field paths of the leaves of a domain."""
    return [
        leaf[0]
        for leaf in expression.normalize_domain(domain)
        if isinstance(leaf, list | tuple) and isinstance(leaf[0], str)
    ]


@tagged("post_install", "-at_install")
class TestKlachtenDashboard(KlachtenbeheerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dashboard = cls.env.ref(DASHBOARD_XMLID)
        cls.data = json.loads(cls.dashboard.spreadsheet_data)

    def _assert_field_path(self, model, path):
        """``path`` (``team_id.name``, ``date_received:month``) exists."""
        Model = self.env[model]
        for name in path.split(":")[0].split("."):
            self.assertIn(name, Model._fields, f"{model}: no field {path}")
            field = Model._fields[name]
            if field.relational:
                Model = self.env[field.comodel_name]

    def _pivots(self):
        return self.data["pivots"]

    def _charts(self):
        for sheet in self.data["sheets"]:
            for figure in sheet["figures"]:
                if figure["tag"] == "chart":
                    yield figure["data"]

    def test_dashboard_is_published_for_coordinators(self):
        self.assertTrue(self.dashboard.is_published)
        self.assertEqual(
            self.dashboard.group_ids,
            self.env.ref("klachtenbeheer.group_klachtenbeheer_coordinator"),
        )
        self.assertEqual(self.dashboard.dashboard_group_id.name, "Complaints")
        self.assertEqual(self.data["version"], 21)
        self.assertEqual(
            [sheet["name"] for sheet in self.data["sheets"]], ["Dashboard", "Data"]
        )

    def test_only_coordinators_see_it(self):
        Dashboard = self.env["spreadsheet.dashboard"]
        self.assertIn(self.dashboard, Dashboard.with_user(self.coordinator).search([]))
        for user in (self.handler_a, self.manager_a, self.employee):
            self.assertNotIn(self.dashboard, Dashboard.with_user(user).search([]))
            with self.assertRaises(AccessError):
                self.dashboard.with_user(user).check_access("read")

    def test_loads_for_a_coordinator(self):
        result = self.dashboard.with_user(self.coordinator).get_readonly_dashboard()
        self.assertNotIn("is_sample", result)
        self.assertEqual(set(result["snapshot"]["pivots"]), set(self.data["pivots"]))

    def test_pivots_reference_existing_models_and_fields(self):
        self.assertTrue(self._pivots())
        for pivot in self._pivots().values():
            model = pivot["model"]
            self.assertIn(model, self.env)
            for measure in pivot["measures"]:
                if measure["fieldName"] != "__count":
                    self._assert_field_path(model, measure["fieldName"])
            for group in pivot["rows"] + pivot["columns"]:
                # 18.0 writes a date grouping as field + granularity; a
                # "field:quarter" name silently yields no values.
                self.assertNotIn(":", group["fieldName"])
                self._assert_field_path(model, group["fieldName"])
            for path in domain_fields(pivot["domain"]):
                self._assert_field_path(model, path)
            for match in pivot["fieldMatching"].values():
                self._assert_field_path(model, match["chain"])

    def test_charts_reference_existing_models_and_fields(self):
        odoo_charts = [c for c in self._charts() if c["type"].startswith("odoo_")]
        self.assertTrue(odoo_charts)
        for chart in odoo_charts:
            model = chart["metaData"]["resModel"]
            self.assertIn(model, self.env)
            if chart["metaData"]["measure"] != "__count":
                self._assert_field_path(model, chart["metaData"]["measure"])
            for group in chart["metaData"]["groupBy"]:
                self._assert_field_path(model, group)
            for path in domain_fields(chart["searchParams"]["domain"]):
                self._assert_field_path(model, path)
            for match in chart["fieldMatching"].values():
                self._assert_field_path(model, match["chain"])
        for global_filter in self.data["globalFilters"]:
            if global_filter["type"] == "relation":
                self.assertIn(global_filter["modelName"], self.env)

    def test_formulas_and_scorecards_reference_what_exists(self):
        cells = {sheet["name"]: sheet["cells"] for sheet in self.data["sheets"]}
        pivots = self._pivots()
        seen = 0
        for sheet_cells in cells.values():
            for cell in sheet_cells.values():
                for kind, pivot_id, arg in FORMULA.findall(cell.get("content", "")):
                    seen += 1
                    self.assertIn(pivot_id, pivots)
                    pivot = pivots[pivot_id]
                    if kind == "VALUE":
                        measures = [m["fieldName"] for m in pivot["measures"]]
                        self.assertIn(arg, measures)
                    else:
                        rows = [r["fieldName"] for r in pivot["rows"]]
                        self.assertIn(arg.lstrip("#"), rows)
        self.assertGreater(seen, 20)
        for chart in self._charts():
            for key in ("keyValue", "baseline"):
                if key in chart:
                    sheet, cell = SHEET_REF.match(chart[key]).groups()
                    self.assertIn(cell, cells[sheet], chart[key])

    def test_pivot_queries_run(self):
        """Every pivot's grouping runs as a coordinator, and counts as the ORM."""
        self._create_complaint(team_id=self.team_a.id)
        Complaint = self.env["klachtenbeheer.complaint"].with_user(self.coordinator)
        for pivot in self._pivots().values():
            aggregates = [
                "__count"
                if m["fieldName"] == "__count"
                else f"{m['fieldName']}:{Complaint._fields[m['fieldName']].aggregator}"
                for m in pivot["measures"]
            ]
            groupby = [
                ":".join(filter(None, (r["fieldName"], r.get("granularity"))))
                for r in pivot["rows"]
            ]
            Complaint._read_group(pivot["domain"], groupby, aggregates)
        [(open_count,)] = Complaint._read_group(
            self._pivots()["1"]["domain"], [], ["__count"]
        )
        self.assertEqual(
            open_count, Complaint.search_count([("is_closed", "=", False)])
        )

    def test_only_complaints_once_kind_exists(self):
        snapshot = only_complaints(json.loads(self.dashboard.spreadsheet_data))
        for pivot in snapshot["pivots"].values():
            self.assertEqual(pivot["domain"].count(KIND_DOMAIN), 1)
        only_complaints(snapshot)  # idempotent
        for pivot in snapshot["pivots"].values():
            self.assertEqual(pivot["domain"].count(KIND_DOMAIN), 1)
        served = self.dashboard.get_readonly_dashboard()["snapshot"]
        has_kind = "kind" in self.env["klachtenbeheer.complaint"]._fields
        for pivot in served["pivots"].values():
            self.assertEqual(KIND_DOMAIN in pivot["domain"], has_kind)


@tagged("post_install", "-at_install")
class TestKlachtenDashboardBrowser(HttpCase):
    def test_dashboard_opens_and_computes(self):
        """The dashboard opens in the browser without JS errors, every key
        figure evaluates (no #ERROR) and the open count equals the ORM's."""
        dashboard = self.env.ref(DASHBOARD_XMLID)
        self.env["klachtenbeheer.complaint"].create(
            {"subject": "Lekkage", "contact_name": "Test", "channel": "phone"}
        )
        data = json.loads(dashboard.spreadsheet_data)
        [data_sheet] = [s for s in data["sheets"] if s["name"] == "Data"]
        formulas = {
            xc: cell["content"]
            for xc, cell in data_sheet["cells"].items()
            if xc.startswith("B")
        }
        open_count = self.env["klachtenbeheer.complaint"].search_count(
            [("is_closed", "=", False)]
        )
        code = """
            const formulas = __FORMULAS__;
            const expectedOpen = __OPEN__;
            const start = Date.now();
            function findModel(node) {
                const c = node.component;
                if (c && c.env && c.env.model && c.env.model.getters
                        && c.env.model.getters.evaluateFormula) {
                    return c.env.model;
                }
                for (const child of Object.values(node.children || {})) {
                    const found = findModel(child);
                    if (found) {
                        return found;
                    }
                }
            }
            const check = () => {
                const figures = document.querySelectorAll(
                    ".o_spreadsheet_dashboard_action .o-figure");
                const model = figures.length >= 6
                    && findModel(odoo.__WOWL_DEBUG__.root.__owl__);
                if (model) {
                    const sheetId = model.getters.getActiveSheetId();
                    const values = {};
                    for (const [xc, formula] of Object.entries(formulas)) {
                        values[xc] = model.getters.evaluateFormula(sheetId, formula);
                    }
                    const text = JSON.stringify(values);
                    if (!text.includes("Loading")) {
                        if (text.includes("#ERROR") || text.includes("#BAD")) {
                            console.error("key figures in error: " + text);
                        } else if (values.B1 !== expectedOpen) {
                            console.error("open complaints " + text);
                        } else {
                            console.log("test successful");
                        }
                        return;
                    }
                }
                if (Date.now() - start > 60000) {
                    console.error("the dashboard did not compute its figures");
                } else {
                    setTimeout(check, 250);
                }
            };
            check();
        """
        code = code.replace("__FORMULAS__", json.dumps(formulas))
        code = code.replace("__OPEN__", str(open_count))
        self.browser_js(
            "/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action"
            f"?dashboard_id={dashboard.id}",
            code,
            ready="odoo.isReady",
            login="admin",
            timeout=120,
        )
