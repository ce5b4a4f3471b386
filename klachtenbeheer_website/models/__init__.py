from . import klachtenbeheer_category
from . import klachtenbeheer_web_submission
from . import res_company
from . import res_config_settings
from . import klachtenbeheer_web_setup
