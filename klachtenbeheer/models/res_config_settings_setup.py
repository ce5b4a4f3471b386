# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError

COORDINATOR = "klachtenbeheer.group_klachtenbeheer_coordinator"


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    klachtenbeheer_alias_domain_name = fields.Char(
        string="Complaint Address Domain",
        compute="_compute_klachtenbeheer_alias_domain_name",
        inverse="_inverse_klachtenbeheer_alias_domain_name",
        help="The domain of the teams' e-mail addresses, e.g. "
        "woningcorporatie.nl for klachten@woningcorporatie.nl.",
    )
    klachtenbeheer_complaint_prefix = fields.Char(
        string="Complaint Number Prefix",
        compute="_compute_klachtenbeheer_complaint_prefix",
        inverse="_inverse_klachtenbeheer_complaint_prefix",
        help="The start of this company's complaint numbers; %(year)s is the "
        "year. Numbers already given stay as they are.",
    )
    klachtenbeheer_setup_checklist = fields.Html(
        string="First Setup",
        compute="_compute_klachtenbeheer_setup_checklist",
        sanitize=False,
    )

    # ------------------------------------------------------------------
    # Coordinators save our settings (res.config.settings is for
    # administrators only): they may write the fields of this addon and of
    # its companion addons (named klachtenbeheer_*), for their companies.
    # ------------------------------------------------------------------
    @api.model
    def _klachtenbeheer_coordinator_only(self):
        """A coordinator who is no administrator."""
        return not self.env.is_admin() and self.env.user.has_group(COORDINATOR)

    @api.model
    def _klachtenbeheer_settings_fields(self):
        return {name for name in self._fields if name.startswith("klachtenbeheer_")} | {
            "company_id"
        }

    @api.model
    def _klachtenbeheer_check_company(self, company_id):
        if company_id and company_id not in self.env.user.company_ids.ids:
            raise AccessError(
                self.env._("You can only change the settings of your companies.")
            )

    @api.model
    def default_get(self, fields_list):
        if self._klachtenbeheer_coordinator_only():
            ours = self._klachtenbeheer_settings_fields()
            fields_list = [name for name in fields_list if name in ours]
            res = super(ResConfigSettings, self.sudo()).default_get(fields_list)
            return {name: value for name, value in res.items() if name in fields_list}
        return super().default_get(fields_list)

    @api.model_create_multi
    def create(self, vals_list):
        if not self._klachtenbeheer_coordinator_only():
            return super().create(vals_list)
        self.browse().check_access("create")
        ours = self._klachtenbeheer_settings_fields()
        clean = []
        for vals in vals_list:
            # Fields of other applications are not theirs to change.
            vals = {name: value for name, value in vals.items() if name in ours}
            vals.setdefault("company_id", self.env.company.id)
            self._klachtenbeheer_check_company(vals["company_id"])
            clean.append(vals)
        records = super(ResConfigSettings, self.sudo()).create(clean)
        return records.sudo(False)

    def execute(self):
        if not self._klachtenbeheer_coordinator_only():
            return super().execute()
        self.ensure_one()
        self.check_access("write")
        self._klachtenbeheer_check_company(self.company_id.id)
        # The related and computed fields were written on create; nothing of
        # other applications (modules, groups, parameters) is set.
        return {"type": "ir.actions.client", "tag": "reload"}

    def _compute_display_name(self):
        if not self._klachtenbeheer_coordinator_only():
            return super()._compute_display_name()
        # (Odoo names the settings after their action, which only
        # administrators may read.)
        action = (
            self.env["ir.actions.act_window"]
            .sudo()
            .search([("res_model", "=", self._name)], limit=1)
        )
        for settings in self:
            settings.display_name = action.name or self._name

    def _klachtenbeheer_check_settings_rights(self):
        if not (self.env.is_admin() or self.env.user.has_group(COORDINATOR)):
            raise AccessError(
                self.env._("Only coordinators can change the complaint settings.")
            )
        for settings in self:
            self._klachtenbeheer_check_company(settings.company_id.id)

    # ------------------------------------------------------------------
    # Complaint address (alias domain) and numbering
    # ------------------------------------------------------------------
    @api.depends("company_id.alias_domain_id.name")
    def _compute_klachtenbeheer_alias_domain_name(self):
        for settings in self:
            settings.klachtenbeheer_alias_domain_name = (
                settings.company_id.sudo().alias_domain_id.name
            )

    def _inverse_klachtenbeheer_alias_domain_name(self):
        self._klachtenbeheer_check_settings_rights()
        Domain = self.env["mail.alias.domain"].sudo()
        for settings in self:
            company = settings.company_id.sudo()
            name = (settings.klachtenbeheer_alias_domain_name or "").strip().lower()
            if not name or name == company.alias_domain_id.name:
                continue
            if company.alias_domain_id:
                company.alias_domain_id.name = name
                continue
            domain = Domain.search([("name", "=", name)], limit=1) or Domain.create(
                {"name": name}
            )
            company.alias_domain_id = domain
            # The teams' addresses follow the company's domain.
            teams = (
                self.env["klachtenbeheer.team"]
                .sudo()
                .search([("company_id", "=", company.id), ("alias_id", "!=", False)])
            )
            teams.alias_id.filtered(lambda alias: not alias.alias_domain_id).write(
                {"alias_domain_id": domain.id}
            )

    @api.depends("company_id")
    def _compute_klachtenbeheer_complaint_prefix(self):
        for settings in self:
            settings.klachtenbeheer_complaint_prefix = (
                settings.company_id.klachtenbeheer_sequence_id.prefix
            )

    def _inverse_klachtenbeheer_complaint_prefix(self):
        self._klachtenbeheer_check_settings_rights()
        for settings in self:
            company = settings.company_id.sudo()
            prefix = settings.klachtenbeheer_complaint_prefix or False
            if not company.klachtenbeheer_sequence_id:
                company._klachtenbeheer_ensure_complaint_sequences()
            sequence = company.klachtenbeheer_sequence_id
            if sequence and prefix and sequence.prefix != prefix:
                sequence.prefix = prefix

    # ------------------------------------------------------------------
    # First setup checklist
    # ------------------------------------------------------------------
    def _klachtenbeheer_setup_checks(self):
        """What a new database needs before complaints come in: a list of
        dicts with ``key``, ``label``, ``done`` and ``action`` (the xml id
        of where to fix it). Companion addons append their own."""
        self.ensure_one()
        company = self.company_id.sudo()
        env = self.env(su=True)
        teams = env["klachtenbeheer.team"].search([("company_id", "=", company.id)])
        coordinator = env.ref(COORDINATOR)
        coordinators = coordinator.users.filtered(
            lambda user: not user.share and company in user.company_ids
        )
        calendar = company.resource_calendar_id
        year = fields.Date.context_today(self).year
        holidays = calendar and env["resource.calendar.leaves"].search_count(
            [
                ("calendar_id", "=", calendar.id),
                ("resource_id", "=", False),
                ("date_from", ">=", f"{year}-01-01 00:00:00"),
                ("date_from", "<=", f"{year}-12-31 23:59:59"),
            ],
            limit=1,
        )
        return [
            {
                "key": "address",
                "label": self.env._("Complaint address (domain and a team address)"),
                "done": bool(company.alias_domain_id and teams.filtered("alias_name")),
                "action": "klachtenbeheer.klachtenbeheer_team_action",
            },
            {
                "key": "team_manager",
                "label": self.env._("A team with a manager"),
                "done": bool(teams.filtered("user_id")),
                "action": "klachtenbeheer.klachtenbeheer_team_action",
            },
            {
                "key": "coordinators",
                "label": self.env._("Coordinators assigned"),
                "done": bool(coordinators),
                "action": "base.action_res_users",
            },
            {
                "key": "holidays",
                "label": self.env._("Holidays loaded for %(year)s", year=year),
                "done": bool(holidays),
                "action": "klachtenbeheer.resource_calendar_action_klachtenbeheer",
            },
            {
                "key": "terms",
                "label": self.env._("Term profile chosen"),
                "done": bool(company.klachtenbeheer_term_profile_id),
                "action": "klachtenbeheer.klachtenbeheer_term_profile_action",
            },
            {
                "key": "letterhead",
                "label": self.env._("Letterhead (logo and address)"),
                "done": bool(company.logo and company.street and company.city),
                "action": "base.action_res_company_form",
            },
            {
                "key": "mail_server",
                "label": self.env._("Outgoing mail server"),
                "done": bool(env["ir.mail_server"].search_count([], limit=1)),
                "action": "base.action_ir_mail_server_list",
            },
        ]

    @api.depends("company_id")
    def _compute_klachtenbeheer_setup_checklist(self):
        for settings in self:
            if not settings.company_id:
                settings.klachtenbeheer_setup_checklist = False
                continue
            lines = []
            for check in settings._klachtenbeheer_setup_checks():
                if check["done"]:
                    lines.append(
                        Markup(
                            '<li class="o_kb_setup_done text-success" '
                            'data-check="%s"><i class="fa fa-check me-2"/>%s</li>'
                        )
                        % (check["key"], check["label"])
                    )
                else:
                    lines.append(
                        Markup(
                            '<li class="o_kb_setup_todo text-danger" '
                            'data-check="%s"><i class="fa fa-times me-2"/>%s '
                            '<a href="/odoo/action-%s">%s</a></li>'
                        )
                        % (
                            check["key"],
                            check["label"],
                            check["action"],
                            self.env._("Set up"),
                        )
                    )
            settings.klachtenbeheer_setup_checklist = Markup(
                '<ul class="list-unstyled mb-0">%s</ul>'
            ) % Markup("").join(lines)
