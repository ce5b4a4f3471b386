# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models

from ..models.klachtenbeheer_complaint import CHANNELS

# Fields of other records that name the person a complaint would come from.
PARTNER_FIELDS = ("partner_id", "customer_id", "commercial_partner_id")


class KlachtenbeheerQuickRegister(models.TransientModel):
    """Register a complaint in a few clicks: from the phone, the front desk,
    a contact or any other record (Gids klachtenmanagement, "registreer op
    elke werkplek")."""

    _name = "klachtenbeheer.quick.register"
    _description = "Quick Complaint Registration"

    channel = fields.Selection(CHANNELS, required=True, default="phone")
    partner_id = fields.Many2one(comodel_name="res.partner", string="Complainant")
    contact_name = fields.Char(string="Name")
    email_from = fields.Char(string="E-mail")
    phone = fields.Char()
    is_anonymous = fields.Boolean(string="Anonymous")
    subject = fields.Char(required=True)
    description = fields.Text(string="What Was Said")
    is_hidden_complaint = fields.Boolean(
        string="Hidden Complaint",
        help='A remark that shows dissatisfaction ("Is he out again?"): '
        "register it too, it counts (Gids klachtenmanagement).",
    )
    category_id = fields.Many2one(comodel_name="klachtenbeheer.category")
    team_id = fields.Many2one(comodel_name="klachtenbeheer.team")
    source_model = fields.Char()
    source_res_id = fields.Integer()
    source_name = fields.Char(string="Registered From", readonly=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        model, res_id = context.get("active_model"), context.get("active_id")
        if model and res_id and model in self.env and model != self._name:
            record = self.env[model].browse(res_id).exists()
            if record:
                values.update(self._prefill_from_record(record))
        return values

    @api.model
    def _prefill_from_record(self, record):
        """Values taken from the record the registration starts from.

        Override to read more from a model of your own."""
        values = {
            "source_model": record._name,
            "source_res_id": record.id,
            "source_name": record.display_name,
        }
        if record._name == "res.partner":
            values["partner_id"] = record.id
            return values
        for fname in PARTNER_FIELDS:
            field = record._fields.get(fname)
            if (
                field
                and field.type == "many2one"
                and field.comodel_name == "res.partner"
            ):
                if record[fname]:
                    values["partner_id"] = record[fname].id
                    break
        return values

    def _prepare_complaint_values(self):
        self.ensure_one()
        values = {
            "channel": self.channel,
            "subject": self.subject,
            "is_hidden_complaint": self.is_hidden_complaint,
            "category_id": self.category_id.id,
            "team_id": self.team_id.id,
            "is_anonymous": self.is_anonymous,
            "source_model": self.source_model,
            "source_res_id": self.source_res_id,
        }
        if self.description:
            values["description"] = Markup("<p>%s</p>") % self.description
        if self.partner_id and not self.is_anonymous:
            values["partner_id"] = self.partner_id.id
        else:
            for fname in ("contact_name", "email_from", "phone"):
                if self[fname]:
                    values[fname] = self[fname]
        return values

    def action_register(self):
        """Create the complaint and open it."""
        self.ensure_one()
        complaint = self.env["klachtenbeheer.complaint"].create(
            self._prepare_complaint_values()
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": complaint._name,
            "res_id": complaint.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def action_register_next(self):
        """Create the complaint and start the next registration (phone)."""
        self.ensure_one()
        complaint = self.env["klachtenbeheer.complaint"].create(
            self._prepare_complaint_values()
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Complaint %(number)s registered.", number=complaint.name
                ),
                "next": {
                    "type": "ir.actions.act_window",
                    "res_model": self._name,
                    "view_mode": "form",
                    "views": [(False, "form")],
                    "target": "new",
                    "context": {"default_channel": self.channel},
                },
            },
        }
