from . import res_company
from . import res_config_settings
from . import klachtenbeheer_stage
from . import klachtenbeheer_team
from . import klachtenbeheer_complaint
from . import survey_survey
from . import survey_question
from . import survey_user_input
