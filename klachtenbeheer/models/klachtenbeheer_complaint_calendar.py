# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import split_every

TERM_FIELDS = (
    "date_ack_due",
    "date_contact_due",
    "date_answer_due",
    "date_answer_warn",
)

# Open complaints are recomputed this many at a time, so a change of a
# busy calendar does not hold every complaint in memory at once.
RECOMPUTE_BATCH = 500


class KlachtenbeheerComplaint(models.Model):
    _inherit = "klachtenbeheer.complaint"  # pylint: disable=consider-merging-classes-inherited

    def _get_calendar_complaints_domain(self, calendars):
        """Open complaints whose terms are counted on ``calendars`` (see
        _get_term_calendar: the team's calendar, else the company's)."""
        return [
            ("is_closed", "=", False),
            "|",
            ("team_id.resource_calendar_id", "in", calendars.ids),
            "&",
            ("team_id.resource_calendar_id", "=", False),
            ("company_id.resource_calendar_id", "in", calendars.ids),
        ]

    def _recompute_terms_for_calendars(self, calendars, kind="holidays"):
        """Recompute the terms of the open complaints counted on
        ``calendars`` after a change of their holidays or working hours;
        each complaint whose answer term moved gets a note saying so
        (Awb 9:11: the complainant's term is counted in working days).
        ``kind``: what changed, "holidays" or "hours"."""
        if not calendars:
            return self.browse()
        complaints = (
            self.sudo()
            .with_context(active_test=False)
            .search(self._get_calendar_complaints_domain(calendars))
        )
        moved = self.browse()
        for ids in split_every(RECOMPUTE_BATCH, complaints.ids):
            batch = complaints.browse(ids)
            before = {c.id: c.date_answer_due for c in batch}
            for fname in TERM_FIELDS:
                self.env.add_to_compute(batch._fields[fname], batch)
            batch.flush_recordset(list(TERM_FIELDS))
            changed = batch.filtered(
                lambda c, before=before: c.date_answer_due != before[c.id]
            )
            changed._log_answer_term_moved(before, kind)
            moved |= changed
        return moved

    def _log_answer_term_moved(self, before, kind):
        """One note per complaint, written in its handler's language."""
        by_lang = {}
        for complaint in self:
            lang = complaint._reader_lang(complaint.user_id)
            by_lang.setdefault(lang, self.browse())
            by_lang[lang] |= complaint
        for lang, complaints in by_lang.items():
            env = complaints.with_context(lang=lang).env
            bodies = {}
            for complaint in complaints:
                old = before[complaint.id]
                new = complaint.date_answer_due
                dates = {
                    "old": old.strftime("%d-%m-%Y") if old else "-",
                    "new": new.strftime("%d-%m-%Y") if new else "-",
                }
                if kind == "hours":
                    body = env._(
                        "The answer term moved from %(old)s to %(new)s because "
                        "of a change of the working hours.",
                        **dates,
                    )
                else:
                    body = env._(
                        "The answer term moved from %(old)s to %(new)s because "
                        "of a change of the holidays.",
                        **dates,
                    )
                bodies[complaint.id] = body
            complaints._message_log_batch(bodies=bodies)
