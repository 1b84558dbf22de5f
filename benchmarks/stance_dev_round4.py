"""Fourth round of dev-only stance experiments (issue #5): transfer from other public stance sets,
and where the final model's training data and biases come from.

    python benchmarks/stance_dev_round4.py     # the round-4 tables in docs/stance.md (about 15 CPU-minutes)

Same rules as rounds 2 and 3 (``stance_dev_log``, ``stance_dev_round3``): fitted on RumourEval 2019
**train**, scored on **dev**, the test split never read; candidates compared on held-out halves of
dev's threads (the round-2 halvings, seeded alike).

1. **Auxiliary stance models.** A TF-IDF + logistic-regression model trained on another set's
   train split (ARC newspaper reader comments: agree / disagree / discuss / unrelated, or only the
   related three; SemEval-2016 tweets: favor / against / none) scores every RumourEval post; its
   log-probabilities, standardised on RumourEval train, enter the RumourEval model as an extra
   block (shared + forum-style copy, like the context block) at weight 0.1, 0.2 or 0.4. Because the
   auxiliary model never saw RumourEval, its scores on RumourEval train are as honest as on dev (no
   stacking leak). This is the other way to use ARC after round 1's "ARC as extra training data".
2. **Final-model protocol.** The shipped protocol tunes biases on dev with a train-only model, then
   refits on train + dev and keeps those biases. Simulated on dev: tune on one half with the
   train-only model, then score the other half with (a) the train-only model or (b) a model refitted
   on train + the tuning half; biases as tuned, halved, ×1.5 or none. 12 halvings (24 refits).
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]  # benchmarks/numbers.py
sys.path.insert(0, str(_HERE.parent))

import numpy as np  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import f1_score  # noqa: E402

from benchmarks import stance as bench  # noqa: E402
from benchmarks.stance_dev_round3 import Option, Round3, check_tuner, macro_f1, paired, tune_bias  # noqa: E402
from commentkit.nlp.stance import StanceModel, TextNgrams  # noqa: E402

AUX_WEIGHTS = (0.1, 0.2, 0.4)
PROTOCOL_HALVINGS = 12


def auxiliary_block(exp, dataset: str, related_only: bool = False) -> tuple[list[np.ndarray], float]:
    """Log-probabilities of a model trained on ``dataset``'s train split for RumourEval train and
    dev, standardised on train; also the auxiliary model's macro-F1 on its own dev split."""
    def records(split):
        rows = bench.load(dataset, split)
        return [r for r in rows if r["label"] != "unrelated"] if related_only else rows

    train, dev = records("train"), records("dev")
    ngrams = TextNgrams().fit(train)
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=3000)
    model.fit(ngrams.transform(train), bench.labels(train))
    own = f1_score(bench.labels(dev), model.predict(ngrams.transform(dev)), average="macro")
    out = [model.predict_log_proba(ngrams.transform(recs)) for recs in (exp.train, exp.dev)]
    mean, std = out[0].mean(axis=0), out[0].std(axis=0)
    return [(o - mean) / std for o in out], own


def auxiliary_round(exp, shipped) -> list[str]:
    candidates = {"shipped setting": [Option(shipped)]}
    exp.report("shipped setting", Option(shipped))
    blocks, own = {}, {}
    for name, dataset, related in (("ARC (4 labels)", "arc", False),
                                   ("ARC related only (agree/disagree/discuss)", "arc", True),
                                   ("SemEval-2016 (favor/against/none)", "semeval2016t6", False)):
        blocks[name], own[name] = auxiliary_block(exp, dataset, related)
    blocks["ARC related + SemEval-2016"] = [np.hstack(pair) for pair in zip(
        blocks["ARC related only (agree/disagree/discuss)"], blocks["SemEval-2016 (favor/against/none)"])]
    for name, block in blocks.items():
        family = []
        for weight in AUX_WEIGHTS:
            option = Option(exp.fit(exp.matrices(extra=block, extra_weight=weight)))
            exp.report(f"+ {name}, weight {weight}", option)
            candidates[f"+ {name}, weight {weight}"] = [option]
            family.append(option)
        candidates[f"+ {name}, weight chosen on the tuning half"] = family
    rows = ["Auxiliary models on their own dev split (macro-F1): "
            + ", ".join(f"{name} {score:.3f}" for name, score in own.items()), "",
            "| variant (fit on train) | dev macro-F1, no bias | dev macro-F1, biases tuned on dev | dev deny F1 "
            "| dev Reddit macro-F1 | dev forum-style macro-F1 |", "|---|---:|---:|---:|---:|---:|", *exp.table, ""]
    return rows + paired(exp, candidates, nested_baseline=None)


def protocol_round(exp, shipped) -> list[str]:
    """Held-out dev macro-F1 of the final-model protocols (see the module docstring)."""
    threads = np.array([r["meta"]["thread"] for r in exp.dev])
    unique = np.unique(threads)
    rng = np.random.default_rng(0)
    k = len(exp.classes)
    results = defaultdict(list)
    for _ in range(PROTOCOL_HALVINGS):
        half = np.isin(threads, rng.choice(unique, len(unique) // 2, replace=False))
        for tune, held in ((half, ~half), (~half, half)):
            bias = tune_bias(shipped[tune], exp.y_index[tune], np.zeros(tune.sum(), dtype=int), 1)[0]
            tuning = [r for r, t in zip(exp.dev, tune) if t]
            refit = StanceModel(C=0.1, context_weight=0.2, class_weight="sqrt_balanced")
            refit.fit(exp.train + tuning, bench.labels(exp.train + tuning))
            assert list(refit.classes_) == list(exp.classes)
            refitted = np.log(np.clip(refit.predict_proba([r for r, h in zip(exp.dev, held) if h]), 1e-12, None))
            for name, log_p, shift in (
                    ("train+half, biases tuned with the train-only model (shipped protocol)", refitted, bias),
                    ("train+half, biases x0.5", refitted, 0.5 * bias),
                    ("train+half, biases x1.5", refitted, 1.5 * bias),
                    ("train+half, no bias", refitted, 0 * bias),
                    ("train only, biases as tuned", shipped[held], bias),
                    ("train only, biases x0.5", shipped[held], 0.5 * bias),
                    ("train only, no bias", shipped[held], 0 * bias)):
                results[name].append(macro_f1(exp.y_index[held], (log_p + shift).argmax(axis=1), k))
            print(f"  protocol halving done: {len(results[name])}/{2 * PROTOCOL_HALVINGS}", file=sys.stderr, flush=True)
    base = np.array(next(iter(results.values())))
    rows = ["| final model, biases | held-out dev macro-F1 | gain over shipped protocol (mean ± sd) | halves it wins |",
            "|---|---:|---:|---:|"]
    for name, values in results.items():
        gain = np.array(values) - base
        rows.append(f"| {name} | {np.mean(values):.3f} | {gain.mean():+.4f} ± {gain.std():.4f} | {np.mean(gain > 0):.0%} |")
    return rows


def main():
    bench.DATA = bench._find_data()
    exp = Round3()
    shipped = exp.fit(exp.matrices())
    check_tuner(exp, shipped)
    print("\n".join(auxiliary_round(exp, shipped)))
    print()
    print("\n".join(protocol_round(exp, shipped)))


if __name__ == "__main__":
    main()
