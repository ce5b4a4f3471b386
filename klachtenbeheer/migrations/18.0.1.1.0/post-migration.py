# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The complainant's mails go to whom the complainant chose to correspond
through (the complainant, the representative, or both): the templates read
``correspondence_partner_ids`` instead of ``partner_id``.

The templates are ``noupdate``, so an upgrade leaves them as they were. This
rewrites the recipients and language of our templates where they still hold
the old expression; a template an administrator changed is left alone and
logged."""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)

# Old expression: new expression, per field of mail.template.
REWRITES = {
    "partner_to": {
        "{{ object.partner_id.id or '' }}": (
            "{{ object.correspondence_partner_ids.ids }}"
        ),
        "{{ ','.join(str(pid) for pid in (object.partner_id | "
        "object.team_id.user_id.partner_id).ids) }}": "{{ ','.join(str(pid) for pid "
        "in (object.correspondence_partner_ids | object.team_id.user_id.partner_id)"
        ".ids) }}",
    },
    "email_to": {
        "{{ (not object.partner_id and object.email_from) or '' }}": "{{ (not "
        "object.correspondence_partner_ids and object.email_from) or '' }}",
    },
    "lang": {
        "{{ object.partner_id.lang or object.company_id.partner_id.lang }}": "{{ "
        "object.correspondence_partner_ids[:1].lang or "
        "object.company_id.partner_id.lang }}",
    },
}


def rewrite_templates(env):
    """Rewrite what still holds the old expression; return the templates
    changed."""
    data = env["ir.model.data"].search(
        [("module", "=", "klachtenbeheer"), ("model", "=", "mail.template")]
    )
    templates = env["mail.template"].browse(data.mapped("res_id")).exists()
    changed = env["mail.template"]
    for template in templates.filtered(lambda t: t.model == "klachtenbeheer.complaint"):
        vals = {}
        for fname, rewrites in REWRITES.items():
            value = (template[fname] or "").strip()
            if value in rewrites:
                vals[fname] = rewrites[value]
            elif value and "object.partner_id" in value:
                _logger.warning(
                    "Mail template %s was changed by hand; check its %s: it "
                    "still reads object.partner_id instead of "
                    "object.correspondence_partner_ids.",
                    template.name,
                    fname,
                )
        if vals:
            template.write(vals)
            changed |= template
    return changed


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    rewrite_templates(env)
    # The report token of every contact (AVG: repeat complainants are
    # counted by it, see post_init_hook).
    from odoo.addons.klachtenbeheer import _init_complainant_keys

    _init_complainant_keys(env)
