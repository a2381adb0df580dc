"""The report the book opens and closes with: per article (or group) and power, stance,
dominant frame and attention in one table and one figure, findings in plain sentences, and a
close reading of the sentences behind them.

Everything takes a :class:`oped_analysis.book.Book`. Stance is the human coding where the
book has one for the article, else the default stance method (:data:`STANCE_METHOD`).
Results on fewer than :data:`oped_analysis.compare.MIN_SENTENCES` sentences are kept, marked
``too_few``, drawn grey and never ranked.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from .comparison import MIN_SENTENCES, bootstrap_ci, format_interval
from .vocab import DEFAULT_METHOD, STANCE_WORDS, TARGET_METHODS

#: The stance method reported where there is no human coding: the library's default
#: target-aware method (``vocab.DEFAULT_METHOD``, as ``oa.score_target`` uses).
STANCE_METHOD = DEFAULT_METHOD
HUMAN = "human coding"


def method_rows(book, method: str = STANCE_METHOD) -> pd.DataFrame:
    """One row per article x sentence x power from ``method``'s most specific scope, with the text."""
    scores = book.scores[book.scores["method"] == method]
    scope = next((s for s in ("target", "clause", "sentence") if s in set(scores["scope"])), None)
    rows = scores[scores["scope"] == scope].drop_duplicates(["article", "sentence", "actor"])
    text = book.sentences.set_index(["article", "sentence"])["text"]
    return rows.assign(label=method, text=text.reindex(pd.MultiIndex.from_frame(
        rows[["article", "sentence"]])).to_numpy()).reset_index(drop=True)


def stance_rows(book) -> pd.DataFrame:
    """The stance rows the report rests on: the human coding for coded articles, the default
    method elsewhere (columns article, sentence, actor, label, stance, frame)."""
    rows = method_rows(book)[["article", "sentence", "actor", "label", "stance", "frame"]]
    if book.coding is not None and len(book.coding):
        coded = set(book.coding["article"])
        rows = pd.concat([rows[~rows["article"].isin(coded)], book.coding], ignore_index=True)
    return rows[rows["actor"].isin(book.powers)].reset_index(drop=True)


def _dominant(frames: pd.Series) -> tuple[str, float]:
    counts = frames.value_counts()
    return (str(counts.index[0]), float(counts.iloc[0] / counts.sum())) if len(counts) else ("–", np.nan)


