# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The frequency tables of the suggestions (``tools/suggestion.py``), per
company, in PostgreSQL, as Odoo CRM keeps the frequencies of its Predictive
Lead Scoring.

One row per company and feature (a Dutch word stem, ``channel:...``,
``domain:...``); ``counts`` holds, per ``target:label``, how often the
feature occurred in the learned complaints with that label. Three rows of
each company hold the rest: ``@docs`` (learned complaints per
``target:label``), ``@totals`` (the sum of the feature counts per
``target:label``) and ``@vocabulary`` (``{"*": distinct features}``).

One row per feature, not per feature and label: learning a complaint
touches a row per word, not seven (one per target), which keeps learning a
large register within a minute (see docs/suggestions.md). Pairs of stems
(``tools/suggestion.analyse``) are not learned: nearly every pair is new,
the table would grow with the register's text (they still count in the
cold start, which is built in memory).

The rows hold counts, never texts (AVG art. 5(1)(c), data minimisation); a
count that falls to zero is removed and a row without counts deleted, so
nothing of a forgotten complaint remains. Every change is one ``INSERT ...
ON CONFLICT DO UPDATE`` per batch, its rows in key order (two workers lock
them in the same order).
"""

import json
from collections import Counter, defaultdict

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
DOCS = "@docs"
TOTALS = "@totals"
VOCABULARY = "@vocabulary"
SPECIAL = (DOCS, TOTALS, VOCABULARY)


def learned_features(feats):
    """The features of ``feats`` that the tables learn: no pairs of stems."""
    return {
        feature: count
        for feature, count in feats.items()
        if "_" not in feature or feature.startswith(("channel:", "domain:"))
    }


def sql_array(values):
    """A PostgreSQL array literal of ``values``, given as one parameter:
    parsed by ``array_in``, much faster for a large batch than the
    ``ARRAY[...]`` of as many parameters psycopg2 makes of a list."""
    quoted = (str(value).replace("\\", "\\\\").replace('"', '\\"') for value in values)
    return "{" + ",".join(f'"{value}"' for value in quoted) + "}"


class KlachtenbeheerSuggestionCount(models.Model):
    _name = "klachtenbeheer.suggestion.count"
    _description = "Suggestion Frequency Count"
    _log_access = False
    _order = "company_id, feature"

    company_id = fields.Many2one(
        comodel_name="res.company", required=True, ondelete="cascade"
    )
    feature = fields.Char(required=True, readonly=True)
    counts = fields.Json(readonly=True)

    _sql_constraints = [
        (
            "feature_unique",
            "UNIQUE (company_id, feature)",
            "A feature is counted once per company.",
        )
    ]

    @api.model
    def _new_deltas(self):
        """{(company id, "target:label"): Counter of features}: what a batch
        changes, gathered per label (see ``_add_deltas``)."""
        return defaultdict(Counter)

    @api.model
    def _add_deltas(
        self, deltas, company_id, target, label, feats, sign, total=None, docs=1
    ):
        """Add to ``deltas`` what learning (``sign`` 1) or forgetting (-1)
        ``docs`` complaints (one by default) with ``label`` and features
        ``feats`` (their sum; see ``tools/suggestion_features.learned``)
        changes."""
        counter = deltas[company_id, f"{target}:{label}"]
        if sign > 0:
            counter.update(feats)
        else:
            counter.subtract(feats)
        counter[DOCS] += sign * docs
        counter[TOTALS] += sign * (sum(feats.values()) if total is None else total)

    @api.model
    def _upsert(self, changes):
        """Add ``changes`` ({(company id, feature): {target:label: n}}) to the
        rows in one statement. -> (companies changed, {company: rows
        inserted}, ids of rows left without counts)."""
        rows = []
        for key in sorted(changes):
            change = {k: v for k, v in changes[key].items() if v}
            if change:
                rows.append((key, change))
        if not rows:
            return set(), {}, []
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO klachtenbeheer_suggestion_count AS t
                       (company_id, feature, counts)
                SELECT * FROM unnest(%s::int[], %s::varchar[], %s::jsonb[])
                ON CONFLICT (company_id, feature) DO UPDATE
                   SET counts = (
                       SELECT COALESCE(jsonb_object_agg(k, n), '{}'::jsonb)
                         FROM (SELECT k, sum(v) AS n
                                 FROM (SELECT key AS k, value::int AS v
                                         FROM jsonb_each_text(t.counts)
                                       UNION ALL
                                       SELECT key, value::int
                                         FROM jsonb_each_text(EXCLUDED.counts)
                                      ) AS added
                                GROUP BY k
                               HAVING sum(v) <> 0) AS summed)
                RETURNING t.company_id, t.feature, t.xmax = 0, t.counts = '{}'::jsonb,
                          t.id
                """,
                sql_array(key[0] for key, _change in rows),
                sql_array(key[1] for key, _change in rows),
                sql_array(
                    json.dumps(change, sort_keys=True, separators=(",", ":"))
                    for _key, change in rows
                ),
            )
        )
        inserted = defaultdict(int)
        empty = []
        for company_id, feature, is_new, is_empty, row_id in self.env.cr.fetchall():
            if feature in SPECIAL:
                if is_empty:
                    empty.append(row_id)
                continue
            if is_new and not is_empty:
                inserted[company_id] += 1
            elif is_empty:
                empty.append(row_id)
                if not is_new:
                    inserted[company_id] -= 1
        return {key[0] for key, _change in rows}, inserted, empty

    @api.model
    def _apply_deltas(self, deltas):
        """Write ``deltas`` (see ``_add_deltas``): one upsert, then, when the
        set of features changed, the vocabulary (one more) and the rows left
        without counts (deleted: nothing of a forgotten complaint stays)."""
        changes = defaultdict(dict)
        for (company_id, key), counter in deltas.items():
            for feature, count in counter.items():
                if count:
                    changes[company_id, feature][key] = count
        companies, inserted, empty = self._upsert(changes)
        vocabulary = {
            (company_id, VOCABULARY): {"*": change}
            for company_id, change in inserted.items()
            if change
        }
        if vocabulary:
            empty += self._upsert(vocabulary)[2]
        if empty:
            self.env.cr.execute(
                SQL(
                    "DELETE FROM klachtenbeheer_suggestion_count WHERE id = ANY(%s)",
                    empty,
                )
            )
        self.invalidate_model()
        return companies

    @api.model
    def _load_tables(self, company_id, features):
        """-> {target: suggestion.Table} of one company with only the rows of
        ``features`` (plus the docs, totals and vocabulary): one query."""
        self.env.cr.execute(
            SQL(
                """
                SELECT feature, counts
                  FROM klachtenbeheer_suggestion_count
                 WHERE company_id = %s AND feature = ANY(%s)
                """,
                company_id,
                [*SPECIAL, *sorted(learned_features(dict.fromkeys(features, 1)))],
            )
        )
        docs = defaultdict(dict)
        totals = defaultdict(dict)
        counts = defaultdict(lambda: defaultdict(dict))
        vocabulary = 0
        for feature, row in self.env.cr.fetchall():
            if feature == VOCABULARY:
                vocabulary = row.get("*", 0)
                continue
            for key, count in row.items():
                target, _sep, label = key.partition(":")
                if feature == DOCS:
                    docs[target][label] = count
                elif feature == TOTALS:
                    totals[target][label] = count
                else:
                    counts[target][label][feature] = count
        return {
            target: suggestion.Table(
                docs[target], counts[target], totals[target], vocabulary
            )
            for target in docs
        }

    @api.model
    def _examples(self, company_ids):
        """-> {(company id, target): learned complaints}."""
        self.env.cr.execute(
            SQL(
                "SELECT company_id, counts FROM klachtenbeheer_suggestion_count "
                "WHERE company_id = ANY(%s) AND feature = %s",
                list(company_ids),
                DOCS,
            )
        )
        examples = defaultdict(int)
        for company_id, row in self.env.cr.fetchall():
            for key, count in row.items():
                examples[company_id, key.partition(":")[0]] += count
        return dict(examples)
