"""The docx reader reads every hidden place of a Word file, each as blocks of its own part.

The table of places is ``tests/fixtures/make_docx_hidden.py``: another family's detail in one place
each, the block the reader must make of it, and the finding the command line must then report.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from disclint.errors import ReadError
from disclint.limits import DEFAULT_LIMITS
from disclint.model import Part, TextBlock
from disclint.readers import read
from tests.builders import (
    Rel,
    cell,
    comments_with_initials,
    control,
    core_part,
    deleted,
    deleted_by,
    docx,
    field,
    hidden_run,
    ins,
    moved_from,
    p,
    picture,
    run,
    simple_field,
    style,
    styled_p,
    styled_run,
    styles_part,
    table,
    with_parts,
)
from tests.fixtures.make_docx_hidden import PLACES, Place, body, core, embedding, styled

MAX_EMBEDDING_DEPTH = DEFAULT_LIMITS.max_depth

CheckJson = Callable[..., tuple[int, dict[str, Any]]]


def blocks(path: Path, *parts: Part) -> list[TextBlock]:
    return [b for b in read(path).blocks if not parts or b.part in parts]


def texts(path: Path, *parts: Part) -> list[str]:
    return [b.text for b in blocks(path, *parts)]


def where(path: Path) -> list[tuple[str, Part, str | None]]:
    return [(b.text, b.part, b.note) for b in read(path).blocks]


@pytest.mark.parametrize("place", PLACES, ids=lambda place: place.id)
def test_each_hidden_place_is_a_block_of_its_own_part(tmp_path: Path, place: Place) -> None:
    found = read(place.build(tmp_path / f"{place.id}.docx")).blocks
    assert (place.text, place.part, place.note, place.source) in {
        (b.text, b.part, b.note, b.source) for b in found
    }
    if place.source is None:
        # Not also in the visible text: hidden places are reported as hidden, not as the page.
        assert not any(place.match in b.text for b in found if b.part in (Part.BODY, Part.TABLE))


@pytest.mark.parametrize("place", PLACES, ids=lambda place: place.id)
def test_each_hidden_place_is_checked_by_the_rules(
    tmp_path: Path, check_json: CheckJson, place: Place
) -> None:
    code, report = check_json(place.build(tmp_path / f"{place.id}.docx"), case="1001")
    document = report["documents"][0]
    assert code == 1 and document["status"] == "fail"
    hits = [f for f in document["findings"] if f["rule"] == place.rule and f["match"] == place.match]
    assert hits, document["findings"]
    assert hits[0]["location"]["part"] == place.part.value
    assert hits[0]["location"]["note"] == place.note
    assert hits[0]["details"].get("attachment") == place.source


# Tracked changes


def test_deleted_text_is_its_own_block_at_the_paragraph_and_not_body_text(tmp_path: Path) -> None:
    path = docx(tmp_path / "d.docx", [p("Intro."), p("Present: ", deleted("Tyler Brown"), " (child)")])
    found = [(b.text, b.part, b.paragraph, b.note) for b in read(path).blocks]
    assert found == [
        ("Intro.", Part.BODY, 1, None),
        ("Present:  (child)", Part.BODY, 2, None),
        ("Tyler Brown", Part.DELETED, 2, "tracked deletion by A. Writer"),
        ("A. Writer", Part.METADATA, None, "tracked change author"),
    ]


def test_deletions_apart_are_not_joined_into_one_name_but_adjacent_ones_are(tmp_path: Path) -> None:
    apart = docx(tmp_path / "a.docx", [p(deleted("Tyler"), " and ", deleted("Brown"))])
    assert texts(apart, Part.DELETED) == ["Tyler … Brown"]
    adjacent = docx(tmp_path / "b.docx", [p("Seen ", deleted("Tyler "), deleted("Brown"), ".")])
    assert texts(adjacent, Part.DELETED) == ["Tyler Brown"]


def test_each_author_of_deletions_and_moves_has_a_block(tmp_path: Path) -> None:
    path = docx(
        tmp_path / "m.docx",
        [p(deleted_by("Mason", "B. Editor"), deleted("Tyler"), moved_from("Ravi Patel", "B. Editor"))],
    )
    assert [(b.text, b.note) for b in blocks(path, Part.DELETED)] == [
        ("Mason", "tracked deletion by B. Editor"),
        ("Tyler", "tracked deletion by A. Writer"),
        ("Ravi Patel", "tracked move by B. Editor"),
    ]


def test_insertions_stay_in_the_body_and_their_author_is_metadata(tmp_path: Path) -> None:
    path = docx(tmp_path / "i.docx", [p("Present: ", ins("Tyler Brown"))])
    assert where(path) == [
        ("Present: Tyler Brown", Part.BODY, None),
        ("A. Writer", Part.METADATA, "tracked change author"),
    ]


def test_a_deleted_table_row_is_deleted_text(tmp_path: Path) -> None:
    path = docx(tmp_path / "t.docx", [table([cell(p("Name"))], [cell(p(deleted("Tyler Brown")))])])
    assert texts(path, Part.TABLE, Part.DELETED) == ["Name", "Tyler Brown"]
    assert blocks(path, Part.DELETED)[0].paragraph == 2


# Hidden text


@pytest.mark.parametrize(
    ("styles", "paragraph", "hidden"),
    [
        (styles_part(style("Secret", "character", vanish="")), p(styled_run("Tyler Brown", "Secret")), True),
        (
            styles_part(style("Base", "character", vanish="true"), style("Secret", "character", "Base")),
            p(styled_run("Tyler Brown", "Secret")),
            True,
        ),
        (styles_part(style("Quiet", vanish="on")), styled_p("Quiet", "Tyler Brown"), True),
        # A style nearer in the chain that says "not hidden" wins over the one it is based on.
        (
            styles_part(style("Base", vanish=""), style("Shown", based_on="Base", vanish="0")),
            styled_p("Shown", "T"),
            False,
        ),
        # The default paragraph style applies to paragraphs without a style.
        (
            styles_part(
                '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
                "<w:rPr><w:vanish/></w:rPr></w:style>"
            ),
            p("Tyler Brown"),
            True,
        ),
        # Direct formatting decides, whatever the styles say.
        (
            styles_part(style("Quiet", vanish="")),
            styled_p("Quiet", hidden_run("Tyler Brown", val="0")),
            False,
        ),
        (styles_part(hidden_by_default=True), p(hidden_run("Tyler Brown", val="false")), False),
        # A style chain that loops is read without hanging.
        (
            styles_part(style("A", based_on="B"), style("B", based_on="A")),
            styled_p("A", "Tyler Brown"),
            False,
        ),
    ],
    ids=[
        "character-style",
        "character-style-chain",
        "paragraph-style",
        "chain-unhides",
        "default-paragraph-style",
        "direct-val-0",
        "direct-false-over-defaults",
        "looping-chain",
    ],
)
def test_hidden_text_through_styles(tmp_path: Path, styles: str, paragraph: str, hidden: bool) -> None:
    path = styled(styles, paragraph)(tmp_path / "s.docx")
    hidden_texts = texts(path, Part.HIDDEN)
    visible = texts(path, Part.BODY)
    assert bool(hidden_texts) is hidden
    assert bool(visible) is not hidden


@pytest.mark.parametrize("val", ["0", "false", "off"])
def test_vanish_switched_off_is_visible(tmp_path: Path, val: str) -> None:
    path = docx(tmp_path / "v.docx", [p("Present: ", hidden_run("Tyler Brown", val=val))])
    assert where(path) == [("Present: Tyler Brown", Part.BODY, None)]


def test_a_hidden_paragraph_mark_does_not_hide_the_runs(tmp_path: Path) -> None:
    path = docx(tmp_path / "m.docx", [styled_p(None, "Tyler Brown", mark_hidden=True)])
    assert where(path) == [("Tyler Brown", Part.BODY, None)]


def test_hidden_text_is_cut_out_of_the_body_block_and_kept_whole(tmp_path: Path) -> None:
    path = docx(
        tmp_path / "h.docx", [p("Seen by ", hidden_run("Tyler "), hidden_run("Brown"), "the worker.")]
    )
    assert where(path) == [
        ("Seen by the worker.", Part.BODY, None),
        ("Tyler Brown", Part.HIDDEN, "hidden text"),
    ]


def test_hidden_text_in_a_comment_is_its_own_block_and_the_comment_keeps_its_visible_text(
    tmp_path: Path,
) -> None:
    path = docx(
        tmp_path / "c.docx", [p("Body")], comments=[("A. Reviewer", [p("Check ", hidden_run("Tyler Brown"))])]
    )
    assert [(b.text, b.part, b.paragraph, b.note) for b in blocks(path, Part.COMMENT, Part.HIDDEN)] == [
        ("Check ", Part.COMMENT, None, "comment by A. Reviewer"),
        ("Tyler Brown", Part.HIDDEN, None, "hidden text (comment by A. Reviewer)"),
    ]


# Field codes


def test_a_simple_field_shows_its_result_and_hides_its_instruction(tmp_path: Path) -> None:
    path = docx(tmp_path / "f.docx", [p("To ", simple_field(' MERGEFIELD "Tyler Brown" ', "Jackson Smith"))])
    assert where(path) == [
        ("To Jackson Smith", Part.BODY, None),
        (' MERGEFIELD "Tyler Brown" ', Part.HIDDEN, "field code"),
    ]


def test_a_complex_field_shows_its_result_and_hides_its_instruction(tmp_path: Path) -> None:
    path = docx(
        tmp_path / "f.docx",
        [p(field(' HYPERLINK "mailto:kelly.oneill@example.org" ', "email us"), " or ", field(" PAGE ", "2"))],
    )
    assert where(path) == [
        ("email us or 2", Part.BODY, None),
        (' HYPERLINK "mailto:kelly.oneill@example.org"  …  PAGE ', Part.HIDDEN, "field code"),
    ]


# Shapes, pictures and content controls


def test_text_box_is_read_once_and_its_fallback_alt_text_not_again(tmp_path: Path) -> None:
    box = "<w:txbxContent>" + p("Boxed Tyler Brown") + "</w:txbxContent>"
    vml = "urn:schemas-microsoft-com:vml"
    shape = (
        "<w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing>"
        f"{box}</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v='{vml}' alt='Tyler'>"
        f"<v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    assert texts(docx(tmp_path / "b.docx", [p("Before ", shape, "after")])) == [
        "Before after",
        "Boxed Tyler Brown",
    ]


def test_a_picture_described_twice_is_reported_once(tmp_path: Path) -> None:
    path = docx(tmp_path / "p.docx", [p(picture(descr="Tyler Brown", title="Contact photo"))])
    assert where(path) == [("Contact photo\nTyler Brown", Part.HIDDEN, "alt text")]


def test_content_control_text_title_and_tag(tmp_path: Path) -> None:
    inline = (
        '<w:p><w:sdt><w:sdtPr><w:tag w:val="child"/></w:sdtPr>'
        f"<w:sdtContent>{run('Jackson')}</w:sdtContent></w:sdt></w:p>"
    )
    path = docx(
        tmp_path / "c.docx", [control(p("Name: Tyler Brown"), alias="Child name", tag="child"), inline]
    )
    assert [(b.text, b.part, b.paragraph, b.note) for b in read(path).blocks] == [
        ("Child name\nchild", Part.METADATA, 1, "content control title"),
        ("Name: Tyler Brown", Part.BODY, 1, None),
        ("Jackson", Part.BODY, 2, None),
        ("child", Part.METADATA, 2, "content control title"),
    ]


def test_content_control_around_a_table_row(tmp_path: Path) -> None:
    row = (
        '<w:sdt><w:sdtPr><w:alias w:val="Tyler Brown"/></w:sdtPr>'
        f"<w:sdtContent><w:tr>{cell(p('x'))}</w:tr></w:sdtContent></w:sdt>"
    )
    path = docx(tmp_path / "r.docx", ["<w:tbl>" + row + "</w:tbl>"])
    assert ("Tyler Brown", Part.METADATA, "content control title") in where(path)


# Metadata


def test_several_core_properties_one_block_each_and_dates_left_out(tmp_path: Path) -> None:
    path = core(creator="Sarah Jones", title="Plan for Tyler Brown", keywords="")(tmp_path / "c.docx")
    assert [(b.text, b.note) for b in blocks(path, Part.METADATA)] == [
        ("Sarah Jones", "file property: author"),
        ("Plan for Tyler Brown", "file property: title"),
    ]


def test_missing_metadata_parts_are_fine(tmp_path: Path) -> None:
    assert where(docx(tmp_path / "m.docx", [p("Only text.")])) == [("Only text.", Part.BODY, None)]


@pytest.mark.parametrize(
    ("name", "rel"),
    [
        (
            "docProps/core.xml",
            Rel(
                "",
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                "docProps/core.xml",
            ),
        ),
        ("docProps/app.xml", Rel("", "extended-properties", "docProps/app.xml")),
        ("docProps/custom.xml", Rel("", "custom-properties", "docProps/custom.xml")),
        ("customXml/item1.xml", Rel("word/document.xml", "customXml", "../customXml/item1.xml")),
        ("word/settings.xml", Rel("word/document.xml", "settings", "settings.xml")),
        ("word/styles.xml", Rel("word/document.xml", "styles", "styles.xml")),
    ],
)
def test_a_damaged_metadata_part_is_an_error(tmp_path: Path, name: str, rel: Rel) -> None:
    path = docx(tmp_path / "d.docx", [p("Text.")])
    with_parts(path, {name: b"<cp:coreProperties><dc:creator>Tyler"}, [rel])
    with pytest.raises(ReadError, match=name):
        read(path)


def test_core_properties_found_by_name_without_a_relationship(tmp_path: Path) -> None:
    path = docx(tmp_path / "c.docx", [p("Text.")])
    with_parts(path, {"docProps/core.xml": core_part(creator="Tyler Brown")})
    assert ("Tyler Brown", Part.METADATA, "file property: author") in where(path)


def test_custom_xml_comments_are_read_and_item_properties_are_not(tmp_path: Path) -> None:
    path = docx(tmp_path / "x.docx", [p("Text.")])
    item = "<data><!-- Tyler Brown --><name>Jackson Smith</name></data>"
    props = "<ds:datastoreItem xmlns:ds='urn:x' ds:itemID='{1}'><ds:schemaRefs/></ds:datastoreItem>"
    with_parts(path, {"customXml/item1.xml": item, "customXml/itemProps1.xml": props})
    assert [b.text for b in blocks(path, Part.METADATA)] == ["Tyler Brown\nJackson Smith"]


def test_comment_and_tracked_change_authors_once_each(tmp_path: Path) -> None:
    path = docx(tmp_path / "a.docx", [p(ins("a"), ins("b"), deleted("c"))], comments=[("x", [p("One")])])
    with_parts(
        path,
        {
            "word/comments.xml": comments_with_initials(
                [("A. Reviewer", "AR", [p("One")]), ("A. Reviewer", "AR", [p("Two")]), ("", "", [p("Three")])]
            )
        },
    )
    found = [(b.text, b.note) for b in blocks(path, Part.METADATA, Part.COMMENT)]
    assert found == [
        ("One", "comment by A. Reviewer"),
        ("Two", "comment by A. Reviewer"),
        ("Three", "comment by unknown author"),
        ("A. Reviewer (AR)", "comment author"),
        ("A. Writer", "tracked change author"),
    ]


# Embedded documents and objects


def test_embedded_document_inside_an_embedded_document(tmp_path: Path) -> None:
    inner = embedding(body(p("Tyler Brown attended.")), "inner.docx")
    path = embedding(inner, "outer.docx")(tmp_path / "top.docx")
    found = [(b.text, b.part, b.note, b.source) for b in read(path).blocks]
    assert (
        "Tyler Brown attended.",
        Part.BODY,
        "embedded outer.docx, embedded inner.docx, main text",
        "embedded: outer.docx > inner.docx",
    ) in found


def _nested(depth: int) -> Callable[[Path], Path]:
    build = body(p("Tyler Brown at the bottom."))
    for level in range(depth):
        build = embedding(build, f"level{depth - level}.docx")
    return build


def test_embedding_as_deep_as_allowed_is_read(tmp_path: Path) -> None:
    path = _nested(MAX_EMBEDDING_DEPTH)(tmp_path / "top.docx")
    sources = [b.source for b in read(path).blocks if "bottom" in b.text]
    assert sources == ["embedded: level1.docx > level2.docx > level3.docx"]


def test_embedding_four_deep_is_an_error(tmp_path: Path) -> None:
    path = _nested(MAX_EMBEDDING_DEPTH + 1)(tmp_path / "top.docx")
    with pytest.raises(ReadError, match="more than 3 deep") as caught:
        read(path)
    assert caught.value.path == path


@pytest.mark.parametrize("name", ["Microsoft_Excel_Worksheet.xlsx", "oleObject1.bin", "Presentation1.pptx"])
def test_other_embedded_objects_are_reported(tmp_path: Path, name: str) -> None:
    path = docx(tmp_path / "o.docx", [p("See the table.")])
    rel_type = "oleObject" if name.endswith(".bin") else "package"
    with_parts(
        path,
        {f"word/embeddings/{name}": b"binary"},
        [Rel("word/document.xml", rel_type, f"embeddings/{name}")],
    )
    assert where(path)[-1] == (
        f"Embedded object: {name} (disclint cannot read its content)",
        Part.HIDDEN,
        "embedded object",
    )


def test_an_object_outside_the_embeddings_folder_is_found_by_its_relationship(tmp_path: Path) -> None:
    path = docx(tmp_path / "o.docx", [p("Text.")])
    with_parts(
        path, {"word/objects/data.xlsx": b"x"}, [Rel("word/document.xml", "package", "objects/data.xlsx")]
    )
    assert (
        "Embedded object: data.xlsx (disclint cannot read its content)",
        Part.HIDDEN,
        "embedded object",
    ) in where(path)


def test_images_are_not_objects(tmp_path: Path) -> None:
    path = docx(tmp_path / "i.docx", [p("Text.")])
    with_parts(path, {"word/media/image1.png": b"png", "word/embeddings/preview.emf": b"emf"})
    assert where(path) == [("Text.", Part.BODY, None)]


@pytest.mark.parametrize("content", [b"not a zip", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64])
def test_an_unreadable_embedded_document_is_an_error(tmp_path: Path, content: bytes) -> None:
    path = docx(tmp_path / "e.docx", [p("Text.")])
    with_parts(path, {"word/embeddings/Document1.docx": content})
    with pytest.raises(ReadError, match=r"embedded document 'Document1\.docx' cannot be read"):
        read(path)


def test_alt_chunk_is_still_an_error(tmp_path: Path) -> None:
    path = docx(tmp_path / "a.docx", [p("Text."), '<w:altChunk r:id="rIdX"/>'])
    with pytest.raises(ReadError, match="altChunk") as caught:
        read(path)
    assert caught.value.path == path


# Whole documents


def test_body_paragraph_numbers_do_not_move_for_hidden_places(tmp_path: Path) -> None:
    plain = docx(tmp_path / "a.docx", [p("One"), p("Two"), table([cell(p("Three"))]), p("Four")])
    busy = docx(
        tmp_path / "b.docx",
        [
            p("One", deleted("x"), field(" PAGE ", "")),
            p("Two", hidden_run("y"), picture(descr="z")),
            table([cell(p("Three", hidden_run("w")))]),
            p("Four"),
        ],
    )

    def numbered(path: Path) -> list[tuple[str, int | None]]:
        return [(b.text, b.paragraph) for b in blocks(path, Part.BODY, Part.TABLE)]

    assert numbered(plain) == numbered(busy) == [("One", 1), ("Two", 2), ("Three", 3), ("Four", 4)]


def test_a_document_written_by_python_docx_keeps_its_properties(tmp_path: Path) -> None:
    import docx as python_docx

    document = python_docx.Document()
    document.add_paragraph("Core group minutes")
    document.core_properties.author = "Tyler Brown"
    document.core_properties.comments = "Draft for Jackson Smith"
    path = tmp_path / "real.docx"
    document.save(str(path))
    found = where(path)
    assert ("Tyler Brown", Part.METADATA, "file property: author") in found
    assert ("Draft for Jackson Smith", Part.METADATA, "file property: comments") in found
    assert found[0] == ("Core group minutes", Part.BODY, None)


def test_hidden_content_rule_counts_what_the_reader_found(tmp_path: Path, check_json: CheckJson) -> None:
    path = docx(
        tmp_path / "left.docx",
        [p("Plan for Jackson Smith.", deleted(" Old wording."))],
        comments=[("A. Reviewer", [p("Check.")]), ("B. Reviewer", [p("Agreed.")])],
    )
    _, report = check_json(path, case="1001")
    messages = [f["message"] for f in report["documents"][0]["findings"] if f["rule"] == "hidden-content"]
    assert any(m.startswith("2 comments (by A. Reviewer, B. Reviewer) remain") for m in messages)
    assert any(m.startswith("1 tracked deletion (by A. Writer) remains") for m in messages)
