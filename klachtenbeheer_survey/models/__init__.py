from . import survey_user_input
