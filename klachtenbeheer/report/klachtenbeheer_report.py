# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Quarterly report and annual overview (WMD-klachtenbeleid §3.2).

Every figure is one grouped query (``_read_group``) over the complaints of
the period, grouped by team when the report has a section per team: the cost
does not grow with the number of complaints or teams.
"""

from collections import defaultdict
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..models.klachtenbeheer_complaint_reporting import ACK_ON_TIME_SPEC

COORDINATOR_GROUP = "klachtenbeheer.group_klachtenbeheer_coordinator"
ACTION_MODEL = "klachtenbeheer.improvement.action"
OPEN_ACTION_STATES = ("planned", "in_progress")


def pct(part, whole):
    """Whole percentage, or None when there is nothing to divide."""
    return round(100.0 * part / whole) if whole else None


def quarter_start(year, quarter):
    return date(year, 3 * quarter - 2, 1)


def quarter_end(year, quarter):
    """First day after the quarter."""
    return date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)


def fmt_pct(value):
    return "-" if value is None else f"{value}%"


def previous_quarter(year, quarter):
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


class ReportKlachtenbeheerQuarterly(models.AbstractModel):
    _name = "report.klachtenbeheer.report_quarterly"
    _description = "Quarterly Complaint Report"

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------

    @api.model
    def _period_domain(self, company_id, date_from, date_to_excluded, team_ids=None):
        Complaint = self.env["klachtenbeheer.complaint"]
        start, stop = Complaint._report_period_bounds(date_from, date_to_excluded)
        domain = Complaint._report_base_domain() + [
            ("company_id", "=", company_id),
            ("date_received", ">=", start),
            ("date_received", "<", stop),
        ]
        if team_ids:
            domain.append(("team_id", "in", team_ids))
        return domain

    @api.model
    def _grouped(self, domain, groupby, aggregates, by_team):
        """Rows of one ``_read_group`` per key: the team (``by_team``) or None."""
        prefix = ["team_id"] if by_team else []
        rows = self.env["klachtenbeheer.complaint"]._read_group(
            domain, prefix + groupby, aggregates
        )
        result = defaultdict(list)
        for row in rows:
            if by_team:
                result[row[0]].append(row[1:])
            else:
                result[None].append(row)
        return result

    @api.model
    def _empty_figures(self):
        return {
            "count": 0,
            "acknowledged": 0,
            "ack_on_time": 0,
            "ack_rate": None,
            "answered": 0,
            "answered_on_time": 0,
            "answer_rate": None,
            "compensation": 0.0,
            "judged": 0,
            "founded": 0,
            "partly_founded": 0,
            "unfounded": 0,
            "undetermined": 0,
            "founded_rate": None,
            "partly_founded_rate": None,
            "unfounded_rate": None,
            "by_category": [],
            "by_channel": [],
            "by_remedy": [],
        }

    @api.model
    def _compute_figures(self, domain, by_team=False, details=True):
        """Figures of the complaints in ``domain``, per team or in total.

        Returns {team or None: figures}; ``details`` adds the breakdowns by
        category, channel and remedy."""
        figures = defaultdict(self._empty_figures)
        for key, rows in self._grouped(
            domain,
            [],
            [
                "__count",
                "date_acknowledged:count",
                ACK_ON_TIME_SPEC,
                "compensation_amount:sum",
            ],
            by_team,
        ).items():
            count, acknowledged, ack_on_time, compensation = rows[0]
            figures[key].update(
                count=count,
                acknowledged=acknowledged,
                ack_on_time=ack_on_time,
                ack_rate=pct(ack_on_time, acknowledged),
                compensation=compensation or 0.0,
            )
        for key, rows in self._grouped(
            domain, ["answer_timeliness"], ["__count"], by_team
        ).items():
            counts = dict(rows)
            on_time, late = counts.get("on_time", 0), counts.get("late", 0)
            figures[key].update(
                answered=on_time + late,
                answered_on_time=on_time,
                answer_rate=pct(on_time, on_time + late),
            )
        for key, rows in self._grouped(
            domain, ["validity"], ["__count"], by_team
        ).items():
            counts = dict(rows)
            judged = sum(
                counts.get(v, 0) for v in ("founded", "partly_founded", "unfounded")
            )
            values = figures[key]
            values["judged"] = judged
            values["undetermined"] = counts.get("undetermined", 0)
            for validity in ("founded", "partly_founded", "unfounded"):
                values[validity] = counts.get(validity, 0)
                values[f"{validity}_rate"] = pct(counts.get(validity, 0), judged)
        if not details:
            return figures
        Complaint = self.env["klachtenbeheer.complaint"]
        channels = dict(Complaint._fields["channel"]._description_selection(self.env))
        no_category = self.env._("No category")
        for key, rows in self._grouped(
            domain, ["category_id"], ["__count"], by_team
        ).items():
            figures[key]["by_category"] = sorted(
                ((category.name or no_category, count) for category, count in rows),
                key=lambda item: (-item[1], item[0]),
            )
        for key, rows in self._grouped(
            domain, ["channel"], ["__count"], by_team
        ).items():
            figures[key]["by_channel"] = sorted(
                ((channels.get(channel, channel), count) for channel, count in rows),
                key=lambda item: (-item[1], item[0]),
            )
        for key, rows in self._grouped(
            domain + [("remedy_ids", "!=", False)],
            ["remedy_ids"],
            ["__count"],
            by_team,
        ).items():
            figures[key]["by_remedy"] = sorted(
                ((remedy.name, count) for remedy, count in rows),
                key=lambda item: (-item[1], item[0]),
            )
        return figures

    @api.model
    def _rising_categories(self, current, previous):
        """Categories with more complaints than in the previous period.
        Complaints without a category are no category that rises."""
        before = dict(previous["by_category"])
        no_category = self.env._("No category")
        rising = [
            (name, before.get(name, 0), count)
            for name, count in current["by_category"]
            if count > before.get(name, 0) and name != no_category
        ]
        return sorted(rising, key=lambda item: (item[1] - item[2], item[0]))

    @api.model
    def _repeat_complainants(self, domain, by_team):
        """{key: (complainants with several complaints, their complaints)}.

        Counts only: the report names nobody."""
        result = defaultdict(lambda: (0, 0))
        prefix = ["team_id"] if by_team else []
        # By the complainant's token, not the contact: the count stays when
        # the retention removes the link to the person (AVG art. 5(1)(e)).
        rows = self.env["klachtenbeheer.complaint"]._read_group(
            domain + [("complainant_key", "!=", False)],
            prefix + ["complainant_key"],
            ["__count"],
            having=[("__count", ">", 1)],
        )
        for row in rows:
            key = row[0] if by_team else None
            people, complaints = result[key]
            result[key] = (people + 1, complaints + row[-1])
        return result

    @api.model
    def _improvement_actions(self, company_id, complaint_domain, start, stop, by_team):
        """Improvement actions of the period, per key, when the model exists.

        The actions linked to the period's complaints, created in the period
        or still open. Returns ({key: [actions]}, {key: {state: count}})."""
        if ACTION_MODEL not in self.env:
            return None, None
        Action = self.env[ACTION_MODEL]
        domain = [
            ("company_id", "in", [company_id, False]),
            "|",
            "|",
            ("complaint_ids", "any", complaint_domain),
            "&",
            ("create_date", ">=", start),
            ("create_date", "<", stop),
            "&",
            ("state", "in", OPEN_ACTION_STATES),
            ("create_date", "<", stop),
        ]
        actions = Action.search(domain, order="date_planned, id")
        states = dict(Action._fields["state"]._description_selection(self.env))
        listed = defaultdict(list)
        counts = defaultdict(lambda: defaultdict(int))
        for action in actions:
            key = action.team_id if by_team else None
            listed[key].append(action)
            counts[key][states.get(action.state, action.state)] += 1
        return listed, counts

    # ------------------------------------------------------------------
    # Report values
    # ------------------------------------------------------------------

    @api.model
    def _check_coordinator(self):
        if not self.env.user.has_group(COORDINATOR_GROUP):
            raise AccessError(
                self.env._("Only a complaint coordinator can print complaint reports.")
            )

    @api.model
    def _common_values(self, docids, company, actions):
        """What every complaint report hands its template, besides its
        figures: the company whose letterhead it carries, its currency."""
        return {
            "doc_ids": docids,
            "doc_model": "klachtenbeheer.report.wizard",
            "docs": self.env["klachtenbeheer.report.wizard"].browse(docids),
            "company": company,
            "res_company": company,
            "has_actions": actions is not None,
            "currency": company.currency_id,
            "fmt_pct": fmt_pct,
        }

    @api.model
    def _action_values(self, actions, action_counts, key):
        """The improvement actions of one section (a team, or the whole
        organisation): None when the reader may not see them."""
        return {
            "actions": actions[key] if actions is not None else None,
            "action_counts": (
                sorted(action_counts[key].items())
                if action_counts is not None
                else None
            ),
        }

    @api.model
    def _get_report_values(self, docids, data=None):
        self._check_coordinator()
        data = data or {}
        year, quarter = int(data["year"]), int(data["quarter"])
        company = self.env["res.company"].browse(
            data.get("company_id") or self.env.company.id
        )
        teams = self.env["klachtenbeheer.team"].browse(data.get("team_ids") or [])
        by_team = bool(teams)
        start, stop = quarter_start(year, quarter), quarter_end(year, quarter)
        prev_year, prev_quarter = previous_quarter(year, quarter)
        prev_start = quarter_start(prev_year, prev_quarter)
        domain = self._period_domain(company.id, start, stop, teams.ids)
        prev_domain = self._period_domain(company.id, prev_start, start, teams.ids)
        # Patterns look at a year: within one quarter repeats are rare.
        year_ago = date(year - 1, start.month, 1)
        pattern_domain = self._period_domain(company.id, year_ago, stop, teams.ids)

        current = self._compute_figures(domain, by_team)
        previous = self._compute_figures(prev_domain, by_team)
        repeats = self._repeat_complainants(pattern_domain, by_team)
        utc_start, utc_stop = self.env[
            "klachtenbeheer.complaint"
        ]._report_period_bounds(start, stop)
        actions, action_counts = self._improvement_actions(
            company.id, domain, utc_start, utc_stop, by_team
        )
        keys = list(teams) if by_team else [None]
        sections = []
        for key in keys:
            sections.append(
                {
                    "title": key.name if key else self.env._("Whole organisation"),
                    "current": current[key],
                    "previous": previous[key],
                    "rising": self._rising_categories(current[key], previous[key]),
                    "repeat_complainants": repeats[key][0],
                    "repeat_complaints": repeats[key][1],
                    **self._action_values(actions, action_counts, key),
                }
            )
        return {
            **self._common_values(docids, company, actions),
            "year": year,
            "quarter": quarter,
            "prev_year": prev_year,
            "prev_quarter": prev_quarter,
            "quarter_label": self.env._(
                "Q%(quarter)s %(year)s", quarter=quarter, year=year
            ),
            "prev_quarter_label": self.env._(
                "Q%(quarter)s %(year)s", quarter=prev_quarter, year=prev_year
            ),
            "period_from": start,
            "period_to": fields.Date.subtract(stop, days=1),
            "sections": sections,
        }


class ReportKlachtenbeheerAnnual(models.AbstractModel):
    _name = "report.klachtenbeheer.report_annual"
    _inherit = "report.klachtenbeheer.report_quarterly"
    _description = "Annual Complaint Overview"

    @api.model
    def _get_report_values(self, docids, data=None):
        self._check_coordinator()
        data = data or {}
        year = int(data["year"])
        company = self.env["res.company"].browse(
            data.get("company_id") or self.env.company.id
        )
        Team = self.env["klachtenbeheer.team"]
        Complaint = self.env["klachtenbeheer.complaint"]
        teams = Team.browse(data.get("team_ids") or [])
        start, stop = date(year, 1, 1), date(year + 1, 1, 1)
        domain = self._period_domain(company.id, start, stop, teams.ids)
        per_team = self._compute_figures(domain, by_team=True)
        total = self._compute_figures(domain, by_team=False)[None]
        # "ingediende en afgehandelde klachten": closed in the year, whenever
        # received.
        utc_start, utc_stop = Complaint._report_period_bounds(start, stop)
        closed_domain = Complaint._report_base_domain() + [
            ("company_id", "=", company.id),
            ("date_closed", ">=", utc_start),
            ("date_closed", "<", utc_stop),
        ]
        if teams:
            closed_domain.append(("team_id", "in", teams.ids))
        closed = dict(Complaint._read_group(closed_domain, ["team_id"], ["__count"]))
        actions, action_counts = self._improvement_actions(
            company.id, domain, utc_start, utc_stop, by_team=True
        )
        if not teams:
            teams = Team.search([("company_id", "=", company.id)])
            # A team without complaints this year still reports: zero.
        keys = list(teams)
        if Team in per_team or Team in closed:
            keys.append(Team)  # complaints without a team
        rows = []
        for key in keys:
            rows.append(
                {
                    "title": key.name if key else self.env._("No team"),
                    "figures": per_team[key],
                    "closed": closed.get(key, 0),
                    **self._action_values(actions, action_counts, key),
                }
            )
        return {
            **self._common_values(docids, company, actions),
            "year": year,
            "rows": rows,
            "total": total,
            "total_closed": sum(closed.values()),
        }
