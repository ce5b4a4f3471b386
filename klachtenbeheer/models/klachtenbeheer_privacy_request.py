# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A person's request to the register (AVG art. 15 access, art. 17
erasure), kept with what was done, by whom and when."""

import base64

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.privacy_export import build_archive

# What the export tells of a complaint, in this order.
EXPORT_FIELDS = (
    "name",
    "subject",
    "date_received",
    "channel",
    "kind",
    "category_id",
    "team_id",
    "stage_id",
    "contact_name",
    "email_from",
    "phone",
    "street",
    "zip",
    "city",
    "representative_id",
    "representative_kind",
    "correspondence",
    "description",
    "desired_outcome",
    "facts",
    "circumstances",
    "damage_description",
    "answer",
    "validity",
    "date_answered",
    "date_closed",
    "outside_procedure_referral",
    "redirect_note",
)


class KlachtenbeheerPrivacyRequest(models.Model):
    _name = "klachtenbeheer.privacy.request"
    _description = "Privacy Request"
    _inherit = ["mail.thread"]
    _order = "date_received desc, id desc"

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/"
    )
    kind = fields.Selection(
        [
            ("access", "Access (AVG art. 15)"),
            ("erasure", "Erasure (AVG art. 17)"),
        ],
        required=True,
        tracking=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Person",
        required=True,
        tracking=True,
        help="Whose data: the complaints name this contact as complainant or "
        "representative, or come from its e-mail address.",
    )
    email = fields.Char(
        help="Also the complaints from this address (filled from the contact)."
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
    )
    date_received = fields.Date(
        string="Received On", required=True, default=fields.Date.context_today
    )
    date_due = fields.Date(
        string="Answer Before",
        compute="_compute_date_due",
        store=True,
        help="AVG art. 12(3): within one month of the request.",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Privacy Officer",
        default=lambda self: self.env.user,
        tracking=True,
    )
    note = fields.Text(help="How the person was identified, and what was agreed.")
    state = fields.Selection(
        [("new", "New"), ("done", "Done")],
        default="new",
        required=True,
        tracking=True,
    )
    date_done = fields.Datetime(string="Done On", readonly=True, copy=False)
    complaint_ids = fields.Many2many(
        comodel_name="klachtenbeheer.complaint",
        relation="klachtenbeheer_privacy_request_complaint_rel",
        column1="request_id",
        column2="complaint_id",
        string="Complaints",
        readonly=True,
        copy=False,
        help="The complaints the request concerns, as found when it was handled.",
    )
    skipped_complaint_ids = fields.Many2many(
        comodel_name="klachtenbeheer.complaint",
        relation="klachtenbeheer_privacy_request_skipped_rel",
        column1="request_id",
        column2="complaint_id",
        string="Not Anonymised",
        readonly=True,
        copy=False,
        help="Open or held complaints, kept (AVG art. 17(3)): they are "
        "anonymised when they are closed and their retention passes.",
    )
    export_id = fields.Many2one(
        comodel_name="ir.attachment", string="Export", readonly=True, copy=False
    )

    @api.depends("date_received")
    def _compute_date_due(self):
        for request in self:
            request.date_due = request.date_received and (
                request.date_received + relativedelta(months=1)
            )

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        self.email = self.partner_id.email_normalized or self.partner_id.email

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "klachtenbeheer.privacy.request"
                )
        return super().create(vals_list)

    def _find_complaints(self):
        """Every complaint of the company that names the person (as
        complainant, also as a person of a company, or as representative)
        or came from their address."""
        self.ensure_one()
        Complaint = (
            self.env["klachtenbeheer.complaint"].sudo().with_context(active_test=False)
        )
        person = self.partner_id.commercial_partner_id
        domain = [
            "|",
            ("partner_id", "child_of", person.ids),
            ("representative_id", "child_of", person.ids),
        ]
        email = self.email or self.partner_id.email_normalized
        if email:
            domain = ["|", ("email_normalized", "=", email), *domain]
        return Complaint.search(
            [("company_id", "=", self.company_id.id), *domain], order="id"
        )

    def _check_new(self):
        for request in self:
            if request.state != "new":
                raise UserError(
                    self.env._("Request %s has already been handled.", request.name)
                )

    def action_erase(self):
        """AVG art. 17: anonymise the person's closed complaints now; open
        and held ones are kept and named (art. 17(3))."""
        self._check_new()
        for request in self:
            if request.kind != "erasure":
                raise UserError(
                    self.env._("Request %s is no request for erasure.", request.name)
                )
            complaints = request._find_complaints()
            kept = complaints.filtered(lambda c: not c.is_closed or c.legal_hold)
            (complaints - kept).with_env(self.env)._anonymise(
                "erasure", request=request
            )
            request.write(
                {
                    "complaint_ids": [(6, 0, complaints.ids)],
                    "skipped_complaint_ids": [(6, 0, kept.ids)],
                    "state": "done",
                    "date_done": fields.Datetime.now(),
                }
            )
            request.message_post(
                body=self.env._(
                    "%(user)s anonymised %(done)s complaints; %(kept)s open or "
                    "held complaints are kept.",
                    user=self.env.user.name,
                    done=len(complaints - kept),
                    kept=len(kept),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_export(self):
        """AVG art. 15: everything the register holds on the person, as a
        ZIP (readable summary, JSON data, the files), kept on the request."""
        self._check_new()
        self.ensure_one()
        if self.kind != "access":
            raise UserError(
                self.env._("Request %s is no request for access.", self.name)
            )
        complaints = self._find_complaints()
        self.complaint_ids = complaints
        data, files = self._export_data(complaints)
        pdf = (
            self.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("klachtenbeheer.action_report_privacy_export", self.ids)[
                0
            ]
        )
        archive = build_archive(pdf, data, files)
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"inzage-{self.name.replace('/', '-')}.zip",
                "datas": base64.b64encode(archive),
                "mimetype": "application/zip",
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        self.write(
            {
                "export_id": attachment.id,
                "state": "done",
                "date_done": fields.Datetime.now(),
            }
        )
        self.message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "%(user)s exported %(count)s complaints for the request for access.",
                user=self.env.user.name,
                count=len(complaints),
            ),
            attachment_ids=attachment.ids,
            subtype_xmlid="mail.mt_note",
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def _export_data(self, complaints):
        """(data, files) of the person's complaints: the fields, the messages
        (internal notes marked), the attachments; the other addons add theirs
        in ``complaint._privacy_export_extra()``."""
        data = {
            "verzoek": self.name,
            "persoon": self.partner_id.display_name,
            "datum": fields.Date.to_string(fields.Date.context_today(self)),
            "klachten": [],
        }
        files = []
        Attachment = self.env["ir.attachment"].sudo()
        for complaint in complaints:
            record = {}
            for fname in EXPORT_FIELDS:
                field = complaint._fields[fname]
                value = complaint[fname]
                if field.type in ("many2one",):
                    value = value.display_name or None
                elif field.type == "selection":
                    value = dict(field._description_selection(self.env)).get(value)
                elif field.type in ("date", "datetime"):
                    value = value and field.to_string(value)
                record[field._description_string(self.env)] = value or None
            messages = complaint.message_ids.filtered(
                lambda m: m.message_type != "user_notification"
            ).sorted("id")
            record["berichten"] = [
                {
                    "datum": fields.Datetime.to_string(message.date),
                    "van": message.author_id.display_name or message.email_from,
                    "onderwerp": message.subject,
                    "tekst": message.body and str(message.body),
                    "intern": bool(message.subtype_id.internal)
                    or message.message_type == "notification",
                }
                for message in messages
            ]
            attachments = (
                Attachment.search(
                    [
                        ("res_model", "=", complaint._name),
                        ("res_id", "=", complaint.id),
                    ]
                )
                | messages.attachment_ids
            )
            record["bijlagen"] = attachments.mapped("name")
            files += [
                (complaint.name, attachment.name, attachment.raw)
                for attachment in attachments
            ]
            record.update(complaint._privacy_export_extra())
            data["klachten"].append(record)
        return data, files
