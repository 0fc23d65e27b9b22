"""Words and patterns that tell a party's legal name from the text around it.

Legal forms ("Inc.", "AS", "GmbH"), the role a defined alias names ("Licensee" -> licensee,
"Oppdragsgiver" -> customer), and capitalised words that are never part of a name (headings,
months, addresses). Kept apart from `extraction.parties` so the rules read as rules.
"""

from __future__ import annotations

import re


def split_words(words: str) -> list[str]:
    return words.split()


LEGAL_FORM = (
    r"(?:Incorporated|INCORPORATED|(?i:Inc|L\.?L\.?C|Ltd|Limited|Corp|Corporation|Company|L\.P|L\.L\.P|LLP"
    r"|PLC|GmbH|S\.A|N\.V|B\.V|ASA|ENK|Oyj?|ApS|A/S|S\.p\.A|SpA|S\.r\.l|Srl|Pty|Pte|SAS"
    r"|S\.A\.S|SARL|FSB|NUF|LLLP|N\.A|L\.L\.L\.P|Ltda|Ltc"
    # French economic interest groups, German partnerships limited by shares, Malaysian
    # private and public companies, Indonesian public companies.
    r"|G\.I\.E|KGaA|Sdn|Bhd|Berhad|Tbk)"
    r"|Co|CO|LP|AS|SA|AG|NV|BV|DA|SE|AB|KK|NA|HF|KF|SF|BA|PC|ANS|IKS|SL"
    # Norwegian housing cooperatives and condominiums: "Rønvikjordene Borettslag", "X BRL".
    r"|Borettslag|BRL|Boligsameie|Sameie)\.?(?![\w-])"
)
# "Sameiet Holmenkollen Terrasse", "Stiftelsen Kildehuset": Norwegian housing cooperatives,
# condominiums, foundations and associations are often named with the legal form first and
# no suffix; the form word must be followed by the capitalised rest of the name.
LEGAL_FORM_FIRST = re.compile(
    r"^(?:Sameiet|Eierseksjonssameiet|Boligsameiet|Borettslaget|Stiftelsen|Foreningen)"
    r"[ \t\xa0]+[A-ZÆØÅ0-9]"
)
# The same legal forms as words, for token patterns (extraction.nlp): matched in any case,
# and the short ones that are ordinary words in lower case ("as", "co", "se") only as written.
LEGAL_FORM_WORDS_ANY_CASE = tuple(
    split_words(
        """Inc Incorporated LLC L.L.C. Ltd Limited Corp Corporation Company L.P. L.L.P. LLP PLC
        GmbH S.A. N.V. B.V. ASA ENK Oy Oyj ApS A/S S.p.A. SpA S.r.l. Srl Pty Pte SAS S.A.S.
        SARL FSB NUF LLLP N.A. L.L.L.P. Ltda G.I.E. KGaA Sdn Bhd Berhad Tbk"""
    )
)
LEGAL_FORM_WORDS_AS_WRITTEN = tuple(
    split_words("Co CO LP AS SA AG NV BV DA SE AB KK NA HF KF SF BA PC ANS IKS SL INCORPORATED")
)
LEGAL_END = re.compile(rf"(?:,?\s+|\s*,\s*|^){LEGAL_FORM}$")
LEGAL_WORD = re.compile(rf"^{LEGAL_FORM}$")

