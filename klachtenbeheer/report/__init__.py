from . import klachtenbeheer_complaint_report
from . import klachtenbeheer_complaint_pattern
from . import klachtenbeheer_report
from . import klachtenbeheer_employee_repeat_report
