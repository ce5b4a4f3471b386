# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import tagged, users, warmup

from .common import QUERY_COUNT_MOMENT, QUIET_CONTEXT, KlachtenbeheerCase


@tagged("post_install", "-at_install")
class TestPerformance(KlachtenbeheerCase):
    """Query counts of the hot paths, warm (caches filled by a first run).

    Registration happens on every workplace and the stage moves all day:
    these numbers may only go up for a reason. Creating includes computing
    four term dates on the working-day calendar and the term activities;
    the acknowledgement mail is sent by a cron, outside this count.
    """

    def setUp(self):
        super().setUp()
        # Tracking stays on: that is what users get.
        self.env = self.env(context={})
        # A fixed working day (see QUERY_COUNT_MOMENT).
        frozen = freeze_time(QUERY_COUNT_MOMENT)
        frozen.start()
        self.addCleanup(frozen.stop)

    @users("kb_handler_a")
    @warmup
    def test_create_query_count(self):
        Complaint = self.env["klachtenbeheer.complaint"]
        vals = {
            "subject": "Meten",
            "partner_id": self.partner.id,
            "team_id": self.team_a.id,
            "category_id": self.category_repair.id,
            "channel": "phone",
        }
        with self.assertQueryCount(kb_handler_a=QUERIES_CREATE):
            Complaint.create(dict(vals))
            self.env.flush_all()
            self.env.cr.precommit.run()

    @users("kb_handler_a")
    @warmup
    def test_stage_change_query_count(self):
        complaint = (
            self.env["klachtenbeheer.complaint"]
            .with_context(**QUIET_CONTEXT)
            .create(
                {
                    "subject": "Meten",
                    "partner_id": self.partner.id,
                    "team_id": self.team_a.id,
                }
            )
            .with_context(tracking_disable=False, mail_notrack=False)
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        with self.assertQueryCount(kb_handler_a=QUERIES_STAGE):
            complaint.stage_id = self.stage_investigating
            # What happens at commit: the tracking message.
            self.env.flush_all()
            self.env.cr.precommit.run()


# 52 before: the four term dates now come from one look at the working-day
# calendar (attendances and leaves) instead of one per date, and a new
# complaint in the first stage no longer searches the stages that meet a
# term. Included: the company's alias domain (any database receiving mail
# has one; the logged message reads it) and, at QUERY_COUNT_MOMENT, the bus
# notification of the new term activity due today. 39 since the first stage
# is read with its search; 38 since the computed fields go into the INSERT
# (precompute) instead of an UPDATE right after it; 39 since the complainant's
# report token is read from the contact (AVG, complainant_key); 37 since the
# calendar's hours and holidays are read with their search (search_fetch) for
# tools/working_days instead of Odoo's _work_intervals_batch; 40 with the
# suggestions learned from the register: the counts of the complaint's words
# (one query for all targets), the names of the teams, categories and grounds
# (one) and the suggestion lines (one insert).
QUERIES_CREATE = 40
# 22 with klachtenbeheer_survey installed (+1 on a stage change), the
# company's alias domain and the bus notification of the activity due today
# (see above).
QUERIES_STAGE = 22
