# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models


class KlachtenbeheerWebSubmission(models.Model):
    """One row per web form submission attempt, for the rate limit.

    Stored in the database, not in memory, so the limit holds across
    workers; rows older than a day are removed by the autovacuum.
    """

    _name = "klachtenbeheer.web.submission"
    _description = "Complaint Web Form Submission"
    _order = "id desc"
    _log_access = False

    ip_address = fields.Char(index=True, required=True)
    email_normalized = fields.Char(index="btree_not_null")
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)

    @api.model
    def _count_recent(self, ip_address, email_normalized, hours=1):
        """Submissions in the last ``hours`` from this address or e-mail."""
        since = fields.Datetime.now() - timedelta(hours=hours)
        by_ip = self.search_count(
            [("ip_address", "=", ip_address), ("date", ">=", since)]
        )
        by_email = 0
        if email_normalized:
            by_email = self.search_count(
                [("email_normalized", "=", email_normalized), ("date", ">=", since)]
            )
        return by_ip, by_email

    @api.autovacuum
    def _gc_old_submissions(self):
        self.search([("date", "<", fields.Datetime.now() - timedelta(days=1))]).unlink()
