# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class FetchmailServer(models.Model):
    _inherit = "fetchmail.server"

    def fetch_mail(self, raise_exception=True):
        """After a fetch, complete the registrations by e-mail at once.

        The gateway leaves them to the intake cron (see
        ``klachtenbeheer.complaint.message_new``): one trigger per fetch, not
        one per mail.
        """
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
