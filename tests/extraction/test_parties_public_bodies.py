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


def test_a_sameie_named_legal_form_first_above_og_without_mellom() -> None:
    text = (
        "AVTALE OM SNØBRØYTING OG STRØING\nSesongene 2025/2026 og 2026/2027\n\n"
        "Sameiet Holmenkollen Terrasse\nOrg.nr. 871 056 064\nHolmenkollveien 88, 0784 Oslo\n"
        "ved styret\n\nog\n\nPedersen Brøyting AS\nOrg.nr. 816.780.519\n"
        "Ringveien 5, 1339 Vøyenenga\n\nhar inngått følgende avtale om vintervedlikehold.\n"
    )
    assert party_names(text, "nb") == ["Sameiet Holmenkollen Terrasse", "Pedersen Brøyting AS"]


def test_a_stiftelse_runs_to_its_registration_over_lower_case_words() -> None:
    text = (
        "Stiftelsen Trollskogen barnehage, org.nr. 850 816 832, Myrvollveien 12, 1415 Oppegård\n"
        "og\nSolberg Eiendom ANS, organisasjonsnummer 903797932, Kolbotnveien 30, 1410 Kolbotn\n"
    )
    assert party_names(text, "nb")[0] == "Stiftelsen Trollskogen barnehage"


def test_the_legal_form_word_alone_in_a_sentence_is_no_party() -> None:
    text = (
        "Sameiet Holmenkollen Terrasse\nOrg.nr. 871 056 064\n\nog\n\nPedersen Brøyting AS\n"
        "Org.nr. 816 780 519\n\n2.3 Sameiet kan si opp avtalen med én måneds skriftlig varsel.\n"
    )
    assert "Sameiet" not in party_names(text, "nb")


def test_the_borettslag_an_engagement_letter_is_addressed_to() -> None:
    text = (
        "Revisorhuset Bodø AS\nStorgata 41, 8006 Bodø\nForetaksregisteret: 909957443 MVA\n\n"
        "Styret i\nRønvikjordene Borettslag\nv/ styreleder Tone Berg\nRønvikveien 112\n"
        "8010 Bodø\n\nBodø, 18. juni 2025\n\nOPPDRAGSBEKREFTELSE – REVISJON AV ÅRSREGNSKAPET\n\n"
        "1. Innledning\n\nVi viser til generalforsamlingen i Rønvikjordene Borettslag.\n"
    )
    assert party_names(text, "nb") == ["Revisorhuset Bodø AS", "Rønvikjordene Borettslag"]


def test_the_board_of_a_company_in_running_text_is_no_addressee() -> None:
    text = (
        "Revisorhuset Bodø AS\nStorgata 41, 8006 Bodø\nForetaksregisteret: 909957443 MVA\n\n"
        "Saken ble behandlet av styret i Nordlys Holding AS i mars, og vi viser til vårt tilbud.\n"
    )
    assert "Nordlys Holding AS" not in party_names(text, "nb")


def test_a_public_body_on_its_own_line_above_its_registration() -> None:
    text = (
        "AVTALE OM RÅDGIVNING\n\nDirektoratet for forvaltning og økonomistyring\n"
        "Org.nr. 986 252 932\nPostboks 7154, 5020 Bergen\n\nog\n\nFjordkode AS\n"
        "Org.nr. 915 985 343\nStorgata 1, 0155 Oslo\n\nhar inngått følgende avtale.\n"
    )
    assert party_names(text, "nb") == [
        "Direktoratet for forvaltning og økonomistyring", "Fjordkode AS"
    ]


def test_a_public_body_in_a_sentence_of_its_own_is_no_party_block() -> None:
    text = (
        "AVTALE OM RÅDGIVNING\n\nFjordkode AS\nOrg.nr. 915 985 343\nStorgata 1, 0155 Oslo\n\n"
        "har inngått følgende avtale om planarbeid langs riksvei 7 i Hallingdal.\n"
        "Statens vegvesen godkjenner planene før arbeidet starter.\n"
    )
    assert "Statens vegvesen godkjenner planene før arbeidet starter" not in party_names(
        text, "nb"
    )
    assert "Statens vegvesen" not in party_names(text, "nb")
