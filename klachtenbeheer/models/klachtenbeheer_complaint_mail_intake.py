# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Complaints by e-mail, from the mail to the acknowledgement of receipt.

The path of a mail, top to bottom in this file:

1. ``mail.thread.message_process``: a mail for the complaints is never lost.
   A mail that cannot be processed is kept (``klachtenbeheer.mail.failure``)
   with its reason; a transient database error propagates, so that Odoo's
   own retry (RPC, mailgate, incoming mail server) runs the mail again.
2. ``mail.thread.message_route`` → ``_klachtenbeheer_adjust_routes``:
   auto-replies, delivery reports and throttled mails are kept as ignored
   mails, never answered; a case number in the subject, a reply to a closed
   complaint (a new complaint that repeats it, WMD-klachtenbeleid §2.6).
3. ``_klachtenbeheer_read_mail``: who complains. A website form mailer
   (the form's fields and Reply-To), an employee who forwards a mail or
   writes down a phone call, a representative (lawyer, relative) who writes
   on someone's behalf, the address and the language of the mail.
4. ``message_new`` registers the complaint (number, team, stage, the mail);
   ``message_update`` takes a reply.
5. The intake cron (``_cron_send_acknowledgements``) completes what can wait
   a moment, a batch per run: the contact of a new sender, the followers,
   the terms and their activities, the acknowledgement of receipt, which
   only ever goes to the complainant or their representative.
"""

import logging
import time
from collections import defaultdict
from datetime import timedelta

import psycopg2
from markupsafe import Markup, escape

from odoo import Command, api, fields, models
from odoo.tools import SQL, email_normalize, html2plaintext, is_html_empty
from odoo.tools.mail import email_split, email_split_tuples

from ..tools import handling_preference, mail_parsing
from .klachtenbeheer_complaint import CONTACT_FIELDS

_logger = logging.getLogger(__name__)

# Complaints the intake cron may have waiting before the gateway completes
# them on delivery (see _klachtenbeheer_queue_intake): what one job of the
# cron completes, ten batches of 50.
INTAKE_QUEUE_LIMIT = 500
# Longest subject kept on the complaint; the message keeps the full one.
SUBJECT_MAX = 200
# Words of the body used as subject when a mail has none.
SUBJECT_WORDS = 10
# What a forwarding mail client puts before the original subject.
FORWARD_PREFIXES = ("fwd:", "fw:", "doorst:", "tr:", "wg:", "rv:")
# Mail providers of the public: an address there is never "our own domain".
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "hotmail.nl",
        "outlook.com",
        "outlook.nl",
        "live.nl",
        "live.com",
        "msn.com",
        "icloud.com",
        "me.com",
        "yahoo.com",
        "yahoo.nl",
        "ziggo.nl",
        "kpnmail.nl",
        "kpnplanet.nl",
        "planet.nl",
        "home.nl",
        "upcmail.nl",
        "xs4all.nl",
        "casema.nl",
        "chello.nl",
        "quicknet.nl",
        "tele2.nl",
        "online.nl",
        "hetnet.nl",
        "zeelandnet.nl",
        "proton.me",
        "protonmail.com",
        "gmx.net",
        "gmx.com",
        "web.de",
    }
)


def _strip_forward_prefix(subject):
    subject = (subject or "").strip()
    while subject.lower().startswith(FORWARD_PREFIXES):
        subject = subject.split(":", 1)[1].strip()
    return subject


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def message_process(
        self,
        model,
        message,
        custom_values=None,
        save_original=False,
        strip_attachments=False,
        thread_id=None,
    ):
        """A complaint mail is never lost: when processing it raises, its
        work is rolled back and the mail is kept as a
        ``klachtenbeheer.mail.failure`` for the coordinator to see and retry.

        A conflict with another transaction (serialization failure,
        deadlock, lock timeout) is no reason to shelve a mail: it propagates,
        and Odoo runs the whole mail again. Mails for other applications
        raise as before."""
        try:
            with self.env.cr.savepoint():
                return super().message_process(
                    model,
                    message,
                    custom_values=custom_values,
                    save_original=save_original,
                    strip_attachments=strip_attachments,
                    thread_id=thread_id,
                )
        except (psycopg2.OperationalError, psycopg2.InterfaceError):
            raise
        except Exception as error:
            Failure = self.env["klachtenbeheer.mail.failure"].sudo()
            if not Failure._is_complaint_mail(model, message):
                raise
            failure = Failure._keep(message, error, model)
            _logger.warning(
                "Complaint mail from %s (Message-Id %s) could not be processed "
                "and is kept as mail failure %s: %s",
                failure.email_from,
                failure.message_id,
                failure.id,
                error,
            )
            return False

    @api.model
    def message_route(
        self, message, message_dict, model=None, thread_id=None, custom_values=None
    ):
        routes = super().message_route(
            message,
            message_dict,
            model=model,
            thread_id=thread_id,
            custom_values=custom_values,
        )
        Complaint = self.env["klachtenbeheer.complaint"]
        if message_dict.get("is_bounce"):
            Complaint._klachtenbeheer_receive_bounce(message, message_dict)
            return routes
        return Complaint._klachtenbeheer_adjust_routes(message, message_dict, routes)

    @api.model
    def _detect_loop_sender(self, message, message_dict, routes):
        looping = super()._detect_loop_sender(message, message_dict, routes)
        complaint_routes = [
            route for route in routes or [] if route[0] == "klachtenbeheer.complaint"
        ]
        if looping and complaint_routes:
            # Odoo's throttle drops the mail: kept, so that the coordinator
            # sees a complaint that a busy sender might have sent.
            self.env["klachtenbeheer.mail.failure"].sudo()._keep_ignored(
                message,
                message_dict,
                "loop",
                team=self.env["klachtenbeheer.team"].browse(
                    (complaint_routes[0][2] or {}).get("team_id")
                ),
            )
        return looping


class FetchmailServer(models.Model):
    _inherit = "fetchmail.server"

    def fetch_mail(self, raise_exception=True):
        """After a fetch, complete the registrations by e-mail at once: one
        trigger of the intake cron per fetch, not one per mail (see
        ``klachtenbeheer.complaint.message_new``)."""
        res = super().fetch_mail(raise_exception=raise_exception)
        if (
            self.env["klachtenbeheer.complaint"]
            .sudo()
            .search_count([("registration_pending", "=", True)], limit=1)
        ):
            self.env["ir.cron"]._klachtenbeheer_trigger(
                "klachtenbeheer.ir_cron_send_acknowledgements"
            )
        return res


class MailAlias(models.Model):
    _inherit = "mail.alias"

    def _alias_bounce_incoming_email(self, message, message_dict, set_invalid=True):
        """A complaint mail that fails is kept (``message_process``) or run
        again (a transient error): nothing goes back to its sender, and the
        team's address stays valid."""
        if set_invalid and self.alias_model_id.model == "klachtenbeheer.complaint":
            return
        return super()._alias_bounce_incoming_email(
            message, message_dict, set_invalid=set_invalid
        )


class KlachtenbeheerComplaintMailIntake(models.Model):
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
    intake_message_id = fields.Char(
        groups="base.group_user",
        string="Message-Id of the Mail",
        copy=False,
        readonly=True,
        help="The Message-Id of the mail this complaint was registered from.",
    )
    mail_undeliverable = fields.Boolean(
        copy=False,
        readonly=True,
        tracking=True,
        help="A mail to the complainant (such as the acknowledgement of "
        "receipt) came back as undeliverable: reach them another way.",
    )
    complainant_to_complete = fields.Boolean(
        string="Complainant Still to Be Entered",
        copy=False,
        help="Registered from an employee's mail or a form that does not say "
        "who complains: the employee enters the complainant.",
    )
    complainant_lang = fields.Selection(
        groups="base.group_user",
        selection="_lang_get_selection",
        string="Language of the Complainant",
        copy=False,
        help="The language the complainant wrote in: a contact made for them "
        "gets it, so that letters and mails reach them in it.",
    )

    # The first message of the thread, for a batch at once: a flat thread
    # (mail.thread) hangs every post under it, and the intake cron posts the
    # acknowledgements of a whole batch.
    thread_first_message_id = fields.Many2one(
        comodel_name="mail.message",
        compute="_compute_thread_first_message_id",
        groups="base.group_system",
    )

    def _compute_thread_first_message_id(self):
        first = {}
        if self.ids:
            self.env["mail.message"].flush_model(["model", "res_id", "message_type"])
            self.env.cr.execute(
                SQL(
                    "SELECT DISTINCT ON (res_id) res_id, id FROM mail_message "
                    "WHERE model = %s AND res_id IN %s "
                    "AND message_type != 'user_notification' ORDER BY res_id, id",
                    self._name,
                    tuple(self.ids),
                )
            )
            first = dict(self.env.cr.fetchall())
        for complaint in self:
            complaint.thread_first_message_id = first.get(complaint.id, False)

    def _message_compute_parent_id(self, parent_id):
        # mail.thread looks the first message up per post; where it was
        # looked up for a batch (_klachtenbeheer_post_template), that answer
        # is used. A thread that had no message then is left to Odoo's
        # look-up: a message may have been posted since.
        if (
            not parent_id
            and self._mail_flat_thread
            and "thread_first_message_id" in self._cache
        ):
            first = self.sudo().thread_first_message_id
            if first:
                return first.id
        return super()._message_compute_parent_id(parent_id)

    def _guarded_fields(self):
        return super()._guarded_fields() | {"intake_message_id", "mail_undeliverable"}

    @api.model
    def _lang_get_selection(self):
        return self.env["res.lang"].get_installed()

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
    # Routing
    # ------------------------------------------------------------------

    @api.model
    def _klachtenbeheer_mail_text(self, msg_dict):
        body = msg_dict.get("body")
        return html2plaintext(body) if body and not is_html_empty(body) else ""

    @api.model
    def _klachtenbeheer_adjust_routes(self, message, msg_dict, routes):
        """Adjust Odoo's routes to complaints.

        - an automatic reply creates and changes nothing, and is kept as an
          ignored mail (with the complaint it refers to);
        - a new mail naming a complaint number of the same sender in its
          subject lands on that complaint;
        - a reply to a closed complaint follows the company's policy: a new
          complaint that repeats it (WMD-klachtenbeleid §2.6), or reopen it
          (in ``message_update``);
        - a new complaint: who complains is read from the mail
          (``_klachtenbeheer_read_mail``).
        """
        result = []
        automatic = None
        for route in routes or []:
            model, thread_id, custom_values, user_id, alias = route
            if model != self._name:
                result.append(route)
                continue
            if automatic is None:
                automatic = mail_parsing.classify_automatic(
                    message,
                    msg_dict.get("subject") or "",
                    self._klachtenbeheer_mail_text(msg_dict),
                )
            if automatic:
                _logger.info(
                    "Ignored mail from %s with Message-Id %s: %s.",
                    msg_dict.get("email_from"),
                    msg_dict.get("message_id"),
                    automatic,
                )
                team = self.env["klachtenbeheer.team"].browse(
                    (custom_values or {}).get("team_id")
                )
                self.env["klachtenbeheer.mail.failure"].sudo()._keep_ignored(
                    message,
                    msg_dict,
                    automatic,
                    team=team,
                    complaint=self.sudo().browse(thread_id or []),
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
                        repeat_of_ids=[(4, complaint.id)],
                        team_id=complaint.team_id.id,
                        company_id=complaint.company_id.id,
                    )
                    thread_id = 0
                    msg_dict.pop("parent_id", None)
            result.append((model, thread_id, custom_values, user_id, alias))
        if any(route[0] == self._name and not route[1] for route in result):
            team = self.env["klachtenbeheer.team"].browse(
                next(
                    (route[2] or {}).get("team_id")
                    for route in result
                    if route[0] == self._name
                )
            )
            # Read once, here, where the headers are known; message_new
            # takes it out of the mail's values again.
            msg_dict["klachtenbeheer_reading"] = self._klachtenbeheer_read_mail(
                message, msg_dict, team
            )
        return result

    @api.model
    def _klachtenbeheer_find_by_case_number(self, msg_dict):
        """The complaint whose number the subject names, if the mail comes
        from its complainant's or representative's address (nobody else can
        add to it)."""
        numbers = mail_parsing.case_numbers(msg_dict.get("subject") or "")
        email = email_normalize(msg_dict.get("email_from") or "")
        if not numbers or not email:
            return self.browse()
        complaint = (
            self.sudo()
            .with_context(active_test=False)
            .search([("name", "=", numbers[0])], limit=1)
        )
        if email in (
            complaint.email_normalized,
            complaint.partner_id.email_normalized,
            complaint.representative_id.email_normalized,
        ):
            return complaint
        return self.browse()

    # ------------------------------------------------------------------
    # Who complains
    # ------------------------------------------------------------------

    @api.model
    def _klachtenbeheer_read_mail(self, message, msg_dict, team):
        """Who complains, and how, from a new complaint mail.

        Returns a dict of complaint values and ``notes`` (what the reading
        found, for the chatter). Override to read more from the mail.
        """
        company = team.company_id or self.env.company
        text = self._klachtenbeheer_mail_text(msg_dict)
        sender_name, sender = (
            email_split_tuples(msg_dict.get("email_from") or "") or [("", "")]
        )[0]
        sender = email_normalize(sender) or ""
        form = self._klachtenbeheer_read_form(message, text, sender, sender_name, team)
        if form is not None:
            return form
        # Odoo found the sender's contact (author) already: an employee's
        # is a user's; without one, no query is needed.
        author = self.env["res.partner"].browse(msg_dict.get("author_id"))
        employee = author.sudo().user_ids.filtered(lambda u: not u.share)[:1]
        if employee or self._klachtenbeheer_is_own_domain(sender, company):
            return self._klachtenbeheer_read_employee_mail(
                message, msg_dict, text, employee, company
            )
        return self._klachtenbeheer_read_person_mail(
            msg_dict, text, sender, sender_name, company
        )

    @api.model
    def _klachtenbeheer_employee(self, email):
        if not email:
            return self.env["res.users"]
        return (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [("share", "=", False), ("partner_id.email_normalized", "=", email)],
                limit=1,
            )
        )

    @api.model
    def _klachtenbeheer_employee_emails(self, emails):
        """The addresses among ``emails`` that are an employee's (also an
        archived one's), in one query."""
        emails = list({email_normalize(e or "") for e in emails} - {False})
        if not emails:
            return set()
        users = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [("share", "=", False), ("partner_id.email_normalized", "in", emails)]
            )
        )
        return set(users.partner_id.mapped("email_normalized"))

    @api.model
    def _klachtenbeheer_own_domains(self, company):
        domains = set()
        for address in (company.email, company.partner_id.email):
            email = email_normalize(address or "")
            if email:
                domains.add(email.rsplit("@", 1)[1])
        if company.alias_domain_id:
            domains.add(company.alias_domain_id.name)
        return domains - PUBLIC_MAIL_DOMAINS

    @api.model
    def _klachtenbeheer_is_own_domain(self, email, company):
        return bool(email) and (
            email.rsplit("@", 1)[-1] in self._klachtenbeheer_own_domains(company)
        )

    @api.model
    def _klachtenbeheer_is_customer_address(self, email, company, employees=None):
        """Whether mail meant for a complainant may go to ``email``: not a
        machine's address, not an employee's, not our own domain.
        ``employees``: the employees' addresses, when known already."""
        email = email_normalize(email or "")
        if not email or mail_parsing.is_no_reply_address(email):
            return False
        if self._klachtenbeheer_is_own_domain(email, company):
            return False
        if employees is None:
            return not self._klachtenbeheer_employee(email)
        return email not in employees

    @api.model
    def _klachtenbeheer_details(self, found, company):
        """Complaint values from parsed contact details (a form, a note)."""
        values = {}
        email = email_normalize(found.get("email") or "")
        if email and self._klachtenbeheer_is_customer_address(email, company):
            values["email_from"] = email
        if found.get("name"):
            values["contact_name"] = found["name"]
        if found.get("phone"):
            values["phone"] = found["phone"]
        street = " ".join(
            part for part in (found.get("street"), found.get("house_number")) if part
        )
        if street:
            values["street"] = street
        for key in ("zip", "city"):
            if found.get(key):
                values[key] = found[key]
        return values

    @api.model
    def _klachtenbeheer_read_form(self, message, text, sender, sender_name, team):
        """A complaint form of the organisation's own website, sent by its
        form mailer: the complainant is in the form's fields and Reply-To,
        never the mailer's (no-reply) address. None when not a form mail."""
        mailers = {
            email_normalize(address)
            for address in email_split(team.form_mailer_email or "")
        }
        found = mail_parsing.parse_form_fields(text)
        reply_to = [
            (name, email_normalize(address))
            for name, address in email_split_tuples(str(message.get("Reply-To") or ""))
            if email_normalize(address) and email_normalize(address) != sender
        ]
        generated = (
            str(message.get("Auto-Submitted") or "").strip().lower() == "auto-generated"
        )
        machine = mail_parsing.is_no_reply_address(sender)
        is_form = (sender and sender in mailers) or (
            found and (machine or generated or reply_to)
        )
        if not is_form:
            return None
        company = team.company_id or self.env.company
        values = {"channel": "web_form", "notes": []}
        if found.get("anonymous"):
            if company.klachtenbeheer_allow_anonymous:
                values["is_anonymous"] = True
                values["notes"].append(
                    self.env._(
                        "Submitted anonymously with the website form: no "
                        "contact is made and nothing is sent."
                    )
                )
                return self._klachtenbeheer_form_text(values, found)
            values["notes"].append(
                self.env._(
                    "The complainant asked to remain anonymous, which the "
                    "complaint procedure of %(company)s does not allow: please "
                    "contact them.",
                    company=company.name,
                )
            )
        values.update(self._klachtenbeheer_details(found, company))
        if "email_from" not in values and reply_to:
            name, address = reply_to[0]
            if self._klachtenbeheer_is_customer_address(address, company):
                values["email_from"] = address
                if name and "contact_name" not in values:
                    values["contact_name"] = name
        if not any(values.get(key) for key in ("email_from", "contact_name", "phone")):
            values["complainant_to_complete"] = True
        return self._klachtenbeheer_form_text(values, found)

    @api.model
    def _klachtenbeheer_form_text(self, values, found):
        if found.get("subject"):
            values["subject"] = found["subject"]
        if found.get("message"):
            values["description"] = Markup("<p>%s</p>") % Markup("<br/>").join(
                escape(line) for line in found["message"].splitlines()
            )
        if found.get("representative_name"):
            values["notes"].append(
                self.env._(
                    "Submitted on behalf of someone else: %(name)s.",
                    name=found["representative_name"],
                )
            )
        return values

    @api.model
    def _klachtenbeheer_read_employee_mail(
        self, message, msg_dict, text, employee, company
    ):
        """An employee forwards a complainant's mail, or writes down a phone
        call or a visit: the employee registers, the complainant is the one
        in the forwarded mail or the note."""
        values = {"notes": []}
        if employee:
            values["registered_by_id"] = employee.id
        forwarded = mail_parsing.forwarded_from_message(
            message
        ) or mail_parsing.forwarded_from_text(text)
        if forwarded and forwarded.get("email"):
            values["channel"] = "email"
            values.update(self._klachtenbeheer_details(forwarded, company))
            found = mail_parsing.parse_form_fields(forwarded.get("body") or "")
            address = mail_parsing.parse_dutch_address(forwarded.get("body") or "")
            values.update(
                {
                    key: value
                    for key, value in self._klachtenbeheer_details(
                        dict(address, **found), company
                    ).items()
                    if key not in values
                }
            )
            subject = _strip_forward_prefix(forwarded.get("subject"))
            if subject:
                values["subject"] = subject
            if forwarded.get("body"):
                values["description"] = Markup("<p>%s</p>") % Markup("<br/>").join(
                    escape(line) for line in forwarded["body"].strip().splitlines()
                )
            lang = self._klachtenbeheer_lang(forwarded.get("body"))
            if lang:
                values["complainant_lang"] = lang
            preference = handling_preference.detect(forwarded.get("body"))
            if preference:
                values["handling_preference"] = preference
            if forwarded.get("note"):
                values["notes"].append(
                    self.env._(
                        "Forwarded by %(employee)s: %(note)s",
                        employee=employee.name or msg_dict.get("email_from"),
                        note=forwarded["note"],
                    )
                )
            if "email_from" not in values:
                values["complainant_to_complete"] = True
            return values
        values["channel"] = mail_parsing.is_phone_note(
            msg_dict.get("subject"), text
        ) or ("email" if forwarded else "phone")
        found = mail_parsing.parse_form_fields(text)
        found = dict(mail_parsing.parse_dutch_address(text), **found)
        values.update(self._klachtenbeheer_details(found, company))
        if not any(values.get(key) for key in ("email_from", "contact_name", "phone")):
            values["complainant_to_complete"] = True
        values["subject"] = _strip_forward_prefix(msg_dict.get("subject")) or False
        return values

    @api.model
    def _klachtenbeheer_read_person_mail(
        self, msg_dict, text, sender, sender_name, company
    ):
        """A mail from the complainant, or from someone writing on their
        behalf: a lawyer, a relative, an advocate."""
        values = {"notes": []}
        subject = msg_dict.get("subject") or ""
        # Awb 9:10: the complainant chooses a hearing, a conversation or an
        # informal handling; what the mail asks for is taken over.
        preference = handling_preference.detect(text)
        if preference:
            values["handling_preference"] = preference
        representation = mail_parsing.detect_representative(text)
        complainant = self._klachtenbeheer_named_complainant(msg_dict, text, sender)
        if complainant or representation:
            representative = self.env["res.partner"].browse(msg_dict.get("author_id"))
            if not representative and sender:
                representative = self._find_or_create_complainant(
                    {"contact_name": sender_name or sender, "email_from": sender},
                    company,
                )
                # The mail is the representative's.
                msg_dict["author_id"] = representative.id
            kind = (representation or {}).get("kind") or "other"
            values.update(
                representative_id=representative.id,
                representative_kind=kind,
                correspondence="representative" if kind == "lawyer" else "both",
                is_lawyer_letter=kind == "lawyer",
            )
            if complainant:
                values["partner_id"] = complainant.id
                values["notes"].append(
                    self.env._(
                        "%(sender)s writes on behalf of %(complainant)s: "
                        "registered as representative. Please check.",
                        sender=representative.display_name,
                        complainant=complainant.display_name,
                    )
                )
            else:
                values["complainant_to_complete"] = True
                values["notes"].append(
                    self.env._(
                        "%(sender)s writes on someone else's behalf "
                        "(%(evidence)s): registered as representative; please "
                        "enter the complainant.",
                        sender=representative.display_name,
                        evidence=representation["evidence"],
                    )
                )
            if kind == "lawyer":
                values["notes"].append(
                    self.env._(
                        "A lawyer's letter: a lawyer reviews the complaint "
                        "before it is answered."
                    )
                )
            return values
        address = mail_parsing.parse_dutch_address(text)
        values.update(
            {key: address[key] for key in ("street", "zip", "city") if address.get(key)}
        )
        lang = self._klachtenbeheer_lang(text, subject)
        if lang:
            values["complainant_lang"] = lang
        return values

    @api.model
    def _klachtenbeheer_named_complainant(self, msg_dict, text, sender):
        """A known complainant that a mail names or copies: a contact with
        complaints in Cc, or the complainant of a complaint whose number the
        mail quotes, other than the sender."""
        Partner = self.env["res.partner"].sudo()
        numbers = mail_parsing.case_numbers(
            "\n".join((msg_dict.get("subject") or "", text))
        )
        if numbers:
            earlier = (
                self.sudo()
                .with_context(active_test=False)
                .search([("name", "in", numbers)], limit=1)
            )
            if earlier.partner_id and earlier.partner_id.email_normalized != sender:
                return earlier.partner_id
        copied = [
            email
            for email in (
                email_normalize(address)
                for address in email_split(msg_dict.get("cc") or "")
            )
            if email and email != sender
        ]
        if copied:
            known = self.sudo()._read_group(
                [("partner_id.email_normalized", "in", copied)],
                groupby=["partner_id"],
                limit=1,
            )
            if known:
                return known[0][0]
        return Partner

    @api.model
    def _klachtenbeheer_lang(self, *texts):
        code = mail_parsing.detect_language("\n".join(t for t in texts if t))
        if not code or code == "nl":
            return False
        installed = [lang for lang, _name in self.env["res.lang"].get_installed()]
        for lang in installed:
            if lang.split("_")[0] == code:
                return lang
        return False

    # ------------------------------------------------------------------
    # New mail, reply
    # ------------------------------------------------------------------

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """Register a complaint from an incoming mail (channel e-mail, or
        what the mail itself says: web form, phone note)."""
        reading = dict(msg_dict.pop("klachtenbeheer_reading", None) or {})
        notes = reading.pop("notes", [])
        values = dict(custom_values or {})
        team = self.env["klachtenbeheer.team"].browse(values.get("team_id"))
        company = self.env["res.company"].browse(
            values.get("company_id") or team.company_id.id or self.env.company.id
        )
        values.setdefault("company_id", company.id)
        values.update(self._prepare_mail_complaint_values(msg_dict, company, reading))
        self._klachtenbeheer_drop_large_attachments(msg_dict, company)
        values.update(custom_values or {})
        # What can wait a moment (the contact of a new sender, the followers,
        # the terms and their activities, the acknowledgement) is done by
        # the intake cron, a batch per run: see _complete_registration.
        values["registration_pending"] = True
        values["intake_message_id"] = msg_dict.get("message_id")
        # The intake cron is triggered once the mail is posted on it (see
        # message_post and _klachtenbeheer_queue_intake).
        complaint = self.create(values)
        # The message is the complainant's, also for a contact made now; a
        # form mailer's or an employee's mail stays theirs.
        own_mail = values.get("channel", "email") == "email" and not reading.get(
            "registered_by_id"
        )
        if own_mail and complaint.partner_id and not msg_dict.get("author_id"):
            msg_dict["author_id"] = complaint.partner_id.id
        for note in notes:
            complaint.message_post(body=note, subtype_xmlid="mail.mt_note")
        # The gateway posts the mail on what this returns: see message_post.
        return self.browse(complaint.id)

    @api.model
    def _prepare_mail_complaint_values(self, msg_dict, company, reading=None):
        """Values of a complaint registered from ``msg_dict``, with what
        ``_klachtenbeheer_read_mail`` found in it (``reading``).

        Override to read more from the mail (a category from the alias, a
        reference in the body...).
        """
        reading = dict(reading or {})
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
        if not reading.get("subject"):
            reading.pop("subject", None)
        if "channel" in reading or "registered_by_id" in reading:
            # A form or an employee's mail: the complainant is what the
            # reading found, never the sender.
            values.update(reading)
            return values
        values.update(reading)
        if values.get("partner_id") or values.get("complainant_to_complete"):
            return values
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
                complaint._klachtenbeheer_reopen_by_mail(msg_dict.get("date"))
        return super().message_update(msg_dict, update_vals=update_vals)

    def _klachtenbeheer_reopen_by_mail(self, date=None):
        """Back to the first open stage, with fresh terms from the moment of
        the mail: the earlier answer and its term are done with."""
        self.ensure_one()
        stage = self._default_stage_id()
        closed = self.stage_id
        now = fields.Datetime.now()
        moment = min(fields.Datetime.to_datetime(date), now) if date else now
        self.write(
            {
                "stage_id": stage.id,
                "date_reopened": max(moment, self.date_received),
                "date_answered": False,
                "term_warned_on": False,
                "term_escalated_on": False,
            }
        )
        self.message_post(
            body=self.env._(
                "Reopened: the complainant replied by e-mail to the complaint "
                "closed in stage %(stage)s. The terms run again from the reply.",
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
        intake = False
        if self.env.context.get("from_alias") and len(self) == 1:
            intake = kwargs.get("message_id") and (
                kwargs["message_id"] == self.intake_message_id
            )
            if intake:
                # The mail that registered the complaint: its author is
                # subscribed by the intake cron with the rest of the
                # registration (see _complete_registration), not one by one
                # inside the gateway.
                records = records.with_context(mail_create_nosubscribe=True)
            else:
                # A reply by mail: the handler (or else the team manager)
                # hears of it, also without following the complaint.
                responsible = self.user_id or self.team_id.user_id
                if (
                    responsible
                    and responsible.partner_id not in self.message_partner_ids
                ):
                    kwargs["partner_ids"] = [
                        *(kwargs.get("partner_ids") or []),
                        responsible.partner_id.id,
                    ]
            # Rendering the notification e-mails is the heavy part of an
            # incoming mail: Odoo's cron for scheduled notifications sends
            # them a moment later, outside the intake of the mail (nothing is
            # scheduled when nobody is to be notified). A scheduled date must
            # lie after the start of the transaction.
            kwargs.setdefault(
                "scheduled_date", self.env.cr.now() + timedelta(seconds=1)
            )
        message = super(KlachtenbeheerComplaintMailIntake, records).message_post(
            **kwargs
        )
        if (
            intake
            and self.registration_pending
            and not self.env.context.get("fetchmail_cron_running")
        ):
            # An incoming mail server triggers the cron once after its fetch
            # instead (fetchmail.server.fetch_mail); its queue is what one
            # fetch brought in.
            self._klachtenbeheer_queue_intake()
        return message

    def _klachtenbeheer_queue_intake(self):
        """Leave the rest of the registration of this complaint, just
        registered by mail, to the intake cron; or, when the cron's queue is
        full, complete it here.

        Delivered one by one (odoo-mailgate.py, XML-RPC), the cron runs
        within a minute or so, once for a burst of mails. While mail arrives
        faster than the cron completes it, the queue would grow without end:
        from ``klachtenbeheer.intake_queue_limit`` complaints waiting on (by
        default what one job of the cron completes), each mail is completed
        in its own delivery, which takes that much longer. 0: no limit.
        """
        self.ensure_one()
        limit = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("klachtenbeheer.intake_queue_limit", INTAKE_QUEUE_LIMIT)
            or 0
        )
        backlog = None
        if limit > 0:
            backlog = SQL(
                "SELECT count(*) FROM (SELECT 1 FROM klachtenbeheer_complaint "
                "WHERE registration_pending AND id != %s LIMIT %s) AS queue",
                self.id,
                limit,
            )
        waiting = self.env["ir.cron"]._klachtenbeheer_trigger_soon(
            "klachtenbeheer.ir_cron_send_acknowledgements", backlog=backlog
        )
        if limit > 0 and waiting is not None and waiting >= limit:
            _logger.info(
                "Complaint %s: the intake queue is full (%s waiting), "
                "registration completed on delivery",
                self.name,
                waiting,
            )
            self.sudo()._complete_intake_guarded()

    # ------------------------------------------------------------------
    # Delivery reports
    # ------------------------------------------------------------------

    @api.model
    def _klachtenbeheer_receive_bounce(self, message, msg_dict):
        """A delivery report. For a mail to a complainant (such as the
        acknowledgement of receipt): the complaint is marked undeliverable and
        its handler gets an activity to reach the complainant another way.
        Kept as an ignored mail when it concerns the complaints; never
        answered."""
        bounced = msg_dict.get("bounced_message")
        complaint = self.browse()
        if bounced and bounced.model == self._name and bounced.res_id:
            complaint = self.sudo().browse(bounced.res_id).exists()
        Failure = self.env["klachtenbeheer.mail.failure"].sudo()
        if not complaint and not Failure._is_complaint_mail(False, message):
            return
        Failure._keep_ignored(
            message,
            msg_dict,
            "bounce",
            team=complaint.team_id,
            complaint=complaint,
        )
        bounced_email = email_normalize(msg_dict.get("bounced_email") or "")
        if not complaint or not bounced_email:
            return
        addresses = {
            email_normalize(p.email or "") for p in complaint.correspondence_partner_ids
        } | {complaint.email_normalized}
        if bounced_email not in addresses:
            return
        complaint._klachtenbeheer_mark_undeliverable(bounced, bounced_email)

    def _klachtenbeheer_mark_undeliverable(self, bounced, address):
        self.ensure_one()
        self.with_context(mail_notrack=True).write({"mail_undeliverable": True})
        activity_type = self.env.ref(
            "klachtenbeheer.mail_activity_type_unreachable", raise_if_not_found=False
        )
        if activity_type and not self.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        ):
            self.activity_schedule(
                activity_type_id=activity_type.id,
                user_id=self._term_activity_user().id,
                note=self.env._(
                    "The mail %(subject)s to %(address)s could not be delivered.",
                    subject=bounced.subject or bounced.record_name or "",
                    address=address,
                ),
            )
        self.message_post(
            body=self.env._(
                "The mail %(subject)s to %(address)s came back as undeliverable. "
                "Please reach the complainant another way (phone, letter).",
                subject=bounced.subject or "",
                address=address,
            ),
            subtype_xmlid="mail.mt_note",
        )

    # ------------------------------------------------------------------
    # The intake cron: registration completed, acknowledgement sent
    # ------------------------------------------------------------------

    def _complete_registration(self):
        """Complete the registration of complaints received by e-mail.

        The mail gateway only numbers the complaint and keeps the mail (see
        ``message_new``); this, once per batch, makes the contact of a new
        sender, subscribes who the correspondence goes to (answers by e-mail
        reach them), asks the employee who registered a complaint without a
        complainant to enter them, and plans the terms. Override to do more
        once per batch rather than inside the gateway; the term activities
        follow (see ``_cron_send_acknowledgements``).
        """
        self.filtered(
            lambda c: not c.partner_id and not c.is_anonymous and c.email_from
        )._link_complainants()
        employees = self._klachtenbeheer_employee_emails(
            self.correspondence_partner_ids.mapped("email")
        )
        self._klachtenbeheer_subscribe(
            {
                complaint: complaint.correspondence_partner_ids.filtered(
                    lambda p, c=complaint: (
                        p not in c.message_partner_ids
                        and c._klachtenbeheer_is_customer_address(
                            p.email, c.company_id, employees
                        )
                    )
                )
                for complaint in self
            }
        )
        # Part of the registration: the terms appear without a tracking
        # message.
        self.with_context(mail_notrack=True)._write_without_term_sync(
            {"registration_pending": False}
        )

    def _klachtenbeheer_subscribe(self, partners_per_complaint):
        """Subscribe, per complaint, partners that do not follow it yet, with
        Odoo's default subtypes (a customer's: the external ones), as
        ``message_subscribe`` does, in one create for the whole batch."""
        partners = self.env["res.partner"].union(*partners_per_complaint.values())
        if not partners:
            return
        default, _internal, external = self.env[
            "mail.message.subtype"
        ]._default_subtypes(self._name)
        self.env["mail.followers"].sudo().create(
            [
                {
                    "res_model": self._name,
                    "res_id": complaint.id,
                    "partner_id": partner.id,
                    "subtype_ids": [
                        Command.set(external if partner.partner_share else default)
                    ],
                }
                for complaint, new in partners_per_complaint.items()
                for partner in new
            ]
        )
        self.invalidate_recordset(["message_follower_ids", "message_partner_ids"])

    def _klachtenbeheer_ask_complainant(self):
        activity_type = self.env.ref(
            "klachtenbeheer.mail_activity_type_complainant", raise_if_not_found=False
        )
        if not activity_type:
            return
        model_id = self.env["ir.model"]._get_id(self._name)
        self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True
        ).create(
            [
                {
                    "activity_type_id": activity_type.id,
                    "res_model_id": model_id,
                    "res_id": complaint.id,
                    "date_deadline": fields.Date.context_today(complaint),
                    "user_id": (
                        complaint.registered_by_id
                        if not complaint.registered_by_id.share
                        and complaint.registered_by_id != self.env.ref("base.user_root")
                        else complaint._term_activity_user()
                    ).id,
                    "summary": activity_type.summary or activity_type.name,
                }
                for complaint in self
            ]
        )

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
                details = {fname: complaint[fname] for fname in CONTACT_FIELDS}
                details["lang"] = complaint.complainant_lang
                vals = self._prepare_complainant_vals(details, key[1])
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

    def _klachtenbeheer_acknowledgeable(self):
        """The complaints whose acknowledgement of receipt can go by e-mail
        (see _klachtenbeheer_mailable)."""
        return self.filtered(
            lambda c: not c.is_closed and not c.date_acknowledged
        )._klachtenbeheer_mailable()

    def _klachtenbeheer_mailable(self):
        """The complaints whose letters can go by e-mail: to the complainant
        or their representative, never to an employee, a machine's address
        or our own domain."""
        todo = self
        recipients = {
            complaint: [p.email for p in complaint.correspondence_partner_ids]
            or [complaint.email_from]
            for complaint in todo
        }
        employees = self._klachtenbeheer_employee_emails(
            [email for emails in recipients.values() for email in emails]
        )
        return todo.filtered(
            lambda c: any(
                c._klachtenbeheer_is_customer_address(email, c.company_id, employees)
                for email in recipients[c]
            )
        )

    def _send_acknowledgement(self):
        """Send the acknowledgement of receipt, exactly once per complaint.

        Only complaints with an address to write to and not yet acknowledged
        get it; the others keep their acknowledgement activity (print the
        letter).
        """
        template = self.env.ref(
            "klachtenbeheer.mail_template_acknowledgement", raise_if_not_found=False
        )
        if not template:
            self._sync_term_activities()
            return self.browse()
        todo = self._klachtenbeheer_acknowledgeable()
        (self - todo).filtered("acknowledgement_pending").write(
            {"acknowledgement_pending": False}
        )
        todo._klachtenbeheer_post_template(template)
        todo._mark_terms_done("date_acknowledged")
        todo.write({"acknowledgement_pending": False})
        # Also those without e-mail: the acknowledgement activity stays when
        # no mail went (print the letter).
        self._sync_term_activities()
        return todo

    def _klachtenbeheer_post_template(self, template):
        """Post ``template`` on each complaint as ``message_post_with_source``
        does (a message to the complainant in our layout, see
        klachtenbeheer_complaint_mail_layout), with one composer for the
        whole batch: the template is rendered for all complaints at once,
        per language. The composer queues the mails, also a batch of one
        (the gateway completing a single mail, see
        _klachtenbeheer_queue_intake): Odoo's mail queue is triggered to send
        them right after the commit, outside this transaction, and is the
        only one to send them (a mail sent after the commit as well would
        be written by both, a serialization failure in the queue's cron)."""
        if not self:
            return self.env["mail.message"]
        composer = (
            self.env["mail.compose.message"]
            .with_context(
                default_composition_mode="comment",
                default_model=self._name,
                default_res_ids=self.ids,
                default_template_id=template.id,
            )
            .create(
                {
                    "message_type": "notification",
                    "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id(
                        "mail.mt_comment"
                    ),
                    "email_layout_xmlid": "klachtenbeheer.mail_layout_complainant",
                    "force_send": False,
                }
            )
        )
        # The composer posts record by record: look up the threads' first
        # messages (each post's parent) for the whole batch beforehand.
        self.sudo().mapped("thread_first_message_id")
        _mails, messages = composer._action_send_mail()
        self.env["ir.cron"]._klachtenbeheer_trigger(
            "mail.ir_cron_mail_scheduler_action"
        )
        return messages

    def _complete_intake(self):
        """What the intake cron does for a batch of complaints."""
        registering = self.filtered("registration_pending")
        registering._complete_registration()
        acknowledging = self.filtered("acknowledgement_pending")
        acknowledging._send_acknowledgement()
        (registering - acknowledging)._sync_term_activities()
        # After the acknowledgement: whoever gets the activity follows the
        # complaint, and is no addressee of the acknowledgement.
        registering.filtered(
            "complainant_to_complete"
        )._klachtenbeheer_ask_complainant()

    def _complete_intake_guarded(self):
        """``_complete_intake``, where one complaint that cannot be completed
        does not hold up the others: then one by one, and the ones that fail
        leave the queue with a note for their team."""
        try:
            with self.env.cr.savepoint():
                self._complete_intake()
        except psycopg2.OperationalError:
            # A conflict with another transaction: the whole run (the cron's,
            # the delivery's) is retried.
            raise
        except Exception:
            for complaint in self:
                try:
                    with self.env.cr.savepoint():
                        complaint._complete_intake()
                except psycopg2.OperationalError:
                    raise
                except Exception as error:
                    complaint._intake_failed(error)

    def _intake_failed(self, error):
        """The intake cron could not complete this complaint: it leaves the
        queue (the others go on) and its team hears of it on the chatter."""
        self.ensure_one()
        _logger.warning(
            "Complaint %s (id %s): registration or acknowledgement failed, "
            "left to its team: %s",
            self.name,
            self.id,
            error,
            exc_info=True,
        )
        flags = {"registration_pending": False, "acknowledgement_pending": False}
        try:
            with self.env.cr.savepoint():
                # With the flag the terms are computed, if they can be.
                self.with_context(mail_notrack=True)._write_without_term_sync(flags)
        except psycopg2.OperationalError:
            raise
        except Exception:
            self.env.cr.execute(
                SQL(
                    "UPDATE klachtenbeheer_complaint SET registration_pending = "
                    "FALSE, acknowledgement_pending = FALSE WHERE id = %s",
                    self.id,
                )
            )
            self.invalidate_recordset(list(flags))
        responsible = self.user_id or self.team_id.user_id
        try:
            with self.env.cr.savepoint():
                self.message_post(
                    body=self.env._(
                        "The registration of this complaint could not be "
                        "completed automatically (%(error)s). Check the "
                        "complainant's contact and the terms, and send the "
                        "acknowledgement of receipt yourself.",
                        error=str(error) or type(error).__name__,
                    ),
                    partner_ids=responsible.partner_id.ids,
                    subtype_xmlid="mail.mt_note",
                )
        except psycopg2.OperationalError:
            raise
        except Exception:
            _logger.warning(
                "Complaint %s (id %s): could not post the failure note",
                self.name,
                self.id,
                exc_info=True,
            )

    @api.model
    def _cron_send_acknowledgements(self, batch_size=50):
        """Complete the registrations by e-mail and send the pending
        acknowledgements of receipt, a batch per run.

        Each complaint is locked while it is handled and loses its pending
        flags once done: a rerun, or a second worker, does nothing twice. A
        batch is small enough to commit well within a cron worker's time
        limit on a busy server (rendering an acknowledgement is the heavy
        part); Odoo runs the next batch while work remains.
        """
        domain = [
            "|",
            ("registration_pending", "=", True),
            ("acknowledgement_pending", "=", True),
        ]
        started = time.monotonic()
        complaints = self.sudo().search(domain, order="id", limit=batch_size)
        complaints = complaints._lock_for_cron()
        complaints._complete_intake_guarded()
        remaining = self.sudo().search_count(domain)
        Cron = self.env["ir.cron"]
        budget = Cron._klachtenbeheer_batch_seconds()
        if remaining and budget and time.monotonic() - started > budget:
            # A slow batch (a busy server): ten of them would pass the cron
            # worker's time limit, and the worker would be killed with the
            # batch in progress. This job ends here; a new one, with a new
            # time limit, takes the rest right away.
            Cron._klachtenbeheer_trigger("klachtenbeheer.ir_cron_send_acknowledgements")
            remaining = 0
        Cron._notify_progress(done=len(complaints), remaining=remaining)
        return complaints
