from . import klachtenbeheer_survey_report
from . import klachtenbeheer_complaint_report
