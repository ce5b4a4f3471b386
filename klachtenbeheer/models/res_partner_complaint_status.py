# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.osv import expression

# Complaints listed per contact in the status; the count says how many more.
STATUS_LINES = 10


class ResPartner(models.Model):
    """Every employee sees at a glance who handles a contact's complaints
    and how far they are (Gids klachtenmanagement: "in 1 oogopslag wie de
    klachtbehandelaar is en wat de status van een klacht is"), also without
    the right to read the complaints themselves: number, stage and handler,
    never the content."""

    # pylint: disable=consider-merging-classes-inherited
    _inherit = "res.partner"

    klachtenbeheer_status_count = fields.Integer(
        string="Complaints",
        compute="_compute_klachtenbeheer_status",
        groups="base.group_user",
    )
    klachtenbeheer_status = fields.Html(
        string="Complaint Status",
        compute="_compute_klachtenbeheer_status",
        sanitize=False,
        groups="base.group_user",
    )
    klachtenbeheer_is_complainant = fields.Boolean(
        string="Complainant",
        compute="_compute_klachtenbeheer_status",
        search="_search_klachtenbeheer_is_complainant",
        groups="base.group_user",
    )

    @api.model
    def _klachtenbeheer_known_domain(self):
        """The complaints the current user may know of, whatever they may
        read: not those about themselves (Awb 9:7), not those before the
        board unless it gave them access (WMD-klachtenbeleid §2.5)."""
        user = self.env.user
        domain = [
            ("company_id", "in", self.env.companies.ids),
            ("user_concerned_id", "!=", user.id),
            ("employee_concerned_partner_id", "!=", user.partner_id.id),
        ]
        if not (
            user.has_group("klachtenbeheer.group_klachtenbeheer_board")
            or user.has_group("klachtenbeheer.group_klachtenbeheer_coordinator")
        ):
            domain = expression.AND(
                [
                    domain,
                    [
                        "|",
                        ("criminal_suspicion", "=", False),
                        ("criminal_access_user_ids", "in", user.ids),
                    ],
                ]
            )
        return domain

    @api.depends_context("uid", "allowed_company_ids", "lang")
    def _compute_klachtenbeheer_status(self):
        # One search for the whole batch; read as superuser, and only the
        # number, stage and handler leave this method.
        complaints = (
            self.env["klachtenbeheer.complaint"]
            .sudo()
            .search_fetch(
                expression.AND(
                    [
                        [("partner_id", "in", self.ids)],
                        self._klachtenbeheer_known_domain(),
                    ]
                ),
                ["name", "partner_id", "stage_id", "team_id", "user_id"],
                order="date_received desc, id desc",
            )
        )
        per_partner = {}
        for complaint in complaints:
            per_partner.setdefault(complaint.partner_id.id, []).append(complaint)
        for partner in self:
            mine = per_partner.get(partner.id, [])
            partner.klachtenbeheer_status_count = len(mine)
            partner.klachtenbeheer_is_complainant = bool(mine)
            partner.klachtenbeheer_status = self._klachtenbeheer_status_html(mine)

    def _klachtenbeheer_handled_by(self, complaint):
        """Who handles it, by name: the handler, else the team whose manager
        assigns it, else the coordinators (unassigned work goes to their
        queue)."""
        if complaint.user_id:
            return complaint.user_id.name
        if complaint.team_id:
            return self.env._("%s (not assigned yet)", complaint.team_id.name)
        return self.env._("Complaint coordinator")

    def _klachtenbeheer_status_html(self, complaints):
        if not complaints:
            return False
        _ = self.env._
        rows = Markup("").join(
            Markup("<tr><td>%s</td><td>%s</td><td>%s</td></tr>")
            % (
                complaint.name,
                complaint.stage_id.name or "",
                self._klachtenbeheer_handled_by(complaint),
            )
            for complaint in complaints[:STATUS_LINES]
        )
        more = (
            Markup("<p>%s</p>") % _("And %s more.", len(complaints) - STATUS_LINES)
            if len(complaints) > STATUS_LINES
            else ""
        )
        return Markup(
            '<table class="table table-sm o_klachtenbeheer_status">'
            "<thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead>"
            "<tbody>%s</tbody></table>%s"
        ) % (
            escape(_("Number")),
            escape(_("Stage")),
            escape(_("Handled By")),
            rows,
            more,
        )

    def _search_klachtenbeheer_is_complainant(self, operator, value):
        if operator not in ("=", "!="):
            raise NotImplementedError(operator)
        query = (
            self.env["klachtenbeheer.complaint"]
            .sudo()
            ._search(
                expression.AND(
                    [[("partner_id", "!=", False)], self._klachtenbeheer_known_domain()]
                )
            )
        )
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", query.subselect("partner_id"))]
