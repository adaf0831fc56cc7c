"""The regulation parser on small texts that each show one defect of the legal-database extract."""

import pytest

from meritopedia.regulation_text import RegulationTextError, parse_regulation


def anchors(parsed):
    return [clause.anchor for clause in parsed.clauses()]


def test_a_repeated_passage_is_kept_once():
    text = "Article 1\nSatu.\nArticle 2\n(1) Dua satu.\n(2) Dua dua.\n(1) Dua satu.\n(2) Dua dua.\n"
    parsed = parse_regulation(text)
    assert anchors(parsed) == ["pasal-1", "pasal-2", "pasal-2-ayat-1", "pasal-2-ayat-2"]


def test_a_truncated_copy_is_merged_into_the_whole_passage():
    whole = "Article 1\n(1) Satu.\n(2) Dua:\na. alfa;\nb. beta.\n"
    text = whole + "Article 2\nLain.\nArticle 1\n(1) Satu.\n(2) Dua:\na. alfa;\n"
    parsed = parse_regulation(text)
    assert [c.anchor for c in parsed.pasal[0].walk()] == [
        "pasal-1",
        "pasal-1-ayat-1",
        "pasal-1-ayat-2",
        "pasal-1-ayat-2-huruf-a",
        "pasal-1-ayat-2-huruf-b",
    ]


def test_a_passage_without_heading_takes_the_number_its_place_leaves_free():
    text = "Article 1\nSatu.\nDua tanpa judul.\nTiga tanpa judul.\nArticle 4\nEmpat.\n"
    parsed = parse_regulation(text)
    assert [(p.pasal, p.text) for p in parsed.pasal] == [
        (1, "Satu."),
        (2, "Dua tanpa judul."),
        (3, "Tiga tanpa judul."),
        (4, "Empat."),
    ]


def test_a_passage_found_after_the_closing_is_placed_by_its_reference_to_itself():
    text = (
        "Article 1\nSatu.\nArticle 2\nArticle 3\nTiga.\nAgar setiap orang mengetahuinya, diundangkan.\n"
        "(1) Pokok:\na. alfa.\n(2) Rincian sebagaimana dimaksud dalam Pasal 2 ayat (1) huruf a.\n"
    )
    parsed = parse_regulation(text)
    assert [p.pasal for p in parsed.pasal] == [1, 2, 3]
    assert parsed.pasal[1].children[0].text == "Pokok:"
    assert parsed.closing == ["Agar setiap orang mengetahuinya, diundangkan."]


def test_a_passage_that_no_evidence_places_is_refused_not_guessed():
    # One unnumbered passage between Pasal 1 and Pasal 5 could be 2, 3 or 4: the parser must not pick.
    text = "Article 1\nSatu.\nTeks yatim piatu.\nArticle 5\nLima.\n"
    with pytest.raises(RegulationTextError, match="tidak dapat ditempatkan"):
        parse_regulation(text)


def test_text_without_any_article_heading_is_refused():
    with pytest.raises(RegulationTextError, match="judul pasal"):
        parse_regulation("Hanya paragraf biasa.\nTanpa pasal.\n")


def test_broken_lines_are_rejoined():
    text = (
        "Article 1\n(1) Awal kalimat yang terputus\ndi tengah.\n(2) Rujukan sebagaimana dimaksud pada ayat\n"
        "(1) berlanjut di sini.\n(3) Daftar:\na. satu;\ndan\nb. dua:\n1) alfa; dan 2) beta.\n"
    )
    parsed = parse_regulation(text)
    clauses = {c.anchor: c.text for c in parsed.clauses()}
    assert clauses["pasal-1-ayat-1"] == "Awal kalimat yang terputus di tengah."
    assert clauses["pasal-1-ayat-2"] == "Rujukan sebagaimana dimaksud pada ayat (1) berlanjut di sini."
    assert clauses["pasal-1-ayat-3-huruf-a"] == "satu; dan"
    assert clauses["pasal-1-ayat-3-huruf-b-angka-1"] == "alfa; dan"
    assert clauses["pasal-1-ayat-3-huruf-b-angka-2"] == "beta."
    assert "pasal-1-ayat-4" not in clauses
