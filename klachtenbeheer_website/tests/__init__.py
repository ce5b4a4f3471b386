from . import test_web_form
