# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, email_normalize, is_html_empty

_logger = logging.getLogger(__name__)

# From how many complaints their record rules are checked by one query
# (see _check_access).
RULES_IN_SQL_FROM = 20

# Where a complaint came in (Checklist klachtenprocedure, WMD-klachtenbeleid
# §2.1, Utrecht interview).
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

# How the complainant wants the complaint handled (Utrecht interview, Awb 9:10).
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

REPRESENTATIVE_KINDS = [
    ("lawyer", "Lawyer"),
    ("relative", "Relative"),
    ("advocate", "Advocate or Guardian"),
    ("other", "Other"),
]

CORRESPONDENCE = [
    ("complainant", "The Complainant"),
    ("representative", "The Representative"),
    ("both", "The Representative, the Complainant in Copy"),
]


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
    # Trigram-indexed, as the number: the search view's "Complaint" field
    # looks for a text anywhere in the number, subject and e-mail address
    # (ILIKE), and so does finding a complaint by name (_rec_names_search).
    subject = fields.Char(required=True, tracking=True, index="trigram")
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
        precompute=True,
        readonly=False,
        index="trigram",
    )
    email_from = fields.Char(
        string="E-mail",
        compute="_compute_contact_details",
        store=True,
        precompute=True,
        readonly=False,
        index="trigram",
    )
    # Indexed: intake and Odoo's per-sender throttle search on it.
    email_normalized = fields.Char(
        compute="_compute_email_normalized", store=True, precompute=True, index=True
    )
    phone = fields.Char(
        compute="_compute_contact_details",
        store=True,
        precompute=True,
        readonly=False,
    )
    street = fields.Char(
        compute="_compute_contact_details",
        store=True,
        precompute=True,
        readonly=False,
    )
    zip = fields.Char(
        compute="_compute_contact_details",
        store=True,
        precompute=True,
        readonly=False,
    )
    city = fields.Char(
        compute="_compute_contact_details",
        store=True,
        precompute=True,
        readonly=False,
    )
    partner_complaint_count = fields.Integer(
        string="Earlier Complaints",
        compute="_compute_partner_complaint_count",
    )
    # Who writes on the complainant's behalf (WMD-klachtenbeleid §1.1: a
    # relative may complain for a tenant; §2.6: a lawyer's letter).
    representative_id = fields.Many2one(
        groups="base.group_user",
        comodel_name="res.partner",
        string="Representative",
        index="btree_not_null",
        tracking=True,
        help="A lawyer, relative or advocate who acts for the complainant.",
    )
    representative_kind = fields.Selection(
        REPRESENTATIVE_KINDS,
        string="Acts As",
        groups="base.group_user",
    )
    correspondence = fields.Selection(
        CORRESPONDENCE,
        string="Correspondence To",
        default="complainant",
        required=True,
        tracking=True,
        help="Who the acknowledgement, letters and answer are sent to.",
    )
    correspondence_partner_ids = fields.Many2many(
        groups="base.group_user",
        comodel_name="res.partner",
        string="Correspondence Recipients",
        compute="_compute_correspondence_partner_ids",
    )
    is_lawyer_letter = fields.Boolean(
        groups="base.group_user",
        string="Lawyer's Letter",
        tracking=True,
        help="Written by or threatening a lawyer: a lawyer reviews the "
        "complaint and their advice goes into the answer "
        "(WMD-klachtenbeleid §2.6).",
    )

    # About whom (WMD-klachtenbeleid §1.2)
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
        # The employee who typed it; never a portal or public user (the web
        # form registers as the public user).
        default=lambda self: self.env.user if not self.env.user.share else False,
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
        precompute=True,
        index=True,
        string="Closed",
    )
    date_closed = fields.Datetime(
        string="Closed On",
        compute="_compute_date_closed",
        store=True,
        precompute=True,
        copy=False,
        index=True,
    )

    # Investigation (Checklist klachtenprocedure)
    facts = fields.Text()
    circumstances = fields.Text()
    causes = fields.Text(string="Possible Causes")
    severity = fields.Selection(SEVERITIES)
    damage_description = fields.Text(string="Damage")
    damage_amount = fields.Monetary(currency_field="currency_id")

    # Registration by the intake cron (see klachtenbeheer_complaint_mail_intake)
    acknowledgement_pending = fields.Boolean(copy=False, readonly=True)
    registration_pending = fields.Boolean(
        copy=False,
        readonly=True,
        help="Registered by e-mail a moment ago: the intake cron still links "
        "the complainant's contact and plans the terms.",
    )

    _sql_constraints = [
        ("name_uniq", "unique (name)", "The complaint number must be unique."),
    ]

    # ------------------------------------------------------------------
    # Defaults and computes
    # ------------------------------------------------------------------

    @api.model
    def _default_stage_id(self):
        Stage = self.env["klachtenbeheer.stage"]
        # Read with the search: a new complaint checks its stage at once.
        return Stage.search_fetch(
            [("is_closed", "=", False)],
            [name for name, field in Stage._fields.items() if field.prefetch is True],
            order="sequence, id",
            limit=1,
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

    @api.depends("partner_id", "representative_id", "correspondence")
    def _compute_correspondence_partner_ids(self):
        for complaint in self:
            partners = complaint.partner_id
            if complaint.representative_id and complaint.correspondence != (
                "complainant"
            ):
                partners = complaint.representative_id | (
                    partners
                    if complaint.correspondence == "both"
                    else partners.browse()
                )
            complaint.correspondence_partner_ids = partners

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
            elif not complaint.partner_id and not (
                # A mail from a new sender: the intake cron makes the contact.
                (complaint.registration_pending and complaint.email_from)
                # An employee's mail or a form that does not say who
                # complains: the employee enters the complainant.
                or complaint.complainant_to_complete
            ):
                raise ValidationError(
                    self.env._(
                        "Please enter the complainant (a contact, or a name, "
                        "e-mail address or phone number) or mark the complaint "
                        "as anonymous."
                    )
                )

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------

    def _check_access(self, operation):
        """Odoo's, with a fast way to "all allowed" for a page of complaints.

        Odoo checks the record rules on records already read in Python,
        leaf by leaf and record by record (``filtered_domain``): for the 80
        complaints of a list page and the ten leaves of a handler's rules,
        many times what one query costs. From ``RULES_IN_SQL_FROM``
        complaints that query asks which are allowed; when it finds them
        all, that is the answer, and anything else (a forbidden or a deleted
        complaint) is left to Odoo's own check and its errors.
        """
        if (
            self.env.su
            or len(self._ids) < RULES_IN_SQL_FROM
            or not all(isinstance(id_, int) for id_ in self._ids)
            or not self.env["ir.model.access"].check(
                self._name, operation, raise_exception=False
            )
        ):
            return super()._check_access(operation)
        domain = self.env["ir.rule"]._compute_domain(self._name, operation)
        if domain:
            query = (
                self.sudo()
                .with_context(active_test=False)
                ._search(expression.AND([[("id", "in", list(self._ids))], domain]))
            )
            if not set(self._ids).issubset(query):
                return super()._check_access(operation)
        return None

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        new_label = self.env._("New")
        # The mail gateway registers with ``registration_pending``: the
        # intake cron completes the registration (see message_new).
        deferred = all(vals.get("registration_pending") for vals in vals_list)
        for vals in vals_list:
            self.browse()._check_guarded_fields(vals)
            self.browse()._check_field_owners(vals)
            if "acknowledgement_pending" not in vals and not vals.get(
                "date_acknowledged"
            ):
                # The cron sends it, to those with an e-mail address. (An
                # import or demo data gives ``acknowledgement_pending``
                # False: nothing is sent.)
                vals["acknowledgement_pending"] = True
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
            if (
                not vals.get("partner_id")
                and not vals.get("is_anonymous")
                and not (vals.get("registration_pending") and vals.get("email_from"))
            ):
                # (A mail from an unknown sender: the intake cron finds or
                # makes the contact, see _link_complainants.)
                partner = self._find_or_create_complainant(vals, company)
                if partner:
                    vals["partner_id"] = partner.id
        complaints = super().create(vals_list)
        if any(vals.get("user_concerned_id") for vals in vals_list):
            complaints.sudo()._unsubscribe_user_concerned()
        # A new complaint in the default (first) stage meets no term, unless
        # that stage says it does; a stage given (or a kanban column's
        # default) may be a later one.
        given_stage = self.browse(
            [
                complaint.id
                for complaint, vals in zip(complaints, vals_list, strict=True)
                if vals.get("stage_id") or self.env.context.get("default_stage_id")
            ]
        )
        (
            given_stage | complaints.filtered(lambda c: c.stage_id.term_done)
        )._stamp_stage_terms()
        if deferred:
            # The mail gateway: nothing more per mail. When the intake cron
            # runs: see message_new and fetchmail.server.fetch_mail.
            return complaints
        if any(vals.get("acknowledgement_pending") for vals in vals_list):
            # Rendering and sending the mail is the heavy part of
            # registering: a cron does it right after the commit, so the
            # registration stays fast.
            self.env["ir.cron"]._klachtenbeheer_trigger(
                "klachtenbeheer.ir_cron_send_acknowledgements"
            )
        complaints._sync_term_activities()
        return complaints

    def _guarded_fields(self):
        """Fields that record a decision or a met term. They are set by the
        action that logs who and when (a stage, the acknowledgement, pause
        and resume, the manager's approval, the board's flag), as superuser;
        a direct write or import by anyone raises ``AccessError``, so that
        the terms met and the approvals cannot be faked (Awb 9:11,
        WMD-klachtenbeleid §2.5-§2.6). Override to guard more."""
        return {
            "date_acknowledged",
            "date_contacted",
            "date_answered",
            "date_reopened",
            "paused_since",
            "pause_days",
            "acknowledgement_pending",
            "registration_pending",
            "term_warned_on",
            "term_escalated_on",
        }

    def _check_guarded_fields(self, vals):
        if self.env.su:
            return
        guarded = self._guarded_fields().intersection(vals)
        if guarded:
            raise AccessError(
                self.env._(
                    "These details of a complaint are recorded by the action "
                    "that logs who and when, not by editing: %(fields)s.",
                    fields=", ".join(
                        sorted(
                            self._fields[name]._description_string(self.env)
                            for name in guarded
                        )
                    ),
                )
            )

    def _field_owners(self):
        """Fields that one role records, as ``{field: group xmlids}``: the
        role's own judgement (the jurist's advice, the board's say over who
        sees a complaint it received). Anybody else's write, import or create
        with a value raises ``AccessError``. Override to add owners."""
        return {}

    def _check_field_owners(self, vals):
        """Refuse values of owned fields from users outside the owning groups.
        An unchanged value (the web client sends the whole record of a new
        form) is no decision and passes."""
        if self.env.su:
            return
        user = self.env.user
        refused = []
        for fname, groups in self._field_owners().items():
            if fname not in vals or any(user.has_group(g) for g in groups):
                continue
            field = self._fields[fname]
            records = self or [self.browse()]
            for record in records:
                new = field.convert_to_record(
                    field.convert_to_cache(vals[fname], record), record
                )
                # (On an empty recordset, create: the field's null value.)
                old = record[fname]
                if field.type == "html":
                    changed = not (is_html_empty(new) and is_html_empty(old)) and (
                        new != old
                    )
                else:
                    changed = new != old
                if changed:
                    refused.append(field._description_string(self.env))
                    break
        if refused:
            raise AccessError(
                self.env._(
                    "Only the role that decides it records this on a "
                    "complaint: %(fields)s.",
                    fields=", ".join(sorted(refused)),
                )
            )

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
        self._check_guarded_fields(vals)
        self._check_field_owners(vals)
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
            res = super(KlachtenbeheerComplaint, self - nameless).write(vals)
        else:
            res = super().write(vals)
        if vals.get("user_concerned_id"):
            # (The complaint may just have gone out of the writer's sight.)
            self.sudo()._unsubscribe_user_concerned()
        # (The terms follow in klachtenbeheer_complaint_terms.)
        return res

    def web_save(self, vals, specification, next_id=None):
        """As Odoo's, but a complaint that the save puts out of the user's
        sight (about themselves, Awb 9:7; handed to the board,
        WMD-klachtenbeleid §2.5) is saved, and only its id comes back."""
        records = self
        if records:
            records.write(vals)
        else:
            records = self.create(vals)
        if next_id:
            records = self.browse(next_id)
        if records._filtered_access("read") != records:
            return [{"id": record.id} for record in records]
        return records.with_context(bin_size=True).web_read(specification)

    def _employee_concerned_partners(self):
        """The contacts of the employee the complaint is about (Awb 9:7).
        Override to add who else counts as them."""
        return self.user_concerned_id.partner_id

    def _unsubscribe_user_concerned(self):
        """Awb 9:7: the employee a complaint is about does not follow it."""
        for complaint in self.filtered(lambda c: c._employee_concerned_partners()):
            partners = (
                complaint._employee_concerned_partners() & complaint.message_partner_ids
            )
            if partners:
                complaint.message_unsubscribe(partner_ids=partners.ids)

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
        partner = Partner.create(partner_vals)
        # Its computed fields (complete name, sharing...) in one UPDATE now,
        # not one each when later searches flush them.
        partner.flush_recordset()
        return partner

    @api.model
    def _prepare_complainant_vals(self, vals, company):
        """Values for a new complainant contact, from the complaint values.

        Its language is the one the complaint was written in, else the
        company's: never the language of whoever (or whichever cron) types
        it, so that its letters are Dutch in a Dutch organisation."""
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
            **(
                {"lang": lang}
                if (lang := vals.get("lang") or company.partner_id.lang)
                else {}
            ),
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
                    "email_layout_xmlid": "klachtenbeheer.mail_layout_complainant",
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
    # Registration flags, notifications, crons and readers
    # (the terms: klachtenbeheer_complaint_terms.py)
    # ------------------------------------------------------------------

    def init(self):
        res = super().init()
        # The intake cron looks for the few complaints still pending.
        for name, flag in (
            ("ack_pending", "acknowledgement_pending"),
            ("registration_pending", "registration_pending"),
        ):
            self.env.cr.execute(
                SQL(
                    "CREATE INDEX IF NOT EXISTS %s ON klachtenbeheer_complaint (id) "
                    "WHERE %s",
                    SQL.identifier(f"klachtenbeheer_complaint_{name}_idx"),
                    SQL.identifier(flag),
                )
            )
        # The "Overdue" and "At Risk" filters (deadline_state) look among the
        # open, unanswered, running complaints at their answer term and its
        # warning date; the predicate is written as the ORM writes that
        # domain, so that PostgreSQL sees the index applies.
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS klachtenbeheer_complaint_open_terms_idx
                ON klachtenbeheer_complaint (date_answer_due, date_answer_warn)
                WHERE (is_closed IS NULL OR is_closed = FALSE)
                  AND date_answered IS NULL AND paused_since IS NULL
            """
        )
        # The kanban counts every stage (and its priorities for the progress
        # bar) over the whole register on every visit. This index holds what
        # those counts and the record rules read, so that PostgreSQL counts
        # from the index alone (an index-only scan) instead of the table.
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS klachtenbeheer_complaint_stage_count_idx
                ON klachtenbeheer_complaint (stage_id, priority)
                INCLUDE (id, active, company_id, user_concerned_id,
                         criminal_suspicion, registered_by_id, user_id, team_id)
            """
        )
        # "Mijn open klachten": a handler's open complaints in the list's
        # order (_order), with what its count and the record rules read, so
        # that the page is the first rows of the index and the count an
        # index-only scan; the predicate is written as the ORM writes the
        # Open filter.
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS klachtenbeheer_complaint_open_user_idx
                ON klachtenbeheer_complaint
                   (user_id, priority DESC, date_received DESC, id DESC)
                INCLUDE (active, company_id, user_concerned_id,
                         criminal_suspicion, registered_by_id, team_id)
                WHERE (is_closed IS NULL OR is_closed = FALSE)
            """
        )
        return res

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        # Awb 9:7: the employee a complaint is about hears nothing of it,
        # but for the notices the procedure addresses to them explicitly
        # (Awb 9:11(2): an extension), which the system sends.
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        concerned = self._employee_concerned_partners()
        if not concerned:
            return recipients
        explicit = set((msg_vals or {}).get("partner_ids") or []) if self.env.su else ()
        return [
            r
            for r in recipients
            if r.get("id") not in concerned.ids or r.get("id") in explicit
        ]

    def _lock_for_cron(self):
        if not self:
            return self
        self.env.cr.execute(
            SQL(
                "SELECT id FROM klachtenbeheer_complaint WHERE id IN %s "
                "FOR NO KEY UPDATE SKIP LOCKED",
                tuple(self.ids),
            )
        )
        locked = {row[0] for row in self.env.cr.fetchall()}
        return self.filtered(lambda c: c.id in locked)

    def _reader_lang(self, user):
        """The language a text for ``user`` about this complaint is written
        in: the user's, else the company's (a cron runs in its own user's
        language, not the reader's)."""
        self.ensure_one()
        return user.lang or self.company_id.partner_id.lang or "en_US"

    def _reader_env(self, user):
        """This complaint's environment in ``user``'s language (see
        _reader_lang), to write a text for them."""
        return self.with_context(lang=self._reader_lang(user)).env

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
