"""The frameworks meshkit ships, with every level's meaning written in plain words.

`mesh` (the default) rates strength of evidence and transferability from 1 to 5, the two
questions the MESH project asked of every summary. `grade` uses the four certainty levels
of the GRADE approach. `eef` follows the shape of the Education Endowment Foundation's
toolkit: impact in months of progress, cost, and how secure the evidence is.
"""

from __future__ import annotations

from meshkit.evidence.framework import Axis, Framework, RatingLevel

L = RatingLevel

MESH = Framework(
    name="mesh",
    title="Strength of evidence and transferability",
    intro=(
        "Every guide is rated on two separate questions. Strength of evidence says how much "
        "good research stands behind the advice. Transferability says how likely the advice "
        "is to work in a school like yours. A guide can be strong on one and weak on the other: "
        "a large study in one country may tell us a lot about that country and less about yours."
    ),
    axes=(
        Axis(
            "strength",
            "Strength of evidence",
            "How much good research backs this advice?",
            (
                L(
                    1,
                    "Very limited",
                    "Mostly opinion, single examples or one small study. Treat it "
                    "as an idea worth trying, not as a finding.",
                ),
                L(
                    2,
                    "Limited",
                    "A few small studies, or studies whose design cannot rule out "
                    "other explanations. Promising, but the results may not hold up.",
                ),
                L(
                    3,
                    "Moderate",
                    "Several studies of reasonable quality, mostly pointing the same "
                    "way, with some gaps or mixed results.",
                ),
                L(
                    4,
                    "Strong",
                    "Many good-quality studies that agree, including studies that "
                    "compare pupils who had the approach with similar pupils who did not.",
                ),
                L(
                    5,
                    "Very strong",
                    "Consistent findings from systematic reviews (reviews that "
                    "search out and weigh every relevant study) or from several large, "
                    "well-controlled trials.",
                ),
            ),
        ),
        Axis(
            "transferability",
            "Transferability",
            "How likely is it to work in your setting?",
            (
                L(
                    1,
                    "Very low",
                    "Studied in one narrow setting that differs a lot from most "
                    "schools. Expect to redesign it and to check closely whether it works.",
                ),
                L(
                    2,
                    "Low",
                    "Studied in only a few settings. Differences of country, school "
                    "system or pupils could change the results a great deal.",
                ),
                L(
                    3,
                    "Moderate",
                    "Seen to work in several kinds of setting. Adapt it with care "
                    "to your pupils and check how it goes.",
                ),
                L(
                    4,
                    "High",
                    "Seen to work across many kinds of schools and pupils. Small "
                    "adaptations should be enough.",
                ),
                L(
                    5,
                    "Very high",
                    "Works across phases, subjects and school systems. Use it with "
                    "ordinary professional judgement.",
                ),
            ),
        ),
    ),
)

GRADE = Framework(
    name="grade",
    title="Certainty of evidence (GRADE)",
    intro=(
        "Guides are rated with the four certainty levels of GRADE, an approach used in "
        "health and social research. Certainty says how sure we can be that the real effect "
        "of an approach is close to the effect the research found."
    ),
    axes=(
        Axis(
            "certainty",
            "Certainty of evidence",
            "How sure can we be that the finding is right?",
            (
                L(
                    "very-low",
                    "Very low",
                    "We have very little confidence in the finding: "
                    "the real effect is likely to be quite different.",
                ),
                L(
                    "low",
                    "Low",
                    "Our confidence is limited: the real effect may be quite "
                    "different from the finding.",
                ),
                L(
                    "moderate",
                    "Moderate",
                    "We are fairly confident: the real effect is "
                    "probably close to the finding, but it could be quite different.",
                ),
                L(
                    "high",
                    "High",
                    "We are very confident that the real effect is close to "
                    "the finding; more research is unlikely to change that.",
                ),
            ),
        ),
    ),
)

EEF = Framework(
    name="eef",
    title="Impact, cost and security of evidence",
    intro=(
        "Guides are rated on three questions, in the style of the Education Endowment "
        "Foundation's toolkit: how much extra progress pupils made, in months over a school "
        "year; what the approach costs; and how secure the evidence behind those figures is."
    ),
    axes=(
        Axis(
            "impact",
            "Impact",
            "How much extra progress did pupils make in a year?",
            (
                L(
                    -12,
                    "Negative",
                    "Pupils made less progress than similar pupils without the approach.",
                    upper=-1,
                ),
                L(0, "None", "No difference in progress could be found."),
                L(1, "Low", "About one month of extra progress over a school year."),
                L(
                    2,
                    "Moderate",
                    "Two or three months of extra progress over a school year.",
                    upper=3,
                ),
                L(4, "High", "Four or five months of extra progress over a school year.", upper=5),
                L(
                    6,
                    "Very high",
                    "Six months or more of extra progress over a school year.",
                    upper=12,
                ),
            ),
            unit="months",
        ),
        Axis(
            "cost",
            "Cost",
            "How much does it cost to run?",
            (
                L(1, "Very low", "Little beyond staff time that is already planned."),
                L(2, "Low", "Some materials or training, within most school budgets."),
                L(3, "Moderate", "Noticeable spending on training, materials or staff time."),
                L(4, "High", "A large commitment of money or staff time every year."),
                L(5, "Very high", "Among the most expensive approaches a school can choose."),
            ),
        ),
        Axis(
            "security",
            "Security of evidence",
            "How secure are these figures?",
            (
                L(0, "None", "No secure evidence yet: the figures are a best guess."),
                L(1, "Very limited", "A little research, with serious weaknesses."),
                L(2, "Limited", "Some research, but too little or too weak to be sure."),
                L(3, "Moderate", "A reasonable amount of research of fair quality."),
                L(4, "Extensive", "Plenty of good research that mostly agrees."),
                L(5, "Very extensive", "A large body of high-quality research that agrees."),
            ),
        ),
    ),
)

PRESETS: dict[str, Framework] = {framework.name: framework for framework in (MESH, GRADE, EEF)}
