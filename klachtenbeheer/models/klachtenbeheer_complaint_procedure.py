# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Procedure rules of WMD-klachtenbeleid §2.4-2.6: outside the procedure, suspicion of a
criminal offence, policy routing and repeat complaints."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import is_html_empty

from ..tools.address import address_key, zip_spellings


# One class per topic of the complaint (procedure, fair handling, intake,
# ...): a file per topic keeps each rule set with its tests and docs.
class KlachtenbeheerComplaintProcedure(models.Model):
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "klachtenbeheer.complaint"

    # ------------------------------------------------------------------
    # Outside the procedure (WMD-klachtenbeleid §2.5, Awb 9:8)
    # ------------------------------------------------------------------

    outside_procedure_ground_id = fields.Many2one(
        comodel_name="klachtenbeheer.procedure.ground",
        string="Ground (Outside the Procedure)",
        index="btree_not_null",
        tracking=True,
        copy=False,
        ondelete="restrict",
        help="Why the complaint is not handled on substance (WMD-klachtenbeleid §2.5).",
    )
    outside_procedure_referral = fields.Html(
        string="Referral",
        copy=False,
        sanitize_style=True,
        help="The reason and the referral sent to the complainant.",
    )
    suggested_ground_ids = fields.Many2many(
        comodel_name="klachtenbeheer.procedure.ground",
        string="Possible Grounds",
        compute="_compute_suggested_ground_ids",
        help="Grounds the subject or the description points to (their "
        "keywords, and what earlier complaints put outside the procedure "
        "taught): a suggestion to check, never a decision.",
    )

    @api.depends(
        "is_closed",
        "outside_procedure_ground_id",
        "suggestion_ids.target",
        "suggestion_ids.value",
    )
    def _compute_suggested_ground_ids(self):
        # The ground is one of the suggestions learned from the register (see
        # klachtenbeheer_complaint_suggestion.py): its keywords are its cold
        # start.
        for complaint in self:
            if complaint.is_closed or complaint.outside_procedure_ground_id:
                complaint.suggested_ground_ids = False
                continue
            lines = complaint.sudo().suggestion_ids.filtered(
                lambda line: line.target == "ground"
            )
            complaint.suggested_ground_ids = [
                int(value)
                for value in lines.sorted(lambda line: -line.confidence).mapped("value")
            ]

    @api.constrains("stage_id", "outside_procedure_ground_id")
    def _check_outside_procedure_ground(self):
        for complaint in self:
            if complaint.stage_id.is_outside_procedure and not (
                complaint.outside_procedure_ground_id
            ):
                raise ValidationError(
                    self.env._(
                        "Complaint %s can only be put outside the procedure "
                        "with a ground: use the button Outside the Procedure.",
                        complaint.name,
                    )
                )

    def action_open_outside_procedure_wizard(self):
        self.ensure_one()
        context = {"default_complaint_id": self.id}
        if self.suggested_ground_ids:
            context["default_ground_id"] = self.suggested_ground_ids[:1].id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Outside the Procedure"),
            "res_model": "klachtenbeheer.outside.procedure.wizard",
            "view_mode": "form",
            "target": "new",
            "context": context,
        }

    def _outside_procedure_date_due(self):
        """The date by which the complainant must hear of the non-handling.

        Awb 9:8 paragraph 3 gives public bodies four weeks (the profile's
        notice term); otherwise the answer term applies (WMD-klachtenbeleid
        §2.5: "within the agreed term").
        """
        self.ensure_one()
        weeks = self.term_profile_id.non_handling_weeks
        if not (weeks and self.date_received):
            return self.date_answer_due
        calendar = self._get_term_calendar()
        received = fields.Datetime.context_timestamp(self, self.date_received).date()
        due = calendar._klachtenbeheer_working_calendar().on_or_after(
            received + timedelta(weeks=weeks)
        )
        return min(due, self.date_answer_due) if self.date_answer_due else due

    def _send_outside_procedure_referral(self):
        """Send the referral to the complainant, or keep it to print.

        Without an e-mail address (an anonymous complaint, a letter) the
        referral is posted as a note for the handler to print or hand over.
        """
        template = self.env.ref("klachtenbeheer.mail_template_outside_procedure")
        for complaint in self:
            if complaint.partner_id.email or complaint.email_from:
                complaint.message_post_with_source(
                    template,
                    subtype_xmlid="mail.mt_comment",
                    email_layout_xmlid="klachtenbeheer.mail_layout_complainant",
                )
                continue
            complaint.message_post(
                body=Markup("<p><strong>%s</strong></p>%s")
                % (
                    self.env._(
                        "No e-mail address: print this referral and send it by "
                        "post, or hand it over."
                    ),
                    complaint.outside_procedure_referral or "",
                ),
                subtype_xmlid="mail.mt_note",
            )

    # ------------------------------------------------------------------
    # Serious suspicion of a criminal offence (WMD-klachtenbeleid §2.5, last line)
    # ------------------------------------------------------------------

    criminal_suspicion = fields.Boolean(
        string="Suspicion of a Criminal Offence",
        index=True,
        tracking=True,
        copy=False,
        readonly=True,
        help="Submitted to the board: only the board and the complaint "
        "coordinators see the complaint, and its terms stand still.",
    )
    criminal_suspicion_reason = fields.Text(
        string="Reason for the Suspicion", copy=False, readonly=True
    )
    criminal_suspicion_paused = fields.Boolean(
        string="Suspended by the Suspicion",
        copy=False,
        readonly=True,
        help="The flag started the pause of the terms (not an earlier pause).",
    )
    criminal_suspicion_date = fields.Datetime(
        string="Submitted to the Board On", copy=False, readonly=True
    )
    criminal_suspicion_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Submitted By",
        copy=False,
        readonly=True,
    )
    criminal_access_user_ids = fields.Many2many(
        comodel_name="res.users",
        relation="klachtenbeheer_complaint_criminal_access_rel",
        column1="complaint_id",
        column2="user_id",
        string="Access Given By the Board",
        domain=[("share", "=", False)],
        copy=False,
        help="Employees the board lets see the complaint while it decides "
        "(WMD-klachtenbeleid §2.5), often the handler who submitted it. Only "
        "the board and the coordinators change it.",
    )

    def _board_members(self):
        """The board members of the complaint's company."""
        self.ensure_one()
        board = self.env.ref("klachtenbeheer.group_klachtenbeheer_board").sudo().users
        return board.filtered(
            lambda u: not u.share and self.company_id in u.company_ids
        )

    def _flag_criminal_suspicion(self, reason):
        """Submit the complaint to the board at once and suspend it.

        The board gets an activity each and one e-mail; from now on only the
        board and the coordinators see the complaint, so the rest runs as
        superuser: the person who flags it usually loses sight of it.
        """
        self.ensure_one()
        self.check_access("write")
        if not (reason or "").strip():
            raise UserError(
                self.env._(
                    "Describe why there is a serious suspicion of a criminal "
                    "offence: the board needs it to decide."
                )
            )
        if self.criminal_suspicion:
            raise UserError(
                self.env._(
                    "Complaint %s has already been submitted to the board.",
                    self.name,
                )
            )
        board = self._board_members()
        if not board:
            raise UserError(
                self.env._(
                    "Nobody in %(company)s is in the group Board: ask an "
                    "administrator to add the board members first.",
                    company=self.company_id.name,
                )
            )
        flagger = self.env.user
        now = fields.Datetime.now()
        complaint = self.sudo()
        vals = {
            "criminal_suspicion": True,
            "criminal_suspicion_reason": reason,
            "criminal_suspicion_date": now,
            "criminal_suspicion_user_id": flagger.id,
        }
        if not complaint.paused_since and not complaint.is_closed:
            # Suspended whatever the profile allows: the board decides first.
            vals["paused_since"] = now
            vals["criminal_suspicion_paused"] = True
        complaint.write(vals)
        summary = self.env._(
            "Complaint %(number)s: serious suspicion of a criminal offence",
            number=complaint.name,
        )
        note = Markup("<p>%s</p>") % reason
        for member in board:
            complaint.with_context(mail_activity_quick_update=True).activity_schedule(
                "klachtenbeheer.mail_activity_type_criminal_suspicion",
                date_deadline=fields.Date.context_today(self),
                summary=summary,
                note=note,
                user_id=member.id,
            )
        body = Markup("<p>%s</p><p>%s</p>%s<p>%s</p>") % (
            self.env._(
                "%(user)s submitted complaint %(number)s (%(subject)s) to the "
                "board: there is a serious suspicion of a criminal offence.",
                user=flagger.name,
                number=complaint.name,
                subject=complaint.subject,
            ),
            self.env._("Reason:"),
            note,
            self.env._(
                "The procedure is suspended; only the board and the complaint "
                "coordinators can see the complaint."
            ),
        )
        # One e-mail to the board at once, whatever their notification
        # preference; the mail queue sends it right after the commit.
        self.env["mail.mail"].sudo().create(
            {
                "subject": summary,
                "body_html": body,
                "recipient_ids": [Command.set(board.partner_id.ids)],
                "model": self._name,
                "res_id": complaint.id,
                "author_id": flagger.partner_id.id,
                "email_from": flagger.email_formatted
                or complaint.company_id.email_formatted,
                "auto_delete": False,
            }
        )
        self.env["ir.cron"]._klachtenbeheer_trigger(
            "mail.ir_cron_mail_scheduler_action"
        )
        complaint.message_post(body=body, subtype_xmlid="mail.mt_note")
        return True

    def action_open_lift_criminal_suspicion_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Return to the Procedure"),
            "res_model": "klachtenbeheer.criminal.suspicion.wizard",
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "klachtenbeheer.klachtenbeheer_criminal_suspicion_wizard_view_form_lift"
                    ).id,
                    "form",
                )
            ],
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    def action_lift_criminal_suspicion(self, reason=None):
        """The board or a coordinator returns the complaint to the procedure,
        with the reason on the chatter (WMD-klachtenbeleid §2.5)."""
        if not (
            self.env.user.has_group("klachtenbeheer.group_klachtenbeheer_board")
            or self.env.user.has_group(
                "klachtenbeheer.group_klachtenbeheer_coordinator"
            )
        ):
            raise AccessError(
                self.env._(
                    "Only the board or a complaint coordinator can return a "
                    "complaint with a suspicion of a criminal offence to the "
                    "procedure."
                )
            )
        if not (reason or "").strip():
            raise UserError(
                self.env._(
                    "Give the reason for returning the complaint to the "
                    "procedure: it is kept on the complaint."
                )
            )
        flagged = self.filtered("criminal_suspicion")
        # Only the pause the flag started ends here; one that was running
        # before (waiting for the complainant) goes on.
        to_resume = flagged.filtered(
            lambda c: c.paused_since and c.criminal_suspicion_paused
        )
        flagged.sudo().write(
            {"criminal_suspicion": False, "criminal_suspicion_paused": False}
        )
        for complaint in flagged:
            complaint.sudo().message_post(
                body=self.env._(
                    "%(user)s returned the complaint to the procedure. "
                    "Reason: %(reason)s",
                    user=self.env.user.name,
                    reason=reason.strip(),
                ),
                subtype_xmlid="mail.mt_note",
            )
        to_resume.sudo().action_resume_terms()
        flagged.sudo()._sync_term_activities()
        activity_type = self.env.ref(
            "klachtenbeheer.mail_activity_type_criminal_suspicion"
        )
        flagged.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        ).action_feedback(feedback=self.env._("Returned to the procedure."))
        return True

    def action_open_criminal_suspicion_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Submit to the Board"),
            "res_model": "klachtenbeheer.criminal.suspicion.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    def _sync_term_activities(self):
        # A complaint before the board is suspended: its handler, who no
        # longer sees it, gets no term activities for it.
        flagged = self.filtered("criminal_suspicion")
        if flagged:
            types = [
                self.env.ref(xmlid, raise_if_not_found=False)
                for xmlid, _due, _done in self._term_activity_specs()
            ]
            self.env["mail.activity"].sudo().search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", flagged.ids),
                    ("activity_type_id", "in", [t.id for t in types if t]),
                ]
            ).unlink()
        return super(
            KlachtenbeheerComplaintProcedure, self - flagged
        )._sync_term_activities()

    # ------------------------------------------------------------------
    # Policy routing (WMD-klachtenbeleid §2.4)
    # ------------------------------------------------------------------

    policy_kind = fields.Selection(
        [
            ("not_followed", "Policy Not Followed"),
            ("disagrees", "Disagrees with the Policy"),
        ],
        string="Kind (Policy)",
        tracking=True,
        help="WMD-klachtenbeleid §2.4: either our policy or procedure was not "
        "followed, or the complainant disagrees with the policy itself.",
    )
    policy_judgement = fields.Selection(
        [
            ("right", "The Policy Is Right"),
            ("wrong", "The Policy Is Wrong"),
            ("wrong_case", "Wrong in This Case"),
            ("missing", "No Policy for This"),
        ],
        string="Judgement on the Policy",
        tracking=True,
        help="After discussing the complaint with colleagues "
        "(WMD-klachtenbeleid §2.4).",
    )
    policy_guidance = fields.Html(compute="_compute_policy_guidance")
    mt_agenda = fields.Boolean(
        string="On the Management Team's Agenda",
        index=True,
        tracking=True,
        copy=False,
        help="The policy is wrong or missing: the manager takes the case to "
        "the management team (WMD-klachtenbeleid §2.4, §3.1).",
    )

    @api.depends("policy_kind", "policy_judgement")
    def _compute_policy_guidance(self):
        texts = {
            "not_followed": self.env._(
                "The policy or procedure was not followed: apologise and admit "
                "the mistake. If the mistake has demonstrable (financial) "
                "consequences for the complainant, compensate the damage."
            ),
            "disagrees": self.env._(
                "Discuss the complaint with colleagues, then record whether the "
                "policy is right, wrong, wrong in this case, or missing."
            ),
            "right": self.env._(
                "The policy is right: explain and clarify it to the complainant."
            ),
            "wrong": self.env._(
                "The policy is wrong: the manager takes the case to the "
                "management team."
            ),
            "wrong_case": self.env._(
                "The policy is wrong in this specific case: the manager decides "
                "how the complaint is handled."
            ),
            "missing": self.env._(
                "There is no policy for this: the manager takes the case to the "
                "management team."
            ),
        }
        for complaint in self:
            key = (
                complaint.policy_kind == "disagrees" and complaint.policy_judgement
            ) or complaint.policy_kind
            complaint.policy_guidance = (
                Markup("<p>%s</p>") % texts[key] if key else False
            )

    @api.onchange("policy_kind")
    def _onchange_policy_kind(self):
        if self.policy_kind != "disagrees":
            self.policy_judgement = False
        if self.policy_kind == "not_followed":
            # A suggestion the handler can remove: apologise, compensate
            # proven damage.
            self.remedy_ids |= self._policy_not_followed_remedies()

    def _policy_not_followed_remedies(self):
        remedies = self.env["klachtenbeheer.remedy"]
        for xmlid in (
            "klachtenbeheer.remedy_apology",
            "klachtenbeheer.remedy_compensation",
        ):
            remedies |= self.env.ref(xmlid, raise_if_not_found=False) or remedies
        return remedies

    @api.constrains("policy_kind", "policy_judgement")
    def _check_policy_judgement(self):
        for complaint in self:
            if complaint.policy_judgement and complaint.policy_kind != "disagrees":
                raise ValidationError(
                    self.env._(
                        "A judgement on the policy only applies when the "
                        "complainant disagrees with the policy (complaint %s).",
                        complaint.name,
                    )
                )

    def _policy_manager(self):
        self.ensure_one()
        return self.team_id.user_id or self._term_activity_user()

    def _schedule_once(self, xmlid, user, summary):
        """Schedule an activity of this type for ``user`` unless one is open.
        (Write ``summary`` in the user's language: ``_reader_env(user)``.)"""
        self.ensure_one()
        activity_type = self.env.ref(xmlid)
        if self.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type and a.user_id == user
        ):
            return
        self.sudo().activity_schedule(xmlid, summary=summary, user_id=user.id)

    def _apply_policy_routing(self):
        """Route a policy judgement: the management team, or the manager."""
        for complaint in self:
            judgement = complaint.policy_judgement
            if judgement in ("wrong", "missing"):
                if not complaint.mt_agenda:
                    complaint.mt_agenda = True
                # Until the management team's agenda exists as such, the
                # manager gets the task to put it there.
                manager = complaint._policy_manager()
                complaint._schedule_once(
                    "klachtenbeheer.mail_activity_type_mt_agenda",
                    manager,
                    complaint._reader_env(manager)._(
                        "Policy question of complaint %s for the management team",
                        complaint.name,
                    ),
                )
            elif judgement == "wrong_case":
                manager = complaint._policy_manager()
                complaint._schedule_once(
                    "klachtenbeheer.mail_activity_type_manager_decision",
                    manager,
                    complaint._reader_env(manager)._(
                        "The policy is wrong in this case: decide how complaint "
                        "%s is handled",
                        complaint.name,
                    ),
                )

    # ------------------------------------------------------------------
    # Repeat complaints (WMD-klachtenbeleid §2.6)
    # ------------------------------------------------------------------

    repeat_of_ids = fields.Many2many(
        comodel_name="klachtenbeheer.complaint",
        relation="klachtenbeheer_complaint_repeat_rel",
        column1="complaint_id",
        column2="earlier_id",
        string="Repeat Of",
        copy=False,
        help="The earlier complaint(s) this complaint repeats.",
    )
    repeated_by_ids = fields.Many2many(
        comodel_name="klachtenbeheer.complaint",
        relation="klachtenbeheer_complaint_repeat_rel",
        column1="earlier_id",
        column2="complaint_id",
        string="Repeated By",
        copy=False,
        readonly=True,
    )
    is_repeat = fields.Boolean(
        string="Repeat Complaint",
        compute="_compute_is_repeat",
        store=True,
        precompute=True,
        index=True,
    )
    repeat_candidate_ids = fields.Many2many(
        comodel_name="klachtenbeheer.complaint",
        string="Possible Earlier Complaints",
        compute="_compute_repeat_candidate_ids",
        help="Complaints of the same complainant, or about the same address "
        "and category, of the last twelve months.",
    )
    repeat_reason = fields.Selection(
        [
            ("new_facts", "New Facts"),
            ("no_new_facts", "No New Facts"),
            ("lawyer", "Written by or Threatening a Lawyer"),
            ("employee_again", "Employee Late or Wrong Again"),
        ],
        string="Reason for the Repeat",
        tracking=True,
        copy=False,
        help="WMD-klachtenbeleid §2.6: the reason decides how the repeat "
        "complaint is handled.",
    )
    last_reply = fields.Boolean(
        string="Last Reply on This Matter",
        compute="_compute_last_reply",
        store=True,
        precompute=True,
        tracking=True,
        help="A repeat without new facts after an earlier answer that the "
        "decision stands: this answer is the last reply on the matter.",
    )
    employee_repeat_count = fields.Integer(
        string="Repeats by the Employee",
        compute="_compute_employee_repeat_count",
        store=True,
        precompute=True,
        aggregator="sum",
        groups="klachtenbeheer.group_klachtenbeheer_coordinator",
        help="Counts the repeat complaints that arose because the employee "
        "concerned was late or wrong again (WMD-klachtenbeleid §2.6); it weighs in the "
        "employee's appraisal, so only coordinators see it.",
    )

    @api.depends("repeat_of_ids")
    def _compute_is_repeat(self):
        for complaint in self:
            complaint.is_repeat = bool(complaint.repeat_of_ids)

    @api.depends("repeat_reason")
    def _compute_employee_repeat_count(self):
        for complaint in self:
            complaint.employee_repeat_count = int(
                complaint.repeat_reason == "employee_again"
            )

    def _repeat_chain(self):
        """The earlier complaints of the matter: what this complaint repeats,
        recursively, and the other repeats of those, received before it."""
        self.ensure_one()
        chain = self.browse()
        todo = self.repeat_of_ids
        while todo:
            chain |= todo
            # (Not itself: a new complaint, computed before its insert, is
            # among the repeats of what it repeats, without an origin.)
            todo = (
                (todo.repeat_of_ids | todo.repeated_by_ids)
                - chain
                - self
                - self._origin
            )
        return chain.filtered(
            lambda c: not self.date_received or c.date_received <= self.date_received
        )

    @api.depends(
        "repeat_reason",
        "repeat_of_ids.repeat_reason",
        "repeat_of_ids.repeated_by_ids",
    )
    def _compute_last_reply(self):
        for complaint in self:
            complaint.last_reply = complaint.repeat_reason == "no_new_facts" and any(
                earlier.repeat_reason == "no_new_facts"
                for earlier in complaint._repeat_chain()
            )

    @api.depends(
        "partner_id",
        "street",
        "zip",
        "category_id",
        "date_received",
        "repeat_of_ids",
    )
    def _compute_repeat_candidate_ids(self):
        def same_address(a, b):
            key = address_key(a.street, a.zip)
            return bool(
                key
                and a.category_id
                and key == address_key(b.street, b.zip)
                and a.category_id == b.category_id
            )

        now = fields.Datetime.now()
        todo = self.filtered(
            lambda c: c.partner_id or (c.street and c.zip and c.category_id)
        )
        (self - todo).repeat_candidate_ids = False
        if not todo:
            return
        domains = []
        for complaint in todo:
            received = complaint.date_received or now
            who = []
            if complaint.partner_id:
                who.append([("partner_id", "=", complaint.partner_id.id)])
            if complaint.street and complaint.zip and complaint.category_id:
                # Dutch postcodes are written "2636 AB" as well as "2636AB".
                zips = zip_spellings(complaint.zip)
                who.append(
                    expression.AND(
                        [
                            [("street", "=ilike", complaint.street)],
                            expression.OR([[("zip", "=ilike", z)] for z in zips]),
                            [("category_id", "=", complaint.category_id.id)],
                        ]
                    )
                )
            domains.append(
                expression.AND(
                    [
                        expression.OR(who),
                        [
                            (
                                "date_received",
                                ">=",
                                received - relativedelta(months=12),
                            ),
                            ("date_received", "<=", received),
                        ],
                    ]
                )
            )
        # One search for the whole batch (a form is one complaint anyway).
        found = self.search(
            expression.AND(
                [
                    expression.OR(domains),
                    [("id", "not in", [c._origin.id for c in todo if c._origin.id])],
                ]
            ),
            order="date_received desc, id desc",
            limit=50 * len(todo),
        )
        for complaint in todo:
            received = complaint.date_received or now
            since = received - relativedelta(months=12)
            complaint.repeat_candidate_ids = found.filtered(
                lambda c, complaint=complaint, received=received, since=since: (
                    since <= c.date_received <= received
                    and c not in complaint.repeat_of_ids
                    and (
                        (complaint.partner_id and c.partner_id == complaint.partner_id)
                        or same_address(complaint, c)
                    )
                )
            )[:10]

    @api.constrains("repeat_of_ids")
    def _check_repeat_of_ids(self):
        for complaint in self:
            if complaint in complaint.repeat_of_ids or complaint._has_cycle(
                "repeat_of_ids"
            ):
                raise ValidationError(
                    self.env._(
                        "Complaint %s cannot repeat itself, directly or through "
                        "other complaints.",
                        complaint.name,
                    )
                )

    def action_link_as_repeat_of(self, complaint=None):
        """Link this earlier complaint to ``complaint`` as one it repeats.

        From the suggestions on a complaint's form (a row's button) the
        complaint is the one open in the form: the button gives it as Odoo's
        ``active_model``/``active_id``."""
        self.ensure_one()
        if complaint is None:
            context = self.env.context
            if context.get("active_model") == self._name:
                complaint = self.browse(context.get("active_id"))
        if not complaint:
            return False
        complaint.write({"repeat_of_ids": [Command.link(self.id)]})
        return True

    def _repeat_answer_template(self):
        self.ensure_one()
        if self.repeat_reason != "no_new_facts":
            return self.env["mail.template"]
        xmlid = (
            "klachtenbeheer.mail_template_repeat_last_reply"
            if self.last_reply
            else "klachtenbeheer.mail_template_repeat_decision_stands"
        )
        return (
            self.env.ref(xmlid, raise_if_not_found=False) or self.env["mail.template"]
        )

    def action_prefill_repeat_answer(self, force=True):
        """Fill the answer from the template for a repeat without new facts:
        the decision stands, or this is the last reply on the matter."""
        for complaint in self:
            template = complaint._repeat_answer_template()
            if not template or (not force and not is_html_empty(complaint.answer)):
                continue
            body = template.sudo()._render_field(
                "body_html", complaint.ids, compute_lang=True
            )[complaint.id]
            complaint.answer = body
        return True

    def _apply_repeat_reason(self):
        """What the reason of a repeat sets in motion (WMD-klachtenbeleid §2.6)."""
        self.action_prefill_repeat_answer(force=False)
        for complaint in self:
            if complaint.needs_legal_advice and is_html_empty(complaint.legal_advice):
                reviewer = (
                    complaint.team_id.jurist_id or complaint._term_activity_user()
                )
                complaint._schedule_once(
                    "klachtenbeheer.mail_activity_type_legal_review",
                    reviewer,
                    complaint._reader_env(reviewer)._(
                        "Have a jurist review complaint %s; the jurist records "
                        "the advice before the answer goes",
                        complaint.name,
                    ),
                )
            # (Both, for a lawyer's letter about an employee late again.)
            if (
                complaint.repeat_reason == "employee_again"
                and not complaint.answer_approved_by_id
            ):
                manager = complaint._policy_manager()
                complaint._schedule_once(
                    "klachtenbeheer.mail_activity_type_answer_approval",
                    manager,
                    complaint._reader_env(manager)._(
                        "Complaint %s: an employee was late or wrong again. "
                        "Assign the handler and approve the answer.",
                        complaint.name,
                    ),
                )

    def _is_manager_of(self, user):
        self.ensure_one()
        if self.team_id.user_id:
            return self.team_id.user_id == user
        return user.has_group("klachtenbeheer.group_klachtenbeheer_coordinator")

    def _check_handler_assignment(self, vals, creating=False):
        """An employee late or wrong again: the manager assigns the handler."""
        if self.env.su or self.env.user.has_group(
            "klachtenbeheer.group_klachtenbeheer_coordinator"
        ):
            return
        Team = self.env["klachtenbeheer.team"]
        for complaint in self:
            reason = vals.get("repeat_reason", complaint.repeat_reason)
            if reason != "employee_again" or (
                not creating and complaint.user_id.id == vals.get("user_id")
            ):
                continue
            team = (
                Team.browse(vals["team_id"]) if "team_id" in vals else complaint.team_id
            )
            if team.user_id != self.env.user:
                raise UserError(
                    self.env._(
                        "Complaint %s is a repeat because an employee was late "
                        "or wrong again: only the team manager assigns its "
                        "handler.",
                        complaint.name,
                    )
                )

    def _guarded_fields(self):
        return super()._guarded_fields() | {
            "criminal_suspicion",
            "criminal_suspicion_reason",
            "criminal_suspicion_paused",
            "criminal_suspicion_date",
            "criminal_suspicion_user_id",
        }

    def _field_owners(self):
        board_or_coordinator = (
            "klachtenbeheer.group_klachtenbeheer_board",
            "klachtenbeheer.group_klachtenbeheer_coordinator",
        )
        return super()._field_owners() | {
            "criminal_access_user_ids": board_or_coordinator,
        }

    def _log_criminal_access(self, before):
        """The board named who may see the complaint again (WMD-klachtenbeleid
        §2.5); the chatter keeps who decided it."""
        for complaint in self:
            added = complaint.criminal_access_user_ids - before[complaint.id]
            removed = before[complaint.id] - complaint.criminal_access_user_ids
            if not (added or removed):
                continue
            lines = []
            if added:
                lines.append(
                    self.env._(
                        "%(user)s gave access to: %(names)s.",
                        user=self.env.user.name,
                        names=", ".join(added.mapped("name")),
                    )
                )
            if removed:
                lines.append(
                    self.env._(
                        "%(user)s took access away from: %(names)s.",
                        user=self.env.user.name,
                        names=", ".join(removed.mapped("name")),
                    )
                )
            complaint.sudo().message_post(
                body=" ".join(lines), subtype_xmlid="mail.mt_note"
            )

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        # WMD-klachtenbeleid §2.5: while the board decides, the employees who
        # lost sight of the complaint hear nothing of it either; the
        # complainant, the board, the coordinators and whom the board gave
        # access still do.
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        flagged = self.filtered("criminal_suspicion")
        if not flagged:
            return recipients
        allowed_groups = {
            self.env.ref("klachtenbeheer.group_klachtenbeheer_board").id,
            self.env.ref("klachtenbeheer.group_klachtenbeheer_coordinator").id,
        }
        given = set(flagged.sudo().criminal_access_user_ids.partner_id.ids)
        return [
            r
            for r in recipients
            if r.get("share")
            or allowed_groups.intersection(r.get("groups") or ())
            or r.get("id") in given
        ]

    def _check_gate_reasons_change(self, vals):
        """Once a gate depends on it, the reason for a repeat and the lawyer's
        letter are the team manager's or a coordinator's to change: clearing
        them would open the gates (WMD-klachtenbeleid §2.6)."""
        if self.env.su or self.env.user.has_group(
            "klachtenbeheer.group_klachtenbeheer_coordinator"
        ):
            return
        for complaint in self:
            gated_reason = complaint.repeat_reason in ("lawyer", "employee_again")
            changes = (
                "repeat_reason" in vals
                and gated_reason
                and vals["repeat_reason"] != complaint.repeat_reason
            ) or (
                "is_lawyer_letter" in vals
                and complaint.is_lawyer_letter
                and not vals["is_lawyer_letter"]
            )
            if changes and not complaint._is_manager_of(self.env.user):
                raise AccessError(
                    self.env._(
                        "Only the team manager or a complaint coordinator can "
                        "change the reason for the repeat or the lawyer's letter "
                        "of complaint %(number)s: the answer's approval and "
                        "legal review depend on it.",
                        number=complaint.name,
                    )
                )

    def _criminal_access_changed(self):
        # The record rule names each user's complaints given back
        # (res.users.klachtenbeheer_criminal_access_ids), and Odoo caches the
        # rules' domains: they are computed again at the next read.
        self.env["res.users"].invalidate_model(["klachtenbeheer_criminal_access_ids"])
        self.env.registry.clear_cache()

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        complaints = super().create(vals_list)
        if any(vals.get("criminal_access_user_ids") for vals in vals_list):
            complaints._criminal_access_changed()
        if any(vals.get("repeat_reason") == "employee_again" for vals in vals_list):
            complaints.filtered("user_id")._check_handler_assignment({}, creating=True)
        if any(vals.get("policy_judgement") for vals in vals_list):
            complaints._apply_policy_routing()
        if any(
            vals.get("repeat_reason") or vals.get("is_lawyer_letter")
            for vals in vals_list
        ):
            complaints._apply_repeat_reason()
        return complaints

    def write(self, vals):
        self._check_gate_reasons_change(vals)
        if "user_id" in vals:
            self._check_handler_assignment(vals)
        access_before = (
            {c.id: c.criminal_access_user_ids for c in self.sudo()}
            if "criminal_access_user_ids" in vals
            else None
        )
        res = super().write(vals)
        if access_before is not None:
            self._criminal_access_changed()
            self._log_criminal_access(access_before)
        if vals.get("policy_judgement"):
            self._apply_policy_routing()
        if (
            vals.get("repeat_reason")
            or vals.get("is_lawyer_letter")
            or "repeat_of_ids" in vals
        ):
            self._apply_repeat_reason()
        return res
