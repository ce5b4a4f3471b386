# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, models

_logger = logging.getLogger(__name__)


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

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
        return self.env["klachtenbeheer.complaint"]._klachtenbeheer_adjust_routes(
            message, message_dict, routes
        )

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
        Mails for other applications raise as before."""
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
