from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import jsonschema
import pytest

from disclint.config import load_config
from disclint.errors import ConfigError
from disclint.fingerprint import MASK, Masker, Scheme, running_lines, winnow, words
from disclint.index import PassageIndex
from disclint.model import Part, TextBlock
from tests.builders import docx, p
from tests.conftest import Runner, document

SOURCE = (
    "Tyler Brown told his teacher on Monday 3 March that he does not feel safe when his mother's "
    "partner stays over, and that he hides in the shed at the bottom of the garden until the shouting "
    "stops. Kelly O'Neill said the bruise on his upper arm came from a fall at the skate park, but the "
    "school nurse saw fingertip marks and made a referral to the front door that afternoon."
)
COPY = SOURCE.replace("Tyler Brown", "Jackson Smith").replace("Kelly O'Neill", "Jackie Smith")
OTHER_SOURCE = (
    "The family have a lurcher called Diesel who barks at visitors, and Kelly keeps him in the kitchen "
    "when professionals call round because he once knocked over the health visitor's bag and chewed the "
    "strap of her satchel while she was weighing the baby on the living room floor."
)
SCHEMA = json.loads((Path(__file__).parents[1] / "schemas" / "report-v1.schema.json").read_text())
MASKER = Masker(["tyler", "brown", "kelly", "oneill", "jackson", "smith", "jackie"])


def norms(*texts: str, part: Part = Part.BODY, masker: Masker = MASKER) -> list[str]:
    return [w.norm for w in words([TextBlock(t, part) for t in texts], masker)]


# ------------------------------------------------------------------------------------ fingerprints


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tyler said so.", [MASK, "said", "so"]),
        ("Mr Jackson Smith said so.", [MASK, "said", "so"]),  # a title and a name: one placeholder
        ("TYLER BROWN'S mother", [MASK, "mother"]),
        ("on 3 March 2025 and 02/03/2025", ["on", MASK, "and", MASK]),  # dates and numbers
        ("on Monday at 10.30am", ["on", MASK, "at", MASK, "am"]),
        ("we met Carol Hughes at Mill Lane", ["we", "met", MASK, "at", MASK]),  # capitalised in a sentence
        ("Carol said. Brown said", ["carol", "said", MASK, "said"]),  # a sentence start is not masked
        ("the brown dog", ["the", "brown", "dog"]),  # a name's word in lower case is a word
        ("Mr. Carol", [MASK]),  # the full stop of a title ends no sentence
        ("the OFSTED report", ["the", "ofsted", "report"]),  # capitals throughout: an acronym
    ],
)
def test_words_are_folded_and_names_titles_numbers_and_dates_masked(text: str, expected: list[str]) -> None:
    assert norms(text) == expected


def test_the_same_passage_reads_the_same_however_it_is_laid_out() -> None:
    wrapped = COPY.replace(" ", "\n", 7).replace(", ", " ; ").upper()
    assert norms(SOURCE) == norms(COPY) == norms(wrapped) == norms(*COPY.split(". ", 1))


def test_winnowing_keeps_a_fingerprint_in_every_window() -> None:
    hashes = [(n * 7919) % 101 - 50 for n in range(300)]
    for window in (1, 4, 8):
        chosen = [pos for _, pos in winnow(hashes, window)]
        assert chosen == sorted(set(chosen))
        for start in range(len(hashes) - window + 1):
            assert any(start <= pos < start + window for pos in chosen)
        assert winnow(hashes, window) == winnow(list(hashes), window)


def test_running_headers_and_footers_of_pdf_pages_are_left_out() -> None:
    body = ["the core group met", "the school reported", "the nurse visited"]
    pages = [
        TextBlock(f"OFFICIAL-SENSITIVE\n{body[n - 1]} on the day\nPage {n} of 3", Part.PAGE, n)
        for n in (1, 2, 3)
    ]
    skipped = running_lines(pages)
    assert [len(skipped[n]) for n in range(3)] == [2, 2, 2]
    assert "official" not in [w.norm for w in words(pages, MASKER)]
    assert running_lines(pages[:1]) == {}  # one page: nothing repeats


