# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Suggestions learned from the register: for a new complaint, from any
channel, the kind (WMD-klachtenbeleid §1.2), the team, the category, whether
it is a hidden complaint, the handling the complainant asks for (Awb 9:10),
whether someone writes on the complainant's behalf and a ground not to handle
it on substance (Awb 9:8), each with its confidence and the words that led to
it (``tools/suggestion.py``: naive Bayes over frequency tables, as Odoo CRM's
Predictive Lead Scoring).

- The tables (``klachtenbeheer.suggestion.count``) learn from the final
  values of closed complaints, a batch per run of a cron; the complaint keeps
  the labels (not the text) it was learned with, so that a correction after
  closing is learned again exactly and anonymising (AVG art. 17, retention)
  takes its contribution out before the text is wiped.
- A suggestion is a line on the complaint, made at registration (the intake
  cron for mail): the form and the list read it cheaply. It never changes the
  complaint by itself: a person accepts it (one click, through ``write``, so
  every rule applies), one complaint or a selection at once. The only
  exception is the team, when the coordinator switches on automatic
  assignment above a confidence (company settings).
- A line is part of its complaint: who may read the complaint may read its
  suggestions, nobody else (``_search`` and ``_check_access``, as the
  complaint's elements); portal users have no access at all.
"""

import json
import logging
from collections import Counter, defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import handling_preference, suggestion, suggestion_features
from .klachtenbeheer_complaint import HANDLING_PREFERENCES
from .klachtenbeheer_complaint_triage import KINDS
from .klachtenbeheer_suggestion_count import TARGETS, sql_array

_logger = logging.getLogger(__name__)

# A line is shown from this confidence on (the best label of its target).
MIN_CONFIDENCE = 0.4
# Grounds are offered as the keywords were: any ground the text points to
# (a person checks it in the wizard, never automatically).
MIN_CONFIDENCE_GROUND = 0.2
# The handling a complainant asks for in so many words ("ik wil een
# hoorzitting", tools/handling_preference.py, which reads negations) is a
# strong signal (Awb 9:10): it multiplies the odds of that label by this,
# and it is at least this likely (the intake takes it as the preference).
PREFERENCE_SIGNAL = 50
PREFERENCE_ASKED = 0.9
# Targets whose labels are the organisation's records: the text must name a
# word for them, a suggestion from the prior alone says nothing.
RECORD_TARGETS = ("team", "category", "ground")
# What "Accept Suggestions" on a selection takes over: the fields a plain
# write sets. Another kind needs a redirection note, a ground the wizard that
# writes the referral, a representative a contact: one at a time.
MASS_TARGETS = ("team", "category", "hidden", "preference")
# Channels whose team is a routing default (the alias, the web form's
# category), not a person's choice: automatic assignment may replace it.
ROUTED_CHANNELS = ("email", "web_form")
# Writing these on a learned complaint changes what it teaches: learned again
# by the cron.
LEARN_FIELDS = {
    "kind",
    "team_id",
    "category_id",
    "is_hidden_complaint",
    "handling_preference",
    "representative_id",
    "outside_procedure_ground_id",
    "stage_id",
    "active",
}
# The text it was learned from: forgotten before it changes (the tables keep
# no text to forget it from afterwards).
TEXT_FIELDS = {"subject", "description"}
# Complaints the learning cron has work on: to learn, to learn again or to
# forget (a partial index holds exactly these).
LEARN_PENDING = SQL(
    "(suggestion_learn_pending OR (suggestion_labels IS NULL AND is_closed "
    "AND active AND anonymised IS NOT TRUE))"
)
LEARN_COLUMNS = (
    "company_id",
    "subject",
    "description",
    "channel",
    "email_normalized",
    "kind",
    "team_id",
    "category_id",
    "is_hidden_complaint",
    "handling_preference",
    "representative_id",
    "outside_procedure_ground_id",
)


def _features(subject, description, channel, domain):
    """-> (feats, surface) of a complaint's text, to suggest
    (``tools/suggestion``)."""
    return suggestion.analyse(
        subject or "",
        suggestion_features.plain(description),
        channel or None,
        domain or None,
    )


def _learned_features(subject, description, channel, domain):
    """-> feats of a complaint's text, to learn or forget."""
    return suggestion_features.learned(
        subject or "",
        suggestion_features.plain(description),
        channel or None,
        domain or None,
    )


def _domain(email):
    return email.rpartition("@")[2] if email and "@" in email else False


def _restrict(table, labels):
    """``table`` with only ``labels`` (those a complaint may carry: the
    grounds of its kind of organisation, the teams that still exist)."""
    if table is None:
        return None
    return suggestion.Table(
        {k: v for k, v in table.docs.items() if k in labels},
        {k: v for k, v in table.counts.items() if k in labels},
        {k: v for k, v in table.totals.items() if k in labels},
        table.vocabulary,
    )


def _strengthen(found, label, factor, floor=0.0):
    """``found`` (suggestions of all labels of a target) with the odds of
    ``label`` multiplied by ``factor`` (and its confidence at least
    ``floor``), best first."""
    before = next((r.confidence for r in found if r.label == label), None)
    if before is None:
        return found
    after = max(before * factor / (before * factor + (1.0 - before)), floor)
    scale = (1.0 - after) / (1.0 - before) if before < 1.0 else 0.0
    result = [
        r._replace(confidence=after if r.label == label else r.confidence * scale)
        for r in found
    ]
    return sorted(result, key=lambda r: -r.confidence)


def _labels(values):
    """{target: label} of a complaint's values (ids for the records), the
    labels it teaches; a target without a value teaches nothing."""
    labels = {
        "kind": values["kind"] or "complaint",
        "hidden": "yes" if values["is_hidden_complaint"] else "no",
        "preference": values["handling_preference"] or "informal",
        "representative": "yes" if values["representative_id"] else "no",
        "ground": str(values["outside_procedure_ground_id"] or "none"),
    }
    if values["team_id"]:
        labels["team"] = str(values["team_id"])
    if values["category_id"]:
        labels["category"] = str(values["category_id"])
    return labels


class KlachtenbeheerComplaintSuggestion(models.Model):
    _name = "klachtenbeheer.complaint.suggestion"
    _inherit = ["klachtenbeheer.complaint.part.mixin"]
    _description = "Complaint Suggestion"
    _order = "complaint_id, sequence, confidence desc, id"
    _log_access = False

    complaint_id = fields.Many2one(
        comodel_name="klachtenbeheer.complaint",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="complaint_id.company_id", store=True, index=True
    )
    target = fields.Selection(TARGETS, string="Suggestion For", required=True)
    sequence = fields.Integer()
    value = fields.Char(required=True, help="The label suggested.")
    value_name = fields.Char(string="Suggestion", compute="_compute_value_name")
    confidence = fields.Float(
        digits=(3, 2), help="How likely the suggestion is, from 0 to 1."
    )
    words = fields.Char(
        string="Because Of",
        help="The words of the complaint that led most to this suggestion.",
    )
    is_current = fields.Boolean(
        compute="_compute_is_current",
        help="The complaint already has this value.",
    )
    can_accept = fields.Boolean(compute="_compute_is_current")

    @api.depends("target", "value")
    def _compute_value_name(self):
        Complaint = self.env["klachtenbeheer.complaint"]
        selections = {
            "kind": dict(Complaint._fields["kind"]._description_selection(self.env)),
            "preference": dict(
                Complaint._fields["handling_preference"]._description_selection(
                    self.env
                )
            ),
        }
        _ = self.env._
        binary = {
            "hidden": {
                "yes": _("A hidden complaint"),
                "no": _("Not a hidden complaint"),
            },
            "representative": {
                "yes": _(
                    "Written on the complainant's behalf: fill in the representative"
                ),
                "no": _("Written by the complainant"),
            },
        }
        models_of = {
            "team": "klachtenbeheer.team",
            "category": "klachtenbeheer.category",
            "ground": "klachtenbeheer.procedure.ground",
        }
        for line in self:
            if line.target in models_of:
                record = (
                    self.env[models_of[line.target]]
                    .sudo()
                    .browse(int(line.value))
                    .exists()
                )
                line.value_name = record.display_name or line.value
            elif line.target in selections:
                line.value_name = selections[line.target].get(line.value, line.value)
            else:
                line.value_name = binary[line.target].get(line.value, line.value)

    @api.depends(
        "target",
        "value",
        "complaint_id.kind",
        "complaint_id.team_id",
        "complaint_id.category_id",
        "complaint_id.is_hidden_complaint",
        "complaint_id.handling_preference",
        "complaint_id.representative_id",
        "complaint_id.outside_procedure_ground_id",
    )
    def _compute_is_current(self):
        for line in self:
            complaint = line.complaint_id.sudo()
            current = _labels(
                {
                    "kind": complaint.kind,
                    "team_id": complaint.team_id.id,
                    "category_id": complaint.category_id.id,
                    "is_hidden_complaint": complaint.is_hidden_complaint,
                    "handling_preference": complaint.handling_preference,
                    "representative_id": complaint.representative_id.id,
                    "outside_procedure_ground_id": (
                        complaint.outside_procedure_ground_id.id
                    ),
                }
            )
            line.is_current = current.get(line.target) == line.value
            line.can_accept = not line.is_current and line.target != "representative"

    def action_accept(self):
        """Accept this suggestion on its complaint, as the user (through
        ``write``: every rule of the complaint applies)."""
        self.ensure_one()
        return self.complaint_id._suggestion_accept(self)


class KlachtenbeheerComplaint(models.Model):
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "klachtenbeheer.complaint"

    suggestion_ids = fields.One2many(
        comodel_name="klachtenbeheer.complaint.suggestion",
        inverse_name="complaint_id",
        string="Suggestions",
        copy=False,
        groups="base.group_user",
    )
    # Computed as superuser for the whole page at once (the list shows it):
    # the suggestions' own rules are not the reader's concern here.
    suggestion_summary = fields.Char(
        string="Suggested",
        compute="_compute_suggestion_summary",
        compute_sudo=True,
        groups="base.group_user",
        help="What the suggestions would change, with their confidence.",
    )
    has_open_suggestions = fields.Boolean(
        compute="_compute_suggestion_summary",
        compute_sudo=True,
        groups="base.group_user",
    )
    # What the complaint was learned with (labels, channel and mail domain;
    # never its text), so that it is forgotten exactly.
    suggestion_labels = fields.Json(copy=False, readonly=True, groups="base.group_user")
    suggestion_learn_pending = fields.Boolean(
        copy=False, readonly=True, groups="base.group_user"
    )

    def init(self):
        res = super().init()
        # The learning cron looks for these rows only.
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS klachtenbeheer_complaint_learn_idx "
                "ON klachtenbeheer_complaint (id) WHERE %s",
                LEARN_PENDING,
            )
        )
        return res

    @api.depends(
        "suggestion_ids.value",
        "suggestion_ids.confidence",
        "suggestion_ids.is_current",
    )
    def _compute_suggestion_summary(self):
        for complaint in self:
            lines = [line for line in complaint.suggestion_ids if not line.is_current]
            complaint.has_open_suggestions = bool(lines)
            complaint.suggestion_summary = ", ".join(
                f"{line.value_name} ({round(line.confidence * 100)}%)"
                for line in lines
                if line.target in MASS_TARGETS
            )

    def _guarded_fields(self):
        return super()._guarded_fields() | {
            "suggestion_labels",
            "suggestion_learn_pending",
        }

    # ------------------------------------------------------------------
    # Registration: the suggestions are made
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        complaints = super().create(vals_list)
        # The mail gateway leaves them to the intake cron (see
        # _complete_registration): the gateway stays fast.
        todo = self.browse()
        routed = self.browse()
        for complaint, vals in zip(complaints, vals_list, strict=True):
            if vals.get("registration_pending"):
                continue
            todo |= complaint
            if not vals.get("team_id") or vals.get("channel") in ROUTED_CHANNELS:
                routed |= complaint
        if todo:
            todo._suggestion_refresh(auto_team=routed, replace=False)
        return complaints

    def _complete_registration(self):  # pylint: disable=missing-return
        super()._complete_registration()
        # A mail's team is the alias's: a routing default.
        self._suggestion_refresh(auto_team=self)

    def write(self, vals):
        text_changes = TEXT_FIELDS.intersection(vals)
        if text_changes and self._suggestion_maybe_learned():
            # Before the text changes: the tables are given back what this
            # text taught them; the cron learns the new text.
            self._suggestion_forget()
        res = super().write(vals)
        if LEARN_FIELDS.intersection(vals) and self._suggestion_maybe_learned():
            self.env.cr.execute(
                SQL(
                    "UPDATE klachtenbeheer_complaint SET suggestion_learn_pending "
                    "= TRUE WHERE id = ANY(%s) AND suggestion_labels IS NOT NULL",
                    self.ids,
                )
            )
            self.invalidate_recordset(["suggestion_learn_pending"])
        if text_changes:
            self.filtered(lambda c: not c.registration_pending)._suggestion_refresh()
        return res

    def _suggestion_maybe_learned(self):
        """Whether any of these complaints may have been learned (no query
        when the cache knows they were not: a new complaint)."""
        field = self._fields["suggestion_labels"]
        cache = self.env.cache
        return any(
            not cache.contains(complaint, field) or cache.get(complaint, field)
            for complaint in self
        )

    def unlink(self):
        self._suggestion_forget()
        return super().unlink()

    def _anonymise(self, reason, request=None):  # pylint: disable=missing-return
        # AVG art. 17 and the retention period: the contribution to the
        # tables goes first, while the text is still there to know it; the
        # suggestions' words go with the text.
        todo = self.sudo().filtered(lambda c: not c.anonymised)
        todo._suggestion_forget()
        if todo:
            self.env.cr.execute(
                SQL(
                    "DELETE FROM klachtenbeheer_complaint_suggestion "
                    "WHERE complaint_id = ANY(%s)",
                    todo.ids,
                )
            )
            self.env["klachtenbeheer.complaint.suggestion"].invalidate_model()
            todo.invalidate_recordset(["suggestion_ids"])
        super()._anonymise(reason, request=request)

    # ------------------------------------------------------------------
    # Suggesting
    # ------------------------------------------------------------------
    def _suggestion_plain_text(self):
        self.ensure_one()
        body = suggestion_features.plain(self.description)
        return f"{self.subject or ''}\n{body}"

    def _suggestion_text_features(self):
        self.ensure_one()
        return _features(
            self.subject,
            self.description,
            self.channel,
            _domain(self.email_normalized),
        )

    def _suggestion_records(self, company):
        """{target: {label: (words, applies_to)}} of the organisation's own
        records a suggestion may name: the company's teams, the categories,
        the grounds (their names and keywords are the cold start), in the
        company's language. One query."""
        lang = company.partner_id.lang or "nl_NL"
        self.env.cr.execute(
            SQL(
                """
                SELECT 'team', id, COALESCE(name->>%(lang)s, name->>'en_US'),
                       description, 'all'
                  FROM klachtenbeheer_team
                 WHERE active AND company_id = %(company)s
                 UNION ALL
                SELECT 'category', id, COALESCE(name->>%(lang)s, name->>'en_US'),
                       COALESCE(description->>%(lang)s, description->>'en_US'),
                       'all'
                  FROM klachtenbeheer_category
                 WHERE active
                 UNION ALL
                SELECT 'ground', id, COALESCE(name->>%(lang)s, name->>'en_US'),
                       keywords, applies_to
                  FROM klachtenbeheer_procedure_ground
                 WHERE active AND (company_id IS NULL OR company_id = %(company)s)
                """,
                lang=lang,
                company=company.id,
            )
        )
        records = defaultdict(dict)
        for target, record_id, name, extra, applies_to in self.env.cr.fetchall():
            words = [name or ""]
            if target == "ground":
                words += [w.strip() for w in (extra or "").split(",") if w.strip()]
            elif extra:
                words.append(extra)
            records[target][str(record_id)] = (words, applies_to)
        return records

    def _suggestion_priors(self, records):
        priors = {}
        for target in suggestion.TARGETS:
            if target in RECORD_TARGETS:
                priors[target] = suggestion.keyword_table(
                    {label: words for label, (words, _a) in records[target].items()}
                )
            else:
                priors[target] = suggestion.cold_start(target)
        return priors

    def _suggestion_valid_labels(self, target, records):
        """The labels a line of this complaint may carry for ``target``."""
        if target == "kind":
            return {kind for kind, _label in KINDS}
        if target == "preference":
            return {code for code, _label in HANDLING_PREFERENCES}
        if target in ("hidden", "representative"):
            return {"yes", "no"}
        if target == "ground":
            public = self.term_profile_id.is_public_body
            return {
                label
                for label, (_w, applies_to) in records["ground"].items()
                if public or applies_to == "all"
            } | {"none"}
        return set(records[target])

    def _suggestion_current(self):
        self.ensure_one()
        return _labels(
            {
                "kind": self.kind,
                "team_id": self.team_id.id,
                "category_id": self.category_id.id,
                "is_hidden_complaint": self.is_hidden_complaint,
                "handling_preference": self.handling_preference,
                "representative_id": self.representative_id.id,
                "outside_procedure_ground_id": self.outside_procedure_ground_id.id,
            }
        )

    def _suggestion_lines(self, results):
        """Values of the suggestion lines of this complaint from ``results``
        ({target: [suggestion.Suggestion]}): the best label of each target
        when it would change the complaint, confident enough and, for the
        organisation's records, named by a word of the text; every ground
        the text points to."""
        self.ensure_one()
        current = self._suggestion_current()
        vals_list = []
        for sequence, target in enumerate(suggestion.TARGETS):
            found = results.get(target, [])
            if target == "ground":
                chosen = [
                    r
                    for r in found
                    if r.label != "none"
                    and r.confidence >= MIN_CONFIDENCE_GROUND
                    and r.words
                ]
            else:
                chosen = found[:1]
                chosen = [
                    r
                    for r in chosen
                    if r.confidence >= MIN_CONFIDENCE
                    and r.label != current.get(target)
                    and (r.words or target not in RECORD_TARGETS)
                    and not (target == "representative" and r.label == "no")
                ]
            vals_list += [
                {
                    "complaint_id": self.id,
                    "target": target,
                    "sequence": sequence,
                    "value": r.label,
                    "confidence": r.confidence,
                    "words": ", ".join(r.words),
                }
                for r in chosen
            ]
        return vals_list

    def _suggestion_refresh(self, auto_team=None, replace=True):
        """Make the suggestion lines of these complaints (the open ones):
        per company one query for the counts of all their words and all
        targets, one for the organisation's records, one insert.

        :param auto_team: the complaints whose team automatic assignment may
            set, when the company switched it on
        :param replace: drop the lines they have (False for new complaints)
        """
        complaints = self.sudo().filtered(lambda c: not c.is_closed)
        if replace and self:
            self.env.cr.execute(
                SQL(
                    "DELETE FROM klachtenbeheer_complaint_suggestion "
                    "WHERE complaint_id = ANY(%s)",
                    self.ids,
                )
            )
            self.env["klachtenbeheer.complaint.suggestion"].invalidate_model()
            self.invalidate_recordset(["suggestion_ids"])
        if not complaints:
            return
        Count = self.env["klachtenbeheer.suggestion.count"].sudo()
        vals_list = []
        for company in complaints.company_id:
            group = complaints.filtered(lambda c, co=company: c.company_id == co)
            analysed = {c: c._suggestion_text_features() for c in group}
            features = set()
            for feats, _surface in analysed.values():
                features.update(feats)
            tables = Count._load_tables(company.id, features)
            records = self._suggestion_records(company)
            priors = self._suggestion_priors(records)
            restricted = {}
            for complaint, (feats, surface) in analysed.items():
                results = {}
                for target in suggestion.TARGETS:
                    valid = frozenset(
                        complaint._suggestion_valid_labels(target, records)
                    )
                    if (target, valid) not in restricted:
                        restricted[target, valid] = (
                            _restrict(tables.get(target), valid),
                            _restrict(priors[target], valid),
                        )
                    table, prior = restricted[target, valid]
                    results[target] = suggestion.suggest(
                        table,
                        feats,
                        surface,
                        prior=prior,
                        # (All preferences: the complainant's words may
                        # raise any of them, see below.)
                        top=len(valid) if target == "preference" else 3,
                        explain=5,
                    )
                asked = handling_preference.detect(complaint._suggestion_plain_text())
                if asked:
                    results["preference"] = _strengthen(
                        results["preference"],
                        asked,
                        PREFERENCE_SIGNAL,
                        PREFERENCE_ASKED,
                    )
                vals_list += complaint._suggestion_lines(results)
        if vals_list:
            self._suggestion_insert(vals_list)
        if auto_team:
            (auto_team & complaints)._suggestion_assign_team()

    def _suggestion_insert(self, vals_list):
        """Store the lines in one insert (the intake cron's batch and a
        registration stay quick; no rule or default applies to them)."""
        columns = ("complaint_id", "target", "sequence", "value", "confidence", "words")
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO klachtenbeheer_complaint_suggestion
                       (complaint_id, company_id, target, sequence, value,
                        confidence, words)
                SELECT v.complaint_id, c.company_id, v.target, v.sequence,
                       v.value, v.confidence, v.words
                  FROM unnest(%s::int[], %s::varchar[], %s::int[], %s::varchar[],
                              %s::numeric[], %s::varchar[])
                       AS v(complaint_id, target, sequence, value, confidence, words)
                  JOIN klachtenbeheer_complaint c ON c.id = v.complaint_id
                """,
                *(
                    sql_array(
                        round(vals[column], 4)
                        if column == "confidence"
                        else vals[column]
                        for vals in vals_list
                    )
                    for column in columns
                ),
            )
        )
        self.env["klachtenbeheer.complaint.suggestion"].invalidate_model()
        self.invalidate_recordset(["suggestion_ids"])

    def _suggestion_assign_team(self):
        """Automatic assignment (company settings): the suggested team, when
        its confidence reaches the company's threshold and nobody handles the
        complaint yet; the chatter says why."""
        for complaint in self.filtered(
            lambda c: c.company_id.klachtenbeheer_suggest_auto_team and not c.user_id
        ):
            threshold = complaint.company_id.klachtenbeheer_suggest_auto_team_confidence
            line = complaint.suggestion_ids.filtered(
                lambda line: line.target == "team" and not line.is_current
            )[:1]
            if not line or line.confidence < threshold:
                continue
            complaint.write({"team_id": int(line.value)})
            env = complaint.with_context(
                lang=complaint.company_id.partner_id.lang or "en_US"
            ).env
            complaint.message_post(
                body=Markup("<p>%s</p>")
                % env._(
                    "Team set to %(team)s by the suggestion (confidence "
                    "%(confidence)s%%, because of: %(words)s).",
                    team=complaint.team_id.with_env(env).display_name,
                    confidence=round(line.confidence * 100),
                    words=line.words or "-",
                ),
                subtype_xmlid="mail.mt_note",
            )

    # ------------------------------------------------------------------
    # Accepting
    # ------------------------------------------------------------------
    @api.model
    def _suggestion_values(self, target, value):
        """The values a write sets to accept ``value`` for ``target``, or
        None when accepting takes more than a write."""
        if target == "team":
            return {"team_id": int(value)}
        if target == "category":
            return {"category_id": int(value)}
        if target == "hidden":
            return {"is_hidden_complaint": value == "yes"}
        if target == "preference":
            return {"handling_preference": value}
        if target == "kind" and value == "complaint":
            return {"kind": value}
        return None

    def _suggestion_accept(self, line):
        """Accept one suggestion line on this complaint, as the user."""
        self.ensure_one()
        values = self._suggestion_values(line.target, line.value)
        if values is not None:
            self.write(values)
            return True
        if line.target == "kind":
            # Another kind is a redirection: the wizard asks where it went.
            action = self.action_open_triage_wizard()
            action["context"] = dict(action["context"], default_kind=line.value)
            return action
        if line.target == "ground":
            action = self.action_open_outside_procedure_wizard()
            action["context"] = dict(
                action["context"], default_ground_id=int(line.value)
            )
            return action
        return False

    def action_accept_suggestions(self):
        """Accept, on each complaint of the selection, the best suggestion of
        the team, the category, the hidden complaint and the handling
        preference (one write per set of equal values; every rule applies).
        Another kind, a ground or a representative are accepted one by one
        on the form."""
        todo = defaultdict(lambda: self.browse())
        for complaint in self:
            values = {}
            seen = set()
            for line in complaint.suggestion_ids.sorted(lambda line: -line.confidence):
                if (
                    line.target in MASS_TARGETS
                    and line.target not in seen
                    and not line.is_current
                ):
                    seen.add(line.target)
                    values.update(self._suggestion_values(line.target, line.value))
            if values:
                todo[json.dumps(values, sort_keys=True)] |= complaint
        for key, complaints in todo.items():
            complaints.write(json.loads(key))
        done = sum(len(complaints) for complaints in todo.values())
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if done else "warning",
                "message": self.env._(
                    "Suggestions accepted on %(done)s of %(total)s complaints.",
                    done=done,
                    total=len(self),
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # ------------------------------------------------------------------
    # Learning and forgetting
    # ------------------------------------------------------------------
    def _suggestion_forget(self):
        """Take out of the tables what these complaints taught them (with the
        labels, channel and domain they were learned with and their text as
        it still is), and mark them unlearned."""
        learned = self.sudo().filtered("suggestion_labels")
        if not learned:
            return
        Count = self.env["klachtenbeheer.suggestion.count"].sudo()
        deltas = Count._new_deltas()
        for complaint in learned:
            stored = complaint.suggestion_labels
            feats = _learned_features(
                complaint.subject,
                complaint.description,
                stored.get("_channel"),
                stored.get("_domain"),
            )
            for target, label in stored.items():
                if not target.startswith("_"):
                    Count._add_deltas(
                        deltas, complaint.company_id.id, target, label, feats, -1
                    )
        Count._apply_deltas(deltas)
        self.env.cr.execute(
            SQL(
                "UPDATE klachtenbeheer_complaint SET suggestion_labels = NULL, "
                "suggestion_learn_pending = FALSE WHERE id = ANY(%s)",
                learned.ids,
            )
        )
        learned.invalidate_recordset(["suggestion_labels", "suggestion_learn_pending"])

    @api.model
    def _cron_learn_suggestions(self, batch_size=1000):
        """Learn the final values of closed complaints, a batch per run
        (the cron runner commits and calls again while work remains).

        Each complaint is locked while it is learned (``SKIP LOCKED``: a
        second worker takes the next ones) and keeps, in the same
        transaction, the labels it was learned with: a rerun learns nothing
        twice. A complaint whose values changed since is learned again (the
        old labels forgotten, the new ones learned); one reopened, archived
        or anonymised is forgotten. One upsert per batch."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                SELECT id, %(columns)s,
                       (is_closed AND active AND anonymised IS NOT TRUE),
                       suggestion_labels
                  FROM klachtenbeheer_complaint
                 WHERE %(pending)s
                 ORDER BY id
                 LIMIT %(limit)s
                   FOR NO KEY UPDATE SKIP LOCKED
                """,
                columns=SQL(", ").join(SQL.identifier(c) for c in LEARN_COLUMNS),
                pending=LEARN_PENDING,
                limit=batch_size,
            )
        )
        rows = cr.fetchall()
        Count = self.env["klachtenbeheer.suggestion.count"].sudo()
        deltas = Count._new_deltas()
        groups = {}
        ids, stored = [], []
        for row in rows:
            values = dict(zip(LEARN_COLUMNS, row[1:-2], strict=True))
            learnable, old = row[-2], row[-1]
            new = None
            if learnable:
                new = _labels(values)
                new["_channel"] = values["channel"] or False
                new["_domain"] = _domain(values["email_normalized"])
            ids.append(row[0])
            stored.append(json.dumps(new) if new else None)
            if old == new:
                continue
            company_id = values["company_id"]
            # Forgotten with what it was learned with; the text has not
            # changed since (a change of text is forgotten at once, see write).
            for labels, sign in ((old, -1), (new, 1)):
                if not labels:
                    continue
                feats = _learned_features(
                    values["subject"],
                    values["description"],
                    labels.get("_channel"),
                    labels.get("_domain"),
                )
                other = (new if sign < 0 else old) or {}
                same_context = other.get("_channel") == labels.get(
                    "_channel"
                ) and other.get("_domain") == labels.get("_domain")
                # (A label learned and kept changes nothing.)
                changed = tuple(
                    sorted(
                        (target, label)
                        for target, label in labels.items()
                        if not target.startswith("_")
                        and not (same_context and other.get(target) == label)
                    )
                )
                if not changed:
                    continue
                # Complaints with the same labels are added up first: a
                # batch then adds each word once per set of labels, not once
                # per complaint and target.
                group = groups.get((company_id, sign, changed))
                if group is None:
                    group = groups[company_id, sign, changed] = [Counter(), 0, 0]
                group[0].update(feats)
                group[1] += 1
                group[2] += sum(feats.values())
        for (company_id, sign, changed), (feats, docs, total) in groups.items():
            for target, label in changed:
                Count._add_deltas(
                    deltas, company_id, target, label, feats, sign, total, docs
                )
        Count._apply_deltas(deltas)
        if ids:
            cr.execute(
                SQL(
                    """
                    UPDATE klachtenbeheer_complaint AS c
                       SET suggestion_labels = v.labels,
                           suggestion_learn_pending = FALSE
                      FROM unnest(%s::int[], %s::jsonb[]) AS v(id, labels)
                     WHERE c.id = v.id
                    """,
                    ids,
                    stored,
                )
            )
            self.invalidate_model(["suggestion_labels", "suggestion_learn_pending"])
        remaining = 0
        if len(rows) == batch_size:
            cr.execute(
                SQL(
                    "SELECT count(*) FROM klachtenbeheer_complaint WHERE %s",
                    LEARN_PENDING,
                )
            )
            remaining = cr.fetchone()[0]
        self.env["ir.cron"]._notify_progress(done=len(rows), remaining=remaining)
        return len(rows)
