# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

# Internal only: the investigation, the people it is about and the
# bookkeeping of the terms. Portal users read their own complaints (record
# rule), also over RPC; these fields stay hidden from them there. Fields the
# backend views use in their modifiers (validity) cannot carry groups without
# view warnings; the portal pages do not show them. The fields of the
# procedure rules and fair handling (4a/4b) are not restricted here yet.
INTERNAL = "base.group_user"

# What a complainant reads of their own complaint, over RPC as in the
# portal: an allow-list, so that every other field, present and future, stays
# private (the internal assessment, the people involved, the procedure's
# notes). The portal pages render with these, or as superuser.
PORTAL_FIELDS = frozenset(
    {
        "id",
        "active",
        "display_name",
        "name",
        "subject",
        "description",
        "desired_outcome",
        "stage_id",
        "date_received",
        "date_answer_due",
        "date_answered",
        "portal_answer",
        "category_id",
        # Searched and ordered on by the portal's own list.
        "partner_id",
        "priority",
        # portal.mixin: the link to the complaint's page.
        "access_url",
        "access_token",
        "access_warning",
        "website_message_ids",
        "message_ids",
        "has_message",
    }
)


class KlachtenbeheerComplaintPortal(models.Model):
    _name = "klachtenbeheer.complaint"
    _inherit = ["klachtenbeheer.complaint", "portal.mixin"]

    user_concerned_id = fields.Many2one(groups=INTERNAL)
    third_party_id = fields.Many2one(groups=INTERNAL)
    registered_by_id = fields.Many2one(groups=INTERNAL)
    facts = fields.Text(groups=INTERNAL)
    circumstances = fields.Text(groups=INTERNAL)
    causes = fields.Text(groups=INTERNAL)
    severity = fields.Selection(groups=INTERNAL)
    damage_description = fields.Text(groups=INTERNAL)
    damage_amount = fields.Monetary(groups=INTERNAL)
    compensation_amount = fields.Monetary(groups=INTERNAL)
    term_warned_on = fields.Date(groups=INTERNAL)
    term_escalated_on = fields.Date(groups=INTERNAL)

    portal_answer = fields.Html(
        string="Answer Sent",
        compute="_compute_portal_answer",
        compute_sudo=True,
        sanitize=False,
        help="The answer as the complainant reads it: only once it is sent.",
    )

    # No dependencies declared: a portal read would fetch them as the
    # complainant, and the answer itself is not theirs to read.
    def _compute_portal_answer(self):
        for complaint in self:
            complaint.portal_answer = complaint.date_answered and complaint.answer

    def check_field_access_rights(self, operation, field_names):
        """Portal and public users reach only the fields of ``PORTAL_FIELDS``
        (and no field at all for anything but reading)."""
        asked = field_names
        field_names = super().check_field_access_rights(operation, field_names)
        if self.env.su or not self.env.user.share:
            return field_names
        allowed = PORTAL_FIELDS if operation == "read" else frozenset()
        refused = [
            name for name in field_names if name in self._fields and name not in allowed
        ]
        if not refused:
            return field_names
        if not asked:
            # "Every readable field" (a read without field list).
            return [name for name in field_names if name not in refused]
        raise AccessError(
            self.env._(
                "You cannot see these details of a complaint: %(fields)s.",
                fields=", ".join(
                    self._fields[name]._description_string(self.env) for name in refused
                ),
            )
        )

    def _fetch_field(self, field):
        if self.env.su or not self.env.user.share:
            return super()._fetch_field(field)
        # As Odoo's, but what is prefetched with it is allowed too.
        self.check_field_access_rights("read", [field.name])
        fnames = [field.name]
        if field.prefetch:
            fnames += [
                name
                for name, other in self._fields.items()
                if other.prefetch == field.prefetch
                and name in PORTAL_FIELDS
                and name != field.name
            ]
        self.fetch(fnames)

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        res = super().fields_get(allfields=allfields, attributes=attributes)
        if self.env.su or not self.env.user.share:
            return res
        return {name: desc for name, desc in res.items() if name in PORTAL_FIELDS}

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for complaint in self:
            complaint.access_url = f"/my/klachten/{complaint.id}"
        return res
