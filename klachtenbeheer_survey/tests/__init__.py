from . import test_survey_link
