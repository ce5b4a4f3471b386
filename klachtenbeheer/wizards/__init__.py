from . import klachtenbeheer_extension_wizard
