# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared fixtures for the klachtenbeheer tests.

``KlachtenbeheerCase`` builds, once per class, two teams in the main company,
one user per role and a team in a second company, so every test can act
``with_user`` as the person who would really do it.
"""

import shutil
import subprocess
import unittest

from odoo.tests import TransactionCase, new_test_user

from odoo.addons.base.models import ir_actions_report

# The moment query counts are measured at: Wednesday 18 November 2026,
# 10:00 in Amsterdam, two days after the test mails' Date header. Whether a
# new activity is due today (Odoo then notifies its user over the bus, one
# query more) depends on the weekday and the hour.
QUERY_COUNT_MOMENT = "2026-11-18 09:00:00"

QUIET_CONTEXT = {
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "tracking_disable": True,
}


def load_dutch(env, modules=("klachtenbeheer",)):
    """Activate Dutch and load the Dutch terms of ``modules`` (the test
    database may have been built without the language). Returns the
    language."""
    lang = env["res.lang"]._activate_lang("nl_NL")
    env["ir.module.module"]._load_module_terms(list(modules), ["nl_NL"], overwrite=True)
    return lang


class DutchCase:
    """Mixin for a test class that reads the screens, mails and errors in
    Dutch: Dutch is active and the addons' Dutch terms are loaded, once for
    the class. Put it first: ``class TestX(DutchCase, KlachtenbeheerCase)``.
    Set ``dutch_modules`` for other addons' terms."""

    dutch_modules = ("klachtenbeheer",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_dutch(cls.env, cls.dutch_modules)


class KlachtenbeheerCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **QUIET_CONTEXT))
        cls.Complaint = cls.env["klachtenbeheer.complaint"]
        cls.company = cls.env.company
        cls.company.klachtenbeheer_allow_anonymous = True

        def user(login, groups, company=None):
            company = company or cls.company
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=company.id,
                company_ids=[(6, 0, company.ids)],
                context=QUIET_CONTEXT,
            )

        cls.employee = user("kb_employee", "base.group_user")
        cls.other_employee = user("kb_other_employee", "base.group_user")
        cls.handler_a = user(
            "kb_handler_a",
            "base.group_user,klachtenbeheer.group_klachtenbeheer_handler",
        )
        cls.handler_b = user(
            "kb_handler_b",
            "base.group_user,klachtenbeheer.group_klachtenbeheer_handler",
        )
        cls.manager_a = user(
            "kb_manager_a",
            "base.group_user,klachtenbeheer.group_klachtenbeheer_handler",
        )
        cls.coordinator = user(
            "kb_coordinator",
            "base.group_user,klachtenbeheer.group_klachtenbeheer_coordinator",
        )
        cls.jurist = user(
            "kb_jurist",
            "base.group_user,klachtenbeheer.group_klachtenbeheer_jurist",
        )
        cls.portal_user = user("kb_portal", "base.group_portal")

        Team = cls.env["klachtenbeheer.team"]
        cls.team_a = Team.create(
            {
                "name": "Team A",
                "user_id": cls.manager_a.id,
                "member_ids": [(6, 0, cls.handler_a.ids)],
            }
        )
        cls.team_b = Team.create(
            {"name": "Team B", "member_ids": [(6, 0, cls.handler_b.ids)]}
        )

        cls.company_2 = cls.env["res.company"].create({"name": "Gemeente Tweede"})
        cls.coordinator_2 = user(
            "kb_coordinator_2",
            "base.group_user,klachtenbeheer.group_klachtenbeheer_coordinator",
            company=cls.company_2,
        )
        cls.team_2 = Team.create(
            {"name": "Team Tweede", "company_id": cls.company_2.id}
        )

        cls.partner = cls.env["res.partner"].create(
            {
                "name": "Fatima Yilmaz",
                "email": "f.yilmaz@example.com",
                "phone": "0612345678",
                "street": "Dorpsstraat 12",
                "zip": "2636 AB",
                "city": "Schipluiden",
            }
        )
        cls.stage_registered = cls.env.ref("klachtenbeheer.stage_registered")
        cls.stage_investigating = cls.env.ref("klachtenbeheer.stage_investigating")
        cls.stage_closed = cls.env.ref("klachtenbeheer.stage_closed")
        cls.stage_withdrawn = cls.env.ref("klachtenbeheer.stage_withdrawn")
        cls.category_repair = cls.env.ref("klachtenbeheer.category_repair")

    def _flush_tracking(self):
        """Run what Odoo does at commit: tracking values and stage templates."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    @classmethod
    def _create_complaint(cls, user=None, **values):
        """Create a complaint as ``user`` (default: the superuser env)."""
        vals = {
            "subject": "Lekkage niet verholpen",
            "partner_id": cls.partner.id,
            "channel": "phone",
        }
        vals.update(values)
        env = cls.env(user=user) if user else cls.env
        return env["klachtenbeheer.complaint"].create(vals)


def pdf_text(pdf):
    """The words of a PDF as a reader sees them (pdftotext, one line)."""
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(text.split())


def missing_pdf_tools(pdftotext=True):
    """Why a report cannot be rendered to a PDF (and read back) here, or "".

    Odoo renders PDFs with wkhtmltopdf (its own check at start-up,
    ``ir.actions.report.get_wkhtmltopdf_state``); the tests read them back
    with pdftotext. See the README, *Running the tests*."""
    if ir_actions_report.wkhtmltopdf_state in ("install", "broken"):
        return "wkhtmltopdf is not installed or does not run: Odoo renders no PDF"
    if pdftotext and not shutil.which("pdftotext"):
        return "pdftotext (poppler-utils) is not installed"
    return ""


class PdfCase:
    """Mixin for a test class that renders real PDFs: skipped, with the
    reason, without wkhtmltopdf (and pdftotext, unless ``needs_pdftotext``
    is False). Put it first: ``class TestX(PdfCase, HttpCase)``."""

    needs_pdftotext = True

    @classmethod
    def setUpClass(cls):
        reason = missing_pdf_tools(cls.needs_pdftotext)
        if reason:
            raise unittest.SkipTest(reason)
        super().setUpClass()
