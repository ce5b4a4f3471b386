# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Privacy of the register (AVG art. 5(1)(e), 15, 17): retention,
anonymisation, legal hold.

Anonymising removes what identifies the complainant, the representative and
what they wrote; it keeps what the organisation learns from (number, dates,
channel, category, team, validity, ground, repeat and criminal flags, terms
met, survey grades), so the reports give the same figures before and after.
It runs in SQL per batch: the register may hold a hundred thousand expired
complaints, and the ORM's per-record writes (tracking, terms, guards) are
exactly what must not run on them.
"""

import uuid

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

PRIVACY_OFFICER = "klachtenbeheer.group_klachtenbeheer_privacy_officer"
COORDINATOR = "klachtenbeheer.group_klachtenbeheer_coordinator"

# Columns of klachtenbeheer_complaint emptied by anonymising.
ANONYMISED_COLUMNS = (
    "partner_id",
    "representative_id",
    "representative_kind",
    "contact_name",
    "email_from",
    "email_normalized",
    "email_cc",
    "phone",
    "street",
    "zip",
    "city",
    "description",
    "desired_outcome",
    "facts",
    "circumstances",
    "causes",
    "damage_description",
    "answer",
    "outside_procedure_referral",
    "criminal_suspicion_reason",
    "legal_advice",
    "legal_advisor_id",
    "no_hearing_reason",
    "measures_taken",
    "redirect_note",
    "redirect_message",
    "access_token",
    "intake_message_id",
    "complainant_lang",
)
# Fields whose tracking values stay on the chatter: the procedure's steps,
# no personal values.
KEPT_TRACKING = (
    "stage_id",
    "team_id",
    "user_id",
    "category_id",
    "kind",
    "validity",
    "priority",
    "channel",
    "repeat_reason",
    "policy_judgement",
)


class KlachtenbeheerComplaint(models.Model):
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "klachtenbeheer.complaint"

    complainant_key = fields.Char(
        compute="_compute_complainant_key",
        store=True,
        index=True,
        copy=False,
        groups="base.group_user",
        help="A random token per complainant: the reports count repeat "
        "complainants by it, so the count stays when the link to the person "
        "is removed (AVG art. 5(1)(e)). It names nobody.",
    )
    anonymised = fields.Boolean(readonly=True, copy=False, index=True)
    date_anonymised = fields.Datetime(string="Anonymised On", readonly=True, copy=False)
    anonymised_by_id = fields.Many2one(
        comodel_name="res.users", string="Anonymised By", readonly=True, copy=False
    )
    legal_hold = fields.Boolean(
        copy=False,
        tracking=True,
        help="Kept as it is, past its retention period, while the hold lasts "
        "(a lawsuit, an objection, the ombudsman).",
    )
    legal_hold_reason = fields.Text(string="Reason for the Hold", copy=False)
    legal_hold_until = fields.Date(
        string="Hold Until",
        copy=False,
        help="Empty: until the hold is lifted.",
    )
    legal_hold_user_id = fields.Many2one(
        comodel_name="res.users", string="Hold Set By", readonly=True, copy=False
    )
    legal_hold_date = fields.Datetime(string="Hold Set On", readonly=True, copy=False)

    @api.depends("partner_id")
    def _compute_complainant_key(self):
        for complaint in self:
            complaint.complainant_key = (
                complaint.partner_id.commercial_partner_id.sudo().klachtenbeheer_key
            )

    @api.constrains("legal_hold", "legal_hold_reason")
    def _check_legal_hold_reason(self):
        for complaint in self:
            if complaint.legal_hold and not (complaint.legal_hold_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Give the reason for the legal hold of complaint %s.",
                        complaint.name,
                    )
                )

    def _guarded_fields(self):
        return super()._guarded_fields() | {
            "anonymised",
            "date_anonymised",
            "anonymised_by_id",
            "legal_hold_user_id",
            "legal_hold_date",
        }

    def _field_owners(self):
        owners = (PRIVACY_OFFICER, COORDINATOR)
        return super()._field_owners() | {
            "legal_hold": owners,
            "legal_hold_reason": owners,
            "legal_hold_until": owners,
        }

    def write(self, vals):
        if self.filtered("anonymised") and not self.env.su:
            raise UserError(
                self.env._(
                    "Complaint %s has been anonymised: it cannot be changed.",
                    self.filtered("anonymised")[:1].name,
                )
            )
        res = super().write(vals)
        if "legal_hold" in vals:
            # Who and when, as the hold decides what the retention does.
            self.sudo().write(
                {
                    "legal_hold_user_id": self.env.uid if vals["legal_hold"] else False,
                    "legal_hold_date": fields.Datetime.now()
                    if vals["legal_hold"]
                    else False,
                }
            )
        return res

    # ------------------------------------------------------------------
    # Retention
    # ------------------------------------------------------------------

    @api.model
    def _retention_expired_query(self, now, limit, lock=True):
        """The ids of closed complaints past their company's retention
        period, not held, not anonymised yet; with ``lock``, locked, skipping
        those another worker holds."""
        today = fields.Date.to_date(now)
        return SQL(
            """
            SELECT c.id
              FROM klachtenbeheer_complaint c
              JOIN res_company co ON co.id = c.company_id
             WHERE c.anonymised IS NOT TRUE
               AND c.is_closed
               AND c.date_closed IS NOT NULL
               AND NOT (
                   c.legal_hold IS TRUE
                   AND (c.legal_hold_until IS NULL OR c.legal_hold_until >= %(today)s)
               )
               AND CASE WHEN c.kind = 'complaint'
                        THEN co.klachtenbeheer_retention_months
                        ELSE co.klachtenbeheer_retention_redirect_months END > 0
               AND c.date_closed < %(now)s - make_interval(months =>
                   CASE WHEN c.kind = 'complaint'
                        THEN co.klachtenbeheer_retention_months
                        ELSE co.klachtenbeheer_retention_redirect_months END)
             ORDER BY c.id
             LIMIT %(limit)s
            %(lock)s
            """,
            today=today,
            now=now,
            limit=limit,
            lock=SQL("FOR UPDATE OF c SKIP LOCKED") if lock else SQL(),
        )

    @api.model
    def _cron_anonymise_expired(self, batch_size=500):
        """Daily: anonymise what is past its retention period, one batch per
        call (the cron runner commits and calls again while work remains),
        then delete the ignored mails past theirs. Idempotent: a run stopped
        halfway leaves whole batches done or untouched."""
        now = fields.Datetime.now()
        self.env.flush_all()
        self.env.cr.execute(self._retention_expired_query(now, batch_size))
        ids = [row[0] for row in self.env.cr.fetchall()]
        if ids:
            self.browse(ids)._anonymise("retention")
        remaining = 0
        if len(ids) == batch_size:
            self.env.cr.execute(
                SQL(
                    "SELECT count(*) FROM (%s) AS expired",
                    # (Counted without locking what the next runs take.)
                    self._retention_expired_query(now, None, lock=False),
                )
            )
            remaining = self.env.cr.fetchone()[0]
        if not remaining:
            self.env["klachtenbeheer.mail.failure"]._gc_retention(now)
        self.env["ir.cron"]._notify_progress(done=len(ids), remaining=remaining)

    # ------------------------------------------------------------------
    # Anonymising
    # ------------------------------------------------------------------

    def action_anonymise(self):
        """The privacy officer anonymises at once (a justified request to be
        forgotten, AVG art. 17); the same result as the retention's."""
        if not self.env.user.has_group(PRIVACY_OFFICER):
            raise AccessError(
                self.env._("Only the privacy officer anonymises a complaint.")
            )
        self._check_anonymisable()
        self._anonymise("erasure")
        return True

    def _check_anonymisable(self):
        for complaint in self:
            if not complaint.is_closed:
                raise UserError(
                    self.env._(
                        "Complaint %s is still open: close it first.", complaint.name
                    )
                )
            if complaint.legal_hold:
                raise UserError(
                    self.env._(
                        "Complaint %s is on legal hold: lift the hold first.",
                        complaint.name,
                    )
                )

    def _anonymise(self, reason, request=None):
        """Remove the personal data of these complaints, in SQL, and log it.
        Irreversible. Complaints already anonymised are skipped.

        :param reason: ``retention`` (the period passed) or ``erasure`` (a
            request to be forgotten, handled by the privacy officer)
        :param request: the privacy request it answers, if any"""
        todo = self.sudo().filtered(lambda c: not c.anonymised)
        if not todo:
            return
        # Written by a cron as often as by a user: in the company's language.
        todo = todo.with_context(lang=todo.company_id[:1].partner_id.lang or "en_US")
        self.env.flush_all()
        cr = self.env.cr
        ids = tuple(todo.ids)
        keep_employee = {
            company.id: company.klachtenbeheer_retention_keep_employee
            for company in todo.company_id
        }
        # The people named, to decide afterwards whether anybody still
        # needs their contact.
        cr.execute(
            SQL(
                """
                SELECT array_agg(DISTINCT p) FROM (
                    SELECT partner_id AS p FROM klachtenbeheer_complaint
                     WHERE id IN %(ids)s AND partner_id IS NOT NULL
                    UNION
                    SELECT representative_id FROM klachtenbeheer_complaint
                     WHERE id IN %(ids)s AND representative_id IS NOT NULL
                ) AS named
                """,
                ids=ids,
            )
        )
        partner_ids = cr.fetchone()[0] or []
        label = todo.env._("Anonymised")
        cr.execute(
            SQL(
                """
                UPDATE klachtenbeheer_complaint
                   SET %(cleared)s,
                       subject = name || ' ' || %(label)s,
                       user_concerned_id = CASE WHEN company_id IN %(keep)s
                                                THEN user_concerned_id END,
                       employee_concerned_partner_id
                           = CASE WHEN company_id IN %(keep)s
                                  THEN employee_concerned_partner_id END,
                       legal_hold = FALSE,
                       legal_hold_reason = NULL,
                       legal_hold_until = NULL,
                       anonymised = TRUE,
                       date_anonymised = %(now)s,
                       anonymised_by_id = %(uid)s
                 WHERE id IN %(ids)s
                """,
                cleared=SQL(", ").join(
                    SQL("%s = NULL", SQL.identifier(column))
                    for column in ANONYMISED_COLUMNS
                ),
                label=f"({label})",
                keep=tuple(c for c, keep in keep_employee.items() if keep) or (0,),
                now=fields.Datetime.now(),
                uid=self.env.uid,
                ids=ids,
            )
        )
        todo._anonymise_procedure_records(ids)
        todo._anonymise_mail(ids)
        todo._anonymise_related(ids)
        self.env.invalidate_all()
        todo.env["res.partner"].browse(partner_ids)._klachtenbeheer_forget()
        _ = todo.env._
        why = (
            _("the retention period passed (AVG art. 5(1)(e))")
            if reason == "retention"
            else _("request to be forgotten %s (AVG art. 17)", request.name)
            if request
            else _("request to be forgotten (AVG art. 17)")
        )
        body = Markup("<p>%s</p>") % _(
            "Personal data removed on %(date)s by %(user)s: %(reason)s.",
            date=fields.Date.to_string(fields.Date.context_today(self)),
            user=todo.env.user.name,
            reason=why,
        )
        bodies = dict.fromkeys(todo.ids, body)
        todo._message_log_batch(bodies=bodies)

    def _anonymise_procedure_records(self, ids):
        """Hearings, escalations and extensions keep their dates and outcome,
        not what was said."""
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                UPDATE klachtenbeheer_hearing
                   SET minutes = NULL, location = NULL, partner_id = NULL
                 WHERE complaint_id IN %(ids)s;
                DELETE FROM klachtenbeheer_hearing_attendee_rel rel
                 USING klachtenbeheer_hearing h
                 WHERE rel.hearing_id = h.id AND h.complaint_id IN %(ids)s;
                UPDATE klachtenbeheer_escalation
                   SET advice = NULL, board_decision = NULL, reference = NULL
                 WHERE complaint_id IN %(ids)s;
                UPDATE klachtenbeheer_complaint_extension
                   SET reason = %(label)s, consent_note = NULL
                 WHERE complaint_id IN %(ids)s;
                """,
                ids=ids,
                label=self.env._("Anonymised"),  # (in the company's language)
            )
        )

    def _anonymise_mail(self, ids):
        """The chatter keeps who of the organisation did what and the
        procedure's steps; bodies, addresses, personal tracking values,
        attachments, pending mails, activities and outside followers go."""
        cr = self.env.cr
        models_ = (
            "klachtenbeheer.complaint",
            "klachtenbeheer.hearing",
            "klachtenbeheer.escalation",
        )
        cr.execute(
            SQL(
                """
                SELECT m.id FROM mail_message m
                 WHERE m.model = 'klachtenbeheer.complaint' AND m.res_id IN %(ids)s
                UNION ALL
                SELECT m.id FROM mail_message m
                  JOIN klachtenbeheer_hearing h
                    ON m.model = 'klachtenbeheer.hearing' AND m.res_id = h.id
                 WHERE h.complaint_id IN %(ids)s
                UNION ALL
                SELECT m.id FROM mail_message m
                  JOIN klachtenbeheer_escalation e
                    ON m.model = 'klachtenbeheer.escalation' AND m.res_id = e.id
                 WHERE e.complaint_id IN %(ids)s
                """,
                ids=ids,
            )
        )
        message_ids = tuple(row[0] for row in cr.fetchall()) or (0,)
        internal = SQL("SELECT partner_id FROM res_users WHERE share IS NOT TRUE")
        kept_fields = SQL(
            "SELECT id FROM ir_model_fields WHERE model = 'klachtenbeheer.complaint' "
            "AND name IN %s",
            KEPT_TRACKING,
        )
        cr.execute(
            SQL(
                """
                UPDATE mail_message
                   SET body = NULL, subject = NULL, email_from = NULL,
                       reply_to = NULL, record_name = NULL,
                       author_id = CASE WHEN author_id IN (%(internal)s)
                                        THEN author_id END
                 WHERE id IN %(messages)s;
                DELETE FROM mail_tracking_value
                 WHERE mail_message_id IN %(messages)s
                   AND (field_id IS NULL OR field_id NOT IN (%(kept)s));
                DELETE FROM mail_message_res_partner_rel
                 WHERE mail_message_id IN %(messages)s
                   AND res_partner_id NOT IN (%(internal)s);
                DELETE FROM mail_notification
                 WHERE mail_message_id IN %(messages)s
                   AND res_partner_id NOT IN (%(internal)s);
                DELETE FROM mail_mail WHERE mail_message_id IN %(messages)s;
                DELETE FROM mail_activity
                 WHERE res_model = 'klachtenbeheer.complaint' AND res_id IN %(ids)s;
                DELETE FROM mail_followers
                 WHERE res_model = 'klachtenbeheer.complaint' AND res_id IN %(ids)s
                   AND partner_id NOT IN (%(internal)s);
                """,
                internal=internal,
                kept=kept_fields,
                messages=message_ids,
                ids=ids,
            )
        )
        cr.execute(
            SQL(
                """
                SELECT id FROM ir_attachment
                 WHERE (res_model IN %(models)s AND res_id IN (
                            SELECT %(ids_array)s UNION
                            SELECT id FROM klachtenbeheer_hearing
                             WHERE complaint_id IN %(ids)s UNION
                            SELECT id FROM klachtenbeheer_escalation
                             WHERE complaint_id IN %(ids)s))
                    OR id IN (SELECT attachment_id FROM message_attachment_rel
                               WHERE message_id IN %(messages)s)
                """,
                models=models_,
                ids_array=SQL("unnest(%s::int[])", list(ids)),
                ids=ids,
                messages=message_ids,
            )
        )
        attachment_ids = [row[0] for row in cr.fetchall()]
        # Through the ORM: the files go from the filestore too.
        self.env["ir.attachment"].sudo().browse(attachment_ids).unlink()
        failures = (
            self.env["klachtenbeheer.mail.failure"]
            .sudo()
            .search([("complaint_id", "in", list(ids))])
        )
        failures.unlink()

    def _anonymise_related(self, ids):
        """Hook for the other addons (the survey's answers): remove their
        personal data of these complaints, in SQL."""

    def _privacy_export_extra(self):
        """Hook for the other addons (the survey's answers): what they hold on
        this complaint's complainant, for a request for access."""
        self.ensure_one()
        return {}

    @api.model
    def _privacy_kept_fields(self):
        """What anonymising keeps (documentation and tests)."""
        return [
            name
            for name, field in self._fields.items()
            if field.store and name not in ANONYMISED_COLUMNS
        ]


class ResPartner(models.Model):
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "res.partner"

    # A random token per contact (see complainant_key); the contacts that
    # existed before the addon get theirs from the install (see
    # hooks.post_init_hook).
    klachtenbeheer_key = fields.Char(
        default=lambda self: uuid.uuid4().hex, copy=False, groups="base.group_system"
    )

    def _klachtenbeheer_referrers(self):
        """{partner id: tables that still point to it}, from the database's
        foreign keys, as Odoo's partner merge finds them: the complaints that
        keep the contact (open or retained), another application's
        documents, a user account. The contact's own rows (its tags, its
        chatter) do not count."""
        if not self:
            return {}
        cr = self.env.cr
        cr.execute(
            """
            SELECT cl.relname, att.attname
              FROM pg_constraint con
              JOIN pg_class cl ON cl.oid = con.conrelid
              JOIN pg_attribute att
                ON att.attrelid = con.conrelid AND att.attnum = con.conkey[1]
             WHERE con.contype = 'f'
               AND con.confrelid = 'res_partner'::regclass
               AND array_length(con.conkey, 1) = 1
            """
        )
        referrers = {partner_id: [] for partner_id in self.ids}
        # Wizards' rows are no documents: they are cleaned up by Odoo.
        transient = set()
        for model in self.env.registry.values():
            if model._transient:
                transient.add(model._table)
                transient.update(
                    field.relation
                    for field in model._fields.values()
                    if field.type == "many2many" and field.store
                )
        for table, column in cr.fetchall():
            if (
                table == "res_partner"
                or table.startswith("res_partner_")
                or table in transient
            ):
                continue
            query = SQL(
                "SELECT DISTINCT %(column)s FROM %(table)s WHERE %(column)s IN %(ids)s",
                column=SQL.identifier(column),
                table=SQL.identifier(table),
                ids=tuple(self.ids),
            )
            if table in ("mail_message", "mail_followers"):
                # Its own chatter is no other document.
                query = SQL(
                    "%s AND NOT (%s = 'res.partner' AND res_id = %s)",
                    query,
                    SQL.identifier("model" if table == "mail_message" else "res_model"),
                    SQL.identifier(column),
                )
            cr.execute(query)
            for (partner_id,) in cr.fetchall():
                referrers[partner_id].append(table)
        return referrers

    def _klachtenbeheer_forget(self):
        """After the register let go of these contacts: anonymise those that
        nothing else needs; the others keep their data, with a new report
        token so the anonymised complaints no longer point to them."""
        partners = self.sudo().exists()
        if not partners:
            return
        referrers = partners._klachtenbeheer_referrers()
        needed = partners.filtered(lambda p: referrers[p.id])
        # A new token for the contacts kept, on their other complaints too:
        # an anonymised complaint's token then matches nobody's (a person
        # whose complaints straddle the anonymisation counts twice).
        people = needed.commercial_partner_id
        if people:
            # One statement for the batch: the contacts' new tokens, then
            # their complaints that are kept.
            self.env.flush_all()
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE res_partner
                       SET klachtenbeheer_key = md5(random()::text || id::text)
                     WHERE id IN %(people)s;
                    UPDATE klachtenbeheer_complaint c
                       SET complainant_key = person.klachtenbeheer_key
                      FROM res_partner p
                      JOIN res_partner person ON person.id = p.commercial_partner_id
                     WHERE p.id = c.partner_id
                       AND person.id IN %(people)s
                       AND c.anonymised IS NOT TRUE
                    """,
                    people=tuple(people.ids),
                )
            )
            people.invalidate_recordset(["klachtenbeheer_key"])
        self.env["klachtenbeheer.complaint"].invalidate_model(["complainant_key"])
        orphans = partners - needed
        if not orphans:
            return
        label = self.env._("Anonymised contact")
        orphans.with_context(tracking_disable=True).write(
            {
                "name": label,
                "email": False,
                "phone": False,
                "mobile": False,
                "street": False,
                "street2": False,
                "zip": False,
                "city": False,
                "state_id": False,
                "country_id": False,
                "function": False,
                "comment": False,
                "website": False,
                "vat": False,
                "ref": False,
                "klachtenbeheer_key": False,
                "active": False,
            }
        )
        messages = (
            self.env["mail.message"]
            .sudo()
            .search([("model", "=", "res.partner"), ("res_id", "in", orphans.ids)])
        )
        messages.attachment_ids.unlink()
        messages.unlink()
        # Its own files, the avatar included: one search instead of writing
        # the image fields contact by contact (each resizes its images).
        self.env["ir.attachment"].sudo().search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", orphans.ids),
                "|",
                ("res_field", "=", False),
                ("res_field", "!=", False),
            ]
        ).unlink()
        orphans.invalidate_recordset()
