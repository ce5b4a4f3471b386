# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import shutil
from datetime import date, datetime, time, timedelta

import pytz
from freezegun import freeze_time
from PyPDF2 import PdfReader

from odoo.exceptions import UserError
from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import KlachtenbeheerCase, PdfCase, pdf_text

AMS = pytz.timezone("Europe/Amsterdam")


def utc(year, month, day, hour=10, minute=0):
    """Naive UTC datetime of a local Amsterdam time, as Odoo stores it."""
    local = AMS.localize(datetime(year, month, day, hour, minute))
    return local.astimezone(pytz.utc).replace(tzinfo=None)


@tagged("post_install", "-at_install")
class TestTerms(KlachtenbeheerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Kantoor 8-17", "tz": "Europe/Amsterdam"}
        )
        cls.company.resource_calendar_id = cls.calendar
        cls.calendar._klachtenbeheer_add_dutch_holidays([2026, 2027])
        cls.corporation = cls.env.ref("klachtenbeheer.term_profile_corporation")
        cls.awb = cls.env.ref("klachtenbeheer.term_profile_awb")
        cls.company.klachtenbeheer_term_profile_id = cls.corporation
        cls.corporation.allow_pause = False
        # Complaints already in the database (demo data) are not this test's
        # business: the term cron must leave them alone.
        cls.env["klachtenbeheer.complaint"].search([]).write(
            {"term_warned_on": "2000-01-01", "term_escalated_on": "2000-01-01"}
        )

    def _received(self, moment, **values):
        with freeze_time(moment.replace(hour=23, minute=59)):
            return self._create_complaint(date_received=moment, **values)

    # ------------------------------------------------------------------
    # Working days, weekends and Dutch holidays
    # ------------------------------------------------------------------

    def test_holidays_come_from_the_library_once(self):
        leaves = self.env["resource.calendar.leaves"].search(
            [("calendar_id", "=", self.calendar.id)]
        )
        names = set(leaves.mapped("name"))
        self.assertIn("Koningsdag", names)
        self.assertIn("Hemelvaartsdag", names)
        self.assertIn("Tweede Pinksterdag", names)
        self.assertIn("Tweede paasdag", names)
        self.assertIn("Eerste Kerstdag", names)
        # A rerun adds nothing.
        again = self.calendar._klachtenbeheer_add_dutch_holidays([2026, 2027])
        self.assertFalse(again)

    def _dates_by_plan_days(self, profile, received_naive, committee=False, pause=0):
        """The four term dates as Odoo's plan_days gives them, date by date
        (how they were computed before one look at the calendar)."""
        calendar = self.calendar

        def day_start(day):
            return AMS.localize(datetime.combine(day, time.min))

        def plan(start, days):
            if days <= 0:
                return start.astimezone(AMS).date()
            end = calendar.plan_days(days, start, compute_leaves=True)
            return end.astimezone(AMS).date() if end else False

        received = pytz.utc.localize(received_naive)
        next_day = day_start(received.astimezone(AMS).date() + timedelta(days=1))
        weeks = 0
        if committee and profile.committee_answer_weeks:
            weeks = profile.committee_answer_weeks
        elif profile.answer_unit == "weeks":
            weeks = profile.answer_term
        if weeks:
            received_day = received.astimezone(AMS).date()
            due = plan(day_start(received_day + timedelta(weeks=weeks)), 1)
            if pause:
                due = plan(day_start(due + timedelta(days=1)), pause)
        else:
            due = plan(next_day, profile.answer_term + pause)
        warn = due
        if profile.warn_days:
            start = calendar.plan_days(
                -profile.warn_days, day_start(due), compute_leaves=True
            )
            warn = start.astimezone(AMS).date()
        return (
            plan(received, profile.ack_days),
            plan(next_day, profile.contact_days + pause),
            due,
            warn,
        )

    def test_dates_match_odoo_plan_days(self):
        # Every 7 hours (all hours of the day in turn) around Easter, King's
        # Day, Ascension and Whitsun 2026 and around Christmas and New Year:
        # the dates from one look at the calendar are Odoo's plan_days dates.
        moments = []
        for first, days in ((datetime(2026, 3, 28), 75), (datetime(2026, 12, 10), 40)):
            moments += [first + timedelta(hours=7 * n) for n in range(days * 24 // 7)]
        self.corporation.warn_days = 2
        cases = [
            (self.corporation, False, 0),
            (self.corporation, False, 3),
            (self.awb, False, 0),
            (self.awb, True, 0),
            (self.awb, False, 2),
        ]
        Complaint = self.env["klachtenbeheer.complaint"]
        checked = 0
        for profile, committee, pause in cases:
            for moment in moments:
                complaint = Complaint.new(
                    {
                        "company_id": self.company.id,
                        "date_received": moment,
                        "term_profile_id": profile.id,
                        "advisory_committee": committee,
                        "pause_days": pause,
                    }
                )
                computed = (
                    complaint.date_ack_due,
                    complaint.date_contact_due,
                    complaint.date_answer_due,
                    complaint.date_answer_warn,
                )
                expected = self._dates_by_plan_days(profile, moment, committee, pause)
                self.assertEqual(
                    computed, expected, f"{profile.name} {committee} {pause} {moment}"
                )
                checked += 1
        self.assertGreater(checked, 1500)

    def test_dates_of_a_batch_match_one_by_one(self):
        # Complaints computed together (the intake cron's batch) share one
        # look at the calendar while they fit in it: in any order, across a
        # holiday, and beyond the window (a new look).
        self.corporation.warn_days = 2
        moments = [
            datetime(2026, 4, 24, 16, 0),
            datetime(2026, 4, 22, 9, 30),
            datetime(2026, 4, 26, 22, 30),
            datetime(2026, 5, 13, 11, 0),
            datetime(2026, 12, 23, 15, 0),
            datetime(2026, 4, 27, 8, 0),
            datetime(2026, 12, 31, 23, 0),
        ]
        with freeze_time(datetime(2027, 1, 2)):
            complaints = self.env["klachtenbeheer.complaint"].create(
                [
                    {
                        "subject": f"Batch {index}",
                        "partner_id": self.partner.id,
                        "channel": "phone",
                        "date_received": moment,
                        "term_profile_id": self.corporation.id,
                    }
                    for index, moment in enumerate(moments)
                ]
            )
        for complaint, moment in zip(complaints, moments, strict=True):
            self.assertEqual(
                (
                    complaint.date_ack_due,
                    complaint.date_contact_due,
                    complaint.date_answer_due,
                    complaint.date_answer_warn,
                ),
                self._dates_by_plan_days(self.corporation, moment),
                str(moment),
            )

    def test_answer_due_skips_the_weekend(self):
        complaint = self._received(utc(2027, 1, 8))  # Friday
        self.assertEqual(complaint.date_ack_due, date(2027, 1, 8))
        self.assertEqual(complaint.date_contact_due, date(2027, 1, 15))
        self.assertEqual(complaint.date_answer_due, date(2027, 1, 15))
        self.assertEqual(complaint.date_answer_warn, date(2027, 1, 14))

    def test_after_office_hours_and_kings_day(self):
        # Monday 26 April, 22:30: the acknowledgement is due the next working
        # day, which is not King's Day (Tuesday 27) but Wednesday.
        complaint = self._received(utc(2027, 4, 26, 22, 30))
        self.assertEqual(complaint.date_ack_due, date(2027, 4, 28))
        self.assertEqual(complaint.date_answer_due, date(2027, 5, 4))

    def test_easter(self):
        # Thursday before Easter: Good Friday and Easter Monday do not count.
        complaint = self._received(utc(2027, 3, 25))
        self.assertEqual(complaint.date_answer_due, date(2027, 4, 5))

    def test_ascension_and_whit_monday(self):
        ascension = self._received(utc(2027, 5, 4))
        self.assertEqual(ascension.date_answer_due, date(2027, 5, 12))
        whitsun = self._received(utc(2027, 5, 14))
        self.assertEqual(whitsun.date_answer_due, date(2027, 5, 24))

    def test_christmas_and_new_year(self):
        complaint = self._received(utc(2026, 12, 24))
        self.assertEqual(complaint.date_answer_due, date(2027, 1, 4))

    def test_time_zone_decides_the_day(self):
        # 23:30 UTC on Friday is 00:30 on Saturday in Amsterdam.
        moment = datetime(2027, 1, 8, 23, 30)
        with freeze_time("2027-01-09 08:00:00"):
            complaint = self._create_complaint(date_received=moment)
        self.assertEqual(complaint.date_ack_due, date(2027, 1, 11))
        self.assertEqual(complaint.date_answer_due, date(2027, 1, 15))

    def test_awb_weeks_and_advisory_committee(self):
        self.category_repair.term_profile_id = self.awb
        complaint = self._received(
            utc(2027, 3, 16), category_id=self.category_repair.id
        )
        self.assertEqual(complaint.term_profile_id, self.awb)
        # Six weeks end on King's Day: the next working day.
        self.assertEqual(complaint.date_answer_due, date(2027, 4, 28))
        complaint.advisory_committee = True
        self.assertEqual(complaint.date_answer_due, date(2027, 5, 25))

    def test_team_profile_and_calendar_override(self):
        self.team_a.term_profile_id = self.awb
        complaint = self._received(utc(2027, 1, 8), team_id=self.team_a.id)
        self.assertEqual(complaint.term_profile_id, self.awb)
        # The category wins over the team.
        self.category_repair.term_profile_id = self.corporation
        complaint.category_id = self.category_repair
        self.assertEqual(complaint.term_profile_id, self.corporation)

    # ------------------------------------------------------------------
    # Extension (Awb 9:11)
    # ------------------------------------------------------------------

    def _extend(self, complaint, user, **values):
        wizard = Form(
            self.env["klachtenbeheer.extension.wizard"]
            .with_user(user)
            .with_context(default_complaint_id=complaint.id)
        )
        for name, value in values.items():
            setattr(wizard, name, value)
        return wizard.save()

    def test_extension_once_with_reason_and_notice(self):
        complaint = self._received(utc(2027, 1, 8), team_id=self.team_a.id)
        complaint.user_concerned_id = self.employee
        with freeze_time("2027-01-12 10:00:00"):
            wizard = self._extend(
                complaint, self.handler_a, weeks=5, reason="Wachten op aannemer"
            )
            with self.assertRaisesRegex(UserError, "at most 4 weeks"):
                wizard.action_confirm()
            wizard = self._extend(
                complaint, self.handler_a, weeks=2, reason="Wachten op aannemer"
            )
            wizard.action_confirm()
        self.assertEqual(complaint.date_answer_due, date(2027, 1, 29))
        self.assertEqual(complaint.extension_ids.weeks, 2)
        self.assertEqual(complaint.extension_ids.date_due_before, date(2027, 1, 15))
        self.assertEqual(complaint.extension_ids.date_due_after, date(2027, 1, 29))
        notice = complaint.message_ids.filtered(
            lambda m: m.subject == f"More time for your complaint {complaint.name}"
        )
        self.assertEqual(len(notice), 1)
        self.assertIn(self.partner, notice.partner_ids)
        self.assertIn(self.employee.partner_id, notice.partner_ids)

        # A further delay only with the complainant's consent, recorded.
        wizard = self._extend(complaint, self.handler_a, weeks=1, reason="Nog steeds")
        with self.assertRaisesRegex(UserError, "consent"):
            wizard.action_confirm()
        wizard = self._extend(
            complaint,
            self.handler_a,
            weeks=1,
            reason="Nog steeds",
            complainant_consent=True,
            consent_note="Telefonisch akkoord op 20-01",
        )
        wizard.action_confirm()
        self.assertEqual(len(complaint.extension_ids), 2)
        self.assertEqual(complaint.date_answer_due, date(2027, 2, 5))

    def test_extension_needs_a_reason(self):
        complaint = self._received(utc(2027, 1, 8), team_id=self.team_a.id)
        wizard = self._extend(complaint, self.handler_a, weeks=1, reason=" ")
        with self.assertRaisesRegex(UserError, "reason"):
            wizard.action_confirm()

    # ------------------------------------------------------------------
    # Pause
    # ------------------------------------------------------------------

    def test_pause_only_when_the_profile_allows_it(self):
        complaint = self._received(utc(2027, 1, 8))
        with self.assertRaisesRegex(UserError, "does not allow pausing"):
            complaint.action_pause_terms()
        self.corporation.allow_pause = True
        with freeze_time("2027-01-11 09:00:00"):
            complaint.action_pause_terms()
        self.assertEqual(complaint.deadline_state, "paused")
        self.assertIn(
            complaint, self.Complaint.search([("deadline_state", "=", "paused")])
        )
        # Waiting Monday to Wednesday evening: three working days.
        with freeze_time("2027-01-13 18:00:00"):
            complaint.action_resume_terms()
        self.assertEqual(complaint.pause_days, 3)
        self.assertEqual(complaint.date_answer_due, date(2027, 1, 20))
        self.assertTrue(
            complaint.message_ids.filtered(lambda m: "paused" in (m.body or ""))
        )

    # ------------------------------------------------------------------
    # Acknowledgement of receipt
    # ------------------------------------------------------------------

    def _acknowledgements(self, complaint):
        return complaint.message_ids.filtered(
            lambda m: m.subject == f"We received your complaint {complaint.name}"
        )

    def test_acknowledgement_sent_exactly_once(self):
        complaint = self._create_complaint(channel="email")
        self.assertTrue(complaint.acknowledgement_pending)
        self.Complaint._cron_send_acknowledgements()
        self.Complaint._cron_send_acknowledgements()
        ack = self._acknowledgements(complaint)
        self.assertEqual(len(ack), 1)
        self.assertIn(self.partner, ack.partner_ids)
        self.assertIn(complaint.name, ack.body)
        self.assertTrue(complaint.date_acknowledged)
        complaint.write({"subject": "Aangepast", "user_id": self.handler_a.id})
        complaint._send_acknowledgement()
        self.assertEqual(len(self._acknowledgements(complaint)), 1)
        ack_type = self.env.ref("klachtenbeheer.mail_activity_type_acknowledgement")
        self.assertFalse(
            complaint.activity_ids.filtered(lambda a: a.activity_type_id == ack_type)
        )

    def test_acknowledgement_moves_the_stage_on(self):
        """Sent by the intake cron, or its activity marked done after the
        printed letter went out: the complaint leaves "Registered" for the
        acknowledgement's stage; one already further along stays there."""
        acknowledged = self.env.ref("klachtenbeheer.stage_acknowledged")
        investigating = self.env.ref("klachtenbeheer.stage_investigating")
        mailed = self._create_complaint(channel="email")
        further = self._create_complaint(channel="email")
        further.stage_id = investigating
        further.date_acknowledged = False
        further.acknowledgement_pending = True
        self.assertEqual(mailed.stage_id, self.stage_registered)
        self.Complaint._cron_send_acknowledgements()
        self.assertTrue(mailed.date_acknowledged)
        self.assertEqual(mailed.stage_id, acknowledged)
        self.assertEqual(further.stage_id, investigating)
        printed = self._create_complaint(
            partner_id=False,
            contact_name="Kees Visser",
            street="Molenweg 33",
            zip="2635 GH",
            city="Den Hoorn",
            channel="letter",
        )
        self.Complaint._cron_send_acknowledgements()
        self.assertEqual(printed.stage_id, self.stage_registered)
        ack_type = self.env.ref("klachtenbeheer.mail_activity_type_acknowledgement")
        printed.activity_ids.filtered(
            lambda a: a.activity_type_id == ack_type
        ).with_user(self.coordinator).action_done()
        self.assertTrue(printed.date_acknowledged)
        self.assertEqual(printed.stage_id, acknowledged)

    def test_letter_without_email_gets_a_printable_letter(self):
        complaint = self._create_complaint(
            partner_id=False,
            contact_name="Kees Visser",
            street="Molenweg 33",
            zip="2635 GH",
            city="Den Hoorn",
            channel="letter",
        )
        self.Complaint._cron_send_acknowledgements()
        self.assertFalse(complaint.acknowledgement_pending)
        self.assertFalse(self._acknowledgements(complaint))
        self.assertFalse(complaint.date_acknowledged)
        ack_type = self.env.ref("klachtenbeheer.mail_activity_type_acknowledgement")
        self.assertEqual(
            len(
                complaint.activity_ids.filtered(
                    lambda a: a.activity_type_id == ack_type
                )
            ),
            1,
        )
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "klachtenbeheer.action_report_acknowledgement", complaint.ids
        )
        text = " ".join(html.decode().split())
        self.assertIn(complaint.name, text)
        self.assertIn("Kees Visser", text)
        self.assertIn("Molenweg 33", text)

    # ------------------------------------------------------------------
    # Activities
    # ------------------------------------------------------------------

    def _term_activities(self, complaint):
        types = self.env.ref(
            "klachtenbeheer.mail_activity_type_contact"
        ) | self.env.ref("klachtenbeheer.mail_activity_type_answer")
        return complaint.activity_ids.filtered(lambda a: a.activity_type_id in types)

    def test_activities_per_term_without_duplicates(self):
        complaint = self._received(
            utc(2027, 1, 8), team_id=self.team_a.id, user_id=self.handler_a.id
        )
        activities = self._term_activities(complaint)
        self.assertEqual(len(activities), 2)
        self.assertEqual(activities.user_id, self.handler_a)
        self.assertEqual(set(activities.mapped("date_deadline")), {date(2027, 1, 15)})
        complaint._sync_term_activities()
        complaint._sync_term_activities()
        self.assertEqual(self._term_activities(complaint), activities)

        # A new handler takes the activities over.
        complaint.user_id = self.manager_a
        self.assertEqual(self._term_activities(complaint).user_id, self.manager_a)

        # Doing the call meets the contact term.
        contact = activities.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("klachtenbeheer.mail_activity_type_contact")
            )
        )
        contact.action_feedback(feedback="Gebeld")
        self.assertTrue(complaint.date_contacted)
        complaint._sync_term_activities()
        self.assertEqual(len(self._term_activities(complaint)), 1)

        # Answering meets the answer term and closes its activity.
        complaint.stage_id = self.env.ref("klachtenbeheer.stage_answered")
        self.assertTrue(complaint.date_answered)
        self.assertFalse(self._term_activities(complaint))
        self.assertEqual(complaint.deadline_state, "done")

    # ------------------------------------------------------------------
    # Signalling: states, filters, cron
    # ------------------------------------------------------------------

    def test_deadline_states_and_filters(self):
        complaint = self._received(utc(2027, 1, 8))  # due 15th, warn 14th
        states = {}
        for today in ("2027-01-12", "2027-01-14", "2027-01-18"):
            with freeze_time(f"{today} 12:00:00"):
                complaint.invalidate_recordset(["deadline_state"])
                states[today] = complaint.deadline_state
                self.assertIn(
                    complaint,
                    self.Complaint.search([("deadline_state", "=", states[today])]),
                )
        self.assertEqual(
            states,
            {"2027-01-12": "on_time", "2027-01-14": "at_risk", "2027-01-18": "overdue"},
        )

    def test_cron_warns_then_escalates_once(self):
        complaint = self._received(
            utc(2027, 1, 8), team_id=self.team_a.id, user_id=self.handler_a.id
        )
        escalation = self.env.ref("klachtenbeheer.mail_activity_type_escalation")

        def notes():
            return complaint.message_ids.filtered(
                lambda m: "answer term" in (m.body or "")
            )

        with freeze_time("2027-01-14 07:00:00"):
            self.Complaint._cron_check_terms()
            self.Complaint._cron_check_terms()
        self.assertEqual(len(notes()), 1)
        self.assertIn(self.handler_a.partner_id, notes().partner_ids)
        self.assertEqual(complaint.term_warned_on, date(2027, 1, 14))

        with freeze_time("2027-01-18 07:00:00"):
            self.Complaint._cron_check_terms()
            self.Complaint._cron_check_terms()
        escalations = complaint.activity_ids.filtered(
            lambda a: a.activity_type_id == escalation
        )
        self.assertEqual(len(escalations), 1)
        self.assertEqual(escalations.user_id, self.manager_a)
        self.assertEqual(len(notes()), 2)
        self.assertIn(self.manager_a.partner_id, notes()[0].partner_ids)

    def test_cron_works_in_batches(self):
        complaints = self.Complaint
        for _index in range(5):
            complaints |= self._received(utc(2027, 1, 8), team_id=self.team_a.id)
        with freeze_time("2027-01-18 07:00:00"):
            self.assertEqual(self.Complaint._cron_check_terms(batch_size=2), 2)
            self.assertEqual(self.Complaint._cron_check_terms(batch_size=2), 2)
            self.assertEqual(self.Complaint._cron_check_terms(batch_size=2), 1)
            self.assertEqual(self.Complaint._cron_check_terms(batch_size=2), 0)
        self.assertEqual(
            set(complaints.mapped("term_escalated_on")), {date(2027, 1, 18)}
        )

    def test_on_time_rate_counts_answered_only(self):
        answered = self.env.ref("klachtenbeheer.stage_answered")
        team = self.team_b
        complaints = self.Complaint
        for late in (False, False, True):
            complaint = self._received(utc(2027, 1, 8), team_id=team.id)
            when = "2027-01-20 10:00:00" if late else "2027-01-12 10:00:00"
            with freeze_time(when):
                complaint.stage_id = answered
            complaints |= complaint
        self._received(utc(2027, 1, 8), team_id=team.id)  # not answered yet
        self.assertEqual(
            complaints.mapped("answer_timeliness"), ["on_time", "on_time", "late"]
        )
        [(rate,)] = self.Complaint._read_group(
            [("team_id", "=", team.id)], aggregates=["answer_on_time_rate:avg"]
        )
        self.assertAlmostEqual(rate, 200 / 3, places=2)


