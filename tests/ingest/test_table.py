"""CSV and JSON Lines comment tables (commentkit/ingest/table.py)."""
from __future__ import annotations

import pytest

from commentkit.ingest import detect_format, read, read_threads
from commentkit.ingest.table import parse_columns
from tests.conftest import DATA
from tests.ingest.helpers import assert_one_line_error, shape

TABLE = DATA / "ingest" / "table"
MAPPING = "id=comment_id,parent=reply_to,author=user,text=body,time=posted,thread=article"


def test_detected():
    assert detect_format(TABLE / "comments.csv").name == "csv"
    assert detect_format(TABLE / "comments.jsonl").name == "jsonl"


def test_csv_with_column_mapping_groups_threads_and_nests():
    roads, buses = read_threads(TABLE / "comments.csv", columns=MAPPING)
    assert roads.id == "roads" and buses.id == "buses"
    # row 3 is [deleted]: its reply 4 moves up to 2
    assert shape(roads) == [("1", None, 0, "ana"), ("2", "1", 1, "ben"), ("4", "2", 2, "dan")]
    assert roads.meta["skipped_deleted"] == 1
    assert roads.comments[0].published.isoformat() == "2023-05-04T10:00:00"


def test_mapping_as_dict_equals_string():
    as_dict = read_threads(TABLE / "comments.csv", columns=parse_columns(MAPPING))
    assert [shape(t) for t in as_dict] == [shape(t) for t in read_threads(TABLE / "comments.csv", columns=MAPPING)]


def test_unknown_column_is_a_clear_error():
    assert_one_line_error(TABLE / "comments.csv", "no column named nope", columns="text=nope")


@pytest.mark.parametrize("spec", ["text", "colour=body"])
def test_bad_mapping_rejected(spec):
    with pytest.raises(ValueError):
        parse_columns(spec)


def test_jsonl_by_usual_names():
    thread = read(TABLE / "comments.jsonl")
    assert shape(thread) == [("a", None, 0, "ana"), ("b", "a", 1, "ben")]
    assert thread.comments[0].text == "First line\n\nSecond paragraph"
    assert thread.comments[1].text == "A reply & more"
    assert thread.comments[1].published.isoformat() == "2024-01-02T03:04:05+00:00"
    assert thread.meta["skipped_deleted"] == 1


def test_truncated_jsonl_names_line():
    assert_one_line_error(TABLE / "truncated.jsonl", r"invalid JSON at line 2 column \d+")


def test_empty_thread_with_article_row():
    thread = read(TABLE / "empty.csv")
    assert thread.comments == [] and thread.article.text == "The article text."
    assert thread.title == "Quiet page"


def test_truncated_csv_names_line():
    assert_one_line_error(TABLE / "truncated.csv", r"CSV: the quoted field of the row at line 3 is never closed")


def test_json_array_of_comments():
    assert detect_format(TABLE / "comments_array.json").name == "jsonl"
    thread = read(TABLE / "comments_array.json")
    assert shape(thread) == [("7", None, 0, "ana"), ("8", "7", 1, "ben")]


