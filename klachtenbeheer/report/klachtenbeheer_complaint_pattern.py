# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Patterns in the register (Gids klachtenmanagement: "Welke patronen zijn er
in te herkennen?").

Three read-only SQL views for the coordinator: categories rising against
the previous quarter, complainants and addresses with several complaints in
the last twelve months. They count the active complaints of every team; a
company rule keeps companies apart.
"""

from dateutil.relativedelta import relativedelta

from odoo import fields, models, tools
from odoo.tools import SQL

# The window in which complaints of one complainant or address add up.
PATTERN_MONTHS = 12


class KlachtenbeheerPatternMixin(models.AbstractModel):
    _name = "klachtenbeheer.pattern.mixin"
    _description = "Complaint Pattern (SQL view)"

    def _query(self):
        raise NotImplementedError

    def init(self):
        if self._abstract:
            return
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )

    def _complaint_action(self, domain):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "klachtenbeheer.klachtenbeheer_complaint_action"
        )
        action["domain"] = domain
        action["views"] = [
            (False, mode) for mode in ("list", "form", "kanban", "pivot", "graph")
        ]
        action["view_mode"] = "list,form,kanban,pivot,graph"
        action["context"] = {}
        return action

    def _window_start(self):
        return fields.Datetime.now() - relativedelta(months=PATTERN_MONTHS)


class KlachtenbeheerPatternCategory(models.Model):
    _name = "klachtenbeheer.pattern.category"
    _inherit = "klachtenbeheer.pattern.mixin"
    _description = "Complaint Categories per Quarter"
    _auto = False
    _order = "date_quarter desc, increase desc, complaint_count desc"
    _rec_name = "category_id"

    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    category_id = fields.Many2one(
        "klachtenbeheer.category", string="Category", readonly=True
    )
    date_quarter = fields.Date(string="Quarter", readonly=True)
    complaint_count = fields.Integer(string="Complaints", readonly=True)
    previous_count = fields.Integer(string="Previous Quarter", readonly=True)
    increase = fields.Integer(readonly=True)
    growth = fields.Float(string="Growth (%)", readonly=True, aggregator="avg")
    is_rising = fields.Boolean(string="Rising", readonly=True)

    def _query(self):
        return SQL(
            """
            WITH counts AS (
                SELECT c.company_id, c.category_id,
                       c.date_received_quarter AS date_quarter,
                       COUNT(*) AS complaint_count
                  FROM klachtenbeheer_complaint c
                 WHERE c.active IS TRUE
                   AND COALESCE(c.kind, 'complaint') = 'complaint'
                   AND c.category_id IS NOT NULL
                   AND c.date_received_quarter IS NOT NULL
                 GROUP BY c.company_id, c.category_id, c.date_received_quarter
            )
            SELECT ROW_NUMBER() OVER (
                       ORDER BY cur.company_id, cur.category_id, cur.date_quarter
                   ) AS id,
                   cur.company_id, cur.category_id, cur.date_quarter,
                   cur.complaint_count,
                   COALESCE(prev.complaint_count, 0) AS previous_count,
                   cur.complaint_count - COALESCE(prev.complaint_count, 0)
                       AS increase,
                   CASE WHEN prev.complaint_count > 0 THEN
                       ROUND(100.0 * (cur.complaint_count - prev.complaint_count)
                             / prev.complaint_count, 1)
                   END AS growth,
                   cur.complaint_count > COALESCE(prev.complaint_count, 0)
                       AS is_rising
              FROM counts cur
              LEFT JOIN counts prev
                ON prev.company_id = cur.company_id
               AND prev.category_id = cur.category_id
               AND prev.date_quarter = (cur.date_quarter - INTERVAL '3 months')::date
            """
        )

    def action_view_complaints(self):
        self.ensure_one()
        return self._complaint_action(
            [
                ("company_id", "=", self.company_id.id),
                ("category_id", "=", self.category_id.id),
                ("date_received_quarter", "=", self.date_quarter),
            ]
        )


class KlachtenbeheerPatternComplainant(models.Model):
    _name = "klachtenbeheer.pattern.complainant"
    _inherit = "klachtenbeheer.pattern.mixin"
    _description = "Complainants with Several Complaints"
    _auto = False
    _order = "complaint_count desc, date_last desc"
    _rec_name = "partner_id"

    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Complainant", readonly=True)
    complaint_count = fields.Integer(string="Complaints", readonly=True)
    category_count = fields.Integer(string="Categories", readonly=True)
    date_first = fields.Datetime(string="First Complaint", readonly=True)
    date_last = fields.Datetime(string="Last Complaint", readonly=True)

    def _query(self):
        return SQL(
            """
            SELECT MIN(c.id) AS id, c.company_id, c.partner_id,
                   COUNT(*) AS complaint_count,
                   COUNT(DISTINCT c.category_id) AS category_count,
                   MIN(c.date_received) AS date_first,
                   MAX(c.date_received) AS date_last
              FROM klachtenbeheer_complaint c
             WHERE c.active IS TRUE
               AND COALESCE(c.kind, 'complaint') = 'complaint'
               AND c.partner_id IS NOT NULL
               AND c.date_received >= (NOW() AT TIME ZONE 'UTC')
                   - INTERVAL %s
             GROUP BY c.company_id, c.partner_id
            """,
            f"{PATTERN_MONTHS} months",
        )

    def action_view_complaints(self):
        self.ensure_one()
        return self._complaint_action(
            [
                ("company_id", "=", self.company_id.id),
                ("partner_id", "=", self.partner_id.id),
                ("date_received", ">=", self._window_start()),
            ]
        )


class KlachtenbeheerPatternAddress(models.Model):
    _name = "klachtenbeheer.pattern.address"
    _inherit = "klachtenbeheer.pattern.mixin"
    _description = "Addresses with Several Complaints"
    _auto = False
    _order = "complaint_count desc, date_last desc"
    _rec_name = "street"

    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    street = fields.Char(readonly=True)
    zip = fields.Char(readonly=True)
    city = fields.Char(readonly=True)
    address_key = fields.Char(readonly=True)
    complaint_count = fields.Integer(string="Complaints", readonly=True)
    complainant_count = fields.Integer(string="Complainants", readonly=True)
    date_last = fields.Datetime(string="Last Complaint", readonly=True)

    @staticmethod
    def _address_key_sql(alias):
        # The same street and postcode, however they were typed: the SQL
        # twin of tools.address.address_key (TestAddressKey keeps them equal).
        return SQL(
            "LOWER(REGEXP_REPLACE(TRIM(%s.street), '\\s+', ' ', 'g')) || '|' || "
            "UPPER(REPLACE(%s.zip, ' ', ''))",
            SQL.identifier(alias),
            SQL.identifier(alias),
        )

    def _query(self):
        key = self._address_key_sql("c")
        return SQL(
            """
            SELECT MIN(c.id) AS id, c.company_id,
                   MIN(c.street) AS street, MIN(c.zip) AS zip,
                   MIN(c.city) AS city, %s AS address_key,
                   COUNT(*) AS complaint_count,
                   COUNT(DISTINCT c.partner_id) AS complainant_count,
                   MAX(c.date_received) AS date_last
              FROM klachtenbeheer_complaint c
             WHERE c.active IS TRUE
               AND COALESCE(c.kind, 'complaint') = 'complaint'
               AND COALESCE(TRIM(c.street), '') <> ''
               AND COALESCE(TRIM(c.zip), '') <> ''
               AND c.date_received >= (NOW() AT TIME ZONE 'UTC')
                   - INTERVAL %s
             GROUP BY c.company_id, %s
            """,
            key,
            f"{PATTERN_MONTHS} months",
            key,
        )

    def action_view_complaints(self):
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                "SELECT c.id FROM klachtenbeheer_complaint c "
                "WHERE c.company_id = %s AND c.date_received >= %s AND %s = %s",
                self.company_id.id,
                self._window_start(),
                self._address_key_sql("c"),
                self.address_key,
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        return self._complaint_action([("id", "in", ids)])