@tagged("post_install", "-at_install")
class TestAcknowledgementPdf(PdfCase, HttpCase):
    """The letter renders to a real PDF with wkhtmltopdf.

    An HttpCase: wkhtmltopdf loads the report's styles from the test server,
    which shares this test's transaction (a TransactionCase would deadlock).
    """

    # The pages are counted without it; the text needs it (skipped below).
    needs_pdftotext = False

    def test_letter_renders_to_pdf(self):
        partner = self.env["res.partner"].create(
            {"name": "Kees Visser", "street": "Molenweg 33", "city": "Den Hoorn"}
        )
        complaint = self.env["klachtenbeheer.complaint"].create(
            {"subject": "Brief", "partner_id": partner.id, "channel": "letter"}
        )
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        # Debian's wkhtmltopdf warns that its Qt is unpatched: not ours.
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, _type = (
                self.env["ir.actions.report"]
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(
                    "klachtenbeheer.action_report_acknowledgement", complaint.ids
                )
            )
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertEqual(len(PdfReader(io.BytesIO(pdf)).pages), 1)
        if not shutil.which("pdftotext"):
            self.skipTest("pdftotext (poppler-utils) is not installed")
        text = pdf_text(pdf)
        # The letterhead is in the page itself: Debian's wkhtmltopdf drops
        # a separate header (see report/klachtenbeheer_letter_layout.xml).
        company = complaint.company_id
        self.assertIn(company.name, text)
        if company.city:
            self.assertIn(company.city, text)
        self.assertIn("Kees Visser Molenweg 33", text)
        self.assertIn(complaint.name, text)


