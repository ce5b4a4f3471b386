from . import test_complaint
from . import test_access
from . import test_sequence
from . import test_i18n
from . import test_performance
from . import test_terms
from . import test_fair_handling
