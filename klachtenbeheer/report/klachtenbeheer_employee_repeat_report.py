# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class KlachtenbeheerEmployeeRepeatReport(models.Model):
    """Repeat complaints because an employee was late, not or wrong again,
    per employee (WMD-klachtenbeleid §2.6: the frequency weighs in the
    employee's appraisal). A SQL view with record rules of its own: the team
    manager sees the employees of the teams they manage, the coordinators
    every team; nobody sees their own row (Awb 9:7)."""

    _name = "klachtenbeheer.employee.repeat.report"
    _description = "Repeat Complaints per Employee"
    _auto = False
    _order = "date_received desc, id desc"

    complaint_id = fields.Many2one(
        "klachtenbeheer.complaint", string="Complaint", readonly=True
    )
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    team_id = fields.Many2one("klachtenbeheer.team", string="Team", readonly=True)
    manager_id = fields.Many2one("res.users", string="Team Manager", readonly=True)
    user_concerned_id = fields.Many2one(
        "res.users", string="Employee Concerned", readonly=True
    )
    # Who the repeat is about, with or without a user account: the user's
    # contact or the employee named without one.
    employee_partner_id = fields.Many2one(
        "res.partner", string="Employee", readonly=True
    )
    date_received = fields.Datetime(string="Received On", readonly=True)
    repeat_count = fields.Integer(string="Repeats", readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT c.id AS id,
                           c.id AS complaint_id,
                           c.company_id,
                           c.team_id,
                           t.user_id AS manager_id,
                           c.user_concerned_id,
                           COALESCE(c.employee_concerned_partner_id, u.partner_id)
                               AS employee_partner_id,
                           c.date_received,
                           1 AS repeat_count
                      FROM klachtenbeheer_complaint c
                 LEFT JOIN klachtenbeheer_team t ON t.id = c.team_id
                 LEFT JOIN res_users u ON u.id = c.user_concerned_id
                     WHERE c.repeat_reason = 'employee_again'
                       AND (c.user_concerned_id IS NOT NULL
                            OR c.employee_concerned_partner_id IS NOT NULL)
                       AND c.active
                )
                """,
                SQL.identifier(self._table),
            )
        )
