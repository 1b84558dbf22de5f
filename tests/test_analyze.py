"""The orchestrator: file discovery, in-order results for any number of jobs, models loaded once
per worker, the per-file time limit, dead workers, the result cache and resuming after Ctrl-C.

The stages are small fakes (tests/fake_stages.py) injected through ``make_analyzer``, so these
tests check orchestration, not the quality of any stage.
"""
from __future__ import annotations

import functools
import json
import os
from pathlib import Path

import pytest

from commentkit.analyze import Options, analyze, iter_files
from commentkit.errors import ModelError
from commentkit.model import Analysis, FileError
from fake_stages import make_fake_analyzer


def write_thread(path: Path, thread_id: str, article: str, comments=("I count 7",)) -> Path:
    path.write_text(json.dumps({
        "id": thread_id, "title": thread_id, "article": article,
        "comments": [{"id": f"c{i}", "text": text} for i, text in enumerate(comments)],
    }), encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path) -> Path:
    """Nine good files in two folders, an empty file and a file that makes a stage raise."""
    root = tmp_path / "corpus"
    (root / "b").mkdir(parents=True)
    for i in range(5):
        write_thread(root / f"a{i}.json", f"a{i}", f"The article says {i} and 12.", [f"{i} or {i + 1}?", "12"])
    for i in range(4):
        write_thread(root / "b" / f"t{i}.json", f"b{i}", f"{i * 10} people came.")
    (root / "b" / "empty.json").write_text("")
    write_thread(root / "raises.json", "raises", "RAISE-IN-CLAIMS")
    return root


def run(paths, log_dir=None, **options) -> list:
    factory = functools.partial(make_fake_analyzer, log_dir=str(log_dir)) if log_dir else make_fake_analyzer
    return list(analyze(paths if isinstance(paths, list) else [paths], Options(**options), make_analyzer=factory))


def as_json(items) -> list:
    return [json.dumps(item.to_dict(), sort_keys=True) for item in items]


# --- iter_files -------------------------------------------------------------------------------

def test_iter_files_is_sorted_recursive_and_skips_hidden_and_readme(tmp_path):
    for name in ("b.json", "a.json", ".hidden.json", "README.md", "sub/c.json", "sub/.git/x", ".cache/y.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}")
    assert [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])] == ["a.json", "b.json", "sub/c.json"]


def test_a_saved_pages_asset_folder_contributes_only_its_pages(tmp_path):
    """"Save page as… (complete)" leaves scripts, styles and images next to the page: a walk skips
    them (they are not discussions, and a script would read as a plain-text copy); named, they are read."""
    for name in ("page.html", "page_files/app.js", "page_files/style.css", "page_files/logo.png",
                 "page_files/font.woff2", "page_files/frame.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])] == ["page.html", "page_files/frame.html"]
    assert list(iter_files([tmp_path / "page_files" / "app.js"])) == [tmp_path / "page_files" / "app.js"]


def test_a_report_folder_inside_the_input_is_not_read_back_but_can_be_named(tmp_path):
    from commentkit.report import open_reporter

    (tmp_path / "a.json").write_text("{}")
    reporter = open_reporter("json", out_dir=str(tmp_path / "out"), stream=None)  # tags its folder
    reporter.close()
    (tmp_path / "out" / "t-1.json").write_text("{}")
    assert [p.name for p in iter_files([tmp_path])] == ["a.json"]
    assert [p.name for p in iter_files([tmp_path / "out"])] == ["index.json", "t-1.json"]


def test_iter_files_reports_loops_missing_paths_and_fifos_instead_of_hanging(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "self").symlink_to(tmp_path / "self")
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "ok.json").write_text("{}")
    items = list(iter_files([tmp_path, tmp_path / "missing.json"]))
    paths = [i for i in items if isinstance(i, Path)]
    errors = {Path(e.source).name: e.reason for e in items if isinstance(e, FileError)}
    assert paths == [tmp_path / "ok.json"]
    assert "symlink loop" in errors["loop"]
    assert "symbolic link" in errors["self"]
    assert "not a regular file" in errors["pipe"]
    assert errors["missing.json"] == "no such file or directory"


