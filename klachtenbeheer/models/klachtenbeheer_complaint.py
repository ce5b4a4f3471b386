# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import email_normalize, is_html_empty

# Where a complaint came in (003, 004 §2.1, 001).
CHANNELS = [
    ("email", "E-mail"),
    ("letter", "Letter"),
    ("phone", "Phone"),
    ("front_desk", "Front Desk"),
    ("web_form", "Web Form"),
    ("contact_center", "Contact Centre"),
    ("social_media", "Social Media"),
    ("home_visit", "Home Visit"),
    ("in_person", "In Person"),
]

# How the complainant wants the complaint handled (001, Awb 9:10).
HANDLING_PREFERENCES = [
    ("informal", "Informal"),
    ("phone_visit", "By Phone or Visit"),
    ("hearing", "Hearing with Minutes and Decision Letter"),
    ("three_way", "Three-way Conversation"),
]

VALIDITIES = [
    ("founded", "Founded"),
    ("partly_founded", "Partly Founded"),
    ("unfounded", "Unfounded"),
    ("undetermined", "Undetermined"),
]

SEVERITIES = [
    ("low", "Low"),
    ("medium", "Medium"),
    ("high", "High"),
]

PRIORITIES = [
    ("0", "Normal"),
    ("1", "High"),
    ("2", "Urgent"),
]

CONTACT_FIELDS = ("contact_name", "email_from", "phone", "street", "zip", "city")

# Clocks of the browser and the server differ a little; a date received a few
# minutes "in the future" is a clock difference, not a typing error.
FUTURE_TOLERANCE = timedelta(minutes=5)


