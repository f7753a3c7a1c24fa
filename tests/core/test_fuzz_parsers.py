"""Every parser of user input, fed what hypothesis makes of ``tests/fuzzing.PARSERS``: no unhandled
exception (only each parser's documented refusal), and an answer within its time bound."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzzing import PARSERS, timed


@pytest.mark.parametrize("parser", PARSERS, ids=lambda parser: parser.name)
@settings(max_examples=120, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_no_parser_crashes_or_dawdles_on_any_input(parser, data):
    value = data.draw(parser.inputs, label=parser.name)
    seconds = timed(parser, value)
    assert seconds < parser.max_seconds, f"{parser.name} took {seconds:.2f} s"