@pytest.mark.parametrize("name, content", [
    ("semicolons.csv", 'id;text;author\n1;"Costs 5, not 7";ana\n2;Agreed;ben\n'),
    ("tabs.tsv", "id\ttext\tauthor\n1\tCosts 5, not 7\tana\n2\tAgreed\tben\n"),
    ("pipes.csv", "id|text|author\n1|Costs 5, not 7|ana\n2|Agreed|ben\n"),
    ("commas.csv", 'id,"text, as written",author\n1,"Costs 5, not 7",ana\n2,Agreed,ben\n'),
])
def test_the_delimiter_is_the_one_the_header_uses(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    text_column = "text, as written" if name == "commas.csv" else "text"
    (thread,) = read_threads(path, format="csv", columns={"text": text_column})
    assert [(c.id, c.text, c.author) for c in thread.comments] == [("1", "Costs 5, not 7", "ana"),
                                                                    ("2", "Agreed", "ben")]


def test_a_one_column_csv_needs_no_delimiter(tmp_path):
    path = tmp_path / "texts.csv"
    path.write_text("text\nFirst comment\nSecond; with a semicolon\n", encoding="utf-8")
    (thread,) = read_threads(path, format="csv")
    assert [c.text for c in thread.comments] == ["First comment", "Second; with a semicolon"]


def test_excel_export_with_spaced_column_names_bom_and_quoted_newline():
    """Excel's "CSV UTF-8 (semicolon)": BOM, CRLF, "Comment ID"-style headers, a quoted line break."""
    (thread,) = read_threads(TABLE / "excel_export.csv")
    assert thread.title == "Ward reopens with 80 beds"
    assert shape(thread) == [("501", None, 0, "Nadia Holm"), ("502", "501", 1, "T. Adeyemi"),
                             ("503", None, 0, 'Maud "Mo" Price')]
    assert thread.comments[1].text == "Board papers count only funded beds.\nThe other 16 are surge beds."
    assert thread.comments[0].published.isoformat() == "2025-04-03T14:02:00"


def test_camel_case_columns_and_html_bodies():
    assert detect_format(TABLE / "camel_case.json").name == "jsonl"
    thread = read(TABLE / "camel_case.json")
    assert shape(thread) == [("k1", None, 0, "Theo"), ("k2", "k1", 1, "Ines")]
    assert thread.comments[0].text == "Only 4% of the budget?\n\nI doubt it."
    assert thread.comments[1].text == "It is 4.5% in the appendix & the summary."


def test_object_with_nested_replies_and_author_objects():
    """A CMS API dump: the article's fields at the top, replies nested under each comment."""
    assert detect_format(TABLE / "nested_replies.json").name == "jsonl"
    thread = read(TABLE / "nested_replies.json")
    assert (thread.id, thread.title, thread.url) == ("pool-closure", "Leisure centre pool to close for 10 weeks",
                                                     "https://news.example/pool")
    assert thread.article.text == "The pool will close from 1 July for repairs costing £240,000."
    assert shape(thread) == [("1", None, 0, "Cora Vidal"), ("2", "1", 1, "liftguard"), ("4", "2", 2, "Cora Vidal"),
                             ("3", None, 0, "Pat")]
    assert thread.comments[3].text == "£240,000 for ten weeks of work seems a lot."


def test_graph_api_style_export_with_paged_replies():
    """Comments under "data", each with its author in "from" and replies under {"comments": {"data": [...]}}."""
    thread = read(TABLE / "graph_api.json")
    assert shape(thread) == [("5_1", None, 0, "Hana Sato"), ("5_2", "5_1", 1, "Oskar Lind"), ("5_3", None, 0, "Pia")]
    assert thread.comments[1].published.isoformat() == "2025-02-01T10:20:00+00:00"


def test_a_reply_before_its_parent_moves_after_it(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": "r3", "parent_id": "r1", "user": "Bo", "text": "A reply."}\n'
                    '{"id": "r1", "parent_id": "", "user": "Al", "text": "First."}\n'
                    '{"id": "r2", "parent_id": "r9", "user": "Cy", "text": "Its parent is not in the file."}\n',
                    encoding="utf-8")
    assert shape(read(path)) == [("r1", None, 0, "Al"), ("r3", "r1", 1, "Bo"), ("r2", None, 0, "Cy")]


def test_reddit_dump_parents_given_as_fullnames():
    """Pushshift-style JSON Lines: bare ids, parents as "t1_<id>", deleted accounts and removed bodies."""
    (thread,) = read_threads(TABLE / "reddit_dump.jsonl")
    assert thread.id == "t3_ab1"
    # q3 is [removed]: its reply q4 moves up to q2, whose account was deleted
    assert shape(thread) == [("q1", None, 0, "fares_watch"), ("q2", "q1", 1, None), ("q4", "q2", 2, "fares_watch")]


def test_excel_sep_line_names_the_delimiter(tmp_path):
    path = tmp_path / "sep.csv"
    path.write_bytes(b'sep=;\r\nid;author;comment\r\n1;Ann;"Costs rose 12%; wages 3%."\r\n"2";Bob;Agreed.\r\n')
    (thread,) = read_threads(path)
    assert [(c.id, c.author, c.text) for c in thread.comments] == [("1", "Ann", "Costs rose 12%; wages 3%."),
                                                                    ("2", "Bob", "Agreed.")]


def test_excel_unicode_text_export_is_a_table_even_named_txt(tmp_path):
    """Excel's "Unicode Text (*.txt)": UTF-16 with a BOM, tab-separated."""
    path = tmp_path / "export.txt"
    text = "id\tauthor\tcomment\r\n1\tAnn\tCosts rose 12%, wages 3%.\r\n2\tBøb\tAgreed.\r\n"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    assert detect_format(path).name == "csv"
    (thread,) = read_threads(path)
    assert [(c.author, c.text) for c in thread.comments] == [("Ann", "Costs rose 12%, wages 3%."), ("Bøb", "Agreed.")]
