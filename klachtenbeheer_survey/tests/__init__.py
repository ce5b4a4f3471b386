from . import test_survey_link
from . import test_invitation
from . import test_answers
from . import test_report
from . import test_tour
from . import test_complaint_report
from . import test_invitation_layout
