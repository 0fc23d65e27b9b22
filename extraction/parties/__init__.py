"""Parties: who signs the contract, with roles and org numbers (`find.extract_parties`).

One module a job: `find` asks the readers in order of trust (`label_lines`, `preamble`,
`cover_page`, `signature_blocks`), `names` decides whether a run of words is a legal name,
`words` holds the vocabulary (legal forms, role words), `candidate` what readers return and
`roles` the defined terms that give a party its role.
"""

from extraction.parties.find import extract_parties

__all__ = ["extract_parties"]