class KlachtenbeheerComplaint(models.Model):
    _name = "klachtenbeheer.complaint"
    _description = "Complaint"
    _inherit = ["mail.thread.cc", "mail.thread.blacklist", "mail.activity.mixin"]
    _order = "priority desc, date_received desc, id desc"
    _primary_email = "email_from"
    _rec_names_search = ["name", "subject", "email_from", "contact_name"]
    _mailing_enabled = False

    name = fields.Char(
        string="Number",
        required=True,
        readonly=True,
        copy=False,
        index="trigram",
        default=lambda self: self.env._("New"),
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    subject = fields.Char(required=True, tracking=True)
    description = fields.Html(sanitize_style=True)
    desired_outcome = fields.Text(
        help="What the complainant wants to achieve with the complaint.",
    )
    priority = fields.Selection(PRIORITIES, default="0", index=True)
    color = fields.Integer()

    # Complainant
    is_anonymous = fields.Boolean(
        string="Anonymous",
        tracking=True,
        help="The complainant does not want to be known. Contact details may "
        "still be kept to send the answer.",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Complainant",
        index="btree_not_null",
        tracking=True,
    )
    contact_name = fields.Char(
        compute="_compute_contact_details",
        store=True,
        readonly=False,
    )
    email_from = fields.Char(
        string="E-mail",
        compute="_compute_contact_details",
        store=True,
        readonly=False,
    )
    # Indexed: intake and Odoo's per-sender throttle search on it.
    email_normalized = fields.Char(index=True)
    phone = fields.Char(
        compute="_compute_contact_details",
        store=True,
        readonly=False,
    )
    street = fields.Char(
        compute="_compute_contact_details",
        store=True,
        readonly=False,
    )
    zip = fields.Char(
        compute="_compute_contact_details",
        store=True,
        readonly=False,
    )
    city = fields.Char(
        compute="_compute_contact_details",
        store=True,
        readonly=False,
    )
    partner_complaint_count = fields.Integer(
        string="Earlier Complaints",
        compute="_compute_partner_complaint_count",
    )

    # About whom (004 §1.2)
    user_concerned_id = fields.Many2one(
        comodel_name="res.users",
        string="Employee Concerned",
        domain=[("share", "=", False)],
        index="btree_not_null",
        help="The employee the complaint is about.",
    )
    third_party_id = fields.Many2one(
        comodel_name="res.partner",
        string="Third Party Concerned",
        index="btree_not_null",
        help="A party working for the organisation that the complaint is "
        "about, e.g. a contractor.",
    )

    # Intake
    channel = fields.Selection(
        CHANNELS, required=True, default="phone", index=True, tracking=True
    )
    date_received = fields.Datetime(
        string="Received On",
        required=True,
        default=fields.Datetime.now,
        index=True,
        tracking=True,
    )
    registered_by_id = fields.Many2one(
        comodel_name="res.users",
        string="Registered By",
        default=lambda self: self.env.user,
        readonly=True,
        index=True,
    )
    category_id = fields.Many2one(
        comodel_name="klachtenbeheer.category",
        string="Category",
        index=True,
        tracking=True,
    )
    tag_ids = fields.Many2many(
        comodel_name="klachtenbeheer.tag",
        relation="klachtenbeheer_complaint_tag_rel",
        column1="complaint_id",
        column2="tag_id",
        string="Tags",
    )
    handling_preference = fields.Selection(
        HANDLING_PREFERENCES,
        default="informal",
        help="How the complainant wants the complaint to be handled.",
    )

    # Handling
    team_id = fields.Many2one(
        comodel_name="klachtenbeheer.team",
        string="Team",
        index=True,
        tracking=True,
        check_company=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Handler",
        domain=[("share", "=", False)],
        index=True,
        tracking=True,
    )
    stage_id = fields.Many2one(
        comodel_name="klachtenbeheer.stage",
        string="Stage",
        index=True,
        tracking=True,
        copy=False,
        ondelete="restrict",
        group_expand="_read_group_stage_ids",
        default=lambda self: self._default_stage_id(),
    )
    is_closed = fields.Boolean(
        related="stage_id.is_closed",
        store=True,
        index=True,
        string="Closed",
    )
    date_closed = fields.Datetime(
        string="Closed On",
        compute="_compute_date_closed",
        store=True,
        copy=False,
        index=True,
    )

    # Investigation (003)
    facts = fields.Text()
    circumstances = fields.Text()
    causes = fields.Text(string="Possible Causes")
    severity = fields.Selection(SEVERITIES)
    validity = fields.Selection(VALIDITIES, tracking=True)
    damage_description = fields.Text(string="Damage")
    damage_amount = fields.Monetary(currency_field="currency_id")

    # Decision
    answer = fields.Html(string="Answer / Decision", sanitize_style=True)
    remedy_ids = fields.Many2many(
        comodel_name="klachtenbeheer.remedy",
        relation="klachtenbeheer_complaint_remedy_rel",
        column1="complaint_id",
        column2="remedy_id",
        string="Remedies",
    )
    compensation_amount = fields.Monetary(currency_field="currency_id")

    _sql_constraints = [
        ("name_uniq", "unique (name)", "The complaint number must be unique."),
    ]

    # ------------------------------------------------------------------
    # Defaults and computes
    # ------------------------------------------------------------------

    @api.model
    def _default_stage_id(self):
        return self.env["klachtenbeheer.stage"].search(
            [("is_closed", "=", False)], order="sequence, id", limit=1
        )

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        # Show every stage as a kanban column, also the empty ones.
        return stages.search([], order=stages._order)

    @api.depends("partner_id")
    def _compute_contact_details(self):
        for complaint in self:
            partner = complaint.partner_id
            if not partner:
                continue
            complaint.contact_name = partner.name
            complaint.email_from = partner.email
            complaint.phone = partner.phone or partner.mobile
            complaint.street = partner.street
            complaint.zip = partner.zip
            complaint.city = partner.city

    @api.depends("stage_id")
    def _compute_date_closed(self):
        now = fields.Datetime.now()
        for complaint in self:
            if not complaint.stage_id.is_closed:
                complaint.date_closed = False
            elif not complaint.date_closed:
                complaint.date_closed = now

    @api.depends("partner_id")
    def _compute_partner_complaint_count(self):
        partners = self.partner_id
        counts = {}
        if partners:
            counts = dict(
                self._read_group(
                    [("partner_id", "in", partners.ids)],
                    groupby=["partner_id"],
                    aggregates=["__count"],
                )
            )
        for complaint in self:
            count = counts.get(complaint.partner_id, 0)
            # Only the other complaints count as earlier ones.
            complaint.partner_complaint_count = max(count - 1, 0) if count else 0

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("email_from")
    def _check_email_from(self):
        for complaint in self:
            if complaint.email_from and not email_normalize(complaint.email_from):
                raise ValidationError(
                    self.env._(
                        "%(email)s is not a valid e-mail address.",
                        email=complaint.email_from,
                    )
                )

    @api.constrains("date_received")
    def _check_date_received(self):
        limit = fields.Datetime.now() + FUTURE_TOLERANCE
        for complaint in self:
            if complaint.date_received and complaint.date_received > limit:
                raise ValidationError(
                    self.env._("The date received cannot lie in the future.")
                )

    @api.constrains("damage_amount", "compensation_amount")
    def _check_amounts(self):
        for complaint in self:
            if complaint.damage_amount < 0 or complaint.compensation_amount < 0:
                raise ValidationError(
                    self.env._(
                        "The damage amount and the compensation amount cannot "
                        "be negative."
                    )
                )

    @api.constrains("is_anonymous", "partner_id", "contact_name", "company_id")
    def _check_complainant(self):
        for complaint in self:
            if complaint.is_anonymous:
                if not complaint.company_id.klachtenbeheer_allow_anonymous:
                    raise ValidationError(
                        self.env._(
                            "Anonymous complaints are not allowed in %(company)s. "
                            "Please register the complainant.",
                            company=complaint.company_id.name,
                        )
                    )
                if complaint.partner_id:
                    raise ValidationError(
                        self.env._(
                            "An anonymous complaint cannot name a complainant. "
                            "Remove the complainant or uncheck Anonymous."
                        )
                    )
            elif not complaint.partner_id:
                raise ValidationError(
                    self.env._(
                        "Please enter the complainant (a contact, or a name, "
                        "e-mail address or phone number) or mark the complaint "
                        "as anonymous."
                    )
                )

    @api.constrains("stage_id", "validity", "answer")
    def _check_decision(self):
        for complaint in self:
            if not complaint.stage_id.require_decision:
                continue
            missing = complaint._get_missing_decision_fields()
            if missing:
                raise ValidationError(
                    self.env._(
                        "Complaint %(number)s cannot move to stage %(stage)s "
                        "yet. Please fill in: %(fields)s.",
                        number=complaint.name,
                        stage=complaint.stage_id.name,
                        fields=", ".join(missing),
                    )
                )

    def _get_missing_decision_fields(self):
        """Return the labels of the fields a decision still needs.

        Override to require more before a complaint is closed.
        """
        self.ensure_one()
        missing = []
        if not self.validity:
            missing.append(self._fields["validity"]._description_string(self.env))
        if is_html_empty(self.answer):
            missing.append(self._fields["answer"]._description_string(self.env))
        return missing

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        new_label = self.env._("New")
        for vals in vals_list:
            self.browse()._check_registered_by_change(vals)
            company = self.env["res.company"].browse(
                vals.get("company_id") or self.env.company.id
            )
            if not vals.get("name") or vals["name"] == new_label:
                vals["name"] = (
                    self.env["ir.sequence"]
                    .with_company(company)
                    .next_by_code("klachtenbeheer.complaint")
                )
            if not vals.get("partner_id") and not vals.get("is_anonymous"):
                partner = self._find_or_create_complainant(vals, company)
                if partner:
                    vals["partner_id"] = partner.id
        return super().create(vals_list)

    def _check_registered_by_change(self, vals):
        # Who registered a complaint decides who sees it (record rules):
        # only coordinators may set or correct it, so nobody hands a
        # complaint to a colleague outside the procedure.
        if "registered_by_id" not in vals or self.env.su:
            return
        if self.env.user.has_group("klachtenbeheer.group_klachtenbeheer_coordinator"):
            return
        current = self.mapped("registered_by_id.id") if self else [self.env.uid]
        if any(user_id != vals["registered_by_id"] for user_id in current):
            raise AccessError(
                self.env._(
                    "Only a complaint coordinator can change who registered "
                    "a complaint."
                )
            )

    def write(self, vals):
        self._check_registered_by_change(vals)
        if vals.get("is_anonymous") is False and not vals.get("partner_id"):
            # An anonymous complaint becomes a named one: the complainant is
            # found or made from the contact details registered.
            nameless = self.filtered(lambda c: not c.partner_id)
            for complaint in nameless:
                details = {
                    fname: vals.get(fname, complaint[fname]) for fname in CONTACT_FIELDS
                }
                partner = self._find_or_create_complainant(
                    details, complaint.company_id
                )
                super(KlachtenbeheerComplaint, complaint).write(
                    dict(vals, partner_id=partner.id)
                )
            return super(KlachtenbeheerComplaint, self - nameless).write(vals)
        return super().write(vals)

    @api.model
    def _find_or_create_complainant(self, vals, company):
        """Return the contact for the details in ``vals``, creating it if new.

        A contact with the same e-mail address is reused; without an e-mail
        address a new contact is made from the name and phone given.
        """
        # Every employee registers complaints, also of people who are not a
        # contact yet, while only some may create contacts: registering
        # implies creating the complainant, so this runs as superuser.
        Partner = self.env["res.partner"].sudo()
        email = email_normalize(vals.get("email_from") or "")
        if email:
            partner = Partner.search(
                [
                    ("email_normalized", "=", email),
                    ("company_id", "in", [False, company.id]),
                ],
                order="is_company desc, id",
                limit=1,
            )
            if partner:
                return partner
        partner_vals = self._prepare_complainant_vals(vals, company)
        if not partner_vals.get("name"):
            return Partner.browse()
        return Partner.create(partner_vals)

    @api.model
    def _prepare_complainant_vals(self, vals, company):
        """Values for a new complainant contact, from the complaint values."""
        name = (
            vals.get("contact_name")
            or vals.get("email_from")
            or vals.get("phone")
            or ""
        ).strip()
        return {
            "name": name,
            "email": vals.get("email_from"),
            "phone": vals.get("phone"),
            "street": vals.get("street"),
            "zip": vals.get("zip"),
            "city": vals.get("city"),
        }

    # ------------------------------------------------------------------
    # Mail
    # ------------------------------------------------------------------

    def _track_template(self, changes):
        res = super()._track_template(changes)
        complaint = self[0]
        if "stage_id" in changes and complaint.stage_id.mail_template_id:
            res["stage_id"] = (
                complaint.stage_id.mail_template_id,
                {
                    "auto_delete_keep_log": False,
                    "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id(
                        "mail.mt_note"
                    ),
                    "email_layout_xmlid": "mail.mail_notification_light",
                },
            )
        return res

    def _message_get_suggested_recipients(self):
        recipients = super()._message_get_suggested_recipients()
        if self.partner_id:
            self._message_add_suggested_recipient(
                recipients, partner=self.partner_id, reason=self.env._("Complainant")
            )
        elif self.email_from:
            self._message_add_suggested_recipient(
                recipients,
                email=self.email_from,
                reason=self.env._("Complainant E-mail"),
            )
        return recipients

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_view_partner_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "klachtenbeheer.klachtenbeheer_complaint_action"
        )
        action["domain"] = [
            ("partner_id", "=", self.partner_id.id),
            ("id", "!=", self.id),
        ]
        action["context"] = {"default_partner_id": self.partner_id.id}
        return action