# ------------------------------------------------------------------------------------------ index


def test_the_index_holds_hashes_and_positions_never_the_text(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite"
    index = PassageIndex.create(path)
    index.add("1002", "/archive/1002/minutes.docx", document("Core group minutes", SOURCE), MASKER)
    index.commit()
    index.close()
    data = path.read_bytes()
    for word in ("shed", "garden", "fingertip", "referral", "bruise", "Tyler"):
        assert word.encode() not in data and word.encode("utf-16-le") not in data
    stats = PassageIndex.open(path).stats()
    assert (stats.cases, stats.documents, stats.blocks) == (1, 1, 2)
    assert stats.fingerprints > 0 and stats.words == len(norms("Core group minutes", SOURCE))


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (None, "does not exist"),
        (b"", "not a disclint passage index"),
        (b"case: 1001\n", "not a disclint passage index"),
        ("sqlite", "not a disclint passage index"),
    ],
)
def test_opening_what_is_not_an_index_is_a_config_error(tmp_path: Path, content: object, why: str) -> None:
    path = tmp_path / "index.sqlite"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content == "sqlite":
        sqlite3.connect(path).execute("CREATE TABLE other (x)").connection.close()
    with pytest.raises(ConfigError, match=why):
        PassageIndex.open(path)


def test_an_index_written_by_a_newer_disclint_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite"
    PassageIndex.create(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'version'")
    with pytest.raises(ConfigError, match="newer disclint"):
        PassageIndex.open(path)


def test_an_index_built_by_an_older_disclint_must_be_rebuilt(
    tmp_path: Path, cli: Runner, cases_dir: Path, archive: Path
) -> None:
    path = tmp_path / "index.sqlite"
    PassageIndex.create(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '1' WHERE key = 'version'")
    for opening in (PassageIndex.open, PassageIndex.create):
        with pytest.raises(ConfigError, match=r"older disclint .* rebuild the index"):
            opening(path)
    code, _, err = cli("index", "add", archive, "--case", "1002", "--index", path, "--cases", cases_dir)
    assert code == 2 and "rebuild the index" in err


def test_a_long_document_is_indexed_in_segments_and_removed_whole(tmp_path: Path) -> None:
    # Positions are kept per segment of 4,096 words: a passage on page 20 is found and placed.
    def word(n: int) -> str:
        return "".join("bdfgklmnprstvz"[n // 14**i % 14] + "aeiou"[n // 5**i % 5] for i in range(3))

    filler = [" ".join(word(n * 100 + m) for m in range(100)) + "." for n in range(90)]  # 9,000 words
    path = tmp_path / "index.sqlite"
    index = PassageIndex.create(path, salt=b"segments-test-01")
    index.add("1002", "/archive/long.docx", document(*filler, SOURCE), MASKER)
    index.add("1002", "/archive/short.docx", document("Core group minutes", OTHER_SOURCE), MASKER)
    index.commit()
    assert index._db.execute("SELECT id, segments FROM docs ORDER BY id").fetchall() == [(1, 3), (4, 1)]
    index.close()
    with PassageIndex.open(path) as reader:
        _, (copy,) = reader.search([TextBlock(COPY, Part.BODY)], MASKER, "1001")
        assert copy.source.path == "/archive/long.docx" and copy.source.paragraph == 91
        _, (other,) = reader.search([TextBlock(OTHER_SOURCE, Part.BODY)], MASKER, "1001")
        assert other.source.path == "/archive/short.docx"
    with PassageIndex.create(path) as writer:
        writer.remove_documents([1])
        writer.commit()
        keys = [key for (key,) in writer._db.execute("SELECT key FROM postings")]
        assert keys and {(key >> 12) & 0xFFFFF for key in keys} == {4}
        assert writer.remove_case("1002") == 1
        assert writer._db.execute("SELECT count(*) FROM postings").fetchone() == (0,)


def test_the_scheme_and_salt_travel_with_the_index(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite"
    PassageIndex.create(path, Scheme(k=6, window=10), salt=b"0123456789abcdef").close()
    index = PassageIndex.open(path)
    assert (index.scheme.k, index.scheme.window, index.salt) == (6, 10, b"0123456789abcdef")


# -------------------------------------------------------------------------------------- commands


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive" / "1002"
    folder.mkdir(parents=True)
    docx(folder / "minutes.docx", [p("Core group minutes"), p(SOURCE)])
    (folder / "notes.txt").write_text(
        "Kelly O'Neill rang to move the meeting to Thursday.\n", encoding="utf-8"
    )
    (folder / "photo.jpg").write_bytes(b"\xff\xd8")
    return folder


def test_index_add_is_incremental_and_replaces_changed_documents(
    cli: Runner, cases_dir: Path, archive: Path, tmp_path: Path
) -> None:
    index = tmp_path / "passages.sqlite"
    code, out, _ = cli("index", "add", archive, "--case", "1002", "--index", index, "--cases", cases_dir)
    assert code == 0 and "2 document(s) indexed (2 new, 0 changed" in out and "0 unchanged" in out
    code, out, _ = cli("index", "add", archive, "--case", "1002", "--index", index, "--cases", cases_dir)
    assert code == 0 and "0 document(s) indexed" in out and "2 unchanged" in out
    (archive / "notes.txt").write_text("Kelly O'Neill rang again on Friday.\n", encoding="utf-8")
    code, out, _ = cli("index", "add", archive, "--case", "1002", "--index", index, "--cases", cases_dir)
    assert code == 0 and "(0 new, 1 changed" in out and "1 unchanged" in out
    code, out, _ = cli("index", "stats", "--index", index)
    assert code == 0
    assert "cases          1" in out and "documents      2 (and 0 template documents)" in out


def test_index_add_reports_unreadable_documents_and_exits_1(
    cli: Runner, cases_dir: Path, archive: Path, tmp_path: Path
) -> None:
    (archive / "broken.docx").write_bytes(b"not a zip")
    code, out, err = cli(
        "index", "add", archive, "--case", "1002", "--index", tmp_path / "i.sqlite", "--cases", cases_dir
    )
    assert code == 1 and "2 document(s) indexed" in out and "1 could not be read" in out
    assert "not indexed:" in err and "broken.docx" in err


def test_index_remove_takes_a_case_out(cli: Runner, cases_dir: Path, archive: Path, tmp_path: Path) -> None:
    index = tmp_path / "passages.sqlite"
    cli("index", "add", archive, "--case", "1002", "--index", index, "--cases", cases_dir)
    cli("index", "add", archive, "--template", "--index", index, "--cases", cases_dir)
    code, out, _ = cli("index", "remove", "--case", "1002", "--index", index)
    assert code == 0 and "removed 2 document(s) of case 1002" in out
    code, out, _ = cli("index", "stats", "--index", index)
    assert "cases          0" in out and "documents      0 (and 2 template documents)" in out
    assert cli("index", "remove", "--template", "--index", index)[0] == 0
    code, _, err = cli("index", "remove", "--case", "1002", "--index", index)
    assert code == 2 and "no documents of case '1002'" in err


def test_index_add_stops_with_exit_2_when_the_index_is_full(
    cli: Runner, cases_dir: Path, archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("disclint.index.MAX_SEGMENT", 1)  # room for one short document
    index = tmp_path / "passages.sqlite"
    code, _, err = cli("index", "add", archive, "--case", "1002", "--index", index, "--cases", cases_dir)
    assert code == 2 and "the passage index is full" in err
    code, out, _ = cli("index", "stats", "--index", index)
    assert code == 0 and "documents      1 (and 0 template documents)" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["index", "add", "ARCHIVE", "--index", "i.sqlite", "--cases", "CASES"], "--case ID"),
        (["index", "add", "ARCHIVE", "--case", "9999", "--index", "i.sqlite", "--cases", "CASES"], "9999"),
        (
            [
                "index",
                "add",
                "ARCHIVE",
                "--case",
                "1002",
                "--template",
                "--index",
                "i.sqlite",
                "--cases",
                "CASES",
            ],
            "not both",
        ),
        (["index", "add", "ARCHIVE", "--case", "1002", "--cases", "CASES"], "--index FILE"),
        (["index", "add", "ARCHIVE", "--case", "1002", "--index", "i.sqlite"], "cases directory"),
        (
            ["index", "add", "nowhere", "--case", "1002", "--index", "i.sqlite", "--cases", "CASES"],
            "no such file",
        ),
        (
            ["index", "add", "ARCHIVE", "--case", "1002", "--index", "CASES/1001.yaml", "--cases", "CASES"],
            "not a disclint passage index",
        ),
        (["index", "stats", "--index", "missing.sqlite"], "does not exist"),
        (["index", "remove", "--index", "missing.sqlite"], "--case ID"),
    ],
)
def test_index_command_errors_exit_2_and_say_why(
    cli: Runner, cases_dir: Path, archive: Path, args: list[str], message: str
) -> None:
    args = [str(archive) if a == "ARCHIVE" else a.replace("CASES", str(cases_dir)) for a in args]
    code, _, err = cli(*args)
    assert code == 2 and message in err


def copied_letter(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "plan.txt"
    path.write_text(
        f"Child protection plan\n\n{COPY}\n\nJackson is doing well at school.\n", encoding="utf-8"
    )
    return path


def test_check_with_index_reports_the_copied_passage(
    cli: Runner, cases_dir: Path, archive: Path, tmp_path: Path
) -> None:
    index = tmp_path / "passages.sqlite"
    cli("index", "add", archive, "--case", "1002", "--index", index, "--cases", cases_dir)
    plan = copied_letter(tmp_path / "outbox")
    args = ["check", plan, "--case", "1001", "--cases", cases_dir, "--format", "json"]
    code, out, _ = cli(*args, "--index", index)
    jsonschema.validate(json.loads(out), SCHEMA)
    (result,) = json.loads(out)["documents"]
    (finding,) = [f for f in result["findings"] if f["rule"] == "copied-passage"]
    assert code == 1 and finding["severity"] == "error" and finding["details"]["case"] == "1002"
    assert finding["details"]["document"].endswith("minutes.docx")
    assert finding["location"]["paragraph"] == 3 and finding["match"].startswith("Jackson Smith told")
    # Without an index (none given, none in the config) the rule finds nothing.
    code, out, _ = cli(*args)
    assert [f for f in json.loads(out)["documents"][0]["findings"] if f["rule"] == "copied-passage"] == []


@pytest.mark.parametrize("index_file", ["missing.sqlite", "CASES/1001.yaml"])
def test_check_with_a_missing_or_foreign_index_exits_2(
    cli: Runner, cases_dir: Path, tmp_path: Path, index_file: str
) -> None:
    plan = copied_letter(tmp_path / "outbox")
    index = index_file.replace("CASES", str(cases_dir))
    code, out, err = cli("check", plan, "--case", "1001", "--cases", cases_dir, "--index", index)
    assert code == 2 and out == "" and index in err


def test_config_names_the_index_and_the_template_threshold(
    cli: Runner, cases_dir: Path, archive: Path, tmp_path: Path
) -> None:
    (tmp_path / "disclint.yaml").write_text(
        f"cases: {cases_dir.name}\nindex: store/passages.sqlite\ntemplate_cases: 2\n", encoding="utf-8"
    )
    config = load_config(tmp_path / "disclint.yaml")
    assert config.index == tmp_path / "store" / "passages.sqlite" and config.template_cases == 2
    (tmp_path / "store").mkdir()
    assert cli("index", "add", archive, "--case", "1002")[0] == 0  # index and cases from the config
    plan = copied_letter(tmp_path / "outbox")
    code, out, _ = cli("check", plan, "--case", "1001", "--format", "json")
    assert code == 1
    assert [
        f["details"]["case"]
        for f in json.loads(out)["documents"][0]["findings"]
        if f["rule"] == "copied-passage"
    ] == ["1002"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("template_cases: 0", "template_cases"),
        ("template_cases: many", "template_cases"),
        ("index: [a]", "'index'"),
    ],
)
def test_bad_index_settings_are_config_errors(tmp_path: Path, line: str, message: str) -> None:
    (tmp_path / "disclint.yaml").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(tmp_path / "disclint.yaml")
