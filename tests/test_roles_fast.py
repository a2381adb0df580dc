"""The ``roles`` method's fast inference says what the straightforward code says.

Two references: the outputs of the code before the inference was made faster, recorded by
``bench/roles_reference.py`` from a git revision into ``tests/golden/roles_reference.json.gz``
(every mention in the seeds, opeds_synth, NewsMTSC dev_rw and dev_mt, the behavioural suite);
and the model's training path (:meth:`RoleStanceModel.features` then :meth:`RoleStanceModel.logits`
over the full feature dictionary), which the inference path must reproduce.
"""

from __future__ import annotations

import gzip
import json
import math

import numpy as np
import pytest

from oped_analysis.scoring import get_method
from oped_analysis.scoring.roles import role_features
from oped_analysis.scoring.stance import trained_model

RERECORD = ("a deliberate change of features or training re-records the reference from the revision "
            "before it: python bench/roles_reference.py REVISION")
#: Probabilities recorded on another machine may differ in the last bits (NumPy's exp), not more.
TOLERANCE = 1e-12
CLASS_INDEX = {-1: 0, 0: 1, 1: 2}


@pytest.fixture(scope="module")
def reference(root) -> list[dict]:
    with gzip.open(root / "tests" / "golden" / "roles_reference.json.gz", "rt", encoding="utf-8") as fh:
        return json.load(fh)


def test_the_reference_covers_real_text_of_every_source(reference):
    sources = {row["source"] for row in reference}
    assert sources == {"seeds", "opeds_synth", "dev_rw", "dev_mt", "behaviour"}
    assert sum(len(row["targets"]) for row in reference) > 4000
    assert any(len(row["spans"]) > 1 for row in reference)


def test_role_features_and_their_words_are_those_recorded(reference):
    for row in reference:
        for (a, b), want in zip(row["spans"], row["targets"]):
            feats, why = role_features(row["sentence"], a, b)
            assert (feats, why) == (want["features"], want["why"]), (row["sentence"], a, b, RERECORD)


def test_probabilities_stances_and_explanations_are_those_recorded(reference):
    model = trained_model()
    for row in reference:
        for (a, b), want in zip(row["spans"], row["targets"]):
            stance, confidence, p, explanation = model.explain(row["sentence"], a, b)
            where = (row["sentence"], a, b, RERECORD)
            assert np.allclose(p, want["p"], rtol=0, atol=TOLERANCE), where
            assert (stance, explanation) == (want["stance"], want["explanation"]), where
            assert confidence == p[CLASS_INDEX[stance]]


def test_method_rows_of_the_seeds_are_those_recorded(reference):
    method = get_method("roles")
    for row in (r for r in reference if r["source"] == "seeds"):
        got, = method.score_mentions(row["sentence"], [tuple(s) for s in row["spans"]])
        want = row["row"]
        assert got.keys() == want.keys()
        for key, value in want.items():
            if isinstance(value, float):
                assert math.isclose(got[key], value, rel_tol=0, abs_tol=TOLERANCE) or (
                    math.isnan(value) and math.isnan(got[key])), (row["sentence"], key)
            else:
                assert got[key] == value, (row["sentence"], key)


def test_inference_gives_the_logits_of_the_training_path_bit_for_bit(reference):
    """:meth:`scores` (word weights looked up by word) against :meth:`logits` of
    :meth:`features` (every feature by name, as in training): the same sums in the same order."""
    model = trained_model()
    for row in reference:
        for a, b in row["spans"]:
            full = model.logits(model.features(row["sentence"], a, b)[0])
            fast = model.scores(row["sentence"], a, b)[2]
            assert fast.tolist() == full.tolist(), (row["sentence"], a, b)