# One word of a name: capitalised, camel-cased ("iMine"), a web name ("theglobe.com"),
# or a number ("2205925 Ontario").
NAME_WORD = (
    r"(?:[A-Z0-9ÆØÅ][\w&'’@./\-]*|[a-z]+[A-Z][\w.\-]*|[a-z][\w\-]*\.com|e-[a-z]+"
    r"|\([A-Z][\w&.\- ]{0,25}\)(?=\s+[A-Z]))"
)
LOWER_LEGAL = (
    r"(?:plc|corporation|company|limited|inc\.?|llc|ltd\.?|corp\.?)(?![\w-])"
)
CONNECT = r"(?:of|and|&|the|de|du|des|la|le|del|for|y|von|van|der|og|i|på|d/b/a)"
# Space between two words of a name: a line break, never a blank line ("Vår ref.: 22/08815
# Innkjøpsavdelingen\n\nHelse Midtfjord HF, ..." is a reference line, then the name).
_GAP = r"(?:(?![ \t\xa0]*\r?\n[ \t\xa0]*\r?\n)\s)+"
# "National Football League Alumni - Northern California Chapter": a local unit of an
# association is named by the association, a dash and the unit.
_LOCAL_UNIT = (
    r"[ \t\xa0]+[-–](?:[ \t\xa0]|\r?\n)+"
    r"(?=(?:[A-Z][\w-]*[ \t\xa0]+){0,3}(?:Chapter|Branch|Division|Region)\b)"
)
NAME_RUN = re.compile(
    rf"{NAME_WORD}(?:(?:{_GAP}|\s*,\s*(?={LEGAL_FORM}|\([A-Z]|[A-Z][\w-]*\s+&\s)"
    # "The Regents of the University of California", "Bank of the West".
    rf"|{_GAP}{CONNECT}\s+(?=[A-Za-zÆØÅ(])|\s+(?:of|for)\s+the\s+(?=[A-Z])|\s*&\s*"
    rf"|{_LOCAL_UNIT})"
    rf"(?:{NAME_WORD}|{LOWER_LEGAL}))*"
)


# Capitalised words that are not names (a name is only what follows the last of them).
NOT_NAME = re.compile(
    r"(?i)\b(?:Requested|Shares|Amended|Restated|Proprietary|Common\s+Stock|Abbreviations"
    r"|Supplemental|Tax\s+ID|Year|Years|Months?|January|February|March|April|May"
    r"|June|July|August|September|October|November|December|Dated|Attest|Witness|Between"
    r"|Among|By|Name|Title|Signature|Signed|Parties|Party\s+[A-Z]\b|Part\s+(?:[A-Z]|\d+)\b"
    r"|Agreement|Agreements"
    r"|Contract|Amendment|Date|Effective|Exhibit|Section|Article"
    r"|Schedule|Attachment|Appendix|Annex|Table|Page|Whereas|Recitals?|Witnesseth|Terms"
    r"|Conditions|Order|Statement|Confidential|Treatment|Securities|Exchange|Commission"
    # A letter addressed "Styret i\nVesterålen Sjømat AS": the board of the party.
    r"|Styret\s+(?:i|for)"
    r"|\w*avtale\w*|Bilag|Dato|\w*kontrakt\w*|Mellom|Partene|Source|Form|Execution|Version|Registered|Office"
    r"|Director|President|Officer|Manager|Representative|Administrator|Secretary|Chairman"
    r"|Counsel|Approved|Initials|Initialed|Accepted|Acknowledged"
    r"|CEO|CFO|Suite|Floor|Street|Avenue|Ave|Blvd|Road|Boulevard|Drive|P\.?O\.?\s+Box|Postboks"
    r"|Building|Tower|Plaza|Attn|Attention|Nasdaq|NYSE|(?:Tel|Fax|Phone|E-?mail)(?=\s*[:.]))"
    r"(?![\w-])"
)


# "Direktoratet for samfunnssikkerhet og beredskap", "Universitetet i Bergen", "Norges
# vassdrags- og energidirektorat": a public body is named by what it is, and the rest of its
# legal name is lower-case words joined by "for", "i" and "og" (a capitalised word after "i" is
# the place it serves). No legal form ends it, so the first word is what marks it.
PUBLIC_BODY_NOUN = (
    r"(?:Direktoratet|Universitetet|Statens|Norges|Sykehuset|Statsforvalteren|Fylkesmannen"
    r"|Høgskolen|Senter|Helse|Kommunenes)"
)
PUBLIC_BODY_FIRST = re.compile(rf"^{PUBLIC_BODY_NOUN}[ \t\xa0]")
# Its words: lower-case ones, the joining words, and capitalised places ("i Vestfold").
_PUBLIC_BODY_WORDS = re.compile(r"(?:[ \t\xa0]+[A-ZÆØÅa-zæøå][\wæøå]*-?)+")