def test_iter_files_skips_a_cache_folder_inside_the_corpus(tmp_path):
    write_thread(tmp_path / "t.json", "t", "1")
    run(tmp_path, cache_dir=str(tmp_path / "ck-cache"))
    assert list(iter_files([tmp_path])) == [tmp_path / "t.json"]


# --- results, order and jobs ----------------------------------------------------------------

def test_bad_files_become_one_line_errors_and_the_run_goes_on(corpus):
    items = run(corpus)
    analysed = [i.thread.id for i in items if isinstance(i, Analysis)]
    errors = {Path(e.source).name: e.reason for e in items if isinstance(e, FileError)}
    assert analysed == ["a0", "a1", "a2", "a3", "a4", "b0", "b1", "b2", "b3"]
    assert errors["empty.json"] == "file is empty"
    assert errors["raises.json"].startswith("thread raises: internal error: ValueError: a stage bug")
    assert all("\n" not in reason for reason in errors.values())


@pytest.mark.parametrize("jobs,timeout", [(1, 60), (2, None), (3, 60)])
def test_results_are_identical_and_in_order_for_any_number_of_jobs(corpus, jobs, timeout):
    in_process = run(corpus)
    assert as_json(run(corpus, jobs=jobs, timeout=timeout)) == as_json(in_process)


def test_each_worker_loads_the_models_once(corpus, tmp_path):
    log = tmp_path / "loads"
    log.mkdir()
    items = run(corpus, log_dir=log, jobs=2)
    assert sum(isinstance(i, Analysis) for i in items) == 9
    assert len(list(log.iterdir())) == 2  # 11 files, two workers, two model loads


def test_results_stream_instead_of_waiting_for_the_whole_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(40):
        write_thread(corpus / f"t{i:02}.json", f"t{i}", str(i))
    done = []
    items = analyze([corpus], Options(), make_analyzer=make_fake_analyzer, on_file_done=done.append)
    assert next(items).thread.id == "t0" and done == []  # the first result came before file 2 was read
    next(items)
    assert done == [str(corpus / "t00.json")]
    items.close()


def test_a_file_over_the_time_limit_is_reported_and_the_run_goes_on(corpus):
    write_thread(corpus / "a2-slow.json", "slow", "SLEEP-IN-CLAIMS")
    items = run(corpus, jobs=2, timeout=1.5)
    errors = {Path(e.source).name: e.reason for e in items if isinstance(e, FileError)}
    assert errors["a2-slow.json"] == "timed out after 1.5 s"
    assert sum(isinstance(i, Analysis) for i in items) == 9  # the replacement worker did the rest


