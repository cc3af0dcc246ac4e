"""How far two codings of the same items agree: `jjj agree A B`.

A coding is a catalogue, or a coding sheet (catalogue/sheet.py: ids, quotes and tags, under
the codebooks of a catalogue it names). Two codings code the same items when an item of one
has the id AND the quote of an item of the other; those items are compared, facet by facet.
An item only one has, or whose quote differs, is reported apart (`Unmatched`) and counted
nowhere: its tags code another text.

For each facet (theme, region, kind):

- **percent agreement**: the share of the items compared to which both codings give the same
  set of labels (for kind, the same kind);
- **Cohen's kappa per label**: each label is a binary decision per item (carries it or not),
  and kappa says how far the two coders agree on it beyond what chance would give
  (`cohen_kappa`);
- **Krippendorff's alpha** (nominal) over the facet: for theme and region, one unit for each
  (item, label) pair of the codebooks, valued 1 when the coder gives the item that label, else
  0; for kind, one unit for each item, valued by its kind (`krippendorff_alpha`);
- the items on which the two differ, with what each coding gives, for a curator to resolve.

The labels are those of the two codebooks together (A's in its order, then any only B
defines; a sheet's are those of the catalogue it names): a label that neither coder gives
still is a decision each made for every item.

Where a measure is undefined it is None, never a number made up: kappa of a label on which the
two coders agree without any variation (both give it to every item, or to none: chance alone
predicts that agreement, 0/0), alpha when every unit has the same value, and every measure
when no item is compared.

Pure functions over two codings; nothing here reads a file or prints.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

from ..catalogue import Catalogue, Item

if TYPE_CHECKING:
    from ..catalogue.sheet import Coding, Sheet


class AgreementFacet(str, Enum):
    theme = "theme"
    region = "region"
    kind = "kind"


# What `jjj agree` compares when no --facet is given.
DEFAULT_FACETS = (AgreementFacet.theme, AgreementFacet.region)


class Unmatched(NamedTuple):
    """An item that is not compared: `reason` is "only_a", "only_b" or "quote" (both have the
    id, with different quotes)."""

    id: str
    reason: str


class LabelAgreement(NamedTuple):
    """One label as a binary decision over the items compared: how many items each coding
    gives it, how many both do, and Cohen's kappa (None where undefined)."""

    label: str
    a: int
    b: int
    both: int
    kappa: float | None


class Difference(NamedTuple):
    """An item the two codings label differently on a facet: the labels of each, sorted."""

    id: str
    a: tuple[str, ...]
    b: tuple[str, ...]


class FacetAgreement(NamedTuple):
    facet: AgreementFacet
    items: int  # how many items were compared
    agreeing: int  # on how many of them the two codings give the same labels
    percent: float | None  # 100 · agreeing / items; None when no item was compared
    alpha: float | None  # Krippendorff's alpha, nominal; None where undefined
    labels: tuple[LabelAgreement, ...]
    differences: tuple[Difference, ...]


class Agreement(NamedTuple):
    compared: tuple[str, ...]  # the ids of the items compared, in A's order
    unmatched: tuple[Unmatched, ...]  # A's first, in its order, then those only B has
    facets: tuple[FacetAgreement, ...]


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """Cohen's kappa of two coders' values for the same units (a[i] and b[i] code unit i).

        κ = (p_o − p_e) / (1 − p_e)

    p_o, the observed agreement, is the share of units both coders give the same value;
    p_e, the agreement expected by chance, is Σ_c p_a(c) · p_b(c), where p_a(c) is the share
    of units coder A gives value c (B likewise). κ is 1 for perfect agreement, 0 for what
    chance gives, below 0 for less. None when p_e is 1 (both coders give one and the same
    value to every unit, or there are no units): no variation, so nothing to measure.
    """
    if len(a) != len(b):
        raise ValueError("the two codings must code the same units")
    units = len(a)
    if units == 0:
        return None
    observed = sum(x == y for x, y in zip(a, b)) / units
    count_a, count_b = Counter(a), Counter(b)
    expected = sum(count_a[value] * count_b[value] for value in count_a) / units**2
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """Krippendorff's alpha for nominal data, two coders, every unit coded by both.

        α = 1 − D_o / D_e = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c · n_k

    Each unit coded (a, b) adds the pairs (a, b) and (b, a) to the coincidence matrix o (a
    unit of two values weighs 1/(2 − 1) = 1); n_c = Σ_k o_ck is how often value c was given,
    n = Σ_c n_c = 2 · units. D_o counts the disagreeing pairs observed; D_e those expected
    if the values were paired at random. None when D_e is 0 (one value only, or no units).
    """
    if len(a) != len(b):
        raise ValueError("the two codings must code the same units")
    given = Counter([*a, *b])  # n_c
    pairable = sum(given.values())  # n
    disagreeing = 2 * sum(x != y for x, y in zip(a, b))  # Σ_{c≠k} o_ck
    expected = pairable**2 - sum(count**2 for count in given.values())  # Σ_{c≠k} n_c · n_k
    if expected == 0:
        return None
    return 1 - (pairable - 1) * disagreeing / expected


