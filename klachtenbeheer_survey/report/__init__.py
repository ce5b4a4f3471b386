from . import klachtenbeheer_survey_report
