"""The data model round-trips through JSON: the JSON report and the cache depend on it."""
from datetime import datetime, timezone

from commentkit.model import Analysis, Check, Claim, FileError, Post, Stance, Thread, Verdict


def _thread():
    article = Post(id="article", text="There were 1,168 agencies.", author="Staff")
    comments = [
        Post(id="c1", text="No, 1,200!", author="ann", published=datetime(2025, 1, 2, 3, 4, tzinfo=timezone.utc)),
        Post(id="c2", text="Source?", author=None, parent_id="c1", depth=1),
    ]
    return Thread(id="t1", article=article, comments=comments, title="T", url="https://example.org/a",
                  source="x.txt", format="text", meta={"declared_count": 2})


def test_thread_round_trips():
    thread = _thread()
    again = Thread.from_json(thread.to_json())
    assert again == thread
    assert again.comments[0].published.tzinfo is not None
    assert [p.id for p in again.posts()] == ["article", "c1", "c2"]


def test_analysis_round_trips_with_nested_records():
    thread = _thread()
    art = Claim(post_id="article", start=11, end=16, surface="1,168", value=1168.0, what="agencies")
    com = Claim(post_id="c1", start=4, end=9, surface="1,200", value=1200.0, qualifier="about",
                low=None, high=None, change=None, baseline=None, sentence="No, 1,200!")
    analysis = Analysis(
        thread=thread,
        claims=[art, com],
        stances=[Stance(post_id="c1", label="deny", scores={"deny": 0.7, "comment": 0.3}, model="m 1")],
        verdicts=[Verdict(claim=com, status="agree", article_claims=[art], explanation="≈", arithmetic=None)],
        checks=[Check(claims=[art], explanation="x", arithmetic="1 + 1 = 2")],
        sentiment={"c1": {"polarity": 0.1, "subjectivity": 0.2}},
        errors=["declared 3 comments, found 2"],
    )
    data = analysis.to_dict()
    again = Analysis.from_dict(data)
    assert again == analysis
    assert isinstance(again.verdicts[0].article_claims[0], Claim)
    assert again.to_dict() == data


def test_from_dict_ignores_unknown_keys_and_fills_defaults():
    post = Post.from_dict({"id": "p", "text": "hi", "extra": 1})
    assert post.depth == 0 and post.parent_id is None


def test_file_error_reads_as_one_line():
    err = FileError(source="corpus/x.bin", reason="not a discussion")
    assert str(err) == "corpus/x.bin: not a discussion"
    assert "\n" not in str(err)
