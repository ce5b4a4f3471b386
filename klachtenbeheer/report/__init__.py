from . import klachtenbeheer_report
from . import klachtenbeheer_employee_repeat_report
