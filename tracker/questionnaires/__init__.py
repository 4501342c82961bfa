"""Weekly clinical questionnaires: PHQ-9, GAD-7 and PEG.

A daily 0-10 mood is not a measure of depression, and a 0-10 pain score
says nothing of how much pain gets in the way of living; these three short
questionnaires are what clinicians read for that. The items, answer choices
and bands are data in `instruments` (the one place their words live);
scoring and the item-9 safety check are in `scoring`; saving, editing and
undo in `storage`.

Sources and terms:
- PHQ-9: Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief
  depression severity measure. J Gen Intern Med 2001;16:606-613. Developed by
  Drs Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues,
  with an educational grant from Pfizer Inc. No permission is required to
  reproduce, translate, display or distribute.
- GAD-7: Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for
  assessing generalized anxiety disorder: the GAD-7. Arch Intern Med
  2006;166:1092-1097. Same developers and the same terms as PHQ-9 (Pfizer;
  no permission required to reproduce, translate, display or distribute).
- PEG: Krebs EE, Lorenz KA, Bair MJ, et al. Development and initial
  validation of the PEG, a three-item scale assessing pain intensity and
  interference. J Gen Intern Med 2009;24(6):733-738; published open access.

A score is shown with what its band means on the published scale and that a
clinician interprets it: painmood never diagnoses.
"""

from __future__ import annotations

from .instruments import GAD7, INSTRUMENTS, PEG, PHQ9, Band, Choice, Instrument, Item
from .scoring import (
    Answers,
    Result,
    UnknownInstrument,
    band,
    check_answers,
    format_score,
    instrument,
    parse_answers,
    score,
)

__all__ = [
    "GAD7",
    "INSTRUMENTS",
    "PEG",
    "PHQ9",
    "Answers",
    "Band",
    "Choice",
    "Instrument",
    "Item",
    "Result",
    "UnknownInstrument",
    "band",
    "check_answers",
    "format_score",
    "instrument",
    "parse_answers",
    "score",
]