def public_body_name(name: str) -> bool:
    """Whether `name` has the shape of a public body's legal name (see PUBLIC_BODY_FIRST)."""
    first = PUBLIC_BODY_FIRST.match(name)
    return (
        first is not None
        and len(name.split()) <= 8
        and _PUBLIC_BODY_WORDS.fullmatch(name, first.end() - 1) is not None
    )


ROLE_WORDS = {
    "customer": "customer", "client": "customer", "buyer": "customer", "purchaser": "customer",
    "kunden": "customer", "kunde": "customer", "oppdragsgiver": "customer",
    "oppdragsgiveren": "customer", "bestiller": "customer", "bestilleren": "customer",
    "kjøper": "customer", "kjøperen": "customer", "company": None,
    "supplier": "supplier", "vendor": "supplier", "seller": "supplier",
    "provider": "supplier", "service provider": "supplier", "contractor": "supplier",
    "leverandøren": "supplier", "leverandør": "supplier", "oppdragstaker": "supplier",
    "oppdragstakeren": "supplier", "konsulent": "supplier", "konsulenten": "supplier",
    "selger": "supplier", "selgeren": "supplier", "manufacturer": "supplier",
    "developer": "supplier", "consultant": "consultant", "licensor": "licensor",
    "licensee": "licensee", "lisensgiver": "licensor", "lisensgiveren": "licensor",
    "lisenstaker": "licensee", "lisenstakeren": "licensee", "distributor": "distributor",
    "reseller": "distributor", "franchisor": "franchisor", "franchisee": "franchisee",
    "sponsor": "sponsor", "endorser": "endorser", "talent": "endorser", "agent": "agent",
    "lender": "lender", "borrower": "borrower", "landlord": "landlord", "tenant": "tenant",
    "lessor": "landlord", "lessee": "tenant", "service recipient": "customer",
    "utleier": "landlord", "utleieren": "landlord", "leietaker": "tenant",
    "leietakeren": "tenant", "employer": "employer", "executive": "employee",
    "employee": "employee", "shipper": "customer", "transporter": "supplier",
    "transportør": "supplier", "transportøren": "supplier",
    "entreprenør": "supplier", "entreprenøren": "supplier", "byggherre": "customer",
    "byggherren": "customer", "promoter": "promoter", "marketing affiliate": "affiliate",
    "affiliate": "affiliate",
}


STOP_FIRST = frozenset(
    split_words(
        """this these that therefore accordingly in if subject such each any all whereas now for as
    upon notwithstanding unless when where with whether both either neither our your his her
        its their said"""
    )
)
NOT_PARTY_WORDS = frozenset(
    {"united states", "united states of america", "usa", "u s a", "europe", "asia", "the",
     "south africa", "israeli", "american", "european", "chinese", "hong kong sar"}
)

# Entity labels (extraction.nlp's rules and a trained model's) that can name a party.
MODEL_PARTY_LABELS = frozenset({"ORG", "PERSON", "PER"})


# "Berge, Lie og Hov Regnskap ANS", "Advokatfirmaet Lund, Berg & Co AS": a firm named after its
# partners lists them with commas; the name runs on past the comma to its legal form, which
# ends it (at a comma, a bracket, the line's end or the registration after it).
_PARTNERS_REST = re.compile(
    r",[ \t\xa0]*[A-ZÆØÅ][\w'’-]*"
    r"(?:(?:[ \t\xa0]*,[ \t\xa0]*|[ \t\xa0]+(?:og|&|and)[ \t\xa0]+|[ \t\xa0]+)"
    r"[A-ZÆØÅ][\w'’-]*){0,5}"
    rf"[ \t\xa0]+{LEGAL_FORM}"
    r"(?=[ \t\xa0]*(?:[,(;]|\r?\n|$)|[ \t\xa0]+(?i:org|foretaksnr|heretter|hereinafter))"
)


def partners_name_end(text: str, comma_at: int, name_before: str) -> int | None:
    """Where a name cut at the comma at `comma_at` really ends, when the comma lists the
    partners a firm is named after; None when it ends at the comma. A name with its legal form
    already ("A AS, B AS og C AS") ends there."""
    if LEGAL_END.search(name_before.rstrip()):
        return None
    rest = _PARTNERS_REST.match(text, comma_at)
    return rest.end() if rest else None
