"""Compare the library's output with human coding.

The human reference (``gold/``) numbers sentences by its own split; :func:`align_sentences`
maps the library's sentences onto it by word overlap, so that mention detection and
scores can be checked pair by pair, (sentence, actor).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

from .vocab import EVAL_METHODS, FRAMES, method_label, method_labels
from .vocab import word_set as _words


def read_gold(folder: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(sentences, coding)`` from a gold folder (``sentences.tsv``, ``coding.tsv``)."""
    folder = Path(folder)
    read = lambda name: pd.read_csv(folder / name, sep="\t", dtype={"article": str},  # noqa: E731
                                    keep_default_na=False)
    return read("sentences.tsv"), read("coding.tsv")


def align_sentences(predicted: pd.DataFrame, reference: pd.DataFrame, *,
                    article_key=lambda a: str(a).split("_")[0], min_overlap: float = 0.5) -> pd.DataFrame:
    """Map each reference sentence to the predicted sentence sharing most of its words.

    ``article_key`` turns a predicted article id into the reference's id (the seeds'
    ``000_7e72...`` into ``000``). Returns reference ``article``, ``sentence`` beside the
    matched predicted ``pred_article`` and ``pred_sentence`` (missing where no predicted
    sentence holds ``min_overlap`` of the reference's words) and the ``overlap``.
    """
    pred = predicted.assign(_key=predicted["article"].map(article_key))
    rows = []
    for ref in reference.itertuples(index=False):
        words = _words(ref.text)
        best, best_overlap = None, 0.0
        for p in pred[pred["_key"] == str(ref.article)].itertuples(index=False):
            overlap = len(words & _words(p.text)) / max(len(words), 1)
            if overlap > best_overlap:
                best, best_overlap = p, overlap
        matched = best is not None and best_overlap >= min_overlap
        rows.append({"article": str(ref.article), "sentence": int(ref.sentence),
                     "pred_article": best.article if matched else None,
                     "pred_sentence": int(best.sentence) if matched else None,
                     "overlap": round(best_overlap, 3)})
    return pd.DataFrame(rows).astype({"pred_sentence": "Int64"})


def mention_pairs(mentions: pd.DataFrame, alignment: pd.DataFrame, actors=None) -> pd.DataFrame:
    """The predicted (reference article, reference sentence, actor) pairs, de-duplicated.

    ``actors``: the actors the coding covers; by default the powers of the shipped lexicon
    (the codebook codes the powers only, not context actors such as Pakistan)."""
    if actors is None:
        from .actors import Lexicon

        actors = Lexicon.default().powers
    m = mentions[mentions["actor"].isin(actors)][["article", "sentence", "actor"]].drop_duplicates()
    m = m.rename(columns={"article": "pred_article", "sentence": "pred_sentence"})
    joined = alignment.dropna(subset=["pred_sentence"]).merge(m, on=["pred_article", "pred_sentence"])
    return joined[["article", "sentence", "actor"]].drop_duplicates().reset_index(drop=True)


