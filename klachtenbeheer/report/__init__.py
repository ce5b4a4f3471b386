from . import klachtenbeheer_report
