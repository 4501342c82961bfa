"""Where painmood's guidance comes from: each source text with its author or site and date.

Only what the source texts themselves print is given; where a text names no
author, site, date or web address, the report says so rather than guess.
None of the five texts prints its web address.
"""

from __future__ import annotations

from dataclasses import dataclass

NOT_GIVEN = "not given in the source text"


@dataclass(frozen=True)
class Source:
    """One source text of the guidance, as the report cites it."""

    title: str
    by: str  # author or site, as printed
    date: str  # ISO date as printed, or NOT_GIVEN
    address: str = NOT_GIVEN
    remark: str = ""

    def citation(self) -> str:
        """`Title. By: .... Date: .... Address: ....` on one line."""
        title = self.title if self.title[-1] in ".?!" else self.title + "."
        text = f"{title} By: {self.by}. Date: {self.date}. Address: {self.address}."
        return f"{text} {self.remark}" if self.remark else text


SOURCES: tuple[Source, ...] = (
    Source(
        "The Connection Between Chronic Back Pain and Dopamine",
        "George Hanks (named as the writer; site not named)",
        NOT_GIVEN,
    ),
    Source(
        "Exploring the Neurobiological Nexus: Interconnected Pathways of Backache and "
        "Depression Revealed by Latest Research",
        "author and site not named (a blog post)",
        NOT_GIVEN,
    ),
    Source(
        "Can back pain be a sign of depression 2024?",
        "QuesHub.com, a question-and-answer site (question asked by Benjamin Walker; "
        "answers by several site users)",
        "2023-05-24 (question)",
    ),
    Source(
        "Can Mental Health Issues Cause Back Pain?",
        "Northwest Ketamine Clinics (a clinic's own page)",
        "2022-11-09",
        remark="The clinic's offer of its own treatment is left out of the guidance.",
    ),
    Source(
        "Can Depression Cause Pain In Back",
        "site not named",
        "2024-06-19 (date shown on the page)",
    ),
)
