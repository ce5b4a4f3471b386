from . import klachtenbeheer_extension_wizard
from . import klachtenbeheer_outside_procedure_wizard
from . import klachtenbeheer_criminal_suspicion_wizard
from . import klachtenbeheer_triage_wizard
from . import klachtenbeheer_quick_register
from . import klachtenbeheer_register_export
from . import klachtenbeheer_report_wizard
from . import klachtenbeheer_assign_wizard
