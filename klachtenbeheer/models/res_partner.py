# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL


class ResPartner(models.Model):
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "res.partner"

    klachtenbeheer_complaint_count = fields.Integer(
        string="Complaint Count",
        compute="_compute_klachtenbeheer_complaint_count",
        groups="klachtenbeheer.group_klachtenbeheer_user",
    )

    def _compute_klachtenbeheer_complaint_count(self):
        # Counts what the current user may see: record rules apply.
        counts = dict(
            self.env["klachtenbeheer.complaint"]._read_group(
                [("partner_id", "in", self.ids)],
                groupby=["partner_id"],
                aggregates=["__count"],
            )
        )
        for partner in self:
            partner.klachtenbeheer_complaint_count = counts.get(partner, 0)

    def action_view_klachtenbeheer_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "klachtenbeheer.klachtenbeheer_complaint_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_register_klachtenbeheer_complaint(self):
        """Open a new complaint pre-filled with this contact."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Register Complaint"),
            "res_model": "klachtenbeheer.complaint",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {"default_partner_id": self.id},
        }

    # Every incoming mail looks its sender up among the contacts by
    # normalized address (Odoo to find the author, the gateway to find the
    # complainant): indexed, that stays a lookup in a register of many
    # thousands of tenants instead of a scan.
    email_normalized = fields.Char(index="btree_not_null")

    def init(self):
        res = super().init()
        # Searching complaints by complainant ("partner_id ilike") looks for
        # the text anywhere in each contact's name, e-mail, reference, VAT
        # and company number (Odoo's _rec_names_search): trigram indexes on
        # all five keep that a lookup among many thousands of tenants
        # (PostgreSQL combines them only when every one is indexed). Odoo's
        # own b-tree indexes stay, for sorting and exact matches.
        if self.env.registry.has_trigram:
            for column in self._rec_names_search:
                field = self._fields.get(column)
                if not (field and field.store and field.type == "char"):
                    continue
                self.env.cr.execute(
                    SQL(
                        "CREATE INDEX IF NOT EXISTS %s ON res_partner "
                        "USING gin (%s gin_trgm_ops)",
                        SQL.identifier(f"res_partner_{column}_trgm_idx"),
                        SQL.identifier(column),
                    )
                )
        return res
