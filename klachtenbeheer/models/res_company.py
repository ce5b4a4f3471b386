# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    klachtenbeheer_allow_anonymous = fields.Boolean(
        string="Allow Anonymous Complaints",
        default=True,
        help="When unchecked, every complaint must name its complainant.",
    )
    klachtenbeheer_term_profile_id = fields.Many2one(
        comodel_name="klachtenbeheer.term.profile",
        string="Complaint Term Profile",
        default=lambda self: self.env.ref(
            "klachtenbeheer.term_profile_corporation", raise_if_not_found=False
        ),
    )

    # Complaints by e-mail
    klachtenbeheer_mail_unknown_sender = fields.Selection(
        [
            ("create_contact", "Create a Contact"),
            ("anonymous", "Keep Only the Address"),
        ],
        string="Unknown Sender of a Complaint Mail",
        default="create_contact",
        required=True,
        help="A complaint mail from an address that is no contact yet: create "
        "a contact for it, or register the complaint without a contact (only "
        "the address and name from the mail are kept; this needs anonymous "
        "complaints to be allowed).",
    )
    klachtenbeheer_mail_closed_policy = fields.Selection(
        [
            ("reopen", "Reopen the Complaint"),
            ("new", "Register a New Complaint"),
        ],
        string="Reply to a Closed Complaint",
        default="new",
        required=True,
        help="What a mail that replies to a closed complaint does: register a "
        "new complaint that repeats the closed one (the repeat rules apply, "
        "with fresh terms), or reopen it (back to the first open stage, the "
        "terms run again from the reply).",
    )
    klachtenbeheer_mail_max_attachment_mb = fields.Integer(
        string="Largest Mail Attachment (MB)",
        default=10,
        help="Attachments of incoming complaint mails larger than this are not "
        "kept; the mail itself is, with a note naming the dropped file. "
        "0: no limit.",
    )

    # Retention (AVG art. 5(1)(e)): how long personal data is kept.
    klachtenbeheer_retention_months = fields.Integer(
        string="Keep Closed Complaints (Months)",
        default=24,
        help="Months after closing a complaint until its personal data is "
        "anonymised. The figures stay. 0: never.",
    )
    klachtenbeheer_retention_redirect_months = fields.Integer(
        string="Keep Redirected Reports (Months)",
        default=6,
        help="Months after closing a report that was no complaint (passed "
        "on to whoever handles it) until its personal data is anonymised. "
        "0: never.",
    )
    klachtenbeheer_retention_mail_months = fields.Integer(
        string="Keep Ignored Mails (Months)",
        default=3,
        help="Months an ignored or unprocessed mail (auto-reply, delivery "
        "report, error) is kept before it is deleted. 0: never.",
    )
    klachtenbeheer_retention_keep_employee = fields.Boolean(
        string="Keep the Employee Concerned",
        help="When anonymising, keep which employee a complaint was about, "
        "for the count of repeats per employee (WMD-klachtenbeleid §2.6). "
        "Unchecked: that link is removed too.",
    )
