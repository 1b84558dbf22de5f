"""The command line: thin click commands over the Python API. Only this module prints."""
from __future__ import annotations

import contextlib
import json
import os
import sys

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
@click.option("--from", "input_format", default=None, help="Read every file as this format (skip detection).")
@click.option("--columns", default=None, help=_COLUMNS_HELP)
@click.option("--stance-model", type=click.Path(dir_okay=False), default=None,
              help="Stance model file (default: the shipped model).")
@click.option("--tolerance", type=float, default=None,
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
    reporter.close()
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
@click.option("--from", "input_format", default=None, help="Read the file as this format (skip detection).")
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


def main():
    cli(prog_name="commentkit")


if __name__ == "__main__":
    main()
