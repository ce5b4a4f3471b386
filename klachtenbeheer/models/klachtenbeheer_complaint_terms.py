# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The terms of a complaint, in one place: the fields, their computes, the
activities that follow them, pausing, extension, the recompute after a
change of the calendar and the term cron.

The counting itself (working days, holidays, time zones) is plain Python in
``tools/working_days.py``; ``resource.calendar._klachtenbeheer_working_calendar``
feeds it the calendar's hours and holidays.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, split_every

from ..tools import working_days

# Writing these may move a term or its owner: the activities follow.
TERM_TRIGGER_FIELDS = {
    "stage_id",
    "user_id",
    "team_id",
    "date_received",
    "category_id",
    "term_profile_id",
    "advisory_committee",
    "pause_days",
    "paused_since",
    "date_acknowledged",
    "date_contacted",
    "date_answered",
    "date_reopened",
    "user_concerned_id",
}

TERM_FIELDS = (
    "date_ack_due",
    "date_contact_due",
    "date_answer_due",
    "date_answer_warn",
)

# Open complaints are recomputed this many at a time, so a change of a
# busy calendar does not hold every complaint in memory at once.
RECOMPUTE_BATCH = 500


class KlachtenbeheerComplaintTerms(models.Model):
    _inherit = "klachtenbeheer.complaint"  # pylint: disable=consider-merging-classes-inherited

    # Terms (working days on the team's or company's calendar)
    term_profile_id = fields.Many2one(
        comodel_name="klachtenbeheer.term.profile",
        string="Term Profile",
        compute="_compute_term_profile_id",
        store=True,
        precompute=True,
        readonly=False,
        index=True,
    )
    advisory_committee = fields.Boolean(
        help="An advisory committee hears the complaint (Awb 9:14): the "
        "profile's longer answer term applies.",
    )
    date_ack_due = fields.Date(
        string="Acknowledgement Due",
        compute="_compute_term_dates",
        store=True,
        precompute=True,
        index=True,
    )
    date_contact_due = fields.Date(
        string="First Contact Due",
        compute="_compute_term_dates",
        store=True,
        precompute=True,
        index=True,
    )
    date_answer_due = fields.Date(
        string="Answer Due",
        compute="_compute_term_dates",
        store=True,
        precompute=True,
        index=True,
        tracking=True,
    )
    date_answer_warn = fields.Date(
        string="Warn Handler On",
        compute="_compute_term_dates",
        store=True,
        precompute=True,
        index=True,
    )
    date_acknowledged = fields.Datetime(string="Acknowledged On", copy=False)
    date_reopened = fields.Datetime(
        string="Reopened On",
        copy=False,
        readonly=True,
        tracking=True,
        help="A reply by e-mail reopened the closed complaint: its terms run "
        "again from this moment.",
    )
    date_contacted = fields.Datetime(string="First Contact On", copy=False)
    date_answered = fields.Datetime(string="Answered On", copy=False, index=True)
    answer_timeliness = fields.Selection(
        [("on_time", "On Time"), ("late", "Late")],
        compute="_compute_answer_timeliness",
        store=True,
        precompute=True,
    )
    answer_on_time_rate = fields.Float(
        string="Answered On Time (%)",
        compute="_compute_answer_timeliness",
        store=True,
        precompute=True,
        aggregator="avg",
        digits=(5, 1),
        help="Share of the answered complaints that were answered within the "
        "term. Complaints without an answer do not count.",
    )
    deadline_state = fields.Selection(
        [
            ("on_time", "On Time"),
            ("at_risk", "At Risk"),
            ("overdue", "Overdue"),
            ("paused", "Paused"),
            ("done", "Answered"),
        ],
        string="Deadline",
        compute="_compute_deadline_state",
        search="_search_deadline_state",
    )
    extension_ids = fields.One2many(
        comodel_name="klachtenbeheer.complaint.extension",
        inverse_name="complaint_id",
        string="Extensions",
    )
    extension_weeks = fields.Integer(
        compute="_compute_extension_weeks",
        store=True,
        precompute=True,
        string="Extended (weeks)",
    )
    paused_since = fields.Datetime(copy=False, tracking=True)
    pause_days = fields.Integer(
        string="Paused (working days)",
        copy=False,
        readonly=True,
        help="Working days the clock stood still while waiting for the "
        "complainant; they are added to the terms.",
    )
    term_warned_on = fields.Date(copy=False, readonly=True)
    term_escalated_on = fields.Date(copy=False, readonly=True)

    def init(self):
        res = super().init()
        # The term cron looks for the few open, unanswered complaints whose
        # warning or due date has passed: partial indexes keep that cost
        # proportional to those, not to the whole register.
        for column, flag in (
            ("date_answer_warn", "term_warned_on"),
            ("date_answer_due", "term_escalated_on"),
        ):
            self.env.cr.execute(
                SQL(
                    "CREATE INDEX IF NOT EXISTS %s ON klachtenbeheer_complaint (%s) "
                    "WHERE is_closed IS NOT TRUE AND date_answered IS NULL "
                    "AND paused_since IS NULL AND %s IS NULL",
                    SQL.identifier(f"klachtenbeheer_complaint_{column}_open_idx"),
                    SQL.identifier(column),
                    SQL.identifier(flag),
                )
            )
        return res

    # ------------------------------------------------------------------
    # Term profile and dates
    # ------------------------------------------------------------------

    @api.depends(
        "category_id.term_profile_id",
        "team_id.term_profile_id",
        "company_id",
        "registration_pending",
    )
    def _compute_term_profile_id(self):
        for complaint in self:
            if complaint.registration_pending:
                # Chosen with the terms, by the intake cron.
                complaint.term_profile_id = False
                continue
            complaint.term_profile_id = (
                complaint.category_id.term_profile_id
                or complaint.team_id.term_profile_id
                or complaint.company_id.klachtenbeheer_term_profile_id
            )

    def _get_term_calendar(self):
        self.ensure_one()
        return (
            self.team_id.resource_calendar_id
            or self.company_id.resource_calendar_id
            or self.env.company.resource_calendar_id
        )

    @api.depends(
        "date_received",
        "date_reopened",
        "term_profile_id",
        "advisory_committee",
        "extension_weeks",
        "pause_days",
        "team_id.resource_calendar_id",
        "company_id.resource_calendar_id",
        "registration_pending",
        "is_anonymous",
    )
    def _compute_term_dates(self):
        # One look at each calendar (working hours and holidays) for the
        # whole batch; tools/working_days counts the days.
        working = {}
        for complaint in self:
            # (A complaint by mail gets its terms from the intake cron, with
            # the rest of its registration.)
            profile = not complaint.registration_pending and complaint.term_profile_id
            calendar = profile and complaint._get_term_calendar()
            if not (profile and calendar and complaint.date_received):
                complaint.date_ack_due = complaint.date_contact_due = False
                complaint.date_answer_due = complaint.date_answer_warn = False
                continue
            if calendar not in working:
                working[calendar] = calendar._klachtenbeheer_working_calendar()
            weeks = 0
            if complaint.advisory_committee and profile.committee_answer_weeks:
                weeks = profile.committee_answer_weeks
            elif profile.answer_unit == "weeks":
                weeks = profile.answer_term
            (
                complaint.date_ack_due,
                complaint.date_contact_due,
                complaint.date_answer_due,
                complaint.date_answer_warn,
            ) = working[calendar].term_dates(
                # Reopened by a reply: the terms run again from the reply.
                max(
                    complaint.date_reopened or complaint.date_received,
                    complaint.date_received,
                ),
                ack_days=profile.ack_days,
                contact_days=profile.contact_days,
                answer_days=profile.answer_term,
                answer_weeks=weeks,
                extension_weeks=complaint.extension_weeks,
                pause_days=complaint.pause_days,
                warn_days=profile.warn_days,
            )
            if complaint.is_anonymous and not (
                complaint.email_from or complaint.phone or complaint.street
            ):
                # Nobody to acknowledge or to contact: only the answer term
                # runs (for the register and the report).
                complaint.date_ack_due = complaint.date_contact_due = False

    @api.depends("date_answered", "date_answer_due")
    def _compute_answer_timeliness(self):
        for complaint in self:
            if not (complaint.date_answered and complaint.date_answer_due):
                complaint.answer_timeliness = False
                complaint.answer_on_time_rate = 0.0
                continue
            answered = working_days.local_date(
                complaint.date_answered, complaint._get_term_calendar().tz
            )
            complaint.answer_timeliness = (
                "on_time" if answered <= complaint.date_answer_due else "late"
            )
            complaint.answer_on_time_rate = (
                100.0 if complaint.answer_timeliness == "on_time" else 0.0
            )

    def _read_group_select(self, aggregate_spec, query):
        # The average on-time rate counts answered complaints only: the
        # unanswered ones are NULL for AVG, not 0 %.
        if aggregate_spec == "answer_on_time_rate:avg":
            timeliness = self._field_to_sql(self._table, "answer_timeliness", query)
            return SQL(
                "AVG(CASE WHEN %s = 'on_time' THEN 100.0 "
                "WHEN %s = 'late' THEN 0.0 END)",
                timeliness,
                timeliness,
            )
        return super()._read_group_select(aggregate_spec, query)

    @api.depends_context("tz")
    @api.depends(
        "date_answered",
        "is_closed",
        "paused_since",
        "date_answer_due",
        "date_answer_warn",
    )
    def _compute_deadline_state(self):
        today = fields.Date.context_today(self)
        for complaint in self:
            if complaint.date_answered or complaint.is_closed:
                state = "done"
            elif complaint.paused_since:
                state = "paused"
            elif not complaint.date_answer_due:
                state = False
            elif complaint.date_answer_due < today:
                state = "overdue"
            elif complaint.date_answer_warn and complaint.date_answer_warn <= today:
                state = "at_risk"
            else:
                state = "on_time"
            complaint.deadline_state = state

    def _search_deadline_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise ValidationError(self.env._("Unsupported search on the deadline."))
        values = [value] if isinstance(value, str) else list(value)
        today = fields.Date.context_today(self)
        open_unanswered = [
            ("is_closed", "=", False),
            ("date_answered", "=", False),
        ]
        domains = {
            "done": ["|", ("is_closed", "=", True), ("date_answered", "!=", False)],
            "paused": open_unanswered + [("paused_since", "!=", False)],
            "overdue": open_unanswered
            + [("paused_since", "=", False), ("date_answer_due", "<", today)],
            "at_risk": open_unanswered
            + [
                ("paused_since", "=", False),
                ("date_answer_due", ">=", today),
                ("date_answer_warn", "<=", today),
            ],
            "on_time": open_unanswered
            + [
                ("paused_since", "=", False),
                ("date_answer_warn", ">", today),
            ],
        }
        domain = expression.OR(
            [domains[v] for v in values if v in domains] or [[(0, "=", 1)]]
        )
        if operator in ("!=", "not in"):
            domain = ["!"] + expression.normalize_domain(domain)
        return domain

    @api.depends("extension_ids.weeks")
    def _compute_extension_weeks(self):
        for complaint in self:
            complaint.extension_weeks = sum(complaint.extension_ids.mapped("weeks"))

    # ------------------------------------------------------------------
    # Term activities and met terms
    # ------------------------------------------------------------------

    def _term_activity_specs(self):
        """(activity type xml id, due date field, done date field) per term.

        Override to add terms."""
        return [
            (
                "klachtenbeheer.mail_activity_type_acknowledgement",
                "date_ack_due",
                "date_acknowledged",
            ),
            (
                "klachtenbeheer.mail_activity_type_contact",
                "date_contact_due",
                "date_contacted",
            ),
            (
                "klachtenbeheer.mail_activity_type_answer",
                "date_answer_due",
                "date_answered",
            ),
        ]

    def _term_activity_user(self):
        """Who gets the complaint's activities: the handler, else the team
        manager, else who registered it or is registering it when they
        handle complaints (not the front desk, not the web form's public
        user), then a coordinator; never the employee it is about (Awb
        9:7)."""
        self.ensure_one()
        for user in (self.user_id, self.team_id.user_id):
            if user and user != self.user_concerned_id:
                return user
        for user in (self.registered_by_id, self.env.user):
            if (
                user
                and user != self.user_concerned_id
                and not user.share
                and user.has_group("klachtenbeheer.group_klachtenbeheer_handler")
            ):
                return user
        # Nobody handles complaints here yet: the coordinators' queue, else
        # whoever administers the company's Odoo (a database just set up);
        # the typist only when there is no one else at all.
        Users = self.env["res.users"].sudo()
        excluded = self.user_concerned_id | self.env.ref("base.user_root")
        for group in (
            "klachtenbeheer.group_klachtenbeheer_coordinator",
            "base.group_system",
        ):
            user = Users.search(
                [
                    ("groups_id", "in", self.env.ref(group).ids),
                    ("share", "=", False),
                    ("company_ids", "in", self.company_id.ids),
                    ("id", "not in", excluded.ids),
                ],
                limit=1,
            )
            if user:
                return user.with_env(self.env)
        return self.env.user

    def write(self, vals):
        res = super().write(vals)
        if "stage_id" in vals:
            self._stamp_stage_terms()
        if TERM_TRIGGER_FIELDS.intersection(vals) and not self.env.context.get(
            "klachtenbeheer_no_term_sync"
        ):
            (
                self.sudo() if "user_concerned_id" in vals else self
            )._sync_term_activities()
        return res

    def _write_without_term_sync(self, vals):
        """Write ``vals`` and leave the term activities as they are: the
        caller brings them in line once, afterwards (and an activity being
        marked done must not be removed under it)."""
        # The key is this file's own: only write() above reads it.
        return self.with_context(klachtenbeheer_no_term_sync=True).write(vals)

    def _stamp_stage_terms(self):
        """Reaching the stage that meets a term, or a later one, stamps it.

        Closing with a decision means answered; a closed stage without
        decision (withdrawn) meets nothing: it only stops the clock, unless
        it says it meets the term itself (outside the procedure: the
        referral is the answer).
        """
        if not self:
            return
        terms = (
            ("acknowledgement", "date_acknowledged"),
            ("answer", "date_answered"),
        )
        firsts = {}
        for stage in self.env["klachtenbeheer.stage"].search(
            [("term_done", "in", [term for term, _field in terms])],
            order="sequence",
        ):
            firsts.setdefault(stage.term_done, stage)
        for term, done_field in terms:
            first = firsts.get(term)
            self.filtered(
                lambda c, first=first, term=term: (
                    c.stage_id.term_done == term
                    or (
                        first
                        and c.stage_id.sequence >= first.sequence
                        and not (
                            c.stage_id.is_closed and not c.stage_id.require_decision
                        )
                    )
                )
            )._mark_terms_done(done_field, advance_stage=False)

    def _sync_term_activities(self):
        """One open activity per open term, due on the term's date.

        Idempotent: an existing activity of the same type is moved, never
        duplicated; a term that is done or a closed complaint gets none.
        """
        if not self:
            return
        ActivityType = self.env["mail.activity.type"]
        specs = [
            (
                ActivityType.browse(
                    self.env["ir.model.data"]._xmlid_to_res_id(
                        xmlid, raise_if_not_found=False
                    )
                ),
                due_field,
                done_field,
            )
            for xmlid, due_field, done_field in self._term_activity_specs()
        ]
        specs = [spec for spec in specs if spec[0]]
        Activity = self.env["mail.activity"].sudo()
        activities = Activity.search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "in", [spec[0].id for spec in specs]),
            ]
        )
        by_key = {}
        for activity in activities:
            by_key.setdefault((activity.res_id, activity.activity_type_id.id), activity)
        model_id = self.env["ir.model"]._get_id(self._name)
        to_create = []
        for complaint in self:
            for activity_type, due_field, done_field in specs:
                existing = by_key.get((complaint.id, activity_type.id), Activity)
                due = complaint[due_field]
                if complaint.is_closed or complaint[done_field] or not due:
                    if existing:
                        # Met another way (a stage, the e-mail) or closed:
                        # nothing left to do.
                        existing.unlink()
                    continue
                if existing:
                    changes = {}
                    if existing.date_deadline != due:
                        changes["date_deadline"] = due
                    user = complaint._term_activity_user()
                    if existing.user_id != user:
                        changes["user_id"] = user.id
                    if changes:
                        existing.with_context(mail_activity_quick_update=True).write(
                            changes
                        )
                    continue
                user = complaint._term_activity_user()
                # In the language of whom it is for, whoever makes it.
                reader_type = activity_type.with_context(
                    lang=complaint._reader_lang(user)
                )
                to_create.append(
                    {
                        "activity_type_id": activity_type.id,
                        "res_model_id": model_id,
                        "res_id": complaint.id,
                        "date_deadline": due,
                        "user_id": user.id,
                        "summary": reader_type.summary or reader_type.name,
                    }
                )
        if to_create:
            # The handler sees them in the activity menu; no assignment
            # e-mail per term.
            Activity.with_context(mail_activity_quick_update=True).create(to_create)

    def _mark_terms_done(self, done_field, advance_stage=True):
        """Stamp a term as met now (once); the term's activity is done.

        With ``advance_stage`` a complaint still before the term's stage
        moves on to it (see _advance_to_term_stage); a stage change that
        meets the term passes False."""
        now = fields.Datetime.now()
        todo = self.filtered(lambda c: not c[done_field])
        if todo:
            # The caller brings the activities in line once, afterwards.
            todo.sudo()._write_without_term_sync({done_field: now})
            if advance_stage:
                todo._advance_to_term_stage(done_field)
        return todo

    def _advance_to_term_stage(self, done_field):
        """A term met another way than by the stage (the acknowledgement
        mailed by the intake cron, its activity marked done) moves a complaint
        that is still before that term's stage on to it: after the
        acknowledgement the pipeline says "Acknowledged", not "Registered".
        A complaint already further along keeps its stage."""
        term = {"date_acknowledged": "acknowledgement"}.get(done_field)
        if not term:
            return
        stage = self.env["klachtenbeheer.stage"].search(
            [("term_done", "=", term), ("is_closed", "=", False)],
            order="sequence",
            limit=1,
        )
        if not stage:
            return
        behind = self.filtered(
            lambda c: (
                not c.is_closed
                and c.stage_id != stage
                and c.stage_id.sequence < stage.sequence
            )
        )
        if behind:
            # Like the stamp itself: the caller syncs the activities (the
            # activity being marked done must not be removed under it).
            behind.sudo()._write_without_term_sync({"stage_id": stage.id})

    # ------------------------------------------------------------------
    # Pause, extension and first contact
    # ------------------------------------------------------------------

    def action_pause_terms(self):
        for complaint in self:
            if not complaint.term_profile_id.allow_pause:
                raise UserError(
                    self.env._(
                        "The term profile %(profile)s does not allow pausing the "
                        "clock of complaint %(number)s.",
                        profile=complaint.term_profile_id.display_name or "-",
                        number=complaint.name,
                    )
                )
            if complaint.paused_since:
                continue
            complaint.check_access("write")
            # A guarded field: set here, where the pause is logged.
            complaint.sudo().paused_since = fields.Datetime.now()
            complaint.message_post(
                body=self.env._("The clock is paused: waiting for the complainant.")
            )

    def action_resume_terms(self):
        for complaint in self.filtered("paused_since"):
            calendar = complaint._get_term_calendar()
            days = calendar._klachtenbeheer_working_calendar().count_days(
                complaint.paused_since, fields.Datetime.now()
            )
            complaint.check_access("write")
            complaint.sudo().write(
                {
                    "paused_since": False,
                    "pause_days": complaint.pause_days + days,
                    "term_warned_on": False,
                    "term_escalated_on": False,
                }
            )
            complaint.message_post(
                body=self.env._(
                    "The clock runs again; %(days)s working day(s) added to the terms.",
                    days=days,
                )
            )
        self._sync_term_activities()

    def action_open_extension_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Extend the Answer Term"),
            "res_model": "klachtenbeheer.extension.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    def action_record_contact(self):
        """The handler had the first contact with the complainant (phone,
        visit) now."""
        for complaint in self.filtered(lambda c: not c.date_contacted):
            complaint.check_access("write")
            complaint.sudo()._mark_terms_done("date_contacted")
            complaint.message_post(
                body=self.env._(
                    "First contact with the complainant recorded by %(user)s.",
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._sync_term_activities()
        return True

    # ------------------------------------------------------------------
    # The term cron: warn before the answer term ends, escalate after
    # ------------------------------------------------------------------

    @api.model
    def _cron_check_terms(self, batch_size=500):
        """Warn handlers before the answer term ends; escalate overdue ones.

        One batch per run: Odoo runs the job again while work remains
        (``_notify_progress``). Each complaint is warned and escalated once
        (``term_warned_on``, ``term_escalated_on``); rows another worker holds
        are skipped, so several cron workers never notify twice.
        """
        today = fields.Date.context_today(self)
        base = [
            ("is_closed", "=", False),
            ("date_answered", "=", False),
            ("paused_since", "=", False),
        ]
        warn_domain = base + [
            ("term_warned_on", "=", False),
            ("date_answer_warn", "<=", today),
            ("date_answer_due", ">=", today),
        ]
        escalate_domain = base + [
            ("term_escalated_on", "=", False),
            ("date_answer_due", "<", today),
        ]
        done = 0
        for domain, method in (
            (escalate_domain, "_escalate_overdue"),
            (warn_domain, "_warn_handler"),
        ):
            complaints = self.sudo().search(
                domain, order="date_answer_due, id", limit=batch_size - done
            )
            complaints = complaints._lock_for_cron()
            getattr(complaints, method)()
            done += len(complaints)
            if done >= batch_size:
                break
        remaining = self.sudo().search_count(
            escalate_domain
        ) + self.sudo().search_count(warn_domain)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

    def _warn_handler(self):
        today = fields.Date.context_today(self)
        for complaint in self:
            user = complaint._term_activity_user()
            complaint = complaint.with_context(lang=complaint._reader_lang(user))
            complaint.message_post(
                body=complaint.env._(
                    "The answer term of complaint %(number)s ends on %(date)s.",
                    number=complaint.name,
                    date=complaint.date_answer_due.strftime("%d-%m-%Y"),
                ),
                partner_ids=user.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )
        self.write({"term_warned_on": today})

    def _escalate_overdue(self):
        today = fields.Date.context_today(self)
        for complaint in self:
            manager = complaint.team_id.user_id or complaint._term_activity_user()
            complaint = complaint.with_context(lang=complaint._reader_lang(manager))
            message = complaint.env._(
                "The answer term of complaint %(number)s ended on %(date)s: the "
                "complaint is overdue.",
                number=complaint.name,
                date=complaint.date_answer_due.strftime("%d-%m-%Y"),
            )
            # The message below notifies the manager; no second assignment
            # e-mail for the activity.
            complaint.with_context(mail_activity_quick_update=True).activity_schedule(
                "klachtenbeheer.mail_activity_type_escalation",
                date_deadline=today,
                summary=message,
                user_id=manager.id,
            )
            complaint.message_post(
                body=message,
                partner_ids=manager.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )
        self.write({"term_escalated_on": today, "term_warned_on": today})

    # ------------------------------------------------------------------
    # A change of the calendar moves the terms
    # ------------------------------------------------------------------

    def _get_calendar_complaints_domain(self, calendars):
        """Open complaints whose terms are counted on ``calendars`` (see
        _get_term_calendar: the team's calendar, else the company's)."""
        return [
            ("is_closed", "=", False),
            "|",
            ("team_id.resource_calendar_id", "in", calendars.ids),
            "&",
            ("team_id.resource_calendar_id", "=", False),
            ("company_id.resource_calendar_id", "in", calendars.ids),
        ]

    def _recompute_terms_for_calendars(self, calendars, kind="holidays"):
        """Recompute the terms of the open complaints counted on
        ``calendars`` after a change of their holidays or working hours;
        each complaint whose answer term moved gets a note saying so
        (Awb 9:11: the complainant's term is counted in working days).
        ``kind``: what changed, "holidays" or "hours"."""
        if not calendars:
            return self.browse()
        complaints = (
            self.sudo()
            .with_context(active_test=False)
            .search(self._get_calendar_complaints_domain(calendars))
        )
        moved = self.browse()
        for ids in split_every(RECOMPUTE_BATCH, complaints.ids):
            batch = complaints.browse(ids)
            before = {c.id: c.date_answer_due for c in batch}
            for fname in TERM_FIELDS:
                self.env.add_to_compute(batch._fields[fname], batch)
            batch.flush_recordset(list(TERM_FIELDS))
            changed = batch.filtered(
                lambda c, before=before: c.date_answer_due != before[c.id]
            )
            changed._log_answer_term_moved(before, kind)
            moved |= changed
        return moved

    def _log_answer_term_moved(self, before, kind):
        """One note per complaint, written in its handler's language."""
        by_lang = {}
        for complaint in self:
            lang = complaint._reader_lang(complaint.user_id)
            by_lang.setdefault(lang, self.browse())
            by_lang[lang] |= complaint
        for lang, complaints in by_lang.items():
            env = complaints.with_context(lang=lang).env
            bodies = {}
            for complaint in complaints:
                old = before[complaint.id]
                new = complaint.date_answer_due
                dates = {
                    "old": old.strftime("%d-%m-%Y") if old else "-",
                    "new": new.strftime("%d-%m-%Y") if new else "-",
                }
                if kind == "hours":
                    body = env._(
                        "The answer term moved from %(old)s to %(new)s because "
                        "of a change of the working hours.",
                        **dates,
                    )
                else:
                    body = env._(
                        "The answer term moved from %(old)s to %(new)s because "
                        "of a change of the holidays.",
                        **dates,
                    )
                bodies[complaint.id] = body
            complaints._message_log_batch(bodies=bodies)
