"""Public bodies and legal forms that come first: names with lower-case words ("Direktoratet for
samfunnssikkerhet og beredskap") and their contact persons under a numbered heading."""

from __future__ import annotations

from extraction_reading import party_names


def test_a_public_body_with_lower_case_words_in_a_mellom_preamble() -> None:
    text = (
        "AVROPSAVTALE\n\nMellom\n\n"
        "Direktoratet for samfunnssikkerhet og beredskap, organisasjonsnummer 945016450, "
        "Rambergveien 9, 3115 Tønsberg\n(heretter «Kunden»)\n\nog\n\n"
        "Datakraft Norge AS, organisasjonsnummer 803809739, Innspurten 15, 0663 Oslo\n"
        "(heretter «Leverandøren»)\n\ner det inngått følgende avropsavtale.\n\n"
        "7 KONTAKTPERSONER\n\n"
        "Kunden:        Marte Lien, seniorrådgiver IKT-drift\n"
        "               marte.lien@dsb.no, tlf. 33 41 25 00\n"
        "Leverandøren:  Henrik Sæther, key account manager\n"
    )
    assert party_names(text, "nb") == [
        "Direktoratet for samfunnssikkerhet og beredskap", "Datakraft Norge AS"
    ]


def test_og_before_a_capitalised_name_still_starts_the_next_party() -> None:
    text = (
        "Mellom Norges forskningsråd, org.nr. 970141669, heretter kalt Kunden, og Fjordkode AS, "
        "org.nr. 915985343, heretter kalt Leverandøren, er det inngått følgende avtale.\n"
    )
    assert party_names(text, "nb") == ["Norges forskningsråd", "Fjordkode AS"]


def test_og_after_an_ordinary_name_does_not_join_a_lower_case_word() -> None:
    text = (
        "Avtalen er inngått mellom Oslo kommune og leverandøren, heretter kalt Leverandøren.\n"
    )
    assert "Oslo kommune og leverandøren" not in party_names(text, "nb")


def test_a_public_body_on_its_own_line_under_a_label() -> None:
    text = (
        "Oppdragsgiver\nUniversitetet i Bergen\nPostboks 7800, 5020 Bergen\n\n"
        "Leverandør\nFjordkode AS\nOrg.nr. 915 985 343\n\nAvtalens omfang\n"
    )
    assert party_names(text, "nb") == ["Universitetet i Bergen", "Fjordkode AS"]
