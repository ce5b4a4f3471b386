# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The frequency tables of the suggestions (``tools/suggestion.py``), per
company and target, in PostgreSQL, as Odoo CRM keeps the frequencies of its
Predictive Lead Scoring.

One row per (company, target, label, feature):

- a feature row (``feature`` a word stem, a pair of stems, ``channel:...``,
  ``domain:...``): ``count`` is how often the feature occurred in the
  learned complaints with that label;
- a label row (``feature`` empty): ``count`` is the number of learned
  complaints with the label, ``total`` the sum of its feature counts;
- the vocabulary row (``label`` and ``feature`` empty): ``count`` is the
  number of distinct features of the target.

The rows hold counts, never texts (AVG art. 5(1)(c), data minimisation); a
row that falls to zero is deleted, so nothing of a forgotten complaint
remains. Every change is one ``INSERT ... ON CONFLICT DO UPDATE`` per batch,
its rows in key order (two workers lock them in the same order).
"""

from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import suggestion

TARGETS = [
    ("kind", "Kind"),
    ("team", "Team"),
    ("category", "Category"),
    ("hidden", "Hidden Complaint"),
    ("preference", "Handling Preference"),
    ("representative", "Representative"),
    ("ground", "Ground (Outside the Procedure)"),
]


class KlachtenbeheerSuggestionCount(models.Model):
    _name = "klachtenbeheer.suggestion.count"
    _description = "Suggestion Frequency Count"
    _log_access = False
    _order = "company_id, target, label, feature"

    company_id = fields.Many2one(
        comodel_name="res.company", required=True, ondelete="cascade"
    )
    target = fields.Selection(TARGETS, required=True)
    label = fields.Char(required=True)
    feature = fields.Char(required=True)
    count = fields.Integer(readonly=True)
    total = fields.Integer(readonly=True)

    _sql_constraints = [
        (
            "key_unique",
            "UNIQUE (company_id, feature, target, label)",
            "A feature is counted once per company, target and label.",
        )
    ]

    @api.model
    def _add_deltas(self, deltas, company_id, target, label, feats, sign):
        """Add to ``deltas`` ({key: [count, total]}) what learning (``sign``
        1) or forgetting (-1) one complaint with ``label`` and ``feats``
        changes."""
        total = 0
        for feature, count in feats.items():
            if count <= 0:
                continue
            total += count
            deltas[(company_id, feature, target, label)][0] += sign * count
        row = deltas[(company_id, "", target, label)]
        row[0] += sign
        row[1] += sign * total

    @api.model
    def _apply_deltas(self, deltas):
        """Write ``deltas`` (see ``_add_deltas``) in one upsert, then delete
        the rows that fell to zero. Returns the companies changed."""
        rows = sorted(
            (key, change) for key, change in deltas.items() if change[0] or change[1]
        )
        if not rows:
            return set()
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                INSERT INTO klachtenbeheer_suggestion_count AS t
                       (company_id, feature, target, label, count, total)
                SELECT * FROM unnest(%s::int[], %s::varchar[], %s::varchar[],
                                     %s::varchar[], %s::int[], %s::int[])
                ON CONFLICT (company_id, feature, target, label) DO UPDATE
                   SET count = t.count + EXCLUDED.count,
                       total = t.total + EXCLUDED.total
                RETURNING CASE WHEN t.count <= 0 AND t.total <= 0 THEN t.id END
                """,
                [key[0] for key, _change in rows],
                [key[1] for key, _change in rows],
                [key[2] for key, _change in rows],
                [key[3] for key, _change in rows],
                [change[0] for _key, change in rows],
                [change[1] for _key, change in rows],
            )
        )
        empty = [row[0] for row in cr.fetchall() if row[0]]
        if empty:
            cr.execute(
                SQL(
                    "DELETE FROM klachtenbeheer_suggestion_count WHERE id = ANY(%s)",
                    empty,
                )
            )
        self.invalidate_model()
        return {key[0] for key, _change in rows}

    @api.model
    def _refresh_vocabulary(self, company_ids):
        """Store the number of distinct features per target of these
        companies (the smoothing of naive Bayes needs it; one query)."""
        if not company_ids:
            return
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO klachtenbeheer_suggestion_count AS t
                       (company_id, feature, target, label, count, total)
                SELECT c.id, '', k.target, '', COALESCE(v.n, 0), 0
                  FROM unnest(%(companies)s::int[]) AS c(id)
                 CROSS JOIN unnest(%(targets)s::varchar[]) AS k(target)
                  LEFT JOIN (
                        SELECT company_id, target, count(DISTINCT feature) AS n
                          FROM klachtenbeheer_suggestion_count
                         WHERE company_id = ANY(%(companies)s) AND feature <> ''
                         GROUP BY company_id, target
                  ) AS v ON v.company_id = c.id AND v.target = k.target
                ON CONFLICT (company_id, feature, target, label) DO UPDATE
                   SET count = EXCLUDED.count
                """,
                companies=sorted(company_ids),
                targets=list(suggestion.TARGETS),
            )
        )
        self.invalidate_model()

    @api.model
    def _load_tables(self, company_id, features):
        """-> {target: suggestion.Table} of one company with only the rows of
        ``features`` (plus the label and vocabulary rows): one query."""
        self.env.cr.execute(
            SQL(
                """
                SELECT target, label, feature, count, total
                  FROM klachtenbeheer_suggestion_count
                 WHERE company_id = %s AND feature = ANY(%s)
                """,
                company_id,
                ["", *sorted(features)],
            )
        )
        docs = defaultdict(dict)
        totals = defaultdict(dict)
        counts = defaultdict(lambda: defaultdict(dict))
        vocabulary = {}
        for target, label, feature, count, total in self.env.cr.fetchall():
            if not label:
                vocabulary[target] = count
            elif not feature:
                docs[target][label] = count
                totals[target][label] = total
            else:
                counts[target][label][feature] = count
        return {
            target: suggestion.Table(
                docs[target],
                counts[target],
                totals[target],
                vocabulary.get(target, 0),
            )
            for target in docs
        }

    @api.model
    def _examples(self, company_ids):
        """-> {(company id, target): learned complaints}."""
        self.env.cr.execute(
            SQL(
                """
                SELECT company_id, target, sum(count)
                  FROM klachtenbeheer_suggestion_count
                 WHERE company_id = ANY(%s) AND feature = '' AND label <> ''
                 GROUP BY company_id, target
                """,
                list(company_ids),
            )
        )
        return {(row[0], row[1]): row[2] for row in self.env.cr.fetchall()}
