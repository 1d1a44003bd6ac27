"""pytest-odoo configuration for the cross-module scenarios.

``CAE_TEST_TAGS`` (set by ``make test TEST_TAGS=...``) selects tests with
Odoo's own tag syntax, as Odoo's runner does.
"""

import os


def pytest_collection_modifyitems(config, items):
    spec = os.environ.get("CAE_TEST_TAGS")
    if not spec:
        return
    from odoo.tests.tag_selector import TagsSelector

    selector = TagsSelector(spec)
    selected, deselected = [], []
    for item in items:
        cls = getattr(item, "cls", None)
        if cls is None or not hasattr(cls, "test_tags"):
            deselected.append(item)
            continue
        probe = _Probe(cls, item.name)
        (selected if selector.check(probe) else deselected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


class _Probe:
    """What TagsSelector reads of a test."""

    def __init__(self, cls, method):
        self.test_tags = cls.test_tags
        self.test_module = getattr(cls, "test_module", None) or "cae_suite"
        self.test_class = cls.__name__
        self._testMethodName = method