def agreement(
    first: Catalogue | Sheet,
    second: Catalogue | Sheet,
    facets: Sequence[AgreementFacet] = DEFAULT_FACETS,
) -> Agreement:
    """How far `second` agrees with `first` on the items both code (same id, same quote).
    ValueError for the facet kind when an item compared has none (a sheet's kind is optional:
    without_kind says which)."""
    theirs = {item.id: item for item in _coded(second)}
    ours = {item.id for item in _coded(first)}
    pairs: list[tuple[Item | Coding, Item | Coding]] = []
    unmatched: list[Unmatched] = []
    for item in _coded(first):
        other = theirs.get(item.id)
        if other is None:
            unmatched.append(Unmatched(item.id, "only_a"))
        elif other.quote != item.quote:
            unmatched.append(Unmatched(item.id, "quote"))
        else:
            pairs.append((item, other))
    unmatched.extend(Unmatched(item.id, "only_b") for item in _coded(second) if item.id not in ours)
    if AgreementFacet.kind in facets and any(None in (a.kind, b.kind) for a, b in pairs):
        raise ValueError("the facet kind needs a kind on every item compared")
    return Agreement(
        tuple(item.id for item, _ in pairs),
        tuple(unmatched),
        tuple(_facet(facet, first, second, pairs) for facet in facets),
    )


def without_kind(coding: Catalogue | Sheet) -> tuple[str, ...]:
    """The ids of the items a coding gives no kind (a sheet's kind is optional), in its order."""
    return tuple(item.id for item in _coded(coding) if item.kind is None)


def _coded(coding: Catalogue | Sheet) -> Sequence[Item | Coding]:
    """What a coding codes: a catalogue's items, a sheet's codings."""
    return coding.items if isinstance(coding, Catalogue) else coding.codings


def _labels_of(coding: Catalogue | Sheet, facet: AgreementFacet) -> list[str]:
    """The labels a coder of this catalogue or sheet could give on the facet: its codebooks'."""
    catalogue = coding if isinstance(coding, Catalogue) else coding.catalogue
    if facet is AgreementFacet.theme:
        return [theme.id for theme in catalogue.themes]
    if facet is AgreementFacet.region:
        return [region.id for region in catalogue.regions]
    from ..catalogue import KINDS

    return list(KINDS)


def _given(item: Item | Coding, facet: AgreementFacet) -> frozenset[str]:
    if facet is AgreementFacet.kind:
        return frozenset([item.kind] if item.kind else [])
    return frozenset(item.themes if facet is AgreementFacet.theme else item.regions)


def _facet(
    facet: AgreementFacet,
    first: Catalogue | Sheet,
    second: Catalogue | Sheet,
    pairs: Sequence[tuple[Item | Coding, Item | Coding]],
) -> FacetAgreement:
    labels = list(dict.fromkeys([*_labels_of(first, facet), *_labels_of(second, facet)]))
    coded = [(item.id, _given(item, facet), _given(other, facet)) for item, other in pairs]
    differences = tuple(
        Difference(id, tuple(sorted(a)), tuple(sorted(b))) for id, a, b in coded if a != b
    )
    per_label = []
    units_a: list[Hashable] = []  # one unit per (item, label), label by label
    units_b: list[Hashable] = []
    for label in labels:
        a = [label in given for _, given, _ in coded]
        b = [label in given for _, _, given in coded]
        both = sum(x and y for x, y in zip(a, b))
        per_label.append(LabelAgreement(label, sum(a), sum(b), both, cohen_kappa(a, b)))
        units_a.extend(a)
        units_b.extend(b)
    if facet is AgreementFacet.kind:  # one nominal value per item: the item is the unit
        units_a = [item.kind for item, _ in pairs]
        units_b = [other.kind for _, other in pairs]
    alpha = krippendorff_alpha(units_a, units_b)
    agreeing = len(coded) - len(differences)
    return FacetAgreement(
        facet,
        len(coded),
        agreeing,
        100 * agreeing / len(coded) if coded else None,
        alpha,
        tuple(per_label),
        differences,
    )
