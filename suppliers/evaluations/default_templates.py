"""The scorecards an installation starts with, one in Norwegian and one in English.

The criteria are the ones Norwegian public buyers commonly follow suppliers on (DFØ's
contract follow-up guidance): quality, delivery precision, price and invoicing,
cooperation and follow-up, sustainability and HSE. Admins change them like any template.
"""

from __future__ import annotations

from core.models import EvaluationCriterion, EvaluationTemplate

_CRITERIA = {
    "en": [
        ("Quality", "The goods or services meet the contract's requirements.", 3.0),
        ("Delivery precision", "Deliveries arrive on time, complete and as agreed.", 2.0),
        ("Price and invoicing", "Prices follow the contract; invoices are correct.", 2.0),
        ("Cooperation and follow-up", "Responsive, keeps agreements, reports as agreed.", 2.0),
        ("Sustainability and HSE", "Working conditions, environment, health and safety.", 1.0),
    ],
    "nb": [
        ("Kvalitet", "Varene eller tjenestene oppfyller kravene i avtalen.", 3.0),
        ("Leveringspresisjon", "Leveransene kommer i tide, komplette og som avtalt.", 2.0),
        ("Pris og fakturering", "Prisene følger avtalen; fakturaene er korrekte.", 2.0),
        ("Samarbeid og oppfølging", "Svarer raskt, holder avtaler, rapporterer som avtalt.",
         2.0),
        ("Bærekraft og HMS", "Arbeidsvilkår, miljø, helse og sikkerhet.", 1.0),
    ],
}
_NAMES = {"en": "Supplier evaluation", "nb": "Leverandørevaluering"}


def default_templates() -> list[EvaluationTemplate]:
    templates = []
    for language, criteria in _CRITERIA.items():
        template = EvaluationTemplate(name=_NAMES[language], language=language, description="",
                                      scale_min=1, scale_max=5, active=True)
        template.criteria = [
            EvaluationCriterion(position=i, name=name, description=text, weight=weight)
            for i, (name, text, weight) in enumerate(criteria)
        ]
        templates.append(template)
    return templates
