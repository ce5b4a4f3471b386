# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import psycopg2
from lxml import html
from markupsafe import Markup

from odoo import api, models
from odoo.tools import safe_eval

COMPLAINT = "klachtenbeheer.complaint"


class MailRenderMixin(models.AbstractModel):
    _inherit = "mail.render.mixin"

    @api.model
    def _render_template_qweb(
        self, template_src, model, res_ids, add_context=None, options=None
    ):
        """As Odoo's, with the template compiled once for all complaints.

        Odoo parses and compiles a raw QWeb template (a mail template's
        body) again for every record it renders: for the acknowledgements of
        an intake batch, a third of the cron's time. Here the compiled
        template renders each complaint in turn, with the values Odoo gives
        it. Only for complaints and for unrestricted rendering (the intake
        cron, a template editor); anything else, and any error, goes Odoo's
        own way, with its checks and errors.
        """
        if (
            model != COMPLAINT
            or len(res_ids or ()) < 2
            or not template_src
            or not self._has_unsafe_expression_template_qweb(template_src, model)
            or not (
                self._unrestricted_rendering
                or self.env.is_admin()
                or self.env.user.has_group("mail.group_mail_template_editor")
            )
        ):
            return super()._render_template_qweb(
                template_src, model, res_ids, add_context=add_context, options=options
            )
        variables = self._render_eval_context()
        if add_context:
            variables.update(**add_context)
        base = self.env["ir.qweb"].with_context(**(options or {}))
        results = {}
        try:
            element = html.fragment_fromstring(template_src, create_parent="div")
            compiled = None
            for record in self.env[model].browse(res_ids):
                values = dict(variables, object=record)
                qweb = base._prepare_environment(values)
                safe_eval.check_values(values)
                if compiled is None:
                    functions, def_name = qweb._compile(element)
                    compiled = functions[def_name]
                rendered = Markup("".join(compiled(qweb, values)))
                # Without the <div> that wraps the template's nodes.
                results[record.id] = rendered[5:-6]
        except psycopg2.OperationalError:
            # A conflict with another transaction: Odoo retries the whole.
            raise
        except Exception:
            # Odoo's way reports it, as it would have.
            return super()._render_template_qweb(
                template_src, model, res_ids, add_context=add_context, options=options
            )
        return results
