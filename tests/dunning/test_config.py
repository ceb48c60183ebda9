"""[dunning] in vareflyt.toml: lawful defaults, per-customer settings, unlawful settings refused."""

import tomllib

import pytest

from vareflyt.config import ConfigError, dunning
from vareflyt.rules.dunning import DEFAULT_POLICY


def _parse(text: str):
    return dunning.parse(tomllib.loads(text).get("dunning", {}))


def test_default_text_is_the_lawful_default_policy():
    assert _parse(dunning.DEFAULT_TOML).policy == DEFAULT_POLICY
    assert dunning.parse({}).policy == DEFAULT_POLICY


def test_customer_settings():
    settings = _parse(
        '[dunning.customers."10023"]\nhold = "Nedbetalingsavtale"\nlanguage = "en"\nno_fees = true\n'
    )
    assert settings.customers["10023"] == dunning.CustomerSettings("Nedbetalingsavtale", "en", True)


@pytest.mark.parametrize(
    "text, key, reason",
    [
        (
            "[dunning.dunning]\ndays_after_due = 13\n",
            "dunning.dunning.days_after_due",
            "14 dager etter forfall",
        ),
        ("[dunning.reminder]\nfee = true\ndays_after_due = 14\n", "dunning", "høyst to"),
        (
            "[dunning.inkassovarsel]\ndeadline_days = 7\n",
            "dunning.inkassovarsel.deadline_days",
            "inkassoloven § 9",
        ),
        ("[dunning.dunning]\ndeadline_days = 10\n", "dunning.dunning.deadline_days", "minst 14 dager"),
        ("[dunning.collection]\nfee = true\n", "dunning.collection.fee", "fee = false"),
        ("[dunning.reminder]\nfees = false\n", "dunning.reminder.fees", "Gyldige"),
        ('[dunning.customers."1"]\nlanguage = "sv"\n', 'dunning.customers."1".language', "nb"),
    ],
)
def test_unlawful_or_wrong_settings_are_refused_with_reason(text, key, reason):
    with pytest.raises(ConfigError) as exc:
        _parse(text)
    assert exc.value.key == key and reason in str(exc.value)