def overview(book, n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Per unit (article, or group when the book has many articles) and power: attention,
    stance with its 95% interval, the dominant frame and the thin-evidence flag.

    Columns: unit, actor, sentences (naming the power), share (of the unit's sentences),
    source (human coding or the method), n (stance rows), mean, low, high, frame,
    frame_share, too_few. Pooled units (a group of many articles, and "all N articles" for
    :data:`POOLED_MIN` to :data:`~oped_analysis.book.SMALL_MULTIPLES_MAX` articles) take the
    mean of the articles' means and resample articles, since sentences of one article are not
    independent.
    """
    if book.many:
        return _overview(book, book.groups, pooled=True, n_boot=n_boot, seed=seed)
    per_article = _overview(book, pd.Series(book.ids, index=book.ids), pooled=False, n_boot=n_boot, seed=seed)
    if len(book.ids) < POOLED_MIN:
        return per_article
    everything = pd.Series(all_label(book), index=book.ids)
    return pd.concat([per_article, _overview(book, everything, pooled=True, n_boot=n_boot, seed=seed)],
                     ignore_index=True)


#: From this many articles a few-article book adds a row for all of them together.
POOLED_MIN = 3


def counted(n: int, noun: str) -> str:
    """``n`` and ``noun`` in the plural unless ``n`` is 1 ("1 article", "1,204 articles")."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def all_label(book) -> str:
    return f"All {len(book.ids)} articles"


def _overview(book, units: pd.Series, pooled: bool, n_boot: int, seed: int) -> pd.DataFrame:
    comp = book.comparison.assign(unit=lambda d: d["article"].map(units))
    totals = book.sentences.groupby("article").size().groupby(units).sum()
    attention = comp.groupby(["unit", "actor"], sort=False)["sentences"].sum()
    stance = stance_rows(book).assign(unit=lambda d: d["article"].map(units))
    rows = []
    for unit in dict.fromkeys(units):
        for actor in book.powers:
            part = stance[(stance["unit"] == unit) & (stance["actor"] == actor)]
            values = (part.groupby("article")["stance"].mean() if pooled else part["stance"]).astype(float)
            mean, low, high = bootstrap_ci(values, n_boot=n_boot, seed=seed)
            frame, frame_share = _dominant(part["frame"])
            named = int(attention.get((unit, actor), 0))
            rows.append({"unit": unit, "actor": actor, "sentences": named,
                         "share": named / totals[unit] if totals.get(unit) else np.nan,
                         "source": ", ".join(sorted(set(part["label"]))) or "–", "n": len(part),
                         "mean": mean, "low": low, "high": high, "frame": frame,
                         "frame_share": frame_share, "too_few": len(part) < MIN_SENTENCES})
    return pd.DataFrame(rows)


def unit_labels(book) -> dict[str, str]:
    """Unit -> name: article titles for a few articles, the group names for many."""
    return {g: g for g in dict.fromkeys(book.groups)} if book.many else {**book.titles,
                                                                         all_label(book): all_label(book)}


def stance_text(row) -> str:
    """A stance as read in prose: "+0.45 [+0.20, +0.70]", or "too few sentences (n=1)"."""
    if row["too_few"]:
        return f"too few sentences (n={int(row['n'])})"
    return format_interval(row["mean"], row["low"], row["high"])


def overview_table(ov: pd.DataFrame, labels: dict) -> pd.DataFrame:
    """The overview for reading: one row per unit x power, short columns that fit a page."""
    out = pd.DataFrame({
        "": ov["unit"].map(labels), "power": ov["actor"],
        "% of sentences": (100 * ov["share"]).round(0).astype("Int64"),
        "stance [95% CI]": [stance_text(r) for _, r in ov.iterrows()],
        "main frame": [f"{f} ({s:.0%})" if f != "–" else f for f, s in zip(ov["frame"], ov["frame_share"])],
    })
    return out.set_index(["", "power"])


def ranking(ov: pd.DataFrame) -> pd.DataFrame:
    """Per unit: the most and least favourably portrayed power among those not ``too_few``,
    and whether their intervals overlap (then the order is a tendency, not a finding)."""
    rows = []
    for unit, part in ov.groupby("unit", sort=False):
        ranked = part[~part["too_few"]].sort_values(["mean", "actor"], ascending=[False, True])
        if len(ranked) < 2:
            rows.append({"unit": unit, "most": np.nan, "least": np.nan, "overlap": np.nan,
                         "ranked": len(ranked)})
            continue
        top, bottom = ranked.iloc[0], ranked.iloc[-1]
        rows.append({"unit": unit, "most": top["actor"], "least": bottom["actor"],
                     "overlap": bool(top["low"] <= bottom["high"]), "ranked": len(ranked)})
    return pd.DataFrame(rows)


def the(actor: str) -> str:
    """An actor's name in a sentence: "the US" for an abbreviation, else the name."""
    return f"the {actor}" if actor.isupper() and len(actor) <= 4 else actor


def _extreme(part: pd.DataFrame, actor: str, lead: str) -> str:
    """ "Most favourable to X (+0.57 [...]), with Y (...) too close to tell apart." """
    top = part.loc[actor]
    ranked = part[~part["too_few"]].drop(index=actor)
    close = ranked[(ranked["high"] >= top["low"]) & (ranked["low"] <= top["high"])
                   & ((ranked["mean"] >= 0) == (top["mean"] >= 0))]
    text = f"{lead} {the(actor)} ({stance_text(top)})"
    if len(close):
        text += ", with " + " and ".join(f"{the(a)} ({stance_text(r)})" for a, r in close.iterrows())
        text += " too close to tell apart"
    return text + "."


def findings(ov: pd.DataFrame, labels: dict) -> str:
    """The findings as Markdown bullets, one per unit, every number taken from ``ov``."""
    ranks = ranking(ov).set_index("unit")
    lines = []
    for unit, part in ov.groupby("unit", sort=False):
        part = part.set_index("actor")
        focus = part["share"].idxmax()
        label = str(labels.get(unit, unit))
        # a title, an id, an outlet or a month, shown as it is written; a headline's own "?" or "!" ends it
        text = f"**{label}**" if label.rstrip().endswith(("?", "!", ".", "…")) else f"**{label}.**"
        if not part.loc[focus, "share"] > 0:
            lines.append(f"* {text} Names none of the powers.")
            continue
        text += (f" Most attention to {the(focus)} "
                 f"({part.loc[focus, 'share']:.0%} of sentences; main frame: {part.loc[focus, 'frame']}).")
        r = ranks.loc[unit]
        if pd.notna(r["most"]):
            text += " " + _extreme(part, r["most"], "Most favourable to")
            text += " " + _extreme(part, r["least"], "Least favourable to")
            text += (" The two ends' intervals overlap: the order is a tendency, not an established "
                     "difference." if r["overlap"] else " The two ends' intervals do not overlap.")
        elif r["ranked"] == 1:   # one power to judge: its stance, though nothing to rank it against
            judged = part.index[~part["too_few"].astype(bool)][0]
            text += f" Stance towards {the(judged)}: {stance_text(part.loc[judged])}."
        thin = [f"{the(a)} (n={int(part.loc[a, 'n'])})" for a in part.index if part.loc[a, "too_few"]]
        if len(thin) == len(part):
            text += f" Too few sentences about any power to judge its portrayal: {', '.join(thin)}."
        elif thin:
            text += f" Too few sentences to judge: {', '.join(thin)}."
        lines.append(f"* {text}")
    return "\n".join(lines)


# --- plain-words explanations and the close reading ---------------------------------------

ROLES = {"not": "negated", "agent": "{a} does it", "patient": "it is done to {a}",
         "party": "{a} is a party to it", "judged": "{a} is the one judged",
         "judge": "{a} is the one judging", "near": "near the name"}
KINDS = {"lexicon": "a word of positive or negative tone", "relation+": "relations improving",
         "relation-": "relations worsening", "conflict": "an act of conflict",
         "cooperation": "an act of cooperation", "praise": "praise", "criticism": "criticism"}
RULE_CUE = re.compile(r"(?P<words>[^;(|]+?)\((?P<kind>[^,)]+),(?P<role>[^)]+)\)(?P<effect>[+-]\d*\.?\d+)")
CUES = {"rules": "the rules' cues", "vader_sentence": "the tone of the whole sentence",
        "vader_clause": "the tone of its clause", "agent": "the power being the one acting",
        "patient": "the power being acted upon"}
SAYS_HEAD = re.compile(r"(?P<stance>favourable|neutral|unfavourable) \(p=(?P<p>\d*\.?\d+)\):\s*(?P<why>.*)")
MODEL_HEAD = re.compile(r"p=(?P<p>\d*\.?\d+) for (?P<cls>[+-]?\d)")


def sure(p) -> str:
    """A probability as a reader takes it: "62%"; never "100%" or "0%", which a fitted model
    cannot claim (a rounded 0.997 reads "over 99%")."""
    p = float(p)
    return "over 99%" if p >= 0.995 else "under 1%" if p < 0.005 else f"{p:.0%}"


def plain_explanation(explanation: str, actor: str = "the power") -> str:
    """A method's explanation in plain words.

    ``"better(lexicon,near)+0.24 | frame: relations"`` reads "“better” (a word of positive or
    negative tone, near the name) counts for the power; frame words: relations". A model's
    ``"p=0.62 for -1: word:x+0.4, ..."`` reads "62% sure it is unfavourable; the words that
    weighed most: “x”, ...". Anything else comes back with its separators spelled out.
    """
    text, _, frame = str(explanation).partition(" | frame:")
    parts = []
    head, says = MODEL_HEAD.match(text.strip()), SAYS_HEAD.match(text.strip())
    if says:
        parts.append(f"the method is {sure(says['p'])} sure it is {says['stance']}: {says['why'].strip()}")
    elif head:
        stance = STANCE_WORDS.get(int(head["cls"]), head["cls"])
        words = [w for w in re.findall(r"(?:word|near:[LR]):([^\s,+-]+)", text)
                 if w != "tgt" and w.lower() not in ENGLISH_STOP_WORDS]
        cues = [CUES.get(c, c.replace("_", " ")) for c in re.findall(r"cue:(\w+)", text)]
        parts.append(f"the model is {sure(head['p'])} sure it is {stance}")
        if words:
            quoted = ", ".join(f"“{w}”" for w in dict.fromkeys(words[:4]))
            parts.append(f"the words that weighed most: {quoted}")
        if cues:
            parts.append(("also " if words else "what weighed most: ") + ", ".join(dict.fromkeys(cues)))
    else:
        for cue in RULE_CUE.finditer(text):
            role = ", ".join(ROLES.get(r.strip(), r.strip()).format(a=actor) for r in cue["role"].split(","))
            kind = KINDS.get(cue["kind"].strip(), cue["kind"])
            effect = "for" if float(cue["effect"]) > 0 else "against"
            parts.append(f"“{cue['words'].strip()}” ({kind}; {role}) counts {effect} {actor}")
        if not parts and text.strip():
            parts.append("no cue for or against" if text.strip() == "no cue" else text.strip())
    if frame.strip():
        parts.append("no frame word" if frame.strip() == "no keyword" else f"frame words: {frame.strip()}")
    return "; ".join(parts)


def close_reading(book, per_side: int = 1) -> pd.DataFrame:
    """Per power, the most favourable and the most unfavourable sentences of the corpus.

    Ranked by the human code where there is one, then by the default method's score; each
    row carries the article's title, the sentence, the human code (if any), the method's
    stance and its explanation in plain words. Columns: actor, side, title, text, human,
    method, explanation, n (the power's sentences in the corpus), too_few.
    """
    rows = method_rows(book)
    rows["human"] = _human_codes(book, rows) if book.coding is not None else np.nan
    rows["rank"] = rows["human"].fillna(rows["stance"]) * 10 + rows["polarity"].fillna(0)
    out = []
    for actor in book.powers:
        part = rows[rows["actor"] == actor].sort_values(["rank", "article", "sentence"], kind="stable")
        if part.empty:
            continue
        best = part.iloc[::-1][:per_side]
        worst = part[~part.index.isin(best.index)][:per_side]
        for side, chosen in (("most favourable", best), ("most unfavourable", worst)):
            for _, r in chosen.iterrows():
                out.append({"actor": actor, "side": side, "title": book.titles[r["article"]],
                            "text": r["text"], "human": r["human"], "method": r["stance"],
                            "explanation": plain_explanation(r["explanation"], actor),
                            "n": len(part), "too_few": len(part) < MIN_SENTENCES})
    return pd.DataFrame(out)


def _human_codes(book, rows: pd.DataFrame) -> pd.Series:
    """The human stance code of each (article, sentence, actor) row, via the sentence alignment."""
    from .validate import align_sentences, read_gold

    reference, _ = read_gold(book.coding_folder)
    alignment = align_sentences(book.sentences, reference).dropna(subset=["pred_article"])
    ref_ids = {str(a).split("_")[0]: a for a in book.ids}
    coded = book.coding.assign(ref=book.coding["article"].map({v: k for k, v in ref_ids.items()}))
    coded = coded.merge(alignment, left_on=["ref", "sentence"], right_on=["article", "sentence"],
                        suffixes=("", "_gold"))
    codes = coded.set_index(["pred_article", "pred_sentence", "actor"])["stance"]
    codes = codes[~codes.index.duplicated()]
    keys = pd.MultiIndex.from_frame(rows[["article", "sentence", "actor"]].astype({"sentence": "int64"}))
    return pd.Series(codes.reindex(keys).to_numpy(), index=rows.index, dtype="float")


def close_reading_markdown(table: pd.DataFrame, method: str = STANCE_METHOD) -> str:
    """The close reading as Markdown: per power, each quoted sentence with its codes."""
    lines = []
    for actor, part in table.groupby("actor", sort=False):
        lines.append(f"### {actor}")
        if part["too_few"].iloc[0]:
            lines.append(f"*Only {counted(int(part['n'].iloc[0]), 'sentence')} about {actor}: too few to say "
                         "which are typical.*")
        for _, r in part.iterrows():
            human = f"human coding: **{STANCE_WORDS[int(r['human'])]}**; " if pd.notna(r["human"]) else ""
            code = r["human"] if pd.notna(r["human"]) else r["method"]
            favourable = r["side"] == "most favourable"
            lead = f"**{r['side'].capitalize()}**"
            if (code <= 0) if favourable else (code >= 0):
                word = "favourably" if favourable else "unfavourably"
                lead = f"**{r['side'].capitalize()}**: no sentence portrays {the(actor)} {word}; the nearest"
            lines += [f"{lead}, from *{r['title']}*:", "",
                      f"> {r['text']}", "",
                      f"{human}{method}: **{STANCE_WORDS.get(int(r['method']), r['method'])}**, "
                      f"because {r['explanation']}.", ""]
    return "\n".join(lines)


# --- figures -----------------------------------------------------------------------------

#: An article's heading in the overview figure is cut to this many characters: in 9-point bold
#: (about 5.5 pt a character) that is the stance panel's width on a 7-inch page, so a long
#: title does not run into the attention panel.
HEADING_CHARS = 46


def overview_figure(ov: pd.DataFrame, labels: dict, title: str | None = None):
    """The report in one figure: per unit and power, stance with its interval (left) and the
    share of sentences naming the power with its main frame (right). Results on too few
    sentences are grey, hollow and say so."""
    import textwrap

    import matplotlib.pyplot as plt

    from .plots import BOOK_WIDTH, OTHER_COLOR, actor_color

    units = list(dict.fromkeys(ov["unit"]))
    rows = len(ov) + len(units)
    fig, (left, right) = plt.subplots(1, 2, figsize=(BOOK_WIDTH, 0.9 + 0.27 * rows), sharey=True,
                                      gridspec_kw={"width_ratios": [3, 2]})
    y, ticks, names = 0, [], []
    for unit in units:
        left.text(-1.02, y, textwrap.shorten(str(labels.get(unit, unit)), HEADING_CHARS, placeholder=" …"),
                  fontsize=9, fontweight="bold", va="center", ha="left", backgroundcolor="white")
        y += 1
        for _, r in ov[ov["unit"] == unit].iterrows():
            color = OTHER_COLOR if r["too_few"] else actor_color(r["actor"])
            if r["too_few"]:
                left.text(0, y, f"too few sentences (n={int(r['n'])})", color=OTHER_COLOR, fontsize=8,
                          va="center", ha="center", style="italic")
            else:
                err = [[r["mean"] - r["low"]], [r["high"] - r["mean"]]] if r["low"] == r["low"] else None
                left.errorbar(r["mean"], y, xerr=err, fmt="o", color=color, capsize=3, markersize=6)
            share = 100 * (r["share"] if r["share"] == r["share"] else 0)
            right.barh(y, share, color=actor_color(r["actor"]), height=0.7)  # counts are exact: never grey
            right.text(share + 1, y, r["frame"] if r["frame"] != "–" else "", va="center", fontsize=8)
            ticks.append(y)
            names.append(r["actor"])
            y += 1
    left.set_yticks(ticks, names)
    for tick, actor in zip(left.get_yticklabels(), names):
        tick.set_color(actor_color(actor))
    left.set_ylim(y - 0.5, -0.7)
    left.axvline(0, color="black", lw=0.8)
    left.set_xlim(-1.05, 1.05)
    sources = " and ".join(dict.fromkeys(s for s in ov["source"] if s != "–"))
    left.set_xlabel("stance: −1 unfavourable … +1 favourable\n"
                    f"(mean by {sources or 'the method'}, 95% interval)")
    right.set_xlim(0, max(10, 100 * ov["share"].max() * 1.6))  # room for the frame labels
    right.set_xticks([t for t in right.get_xticks() if 0 <= t <= 100])  # a share: never past 100%
    right.set_xlabel("% of sentences naming the power\n(label: main frame)")
    for ax in (left, right):
        ax.grid(axis="y", visible=False)
    fig.suptitle(title or "How each power is portrayed, and how much it is discussed", fontsize=11)
    fig.tight_layout()
    return fig


def article_means(book) -> pd.DataFrame:
    """Per article and power: the mean stance of its report rows and how many (for distributions)."""
    rows = stance_rows(book)
    out = rows.groupby(["article", "actor"])["stance"].agg(mean="mean", n="size").reset_index()
    return out.assign(too_few=out["n"] < MIN_SENTENCES, unit=out["article"].map(book.groups))


def spread_figure(book):
    """For many articles, :func:`distribution_figure` of the articles' mean stance; for a few, nothing
    (the overview figure already shows every article)."""
    return distribution_figure(article_means(book), book.powers) if book.many else None


def distribution_figure(means: pd.DataFrame, powers: list[str], title: str | None = None):
    """Many articles: the spread of the articles' mean stance per power (articles with enough
    sentences), with how many articles were too thin to count."""
    import matplotlib.pyplot as plt

    from .plots import BOOK_WIDTH, actor_color

    fig, axes = plt.subplots(len(powers), 1, figsize=(BOOK_WIDTH, 0.8 + 1.1 * len(powers)), sharex=True,
                             squeeze=False)
    bins = np.linspace(-1, 1, 21)
    for ax, actor in zip(axes[:, 0], powers):
        part = means[means["actor"] == actor]
        kept = part.loc[~part["too_few"], "mean"]
        ax.hist(kept, bins=bins, color=actor_color(actor))
        ax.set_ylabel("articles")
        ax.set_title(f"{actor}: {len(kept)} articles with ≥{MIN_SENTENCES} sentences about it "
                     f"({int(part['too_few'].sum())} with fewer, left out)", loc="left", fontsize=9,
                     color=actor_color(actor))
        if not len(kept):
            ax.set_yticks([])
            ax.text(0.5, 0.5, "no article says enough about it", transform=ax.transAxes, ha="center",
                    va="center", fontsize=9, color="#777777", style="italic")
        ax.axvline(0, color="black", lw=0.8)
        ax.grid(axis="x", visible=False)
    axes[-1, 0].set_xlabel("mean stance of an article towards the power (−1 … +1)")
    fig.suptitle(title or "How far the articles differ: each article's mean stance towards each power\n"
                 f"(articles with fewer than {MIN_SENTENCES} sentences about the power left out)",
                 fontsize=10)
    fig.tight_layout()
    return fig


def uncertainties(book, ov: pd.DataFrame) -> str:
    """What is uncertain, as Markdown bullets with every number computed here."""
    from .comparison import robustness

    ranks = ranking(ov)
    # the pooled "All N articles" rows are not one more article
    own = ov[ov["unit"] != all_label(book)]
    thin = int(own["too_few"].sum())
    unit = "group" if book.many else "article"
    results = counted(len(own), f"{unit}–power result")
    if thin:
        lines = [f"* **Thin evidence.** {thin} of the {results} {'rests' if thin == 1 else 'rest'} on "
                 f"fewer than {MIN_SENTENCES} sentences: shown grey and never ranked."]
    else:
        lines = [f"* **Thin evidence.** None of the {results} rests on fewer than {MIN_SENTENCES} sentences."]
    ranked = ranks.dropna(subset=["most"])
    ranked = ranked[ranked["unit"] != all_label(book)]
    overlapping = int(ranked["overlap"].sum())
    if len(ranked) == 1:
        lines.append(f"* **Overlapping intervals.** In the one {unit} ranked, the most and least favoured "
                     f"powers' 95% intervals {'overlap' if overlapping else 'do not overlap'}.")
    elif len(ranked):
        share = f"{overlapping} of the {len(ranked)}" if overlapping else f"none of the {len(ranked)}"
        lines.append(f"* **Overlapping intervals.** In {share} {unit}s ranked, the most and least "
                     "favoured powers' 95% intervals overlap.")
    methods = book.scores[book.scores["method"].isin(TARGET_METHODS)]
    robust = robustness(methods, actors=book.powers)
    if len(robust):
        agree = robust.groupby("article")[["most_agree", "least_agree"]].first().all(axis=1)
        lines.append(f"* **Method choice.** The target-aware methods ({', '.join(TARGET_METHODS)}) name the "
                     f"same most and least favoured power in {int(agree.sum())} of {len(agree)} articles "
                     "where they rank at least two powers; elsewhere the order depends on the method.")
    if book.has_coding:
        lines.append("* **Method accuracy.** Sentence by sentence, the methods agree with human coders only "
                     "moderately (chapter *Validation*): the human coding is reported where it exists.")
    else:
        lines.append(f"* **No human coding.** Stance is the `{STANCE_METHOD}` method's reading, which "
                     "agrees with human coders only moderately on held-out news sentences; code a sample "
                     "(`oped-analysis book ... --coding`) to validate it on these articles.")
    lines.append("* **Names, not references.** Pronouns and descriptions (\"the superpower\") are not "
                 "counted, so attention is a lower bound.")
    return "\n".join(lines)


# --- chapter views: one panel per article for a few articles, groups for many -------------

def by_unit(book, table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with its ``article`` column replaced by the unit the book compares (the
    article itself for a few articles, its group for many)."""
    return table if not book.many else table.assign(article=table["article"].map(book.groups))


def attention_figure(book):
    """Share of sentences naming each power: bars per article, or the spread over articles."""
    from . import plots

    if not book.many:
        return plots.textplot_mentions(book.comparison, book.labels(), book.powers)
    import matplotlib.pyplot as plt

    comp = by_unit(book, book.comparison)
    units = list(dict.fromkeys(comp["article"]))
    fig, axes = plt.subplots(1, len(book.powers), figsize=(plots.BOOK_WIDTH, 1.2 + 0.35 * len(units)),
                             sharey=True, squeeze=False)
    for ax, actor in zip(axes[0], book.powers):
        part = comp[comp["actor"] == actor]
        data = [100 * part.loc[part["article"] == u, "share"].dropna() for u in units]
        ax.boxplot(data, orientation="horizontal", widths=0.6, showfliers=False,
                   medianprops={"color": plots.actor_color(actor), "linewidth": 2})
        ax.set_title(actor, color=plots.actor_color(actor))
        ax.set_xlabel("% of an article's sentences")
        ax.grid(axis="y", visible=False)
    axes[0, 0].set_yticks(range(1, len(units) + 1), units)
    axes[0, 0].invert_yaxis()
    fig.suptitle(f"How much attention the {len(book.ids)} articles give each power (spread over articles)",
                 fontsize=11)
    fig.tight_layout()
    return fig


def positions_figure(book):
    """Where in the articles each power is named: ticks per article, or a histogram for many."""
    from . import plots

    mentions = book.mentions[book.mentions["actor"].isin(book.powers)]
    if not book.many:
        return plots.textplot_positions(mentions, book.sentences, book.labels(), book.powers)
    import matplotlib.pyplot as plt

    totals = book.sentences.groupby("article")["sentence"].max()
    named = mentions.drop_duplicates(["article", "sentence", "actor"])
    position = 100 * (named["sentence"] - 0.5) / named["article"].map(totals)
    fig, ax = plt.subplots(figsize=(plots.BOOK_WIDTH, 2.8))
    for actor in book.powers:
        ax.hist(position[named["actor"] == actor], bins=np.linspace(0, 100, 21), histtype="step",
                linewidth=2, color=plots.actor_color(actor), label=actor, density=True)
    ax.set_xlabel("position in the article (% of its sentences, start to end)")
    ax.set_ylabel("density")
    ax.legend(ncol=len(book.powers), loc="upper center", bbox_to_anchor=(0.5, -0.3))
    ax.set_title("Where in the articles each power is named (all articles)")
    fig.tight_layout()
    return fig


def keyness_table(book, top: int = 8) -> pd.DataFrame:
    """Distinctive words per article (few) or per group (many: the group's articles pooled)."""
    from .keywords import keyness_from_tables

    return keyness_from_tables(book.sentences, book.mentions, groups=book.groups if book.many else None,
                               actors=book.powers, lexicon=book.lexicon, top=top)


def named(book, table: pd.DataFrame, column: str = "article") -> pd.DataFrame:
    """``table`` with article ids replaced by the articles' titles (groups keep their names)."""
    return table.assign(**{column: table[column].map(lambda a: book.titles.get(a, a))})


def articles_table(book) -> pd.DataFrame:
    """The articles read: one row each for a few (a field the page does not state shows "–",
    not pandas' NaN or None); for many, counts and lengths per group."""
    meta = book.metadata.drop(columns="article").set_index("title")
    if not book.many:
        stated = ["author", "outlet", "published"]
        return meta.assign(**{c: meta[c].astype(object).where(meta[c].notna(), "–") for c in stated})
    grouped = meta.assign(group=book.groups.to_numpy()).groupby("group")
    return grouped.agg(articles=("sentences", "size"), sentences=("sentences", "sum"),
                       median_sentences=("sentences", "median"), chars_kept=("body_chars", "sum"),
                       chars_cut=("removed_chars", "sum"))


def problems_table(book) -> pd.DataFrame:
    """Inputs that could not be read or were read with a guessed encoding, with the reason
    (one row saying none when every file was read as it is)."""
    rows = [{"source": str(p.source), "problem": p.message} for p in book.corpus.problems]
    return pd.DataFrame(rows or [{"source": "–", "problem": "none: every file was read"}])


def removed_table(book, max_chars: int = 70) -> pd.DataFrame:
    """What cleaning cut: each cut for a few articles, characters per reason for many."""
    cuts = pd.concat([a.removed_text() for a in book.corpus], ignore_index=True)
    if book.many or not len(cuts):
        return cuts.groupby("reason").agg(cuts=("chars", "size"), characters=("chars", "sum"))
    cuts = named(book, cuts)
    return cuts.assign(text=cuts["text"].str.slice(0, max_chars))[["article", "reason", "chars", "text"]]


def accounting(book) -> pd.DataFrame:
    """Kept body + cut spans = the file as read, per article (for many: how many articles add up)."""
    meta = book.corpus.metadata()
    raw = pd.Series([len(a.raw) for a in book.corpus], index=meta.index)
    ok = meta["body_chars"] + meta["removed_chars"] == raw
    if book.many:
        return pd.DataFrame({"articles": [len(ok)], "every character accounted for": [int(ok.sum())]},
                            index=["all articles"])
    return pd.DataFrame({"article": meta["article"].map(book.titles), "characters read": raw,
                         "kept": meta["body_chars"], "cut": meta["removed_chars"],
                         "every character accounted for": ok}).set_index("article")


def sentence_lengths(book) -> pd.DataFrame:
    """Words per sentence, described per article (few) or per group (many)."""
    words = by_unit(book, book.sentences).assign(words=lambda d: d["text"].str.split().str.len())
    table = named(book, words).groupby("article", sort=False)["words"].describe().round(1)
    return table.astype({"count": "int64"}).rename(columns={"count": "sentences"})


def attention_table(book) -> pd.DataFrame:
    """Mentions and share per article and power (few), or the share's spread per power (many)."""
    comp = book.comparison
    if book.many:
        spread = (by_unit(book, comp).assign(pct=100 * comp["share"])
                  .groupby(["article", "actor"], sort=False)["pct"].describe().round(1))
        return spread.astype({"count": "int64"}).rename(columns={"count": "articles"})
    table = named(book, comp)[["article", "actor", "mentions", "sentences", "share"]]
    return table.assign(share=(100 * table["share"]).round(0).astype("Int64")).rename(
        columns={"share": "% of sentences"}).set_index(["article", "actor"])


def alias_table(book, by_kind: bool = False) -> pd.DataFrame:
    """Which aliases carried the mentions of each power, per article (few) or in all (many)."""
    mentions = named(book, book.mentions[book.mentions["actor"].isin(book.powers)])
    index = ["actor", "kind"] if by_kind else ["actor", "kind", "alias"]
    if book.many:
        counts = mentions.groupby(index).size().rename("mentions")
        return counts.to_frame().sort_values("mentions", ascending=False).head(30 if not by_kind else None)
    table = mentions.pivot_table(index=index, columns="article", values="start", aggfunc="count",
                                 fill_value=0)
    # the book's order of articles and powers, as in its other tables (pivot_table sorts by name)
    rank = {power: i for i, power in enumerate(book.powers)}
    table = table.sort_index(level="actor", key=lambda level: level.map(rank), sort_remaining=False,
                             kind="stable")
    return table[list(dict.fromkeys(mentions["article"]))]


def cooccurrence_table(book, actors) -> pd.DataFrame:
    """Sentences naming both of two actors, per article (few) or summed per group (many)."""
    from .comparison import cooccurrence

    table = by_unit(book, cooccurrence(book.mentions, actors))
    return table.groupby(["article", "actor", "other"], sort=False, as_index=False)["sentences"].sum()


def method_agreement(scores: pd.DataFrame) -> pd.DataFrame:
    """TextBlob against VADER per scope: Spearman rank correlation and share of equal signs."""
    wide = scores.pivot_table(index=["article", "sentence", "actor", "scope"], columns="method",
                              values="polarity")
    same = (np.sign(wide["textblob"]) == np.sign(wide["vader"])).groupby("scope").mean()
    # a constant column (a corpus of a sentence or two) has no rank correlation: NaN, not a warning
    rho = {scope: d["textblob"].corr(d["vader"], method="spearman")
           if d["textblob"].nunique() > 1 and d["vader"].nunique() > 1 else float("nan")
           for scope, d in wide.groupby("scope")}
    return pd.DataFrame({"Spearman rho": pd.Series(rho), "same sign (share)": same})


def scope_changes(scores: pd.DataFrame, powers) -> pd.DataFrame:
    """How often the clause's score differs from the whole sentence's, per method and power."""
    wide = scores.pivot_table(index=["article", "sentence", "actor", "method"], columns="scope",
                              values="polarity")
    changed = (wide["clause"] != wide["sentence"]).groupby(["method", "actor"]).mean().unstack("actor")
    return changed.reindex(columns=[p for p in powers if p in changed.columns])


def extremes_table(book, method: str = "vader", n: int = 2, width: int = 40) -> pd.DataFrame:
    """The ``n`` highest and lowest scored sentences per article and power (few), or per power
    over the whole corpus (many), as keyword in context with the article's title."""
    from .concordance import extremes

    scores = book.scores[book.scores["method"] == method]
    table = extremes(book.corpus, scores, method=method, scope="sentence", n=n, actor=book.powers,
                     lexicon=book.lexicon, width=width)
    if book.many:
        picked = []
        for (_, side), part in table.groupby(["actor", "side"], sort=False):
            picked.append(part.sort_values("polarity", ascending=side != "favourable").head(n))
        table = type(table)(pd.concat(picked, ignore_index=True))
    return type(table)(named(book, table))


def stance_table(book, methods=TARGET_METHODS) -> pd.DataFrame:
    """Stance per article (or group) x power x method, with the human coding where there is one."""
    from .comparison import stance_summary
    from .validate import method_rows as labelled

    rows = labelled(book.scores[book.scores["method"].isin(methods)])
    if book.coding is not None:
        rows = pd.concat([rows, book.coding], ignore_index=True)
    return stance_summary(by_unit(book, rows))


def method_robustness(book) -> tuple[pd.DataFrame, dict]:
    """Which power each method portrays most and least favourably, per article; and counts of
    articles where all methods, and the two target-aware ones, agree."""
    from .comparison import robustness

    robust = robustness(by_unit(book, book.scores), actors=book.powers)
    if robust.empty:
        return robust, {"articles": 0, "all": 0, "target_aware": 0}
    agree = robust.groupby("article")[["most_agree", "least_agree"]].first().all(axis=1)
    ta = robust[robust["label"].isin(TARGET_METHODS)]
    ta_agree = ta.groupby("article")[["most", "least"]].nunique().eq(1).all(axis=1)
    counts = {"articles": len(agree), "all": int(agree.sum()), "target_aware": int(ta_agree.sum())}
    table = named(book, robust)[["article", "label", "most", "least"]]
    return (table.set_index(["article", "label"]) if not book.many else
            agree.rename("all methods agree").to_frame()), counts


def stance_source(book) -> str:
    """Where the report's stance comes from, in words."""
    if book.coding is not None and set(book.coding["article"]) >= set(book.ids):
        return "the human coding of every sentence"
    if book.coding is not None and len(book.coding):
        return f"the human coding where there is one, else the {STANCE_METHOD} method"
    return f"the {STANCE_METHOD} method"


def detection_view(book, found: pd.DataFrame, coding: pd.DataFrame):
    """Mention detection against the book's coding (:func:`oped_analysis.validate.detection_scores`,
    articles by title), or, for a coding sampled from the library's own mentions (coding sheets:
    :data:`oped_analysis.book.SAMPLED_NOTE`), why it cannot be scored: every coded pair was
    found, and pairs left out of the sample would count as wrong."""
    from .book import SAMPLED_NOTE
    from .validate import detection_scores

    if book.coding_folder is not None and (Path(book.coding_folder) / SAMPLED_NOTE).exists():
        return markdown("The coding is a sample of the pairs the library found (`oped-analysis sample`): "
                        "it measures their stances and frames, not what the library misses or finds "
                        "wrongly, so detection is not scored here. Missed mentions (pronouns, names "
                        "beyond the lexicon) can be seen by reading articles beside chapter *Attention*.")
    return detection_scores(found, coding).replace({"article": coded_titles(book)}).round(3)


def markdown(text: str):
    """``text`` displayed as Markdown (prose generated from the numbers, in a chapter)."""
    from IPython.display import Markdown

    return Markdown(text)


def question(book):
    """The book's question (``question`` in book.toml), or the general one."""
    return markdown(book.config.question.strip() or (
        "How do these articles write about the great powers? Which powers get attention, in which "
        "frames, and which are portrayed favourably or unfavourably, sentence by sentence?"))


def score_examples(examples, methods=(*TARGET_METHODS, "vader")) -> pd.DataFrame:
    """Score ``(sentence, target)`` pairs with each method: stance and the plain-words reason."""
    from .scoring import score_target

    rows = []
    for text, target in examples:
        start = text.index(target)
        for method in methods:
            r = score_target(text, start, start + len(target), method=method)
            rows.append({"sentence": text, "target": target, "method": method, "stance": r["stance"],
                         "explanation": plain_explanation(r["explanation"], target)})
    return pd.DataFrame(rows)


def method_table(book) -> pd.DataFrame:
    """Each method's mean stance with its interval, per article (or group) and power, as text."""
    stance = stance_table(book, methods=("vader", *TARGET_METHODS))
    stance = named(book, stance)
    text = [f"too few (n={int(r['n'])})" if r["too_few"] else format_interval(r["mean"], r["mean_low"],
            r["mean_high"]) for _, r in stance.iterrows()]
    labels = [lab for lab in ("vader:sentence", *TARGET_METHODS, HUMAN) if lab in set(stance["label"])]
    table = stance.assign(stance=text).pivot(index=["article", "actor"], columns="label", values="stance")
    table.columns.name = None
    units = [unit_labels(book).get(u, u) for u in dict.fromkeys(by_unit(book, book.comparison)["article"])]
    order = pd.MultiIndex.from_product([units, book.powers])
    table = table.reindex(order.intersection(table.index, sort=False))[labels]
    table.index.names = ["article", "power"]
    return table


def coded_titles(book) -> dict[str, str]:
    """The human coding's article keys (the id before "_", as in ``data/gold``) -> titles."""
    return {a.split("_")[0]: t for a, t in book.titles.items()}
