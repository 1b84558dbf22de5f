"""Reproduce the stance model card: select settings and per-class biases on dev, train, score test.

    python benchmarks/stance.py                 # RumourEval 2019 + 2017, prints the tables
    python benchmarks/stance.py --save models/stance-sdqc.zip   # also writes the default model

Protocol (no test data is used for any choice):
1. for each setting in GRID: fit on the official train split, predict dev, tune per-class biases
   for macro-F1 on dev; keep the setting with the best tuned dev macro-F1;
2. refit that setting on train + dev with the dev-tuned biases fixed;
3. score the official test split: accuracy, macro-F1 with a bootstrap 95% interval, per-class
   P/R/F1, confusion matrix, and the Twitter and Reddit parts separately;
4. time training and prediction (comments per second, features included).
RumourEval 2017 gets its own model trained on 2017 train(+dev) only: 2019 train contains 2017 test.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

# Run as a script, this folder comes first on sys.path, and benchmarks/numbers.py would shadow the
# standard library's ``numbers`` (which numpy imports). Use the repository root instead.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

import numpy as np  # noqa: E402

from commentkit.nlp.stance import StanceModel, tune_class_bias, tune_temperature  # noqa: E402
from commentkit.tune import metrics, write_model  # noqa: E402

def _find_data() -> Path:
    """``shared/data/stance`` next to the checkout or one of its parents (worktrees sit deeper)."""
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "shared" / "data" / "stance"
        if candidate.is_dir():
            return candidate
    raise SystemExit("shared/data/stance not found next to this checkout; pass --data DIR")


DATA = None  # set in main()
LABELS = ["comment", "deny", "query", "support"]
GRID = [{"C": c, "context_weight": w, "class_weight": cw}
        for cw in ("balanced", "sqrt_balanced") for c in (0.1, 0.2, 0.3) for w in (0.1, 0.2, 0.3)]


def load(dataset: str, split: str) -> list[dict]:
    records = []
    with open(DATA / dataset / f"{split}.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            row["depth"] = 1 if row.get("parent") else 0
            records.append(row)
    return records


def labels(records):
    return [r["label"] for r in records]


def select_on_dev(train, dev, grid, log):
    """The setting and biases with the best bias-tuned macro-F1 on dev."""
    best = None
    for params in grid:
        model = StanceModel(**params).fit(train, labels(train))
        proba = model.predict_proba(dev)
        bias = tune_class_bias(proba, labels(dev), model.classes_)
        predicted = model.classes_[(np.log(np.clip(proba, 1e-12, None)) + bias).argmax(axis=1)]
        score = metrics(labels(dev), predicted, LABELS)["macro_f1"]
        log(f"  dev {json.dumps(params)}: tuned macro-F1 {score:.4f}, bias {[float(b) for b in bias]}")
        if best is None or score > best[0] + 1e-9:
            shifted = np.exp(np.log(np.clip(proba, 1e-12, None)) + bias)
            shifted /= shifted.sum(axis=1, keepdims=True)
            temperature = tune_temperature(shifted, labels(dev), model.classes_)
            best = (score, params, {str(c): float(b) for c, b in zip(model.classes_, bias)}, temperature)
    return best


def score(model, test, bootstrap=1000):
    predicted = [str(p) for p in model.predict(test)]
    gold = labels(test)
    result = {"all": metrics(gold, predicted, LABELS, bootstrap=bootstrap)}
    for platform in ("twitter", "reddit"):
        idx = [i for i, r in enumerate(test) if r["meta"].get("platform") == platform]
        if idx:
            result[platform] = metrics([gold[i] for i in idx], [predicted[i] for i in idx], LABELS,
                                       bootstrap=bootstrap)
    return result


def calibration_error(model, records, bins=10) -> float:
    """Expected calibration error of the winning label's score (0 = perfectly calibrated)."""
    proba = model.predict_proba(records)
    confidence = proba.max(axis=1)
    correct = model.classes_[proba.argmax(axis=1)] == np.array(labels(records), dtype=object)
    edges = np.linspace(0, 1, bins + 1)
    error = 0.0
    for low, high in zip(edges[:-1], edges[1:]):
        inside = (confidence > low) & (confidence <= high)
        if inside.any():
            error += inside.mean() * abs(confidence[inside].mean() - correct[inside].mean())
    return float(error)


def prediction_speed(model, records, repeats=5) -> dict:
    """Comments per second, best of ``repeats``: by the wall clock and by this process's CPU
    time (the machine is shared, so the CPU figure is the steadier one)."""
    wall = cpu = float("inf")
    for _ in range(repeats):
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        model.predict_proba(records)
        wall = min(wall, time.perf_counter() - start_wall)
        cpu = min(cpu, time.process_time() - start_cpu)
    return {"wall": len(records) / wall, "cpu": len(records) / cpu}