def detection_scores(predicted: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Precision, recall and F1 of (article, sentence, actor) pairs, per article and overall."""
    key = ["article", "sentence", "actor"]
    p = set(map(tuple, predicted[key].astype(str).values))
    g = set(map(tuple, gold[key].astype(str).values))
    rows = []
    for art in sorted({k[0] for k in g | p}) + ["all"]:
        pa = {k for k in p if art in ("all", k[0])}
        ga = {k for k in g if art in ("all", k[0])}
        tp = len(pa & ga)
        prec = tp / len(pa) if pa else float("nan")
        rec = tp / len(ga) if ga else float("nan")
        f1 = 2 * prec * rec / (prec + rec) if pa and ga and tp else 0.0
        rows.append({"article": art, "gold": len(ga), "found": len(pa), "correct": tp,
                     "precision": prec, "recall": rec, "f1": f1})
    return pd.DataFrame(rows)


# --- stance validation ----------------------------------------------------------------

STANCES = (-1, 0, 1)


def agreement(truth, predicted, labels=None) -> dict:
    """n, accuracy, macro-F1 and Cohen's kappa of two label sequences.

    Macro-F1 averages over ``labels`` (default: the labels present in either sequence,
    so an actor the human never coded -1 is not penalised for a class it cannot have).
    """
    from sklearn.metrics import accuracy_score, cohen_kappa_score, f1_score

    truth, predicted = list(truth), list(predicted)
    if not truth:
        return {"n": 0, "accuracy": float("nan"), "macro_f1": float("nan"), "kappa": float("nan")}
    with warnings.catch_warnings():   # one label only (a small coding): kappa is NaN, say nothing more
        warnings.simplefilter("ignore", UserWarning)
        kappa = float(cohen_kappa_score(truth, predicted))
    return {"n": len(truth), "accuracy": float(accuracy_score(truth, predicted)),
            "macro_f1": float(f1_score(truth, predicted, labels=None if labels is None else list(labels),
                                       average="macro", zero_division=0)),
            "kappa": kappa}


def confusion(truth, predicted, labels=STANCES) -> pd.DataFrame:
    """Counts with the human label as rows (``gold``) and the method's as columns (``predicted``)."""
    from sklearn.metrics import confusion_matrix

    matrix = confusion_matrix(list(truth), list(predicted), labels=list(labels))
    return pd.DataFrame(matrix, index=pd.Index(labels, name="gold"),
                        columns=pd.Index(labels, name="predicted"))


def method_rows(scores: pd.DataFrame) -> pd.DataFrame:
    """One stance per (article, sentence, actor, label): target methods by name, polarity
    baselines once per scope (``vader:sentence``, ``vader:clause``)."""
    return method_labels(scores)


def seed_predictions(corpus, gold_folder, methods=EVAL_METHODS,
                     lexicon=None) -> pd.DataFrame:
    """Each human-coded (sentence, actor) pair beside each method's stance and frame.

    Columns: article, sentence, actor, mention, gold_stance, gold_frame, label (method or
    method:scope), detected (did the library find the actor in that sentence), stance,
    frame. A pair the library did not detect gets stance 0 and frame ``other``: a method
    is scored on every human-coded pair, so missed mentions count against it.
    Also adds the two reference rules from ``gold/README.md``: ``always-neutral`` and
    ``actor-prior`` (US -1, others +1), which looks only at which actor is named (their
    ``detected`` is the library's, so they can be compared on detected pairs too).
    """
    from .tables import score_tables

    ref_sentences, coding = read_gold(gold_folder)
    tables = score_tables(corpus, methods=list(methods), lexicon=lexicon)
    alignment = align_sentences(tables["sentences"], ref_sentences)
    scores = method_rows(tables["scores"])
    scores = scores.rename(columns={"article": "pred_article", "sentence": "pred_sentence"})
    keep = ["article", "sentence", "actor", "label", "stance", "frame"]
    keep += ["confidence"] if "confidence" in scores.columns else []   # calibrated methods (roles)
    keyed = alignment.dropna(subset=["pred_sentence"]).merge(scores, on=["pred_article", "pred_sentence"])
    keyed = keyed[keep]
    keyed = keyed.drop_duplicates(["article", "sentence", "actor", "label"])
    gold = coding.rename(columns={"stance": "gold_stance", "frame": "gold_frame"})[
        ["article", "sentence", "actor", "mention", "gold_stance", "gold_frame"]]
    gold = gold.astype({"gold_stance": "int64", "sentence": "int64"})
    labels = list(dict.fromkeys(keyed["label"]))
    grid = gold.merge(pd.DataFrame({"label": labels}), how="cross")
    out = grid.merge(keyed, on=["article", "sentence", "actor", "label"], how="left")
    out["detected"] = out["stance"].notna()
    out["stance"] = out["stance"].fillna(0).astype("int64")
    out["frame"] = out["frame"].fillna("other")
    key = ["article", "sentence", "actor"]
    gold = gold.merge(out.groupby(key, as_index=False)["detected"].any(), on=key, how="left")
    gold["detected"] = gold["detected"].fillna(False).astype(bool)
    refs = [gold.assign(label="always-neutral", stance=0, frame="other"),
            gold.assign(label="actor-prior", stance=gold["actor"].map(lambda a: -1 if a == "US" else 1),
                        frame="other")]
    return pd.concat([out, *refs], ignore_index=True)


def agreement_table(predictions: pd.DataFrame, by=("label",), truth="gold_stance", value="stance",
                    labels=None) -> pd.DataFrame:
    """:func:`agreement` of each group (method; method x actor; ...) with the human coding."""
    rows = []
    for key, group in predictions.groupby(list(by), sort=False):
        key = key if isinstance(key, tuple) else (key,)
        rows.append({**dict(zip(by, key)), **agreement(group[truth], group[value], labels)})
    return pd.DataFrame(rows)


def intercoder_agreement(gold_folder) -> pd.DataFrame:
    """Agreement of the two human coders (``coder_1.tsv`` vs ``coder_2.tsv``) on the pairs
    both coded: stance (all and explicit mentions) and frame. The ceiling for methods.
    A folder with fewer than two coders (one coding sheet) has no ceiling: n 0, measures NaN."""
    folder = Path(gold_folder)
    read = lambda name: pd.read_csv(folder / name, sep="\t", dtype={"article": str},  # noqa: E731
                                    keep_default_na=False)
    coders = [read(name) if (folder / name).is_file() else
              pd.DataFrame(columns=["article", "sentence", "actor", "mention", "stance", "frame"])
              for name in ("coder_1.tsv", "coder_2.tsv")]
    both = coders[0].merge(coders[1], on=["article", "sentence", "actor"], suffixes=("_1", "_2"))
    explicit = both[(both["mention_1"] == "explicit") & (both["mention_2"] == "explicit")]
    rows = [{"measure": "stance", **agreement(both["stance_1"], both["stance_2"])},
            {"measure": "stance (explicit mentions)",
             **agreement(explicit["stance_1"], explicit["stance_2"])},
            {"measure": "frame", **agreement(both["frame_1"], both["frame_2"], FRAMES)}]
    return pd.DataFrame(rows)


def target_predictions(data: pd.DataFrame, methods=EVAL_METHODS) -> pd.DataFrame:
    """Each method's stance for each row of a target table (sentence, start, end, polarity),
    e.g. NewsMTSC; polarity baselines at both scopes. Columns: label, row, truth, stance."""
    from .scoring import get_method

    rows = []
    for name in methods:
        method = get_method(name)
        if method.batch:       # a batch scorer gives the same stances, faster
            batch = method.stances(data)
            rows += [{"label": name, "row": i, "truth": int(t), "stance": int(p)}
                     for i, (t, p) in enumerate(zip(data["polarity"], batch["stance"]))]
            continue
        for i, r in enumerate(data.itertuples(index=False)):
            for out in method.score_target(r.sentence, r.start, r.end):
                label = method_label(name, out["scope"])
                rows.append({"label": label, "row": i, "truth": int(r.polarity), "stance": out["stance"]})
    return pd.DataFrame(rows)


def newsmtsc_scores(methods=EVAL_METHODS,
                    splits=("dev_rw", "dev_mt")) -> pd.DataFrame:
    """Macro-F1 (and accuracy, kappa) of each method on NewsMTSC's dev splits."""
    from .resources import read_newsmtsc

    tables = []
    for split_name in splits:
        preds = target_predictions(read_newsmtsc(split_name), methods)
        tables.append(agreement_table(preds, truth="truth").assign(split=split_name))
    table = pd.concat(tables, ignore_index=True)
    return table[["split", "label", "n", "accuracy", "macro_f1", "kappa"]]


#: NYT mean ratings (-4..4) above / below these are positive / negative (the data's README).
NYT_RATING_THRESHOLD = 0.5


def rating_class(rating, threshold: float = NYT_RATING_THRESHOLD):
    """-1, 0, 1 for mean ratings below ``-threshold``, between, above ``threshold``."""
    import numpy as np

    rating = np.asarray(rating, dtype=float)
    return np.where(rating > threshold, 1, np.where(rating < -threshold, -1, 0))


def nyt_scores(methods=EVAL_METHODS, split: str = "dev") -> pd.DataFrame:
    """Whole-sentence scores against NYT editorial ratings: Pearson and Spearman r of the
    polarity with the mean rating, and 3-class macro-F1 of the method's stance against the
    rating classes (:func:`rating_class`, ±0.5).

    Polarity baselines score the whole sentence; target methods are called with an empty
    target (``start == end == 0``): the rules then count every cue at its valence, and the
    model sees the placeholder at the sentence's start (a shift from its training data).
    """
    from scipy.stats import pearsonr, spearmanr

    from .resources import read_nyt
    from .scoring import get_method

    data = read_nyt(split)
    truth = rating_class(data["mean_rating"])
    rows = []
    for name in methods:
        method = get_method(name)
        polarity, stance = [], []
        if method.batch:
            batch = method.stances(data.assign(start=0, end=0))
            polarity, stance = list(batch["polarity"]), list(batch["stance"])
        for text in (data["sentence"] if not polarity else []):
            out = method.score_target(text, 0, 0)
            row = next(r for r in out if r["scope"] in ("target", "sentence"))
            polarity.append(row["polarity"])
            stance.append(row["stance"])
        label = method_label(name, "target" if method.scopes == ("target",) else "sentence")
        rows.append({"label": label, "n": len(data),
                     "pearson_r": float(pearsonr(polarity, data["mean_rating"])[0]),
                     "spearman_r": float(spearmanr(polarity, data["mean_rating"])[0]),
                     **{k: v for k, v in agreement(truth, stance).items() if k != "n"}})
    return pd.DataFrame(rows)


def gold_scores(corpus, gold_folder, label: str = "human coding") -> pd.DataFrame:
    """The human coding as score rows, so it can be summarised beside the methods.

    Columns: article (the corpus's id of the coded article), sentence (the reference
    numbering), actor, label, stance, frame. Coded articles not in ``corpus`` are left out.
    """
    from .load import as_corpus

    _, coding = read_gold(gold_folder)
    ids = {str(a).split("_")[0]: a for a in as_corpus(corpus).ids}
    rows = coding[coding["article"].isin(ids)]
    return pd.DataFrame({"article": rows["article"].map(ids), "sentence": rows["sentence"].astype("int64"),
                         "actor": rows["actor"], "label": label,
                         "stance": rows["stance"].astype("int64"),
                         "frame": rows["frame"]}).reset_index(drop=True)