def test_the_file_waiting_behind_a_timed_out_one_is_analysed_by_the_replacement(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_thread(corpus / "a-slow.json", "slow", "SLEEP-IN-CLAIMS")
    write_thread(corpus / "b-next.json", "next", "4 and 5")  # sent to the same worker, in its pipe
    write_thread(corpus / "c-last.json", "last", "6")
    items = run(corpus, jobs=1, timeout=1.5)
    assert [i.thread.id if isinstance(i, Analysis) else Path(i.source).name for i in items] == [
        "a-slow.json", "next", "last"]
    assert items[0].reason == "timed out after 1.5 s"


def test_a_worker_that_dies_is_reported_and_replaced(corpus):
    (corpus / "a1-dies.json").write_text(json.dumps([
        {"id": "before", "article": "1 and 2", "comments": []}, {"id": "dies", "article": "EXIT-IN-CLAIMS", "comments": []}]))
    items = run(corpus, jobs=2, timeout=60)
    ids = [i.thread.id if isinstance(i, Analysis) else Path(i.source).name for i in items]
    assert ids[:4] == ["a0", "before", "a1-dies.json", "a1"]  # threads done before the crash are kept
    reason = next(i.reason for i in items if isinstance(i, FileError) and i.source.endswith("a1-dies.json"))
    assert reason == "worker process died (exit code 3) after 1 thread(s)"
    assert sum(isinstance(i, Analysis) for i in items) == 10


def test_a_worker_that_dies_while_it_is_handed_a_file_passes_the_file_on(corpus, monkeypatch):
    # The parent hands a worker its next file while the worker may be dying (a crash, the OOM
    # killer): the send meets a closed pipe. The run goes on; the file goes to the replacement.
    from commentkit import workers

    assign = workers._Worker.assign
    killed = []

    def assign_to_a_dead_worker(self, index, path, timeout):
        if Path(path).name == "a3.json" and not killed:
            self.proc.kill()
            self.proc.join()
            killed.append(list(self.tasks))
        return assign(self, index, path, timeout)

    monkeypatch.setattr(workers._Worker, "assign", assign_to_a_dead_worker)
    items = run(corpus, jobs=2, timeout=60)
    assert killed
    failed = [i for i in items if isinstance(i, FileError)]
    analysed = [i.thread.id for i in items if isinstance(i, Analysis)]
    assert "a3" in analysed  # handed on, analysed once
    assert analysed.count("a3") == 1
    died = [f for f in failed if f.reason.startswith("worker process died")]
    assert len(died) == (1 if killed[0] else 0)  # only a file it had started is lost with it
    assert len(analysed) + len(died) == 9  # the good files; the empty and the raising ones fail as usual


def failing_analyzer(options):
    raise ModelError("models/stance.skops: not a commentkit stance model")


@pytest.mark.parametrize("jobs,timeout", [(1, None), (2, 60)])
def test_a_model_that_cannot_load_stops_the_run_with_its_own_error(corpus, jobs, timeout):
    with pytest.raises(ModelError, match="not a commentkit stance model"):
        list(analyze([corpus], Options(jobs=jobs, timeout=timeout), make_analyzer=failing_analyzer))


# --- cache ------------------------------------------------------------------------------------

def test_cache_skips_unchanged_files_and_gives_the_same_results(corpus, tmp_path):
    cache = str(tmp_path / "cache")
    log = tmp_path / "loads"
    log.mkdir()
    first = run(corpus, cache_dir=cache, jobs=2)
    again = run(corpus, log_dir=log, cache_dir=cache, jobs=2)
    assert as_json(again) == as_json(first)
    assert list(log.iterdir()) == []  # every file came from the cache: no worker was even started


def test_cache_misses_on_changed_content_or_options_but_not_on_jobs(corpus, tmp_path):
    cache = str(tmp_path / "cache")
    run(corpus, cache_dir=cache)
    write_thread(corpus / "a3.json", "a3", "Now the article says 99.")
    log = tmp_path / "loads"
    log.mkdir()
    items = run(corpus, log_dir=log, cache_dir=cache, jobs=3)  # more jobs: same results, still cached
    assert len(list(log.iterdir())) == 1  # only the changed file needed a worker
    assert [c.value for c in next(i for i in items if getattr(i, "thread", None) and i.thread.id == "a3").claims][0] == 99
    log2 = tmp_path / "loads2"
    log2.mkdir()
    run(corpus, log_dir=log2, cache_dir=cache, tolerance=0.2)
    assert len(list(log2.iterdir())) == 1  # in-process run analysed again: options changed the key


def test_timeouts_are_not_cached(tmp_path):
    write_thread(tmp_path / "slow.json", "slow", "SLEEP-IN-CLAIMS")
    cache = tmp_path / "cache"
    run(tmp_path / "slow.json", cache_dir=str(cache), timeout=1)
    assert list(cache.rglob("*.jsonl")) == []


def test_interrupted_run_leaves_no_partial_cache_entry_and_resumes(corpus, tmp_path):
    cache = tmp_path / "cache"
    full = run(corpus)
    done = []

    def interrupt_after_three(source):
        done.append(source)
        if len(done) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        list(analyze([corpus], Options(jobs=2, cache_dir=str(cache)), make_analyzer=make_fake_analyzer,
                     on_file_done=interrupt_after_three))
    entries = list(cache.rglob("*.jsonl"))
    assert not [p for p in cache.rglob("*") if p.name.startswith(".tmp-")]
    assert 3 <= len(entries) < 11
    log = tmp_path / "loads"
    log.mkdir()
    resumed = run(corpus, log_dir=log, cache_dir=str(cache))
    assert as_json(resumed) == as_json(full)


def test_a_damaged_cache_entry_is_analysed_again(corpus, tmp_path):
    cache = tmp_path / "cache"
    first = run(corpus, cache_dir=str(cache))
    for entry in cache.rglob("*.jsonl"):
        entry.write_text(entry.read_text()[:-20])
    assert as_json(run(corpus, cache_dir=str(cache))) == as_json(first)
