# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Company settings of the suggestions learned from the register (see
klachtenbeheer_complaint_suggestion.py)."""

from markupsafe import Markup

from odoo import api, fields, models

from .klachtenbeheer_suggestion_count import TARGETS


class ResCompany(models.Model):
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "res.company"

    klachtenbeheer_suggest_auto_team = fields.Boolean(
        string="Assign the Suggested Team Automatically",
        help="A new complaint whose team is not yet chosen by a person (by "
        "e-mail, the web form, or registered without a team) gets the "
        "suggested team when its confidence reaches the threshold. Other "
        "suggestions are only applied by a person.",
    )
    klachtenbeheer_suggest_auto_team_confidence = fields.Float(
        string="Minimum Confidence for the Team",
        default=0.9,
        help="From 0 to 1: 0.9 assigns the team when the suggestion is 90% sure.",
    )


class ResConfigSettings(models.TransientModel):
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "res.config.settings"

    klachtenbeheer_suggest_auto_team = fields.Boolean(
        related="company_id.klachtenbeheer_suggest_auto_team", readonly=False
    )
    klachtenbeheer_suggest_auto_team_confidence = fields.Float(
        related="company_id.klachtenbeheer_suggest_auto_team_confidence",
        readonly=False,
    )
    klachtenbeheer_suggest_examples = fields.Html(
        string="Learned From",
        compute="_compute_klachtenbeheer_suggest_examples",
        sanitize=False,
    )

    @api.depends("company_id")
    def _compute_klachtenbeheer_suggest_examples(self):
        examples = (
            self.env["klachtenbeheer.suggestion.count"]
            .sudo()
            ._examples(self.company_id.ids)
        )
        names = dict(
            self.env["klachtenbeheer.complaint.suggestion"]
            ._fields["target"]
            ._description_selection(self.env)
        )
        for settings in self:
            rows = Markup("").join(
                Markup(
                    '<tr data-target="%s"><td>%s</td><td class="text-end">%s</td></tr>'
                )
                % (
                    target,
                    names[target],
                    examples.get((settings.company_id.id, target), 0),
                )
                for target, _label in TARGETS
            )
            settings.klachtenbeheer_suggest_examples = Markup(
                '<table class="table table-sm mb-0"><thead><tr><th>%s</th>'
                '<th class="text-end">%s</th></tr></thead><tbody>%s</tbody></table>'
            ) % (
                self.env._("Suggestion"),
                self.env._("Closed complaints learned"),
                rows,
            )
