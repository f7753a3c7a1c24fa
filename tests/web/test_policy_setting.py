"""CLINCH_POLICY: a server's own policy file overrides the default rules the pages plan with."""

from __future__ import annotations

import pytest

from clinch.followups import services


@pytest.fixture
def fresh_policy():
    services.policy.cache_clear()
    yield
    services.policy.cache_clear()


def test_the_policy_file_named_by_the_setting_overrides_the_defaults(tmp_path, settings, fresh_policy):
    path = tmp_path / "policy.toml"
    path.write_text("[status_check]\nmax_count = 1\n")
    settings.CLINCH_POLICY_FILE = str(path)
    assert services.policy().value("status_check.max_count") == 1


def test_without_the_setting_the_defaults_apply(settings, fresh_policy):
    settings.CLINCH_POLICY_FILE = ""
    assert services.policy().value("status_check.max_count") == 2
