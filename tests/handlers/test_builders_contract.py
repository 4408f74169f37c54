"""Every builder's output is valid Block Kit in every language (schema plus the limits it does not check)."""

from __future__ import annotations

import pytest

from bot.i18n import LANGUAGES
from tests.contracts.blockkit import assert_valid_home, assert_valid_message, assert_valid_modal, requires_contracts
from tests.handlers.builder_samples import SAMPLES

pytestmark = requires_contracts


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_builder_output_is_valid_block_kit(name: str, lang: str) -> None:
    surface, build = SAMPLES[name]
    payload = build(lang)
    if surface == "message":
        assert_valid_message(payload, text="fallback")
    elif surface == "modal":
        assert_valid_modal(payload)
    else:
        assert surface == "home"
        assert_valid_home(payload)
