# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Intake of complaints: by e-mail, quick registration and triage.

A mail to a team's alias registers a complaint.

Routing decisions that Odoo's gateway cannot make on its own (a case number
in the subject, a reply to a closed complaint, auto-replies) are taken in
``_klachtenbeheer_adjust_routes``, called from ``mail.thread.message_route``.

Triage (004 §1.2, 000): a repair request, a nuisance report or a report of
housing fraud is not a complaint. It is redirected, with a note, and leaves
the complaint counts; it stays in the register, countable by kind.
"""

import logging
import re
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize, html2plaintext, is_html_empty
from odoo.tools.mail import email_split_tuples

from .klachtenbeheer_complaint import CONTACT_FIELDS

_logger = logging.getLogger(__name__)

# Longest subject kept on the complaint; the message keeps the full one.
SUBJECT_MAX = 200
# Words of the body used as subject when a mail has none.
SUBJECT_WORDS = 10
# The complaint number as the sequence makes it: KL/2026/00012.
CASE_NUMBER_RE = re.compile(r"\b([A-Z]{1,5}/\d{4}/\d{3,})\b")
# RFC 3834 and the usual vendor headers of auto-replies.
AUTO_REPLY_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Auto-Reply")
AUTO_REPLY_PRECEDENCE = ("bulk", "auto_reply", "junk")
AUTO_REPLY_SUBJECT_RE = re.compile(
    r"^\s*(out of (the )?office|automatic reply|auto[- ]?reply|autoreply|"
    r"automatisch antwoord|afwezig|niet aanwezig|abwesenheit|"
    r"r[ée]ponse automatique|absence)\b",
    re.IGNORECASE,
)

KINDS = [
    ("complaint", "Complaint"),
    ("repair_request", "Repair Request"),
    ("nuisance", "Nuisance Report"),
    ("housing_fraud", "Housing Fraud Report"),
]


# One class per topic of the complaint (procedure, fair handling, intake,
# ...): a file per topic keeps each rule set with its tests and docs.
class KlachtenbeheerComplaintIntake(models.Model):
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "klachtenbeheer.complaint"

    origin_complaint_id = fields.Many2one(
        comodel_name="klachtenbeheer.complaint",
        string="Follows Up On",
        index="btree_not_null",
        copy=False,
        readonly=True,
        help="The closed complaint this one was registered from, when the "
        "complainant replied to it by e-mail.",
    )

    # ------------------------------------------------------------------
    # Odoo's throttle
    # ------------------------------------------------------------------

    @api.model
    def _detect_loop_sender_domain(self, email_from_normalized):
        # Odoo counts the records a sender made recently with an ILIKE on the
        # primary e-mail: a scan of the whole register. The normalized address
        # is indexed: equality keeps the check an index lookup.
        return [("email_normalized", "=", email_from_normalized)]

    # ------------------------------------------------------------------
    # New mail, reply
    # ------------------------------------------------------------------

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """Register a complaint from an incoming mail (channel e-mail)."""
        values = dict(custom_values or {})
        team = self.env["klachtenbeheer.team"].browse(values.get("team_id"))
        company = self.env["res.company"].browse(
            values.get("company_id") or team.company_id.id or self.env.company.id
        )
        values.setdefault("company_id", company.id)
        values.update(self._prepare_mail_complaint_values(msg_dict, company))
        self._klachtenbeheer_drop_large_attachments(msg_dict, company)
        values.update(custom_values or {})
        # What can wait a moment (the contact of a new sender, the followers,
        # the terms and their activities, the acknowledgement) is done by
        # the intake cron, a batch per run: see _complete_registration.
        complaint = self.with_context(klachtenbeheer_defer_intake=True).create(values)
        if not self.env.context.get("fetchmail_cron_running"):
            # Delivered one by one (odoo-mailgate.py, XML-RPC): the cron runs
            # within a minute or so, once for a burst of mails. An incoming
            # mail server triggers it once after its fetch instead (see
            # fetchmail.server.fetch_mail).
            self.env["ir.cron"]._klachtenbeheer_trigger_soon(
                "klachtenbeheer.ir_cron_send_acknowledgements"
            )
        if complaint.partner_id and not msg_dict.get("author_id"):
            # The message is the complainant's, also for a contact made now.
            msg_dict["author_id"] = complaint.partner_id.id
        # The gateway posts the mail on what this returns: see message_post.
        return self.browse(complaint.id).with_context(klachtenbeheer_new_by_mail=True)

    @api.model
    def _prepare_mail_complaint_values(self, msg_dict, company):
        """Values of a complaint registered from ``msg_dict``.

        Override to read more from the mail (a category from the alias, a
        reference in the body...).
        """
        name, address = (
            email_split_tuples(msg_dict.get("email_from") or "") or [("", "")]
        )[0]
        email = email_normalize(address) or False
        values = {
            "channel": "email",
            "subject": self._klachtenbeheer_mail_subject(msg_dict, company),
            "description": msg_dict.get("body"),
        }
        date = msg_dict.get("date")
        if date:
            # A sender's clock may run ahead: never a date in the future.
            values["date_received"] = min(
                fields.Datetime.to_datetime(date), fields.Datetime.now()
            )
        author = self.env["res.partner"].browse(msg_dict.get("author_id"))
        if author:
            values["partner_id"] = author.id
            if email:
                values["email_from"] = email
        elif email:
            values.update(email_from=email, contact_name=name or email)
            if (
                company.klachtenbeheer_mail_unknown_sender == "anonymous"
                and company.klachtenbeheer_allow_anonymous
            ):
                values["is_anonymous"] = True
        else:
            # No usable address (a broken From header): nobody to answer; the
            # complaint stays anonymous when allowed, else it is kept as a
            # failure for the coordinator.
            values["is_anonymous"] = True
        return values

    @api.model
    def _klachtenbeheer_mail_subject(self, msg_dict, company):
        subject = " ".join((msg_dict.get("subject") or "").split())
        if not subject:
            body = msg_dict.get("body")
            words = (
                html2plaintext(body).split() if body and not is_html_empty(body) else []
            )
            subject = " ".join(words[:SUBJECT_WORDS])
            if len(words) > SUBJECT_WORDS:
                subject += "…"
        if not subject:
            subject = self.with_context(lang=company.partner_id.lang or "en_US").env._(
                "(no subject)"
            )
        if len(subject) > SUBJECT_MAX:
            subject = subject[: SUBJECT_MAX - 1].rstrip() + "…"
        return subject

    def message_update(self, msg_dict, update_vals=None):
        """A reply lands on the complaint: reopen it when closed (the handler
        hears of it, see message_post)."""
        for complaint in self:
            complaint._klachtenbeheer_drop_large_attachments(
                msg_dict, complaint.company_id
            )
            if complaint.is_closed:
                # Only "reopen" gets here: "new" is routed to message_new.
                complaint._klachtenbeheer_reopen_by_mail()
        return super().message_update(msg_dict, update_vals=update_vals)

    def _klachtenbeheer_reopen_by_mail(self):
        self.ensure_one()
        stage = self._default_stage_id()
        closed = self.stage_id
        self.write({"stage_id": stage.id})
        self.message_post(
            body=self.env._(
                "Reopened: the complainant replied by e-mail to the complaint "
                "closed in stage %(stage)s.",
                stage=closed.name,
            ),
            subtype_xmlid="mail.mt_note",
        )

    @api.model
    def _klachtenbeheer_drop_large_attachments(self, msg_dict, company):
        """Drop the attachments over the company's size limit from the mail.

        The mail itself is kept; its message names each dropped file, and the
        log says why.
        """
        attachments = msg_dict.get("attachments") or []
        limit_mb = attachments and company.klachtenbeheer_mail_max_attachment_mb
        if not limit_mb:
            return
        limit = limit_mb * 1024 * 1024
        kept, notes = [], []
        for attachment in attachments:
            content = attachment[1]
            size = len(content.encode() if isinstance(content, str) else content or b"")
            if size <= limit:
                kept.append(attachment)
                continue
            _logger.warning(
                "Mail %s: attachment %r (%d bytes) not kept: larger than %d MB.",
                msg_dict.get("message_id"),
                attachment[0],
                size,
                limit_mb,
            )
            notes.append(
                self.with_context(lang=company.partner_id.lang or "en_US").env._(
                    "The attachment %(name)s (%(size).1f MB) was not kept: it is "
                    "larger than the maximum of %(limit)s MB.",
                    name=attachment[0],
                    size=size / 1024 / 1024,
                    limit=limit_mb,
                )
            )
        if notes:
            msg_dict["attachments"] = kept
            msg_dict["body"] = Markup("%s%s") % (
                Markup(msg_dict.get("body") or ""),
                Markup("").join(
                    Markup('<p class="text-warning">%s</p>') % escape(note)
                    for note in notes
                ),
            )

    def message_post(self, **kwargs):
        records = self
        if self.env.context.get("klachtenbeheer_new_by_mail"):
            # The mail that registered the complaint: its author (the
            # complainant) is subscribed by the intake cron with the rest of
            # the registration (see _complete_registration), not one by one
            # inside the gateway.
            records = records.with_context(
                mail_create_nosubscribe=True, klachtenbeheer_new_by_mail=False
            )
        elif self.env.context.get("from_alias") and len(self) == 1:
            # A reply by mail: the handler (or else the team manager) hears
            # of it, also without following the complaint.
            responsible = self.user_id or self.team_id.user_id
            if responsible and responsible.partner_id not in self.message_partner_ids:
                kwargs["partner_ids"] = [
                    *(kwargs.get("partner_ids") or []),
                    responsible.partner_id.id,
                ]
        if self.env.context.get("from_alias"):
            # Rendering the notification e-mails is the heavy part of an
            # incoming mail: Odoo's cron for scheduled notifications sends
            # them a moment later, outside the intake of the mail (nothing is
            # scheduled when nobody is to be notified). A scheduled date must
            # lie after the start of the transaction.
            kwargs.setdefault(
                "scheduled_date", self.env.cr.now() + timedelta(seconds=1)
            )
        return super(KlachtenbeheerComplaintIntake, records).message_post(**kwargs)

    def _complete_registration(self):
        # Once per batch instead of inside the gateway (see message_new): the
        # contact of a new sender, who then follows the complaint (answers
        # by e-mail reach them), as Odoo does for the author of a mail.
        self.filtered(
            lambda c: not c.partner_id and not c.is_anonymous and c.email_from
        )._link_complainants()
        for complaint in self.filtered(
            lambda c: (
                c.channel == "email"
                and c.partner_id
                and c.partner_id not in c.message_partner_ids
            )
        ):
            complaint.message_subscribe(partner_ids=complaint.partner_id.ids)
        return super()._complete_registration()

    def _link_complainants(self):
        """Find or make the contact of each complaint from its contact
        details, as ``_find_or_create_complainant`` does, for the whole batch
        at once (one search, one create; one contact per new address); the
        mails the complaints came with get it as author."""
        Partner = self.env["res.partner"].sudo()
        emails = list({c.email_normalized for c in self if c.email_normalized})
        candidates = defaultdict(list)
        if emails:
            for partner in Partner.search(
                [("email_normalized", "in", emails)], order="is_company desc, id"
            ):
                candidates[partner.email_normalized].append(partner)
        partners, new_keys, new_vals = {}, [], []
        for complaint in self:
            key = (complaint.email_normalized, complaint.company_id)
            if key in partners:
                continue
            partners[key] = next(
                (
                    partner
                    for partner in candidates[key[0]]
                    if partner.company_id in (key[1], Partner.company_id)
                ),
                None,
            )
            if partners[key] is None:
                vals = self._prepare_complainant_vals(
                    {fname: complaint[fname] for fname in CONTACT_FIELDS}, key[1]
                )
                if vals.get("name"):
                    new_keys.append(key)
                    new_vals.append(vals)
        if new_vals:
            partners.update(zip(new_keys, Partner.create(new_vals), strict=True))
        linked = defaultdict(self.browse)
        for complaint in self:
            partner = partners.get((complaint.email_normalized, complaint.company_id))
            if partner:
                linked[partner] |= complaint
        for partner, complaints in linked.items():
            # Part of the registration: no tracking message.
            complaints.with_context(mail_notrack=True).partner_id = partner
        complaints = self.filtered("partner_id")
        if not complaints:
            return
        messages = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("res_id", "in", complaints.ids),
                    ("author_id", "=", False),
                    ("message_type", "=", "email"),
                ]
            )
        )
        by_id = {complaint.id: complaint for complaint in complaints}
        authored = defaultdict(lambda: self.env["mail.message"].sudo())
        for message in messages:
            complaint = by_id[message.res_id]
            if email_normalize(message.email_from or "") == complaint.email_normalized:
                authored[complaint.partner_id] |= message
        for partner, partner_messages in authored.items():
            partner_messages.author_id = partner

    # ------------------------------------------------------------------
    # Routing
    # ------------------------------------------------------------------

    @api.model
    def _klachtenbeheer_is_auto_reply(self, message, msg_dict):
        """Whether the mail is an automatic reply (out of office...)."""
        auto_submitted = (message.get("Auto-Submitted") or "").strip().lower()
        if auto_submitted and auto_submitted != "no":
            return True
        if any(message.get(header) for header in AUTO_REPLY_HEADERS):
            return True
        precedence = (message.get("Precedence") or "").strip().lower()
        if precedence in AUTO_REPLY_PRECEDENCE:
            return True
        return bool(AUTO_REPLY_SUBJECT_RE.match(msg_dict.get("subject") or ""))

    @api.model
    def _klachtenbeheer_adjust_routes(self, message, msg_dict, routes):
        """Adjust Odoo's routes to complaints.

        - auto-replies create and change nothing;
        - a new mail naming a complaint number of the same sender in its
          subject lands on that complaint;
        - a reply to a closed complaint follows the company's policy: reopen
          (in ``message_update``) or a new complaint referring to it.
        """
        result = []
        for route in routes or []:
            model, thread_id, custom_values, user_id, alias = route
            if model != self._name:
                result.append(route)
                continue
            if self._klachtenbeheer_is_auto_reply(message, msg_dict):
                _logger.info(
                    "Ignored mail from %s with Message-Id %s: automatic reply.",
                    msg_dict.get("email_from"),
                    msg_dict.get("message_id"),
                )
                continue
            Complaint = self.sudo().with_context(active_test=False)
            if not thread_id:
                existing = self._klachtenbeheer_find_by_case_number(msg_dict)
                if existing:
                    thread_id = existing.id
            if thread_id:
                complaint = Complaint.browse(thread_id)
                if (
                    complaint.is_closed
                    and complaint.company_id.klachtenbeheer_mail_closed_policy == "new"
                ):
                    custom_values = dict(
                        custom_values or {},
                        origin_complaint_id=complaint.id,
                        team_id=complaint.team_id.id,
                        company_id=complaint.company_id.id,
                    )
                    thread_id = 0
                    msg_dict.pop("parent_id", None)
            result.append((model, thread_id, custom_values, user_id, alias))
        return result

    @api.model
    def _klachtenbeheer_find_by_case_number(self, msg_dict):
        """The complaint whose number the subject names, if the mail comes
        from its complainant's address (nobody else can add to it)."""
        match = CASE_NUMBER_RE.search(msg_dict.get("subject") or "")
        email = email_normalize(msg_dict.get("email_from") or "")
        if not match or not email:
            return self.browse()
        complaint = (
            self.sudo()
            .with_context(active_test=False)
            .search([("name", "=", match.group(1))], limit=1)
        )
        if email in (complaint.email_normalized, complaint.partner_id.email_normalized):
            return complaint
        return self.browse()

    # ------------------------------------------------------------------
    # Triage and quick registration
    # ------------------------------------------------------------------

    kind = fields.Selection(
        KINDS,
        default="complaint",
        required=True,
        index=True,
        tracking=True,
        help="Only complaints count as complaints; the other reports are "
        "redirected to whoever handles them.",
    )
    redirect_note = fields.Text(
        string="Redirection",
        tracking=True,
        help="To whom the report was passed on, and how.",
    )
    is_hidden_complaint = fields.Boolean(
        string="Hidden Complaint",
        index=True,
        help="A remark that shows dissatisfaction without being meant as a "
        'complaint ("Is he out again?"). Registered so that it counts (000).',
    )
    source_model = fields.Char(string="Registered From (Model)", readonly=True)
    source_res_id = fields.Many2oneReference(
        string="Registered From (Record)", model_field="source_model", readonly=True
    )

    @api.constrains("kind", "redirect_note")
    def _check_redirect_note(self):
        for complaint in self:
            if (
                complaint.kind != "complaint"
                and not (complaint.redirect_note or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "%(number)s is not a complaint: please note to whom the "
                        "report was redirected.",
                        number=complaint.name,
                    )
                )

    def action_open_triage_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Not a Complaint"),
            "res_model": "klachtenbeheer.triage.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    def action_open_source(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.source_model,
            "res_id": self.source_res_id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
