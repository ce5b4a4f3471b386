from . import klachtenbeheer_term_profile
from . import klachtenbeheer_stage
from . import klachtenbeheer_procedure_ground
from . import klachtenbeheer_category
from . import klachtenbeheer_tag
from . import klachtenbeheer_remedy
from . import klachtenbeheer_team
from . import klachtenbeheer_complaint
from . import klachtenbeheer_complaint_procedure
from . import klachtenbeheer_complaint_extension
from . import klachtenbeheer_complaint_fair_handling

# Last of the complaint extensions: it hides their internal fields from portal users.
from . import klachtenbeheer_complaint_portal
from . import klachtenbeheer_hearing
from . import klachtenbeheer_escalation
from . import klachtenbeheer_term_profile_fair_handling
from . import klachtenbeheer_complaint_reporting
from . import mail_activity
from . import resource_calendar
from . import res_company
from . import res_config_settings
from . import res_partner
from . import klachtenbeheer_team_mail_gateway
from . import klachtenbeheer_complaint_intake
from . import klachtenbeheer_mail_failure
from . import mail_thread
