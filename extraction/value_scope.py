"""Whether an amount a Norwegian contract states is the value of this contract as made.

Beside its own value a contract states amounts that are worth something else:
- the value with the options taken up ("Inkludert begge opsjonsperiodene er anslått verdi
  kr 12 800 000", "Med opsjonene utgjør den estimerte verdien ..."): what it may grow to, while
  the value as signed is the one for the fixed period, stated beside it;
- a sum settled under another agreement and said to fall outside this one ("Tilknytnings-
  avgiften på kr 185 000 ... omfattes ikke av denne avtalen");
- the value of the framework a call-off sits under ("Rammeavtalens maksimale verdi er
  kr 480 000 000"): the framework's, not the call-off's (read by
  extraction.other_agreements.names_other_agreement, as the dates of other agreements are).

It also tells a total stated for the whole period ("for hele avtaleperioden") from a fee or
estimate for one year of it.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

_WITH_OPTIONS = re.compile(
    r"\b(?:inkludert|inklusive|inkl\.|medregnet|med|including|inclusive\s+of|with)\s+"
    r"(?:[\wæøå]+\s+){0,2}(?:opsjon\w*|forlengelse\w*|options?|extensions?|renewals?)\b",
    _I,
)
# Said of an agreement, not of a part of the work: "Fastpris kr 96 000; bortkjøring av snø
# inngår ikke" still states the value.
_OUTSIDE_THIS_ONE = re.compile(
    r"\b(?:(?:omfattes|dekkes|reguleres)\s+ikke\s+av|inngår\s+ikke\s+i|faller\s+utenfor)\s+"
    r"(?:denne\s+|dette\s+)?[\wæøå]*(?:avtale|kontrakt|avrop)\w*"
    r"|\bis\s+not\s+(?:part\s+of|included\s+in|covered\s+by)\s+this\s+(?:agreement|contract)\b",
    _I,
)


def counts_options(sentence_before: str) -> bool:
    """The amount is the value with the options or extensions taken up."""
    return _WITH_OPTIONS.search(sentence_before) is not None


def outside_this_contract(sentence_after: str) -> bool:
    """The sentence says the amount is not covered by this contract."""
    return _OUTSIDE_THIS_ONE.search(sentence_after) is not None


# "Rammeavtalens samlede ramme er kr 8 400 000 for hele avtaleperioden": the amount covers the
# whole period, so it is the contract's total, not its yearly run-rate ("estimert årlig verdi").
_WHOLE_PERIOD = re.compile(
    r"\b(?:for|i|gjennom|over|under)\s+hele\s+(?:den\s+)?[\wæøå]*periode(?:n|s)?\b"
    r"|\b(?:for|over)\s+the\s+(?:entire|whole|full)\s+(?:term|period|contract\s+period)\b",
    _I,
)


def for_whole_period(sentence: str) -> bool:
    """The sentence states the amount for the whole contract period."""
    return _WHOLE_PERIOD.search(sentence) is not None
