# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL, config

from odoo.addons.base.models.ir_cron import MAX_BATCH_PER_CRON_JOB

# How long a burst of mails delivered one by one may wait for the intake
# cron (see _klachtenbeheer_trigger_soon).
TRIGGER_SOON_SECONDS = 30


class IrCron(models.Model):
    _inherit = "ir.cron"

    @api.model
    def _klachtenbeheer_batch_seconds(self):
        """How long one batch of a job may take so that Odoo's up to
        MAX_BATCH_PER_CRON_JOB batches in one job stay within the cron
        worker's time limit (``--limit-time-real-cron``, else
        ``--limit-time-real``), with a sixth to spare; 0: no limit."""
        limit = config["limit_time_real_cron"]
        if not limit or limit < 0:
            limit = config["limit_time_real"]
        if not limit or limit < 0:
            return 0
        return limit * 5 / 6 / MAX_BATCH_PER_CRON_JOB

    @api.model
    def _klachtenbeheer_trigger(self, xmlid):
        """Run the cron ``xmlid`` right after the commit.

        Nothing when the cron was deleted; the xmlid lookup is cached, so a
        trigger costs no lookup query.
        """
        cron = self.browse(self.env["ir.model.data"]._xmlid_to_res_id(xmlid))
        if cron:
            cron.sudo()._trigger()

    @api.model
    def _klachtenbeheer_trigger_soon(
        self, xmlid, seconds=TRIGGER_SOON_SECONDS, backlog=None
    ):
        """Run the cron ``xmlid`` within about ``seconds`` (plus the cron
        runner's polling interval), one trigger for a whole burst of calls.

        A trigger still to come serves every call until it is due: a call
        costs one indexed look at the triggers, and at most one trigger is
        made per ``seconds``. Two workers may both make one; the cron then
        runs twice, which it must bear anyway.

        ``backlog``: an SQL query that counts the cron's work, asked in the
        same round trip; its answer is returned (else None).
        """
        cron_id = self.env["ir.model.data"]._xmlid_to_res_id(
            xmlid, raise_if_not_found=False
        )
        if not cron_id:
            return None
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                "SELECT EXISTS (SELECT 1 FROM ir_cron_trigger WHERE cron_id = %s "
                "AND call_at > %s), (%s)",
                cron_id,
                now,
                backlog if backlog is not None else SQL("NULL"),
            )
        )
        pending, count = self.env.cr.fetchone()
        if not pending:
            self.browse(cron_id).sudo()._trigger(now + timedelta(seconds=seconds))
        return count