def run(dataset, grid, log, save=None):
    train, dev, test = load(dataset, "train"), load(dataset, "dev"), load(dataset, "test")
    log(f"{dataset}: train {len(train)}, dev {len(dev)}, test {len(test)}")
    dev_score, params, bias, temperature = select_on_dev(train, dev, grid, log)
    log(f"  chosen {json.dumps(params)} (dev {dev_score:.4f}), bias {bias}, temperature {temperature}")
    start = time.perf_counter()
    model = StanceModel(**params, class_bias=bias, temperature=temperature).fit(train + dev, labels(train + dev))
    fit_seconds = time.perf_counter() - start
    log(f"  trained on train+dev in {fit_seconds:.1f} s")
    result = {"dataset": dataset, "params": params, "bias": bias, "temperature": temperature,
              "dev_macro_f1_tuned": dev_score, "test_ece": calibration_error(model, test),
              "fit_seconds": fit_seconds, "test": score(model, test),
              "comments_per_second": prediction_speed(model, test)}
    if save:
        write_model(model, Path(save), {
            "training_data": [f"{dataset} train", f"{dataset} dev"], "n_train": len(train) + len(dev),
            "selection": "settings and per-class biases chosen on the official dev split (macro-F1)",
            "test": {k: {m: v[m] for m in ("accuracy", "macro_f1", "macro_f1_ci95", "per_class", "confusion", "n")}
                     for k, v in result["test"].items()},
            "command": "python benchmarks/stance.py --save " + str(save)})
    return result


ABLATIONS = {
    "chosen setting": {},
    "without the forum/Twitter style split": {"split_styles": False},
    "without TextBlob sentiment": {"sentiment": False},
    "n-grams only (no context block)": {"context_weight": 0.0, "split_styles": False},
    "balanced class weights": {"class_weight": "balanced"},
}


def ablation(dataset, params, log) -> str:
    """Each variant re-selected the same way (biases on dev, refit on train+dev), scored on test."""
    train, dev, test = load(dataset, "train"), load(dataset, "dev"), load(dataset, "test")
    rows = ["| variant | dev macro-F1 (bias-tuned) | test macro-F1 | Twitter | Reddit | deny F1 |",
            "|---|---:|---:|---:|---:|---:|"]
    for name, change in ABLATIONS.items():
        dev_score, variant, bias, temperature = select_on_dev(train, dev, [{**params, **change}], log)
        model = StanceModel(**variant, class_bias=bias, temperature=temperature).fit(train + dev, labels(train + dev))
        result = score(model, test, bootstrap=0)
        rows.append(f"| {name} | {dev_score:.3f} | {result['all']['macro_f1']:.3f} | "
                    f"{result['twitter']['macro_f1']:.3f} | {result['reddit']['macro_f1']:.3f} | "
                    f"{result['all']['per_class']['deny']['f1']:.3f} |")
    return "\n".join(rows)


def table(result) -> str:
    rows = ["| part | n | accuracy | macro-F1 (95% CI) | support F1 | deny F1 | query F1 | comment F1 |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for part, m in result["test"].items():
        f1 = {k: v["f1"] for k, v in m["per_class"].items()}
        ci = m.get("macro_f1_ci95", [float("nan")] * 2)
        rows.append(f"| {part} | {m['n']} | {m['accuracy']:.3f} | **{m['macro_f1']:.3f}** ({ci[0]:.3f}–{ci[1]:.3f}) | "
                    f"{f1['support']:.3f} | {f1['deny']:.3f} | {f1['query']:.3f} | {f1['comment']:.3f} |")
    return "\n".join(rows)


def detail(result) -> str:
    m = result["test"]["all"]
    rows = ["| label | precision | recall | F1 | support |", "|---|---:|---:|---:|---:|"]
    for label, v in m["per_class"].items():
        rows.append(f"| {label} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {v['support']} |")
    rows += ["", "Confusion (rows gold, columns predicted: " + ", ".join(m["labels"]) + ")", "",
             "| gold \\ predicted | " + " | ".join(m["labels"]) + " |", "|---|" + "---:|" * len(m["labels"])]
    for label, counts in zip(m["labels"], m["confusion"]):
        rows.append(f"| {label} | " + " | ".join(map(str, counts)) + " |")
    return "\n".join(rows)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", help="write the RumourEval 2019 model here (the shipped default)")
    parser.add_argument("--datasets", default="rumoureval2019,rumoureval2017")
    parser.add_argument("--json", help="also write all figures to this JSON file")
    parser.add_argument("--data", help="folder holding rumoureval2019/ and rumoureval2017/")
    parser.add_argument("--ablation", action="store_true",
                        help="also re-run the chosen RumourEval 2019 setting without each feature group")
    args = parser.parse_args(argv)
    global DATA
    DATA = Path(args.data) if args.data else _find_data()

    def log(message):
        print(message, file=sys.stderr, flush=True)

    results = []
    for dataset in args.datasets.split(","):
        save = args.save if dataset == "rumoureval2019" else None
        result = run(dataset, GRID, log, save=save)
        results.append(result)
        print(f"\n### {dataset} — official test split\n")
        print(table(result))
        print()
        print(detail(result))
        print(f"\nChosen on dev: {json.dumps(result['params'])}, per-class bias {json.dumps(result['bias'])}, "
              f"temperature {result['temperature']}; dev macro-F1 (bias-tuned) {result['dev_macro_f1_tuned']:.4f}; "
              f"test calibration error (ECE, 10 bins) {result['test_ece']:.3f}")
        print(f"Training on train+dev: {result['fit_seconds']:.1f} s; "
              f"prediction (features included, best of 5): {result['comments_per_second']['wall']:,.0f} "
              f"comments/s by the wall clock, {result['comments_per_second']['cpu']:,.0f} per CPU-second")
        if args.ablation and dataset == "rumoureval2019":
            print(f"\n### {dataset} — ablation (each row: biases re-tuned on dev, refit on train+dev)\n")
            print(ablation(dataset, result["params"], log))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
