"""The behavioural (CheckList-style) stance suite: its cases and the default method's pass rates."""

import pytest

from oped_analysis import behaviour

#: The default method's measured pass and invariance rates are in bench/STANCE.md; these
#: thresholds guard against regressions.
MIN_OVERALL = 0.88
MIN_INVARIANCE = 0.93


@pytest.fixture(scope="module")
def results():
    return behaviour.run_suite(["roles"])


def test_suite_has_enough_cases_and_every_construction():
    cases = behaviour.suite()
    plain = cases[cases["variant"] == 0]
    assert plain["case"].nunique() >= 300
    assert set(behaviour.TEMPLATES) | {"issue_examples"} == set(plain["construction"])
    assert all(t[s:e] == a for t, s, e, a in zip(cases["text"], cases["start"], cases["end"], cases["alias"]))
    assert set(cases["expected"]) == {-1, 0, 1}


def test_issue_examples_are_cases():
    cases = behaviour.suite()
    texts = set(cases.loc[cases["construction"] == "issue_examples", "text"])
    assert "The US drone killed two dozen civilians." in texts
    assert "Russia never fails to support Pakistan." in texts


def test_default_method_pass_rate(results):
    rates = behaviour.pass_rates(results)
    assert rates.loc["all", "roles"] >= MIN_OVERALL


def test_renaming_a_power_rarely_changes_the_stance(results):
    assert behaviour.invariance(results).loc["roles", "invariant"] >= MIN_INVARIANCE


def test_run_suite_defaults_to_every_evaluated_method():
    from oped_analysis.vocab import EVAL_METHODS

    cases = behaviour.suite().head(2)
    table = behaviour.run_suite(cases=cases)
    assert list(dict.fromkeys(table["method"])) == list(EVAL_METHODS)
    assert len(table) == len(cases) * len(EVAL_METHODS)