@tagged("post_install", "-at_install")
class TestWhoGetsTheTerms(KlachtenbeheerCase):
    """The term activities go to who handles complaints: not the front desk
    that typed a complaint without a team, not the web form's public user."""

    def _term_users(self, complaint):
        return complaint.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("klachtenbeheer.mail_activity_type_answer")
            )
        ).user_id

    def test_front_desk_without_team(self):
        complaint = self._create_complaint(user=self.employee).with_env(self.env)
        self.assertEqual(complaint.registered_by_id, self.employee)
        users = self._term_users(complaint)
        self.assertTrue(users)
        self.assertNotIn(self.employee, users)
        self.assertTrue(
            users.has_group("klachtenbeheer.group_klachtenbeheer_coordinator")
        )

    def test_web_form_as_public_user(self):
        public = self.env.ref("base.public_user")
        complaint = (
            self.env(user=public, su=True)["klachtenbeheer.complaint"]
            .create(
                {
                    "subject": "Via de website",
                    "partner_id": self.partner.id,
                    "channel": "web_form",
                }
            )
            .with_env(self.env)
        )
        self.assertFalse(complaint.registered_by_id)
        users = self._term_users(complaint)
        self.assertTrue(users)
        self.assertFalse(users.filtered("share"))

    def test_a_company_without_coordinators_gives_them_to_its_administrator(self):
        """A company just set up has no complaint coordinator yet: the web
        form's and the front desk's complaints go to who administers it,
        never to the public user or the typist."""
        company = self.env["res.company"].create({"name": "Gemeente Nieuwdorp"})
        admin = new_test_user(
            self.env,
            login="kb_nieuwdorp_admin",
            groups="base.group_user,base.group_system",
            company_id=company.id,
            company_ids=[(6, 0, company.ids)],
        )
        desk = new_test_user(
            self.env,
            login="kb_nieuwdorp_desk",
            groups="base.group_user,klachtenbeheer.group_klachtenbeheer_user",
            company_id=company.id,
            company_ids=[(6, 0, company.ids)],
        )
        partner = self.env["res.partner"].create({"name": "Anna de Wit"})
        public = self.env.ref("base.public_user")
        context = {"allowed_company_ids": company.ids}
        for env in (
            self.env(user=public, su=True, context=context),
            self.env(user=desk, context=context),
        ):
            complaint = (
                env["klachtenbeheer.complaint"]
                .create(
                    {
                        "subject": "Geen antwoord",
                        "partner_id": partner.id,
                        "company_id": company.id,
                    }
                )
                .with_env(self.env)
            )
            self.assertEqual(self._term_users(complaint), admin)

    def test_a_handler_registering_without_team_keeps_them(self):
        complaint = self._create_complaint(user=self.handler_a).with_env(self.env)
        self.assertEqual(self._term_users(complaint), self.handler_a)

    def test_anonymous_without_contact_details_has_only_the_answer_term(self):
        """Nobody to acknowledge or to call: no such terms, no activities."""
        complaint = self._create_complaint(
            user=self.handler_a,
            partner_id=False,
            is_anonymous=True,
            team_id=self.team_a.id,
        ).with_env(self.env)
        self.assertFalse(complaint.date_ack_due)
        self.assertFalse(complaint.date_contact_due)
        self.assertTrue(complaint.date_answer_due)
        self.assertEqual(
            complaint.activity_ids.activity_type_id,
            self.env.ref("klachtenbeheer.mail_activity_type_answer"),
        )
        # With a phone number left, the contact term runs.
        named = self._create_complaint(
            user=self.handler_a,
            partner_id=False,
            is_anonymous=True,
            phone="0612345678",
            team_id=self.team_a.id,
        )
        self.assertTrue(named.date_contact_due)
