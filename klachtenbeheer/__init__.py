import logging

from . import controllers
from . import models
from . import wizards
from . import report

_logger = logging.getLogger(__name__)


def post_init_hook(env):
    """Report tokens for the contacts that exist; every employee a complaint
    user."""
    _init_complainant_keys(env)
    _every_employee_registers(env)


def _init_complainant_keys(env):
    """The contacts that existed before the addon get a random report token
    each (see klachtenbeheer.complaint.complainant_key): the column default
    gave them all the same one."""
    env.cr.execute(
        "UPDATE res_partner SET klachtenbeheer_key = md5(random()::text || id::text)"
    )
    _recompute_complainant_keys(env)


def _every_employee_registers(env):
    """Switch on the setting "Every employee registers complaints"
    (res.config.settings.group_klachtenbeheer_user; Gids klachtenmanagement,
    "registreer op elke werkplek") the way saving it in Settings does: the
    Internal User group implies the complaint user group, and every internal
    user gets it."""
    classified = env["res.config.settings"]._get_classified_fields(
        ["group_klachtenbeheer_user"]
    )
    for _name, groups, implied_group in classified["group"]:
        groups.sudo()._apply_group(implied_group.sudo())


def _recompute_complainant_keys(env):
    Complaint = env["klachtenbeheer.complaint"].with_context(active_test=False)
    env.invalidate_all()
    env.add_to_compute(Complaint._fields["complainant_key"], Complaint.search([]))
    env.flush_all()


def uninstall_hook(env):
    """Remove the complaints without xml id before Odoo removes the stages.

    Complaints that came in by mail or the web form (all of them, outside
    the demo) have no xml id, so Odoo's data removal does not delete them
    before the stages; their ``stage_id`` is ``ondelete="restrict"`` and
    every stage deletion would fail (and log an error) until the tables are
    dropped. Complaints with an xml id (demo data) go the usual way, with
    the records that hang on them.
    """
    env.cr.execute(
        """
        DELETE FROM klachtenbeheer_complaint c
         WHERE NOT EXISTS (
                SELECT 1 FROM ir_model_data d
                 WHERE d.model = 'klachtenbeheer.complaint' AND d.res_id = c.id
         )
        """
    )


def _rewrite_rule_domains(env, rules):
    """For an upgrade (migrations/): the record rules are noupdate data. A
    rule of ``rules`` (xmlid: (old domain, new domain)) that still has the
    old domain gets the new one; one an administrator changed is kept, with
    a warning. Returns the rules rewritten."""
    changed = env["ir.rule"]
    for xmlid, (old, new) in rules.items():
        rule = env.ref(f"klachtenbeheer.{xmlid}", raise_if_not_found=False)
        if not rule:
            continue
        if rule.domain_force == old:
            rule.domain_force = new
            changed |= rule
        elif rule.domain_force != new:
            _logger.warning(
                "Record rule %s was changed by hand and is kept; the new domain is %s",
                rule.name,
                new,
            )
    return changed
