from . import klachtenbeheer_term_profile
from . import klachtenbeheer_stage
from . import klachtenbeheer_procedure_ground
from . import klachtenbeheer_category
from . import klachtenbeheer_tag
from . import klachtenbeheer_remedy
from . import klachtenbeheer_team
from . import klachtenbeheer_complaint
from . import klachtenbeheer_complaint_terms

# Before the procedure: its create and write wrap the decision's.
from . import klachtenbeheer_complaint_decision
from . import klachtenbeheer_complaint_procedure
from . import klachtenbeheer_complaint_extension
from . import klachtenbeheer_complaint_improvement
from . import klachtenbeheer_complaint_analysis
from . import klachtenbeheer_complaint_employee

# Last of the complaint extensions: it hides their internal fields from portal users.
from . import klachtenbeheer_complaint_portal
from . import klachtenbeheer_hearing
from . import klachtenbeheer_escalation
from . import klachtenbeheer_improvement_action
from . import klachtenbeheer_complaint_reporting
from . import ir_cron
from . import mail_activity
from . import mail_compose_message
from . import mail_render_mixin
from . import resource_calendar
from . import res_company
from . import res_config_settings
from . import res_partner
from . import res_users
from . import res_partner_complaint_status
from . import klachtenbeheer_team_mail_gateway
from . import klachtenbeheer_complaint_triage
from . import klachtenbeheer_complaint_mail_intake
from . import klachtenbeheer_mail_failure
from . import klachtenbeheer_complaint_privacy

from . import klachtenbeheer_complaint_part

# After the privacy model: it extends its anonymisation hook.
from . import klachtenbeheer_complaint_element
from . import klachtenbeheer_privacy_request
from . import res_company_setup
from . import res_config_settings_setup
from . import klachtenbeheer_complaint_mail_layout
from . import klachtenbeheer_hearing_minutes

# After the procedure, triage, intake and privacy models: it extends their
# hooks (registration, anonymisation).
from . import klachtenbeheer_suggestion_count
from . import klachtenbeheer_complaint_suggestion
from . import res_config_settings_suggestion
