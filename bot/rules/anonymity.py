"""When pulse aggregates may be shown without identifying anyone.

Rules and their sources (`research/peers.md` §1.3 and §4.3, `research/norway-domain.md` §2.2–2.3, DESIGN.md
"Never watched, never identified"):

- Threshold k per workspace: default 5 (the industry default), never below 3 (the lowest any peer allows, and
  10-FAKTOR's minimum). A round keeps the k it had when its first answer arrived: lowering k afterwards must not
  reveal a group that was collected under a higher one (15Five and Leapsome lock it; Lattice's editable
  threshold is the anti-pattern).
- A group (a team in a round) is shown only when at least k answered; the same for each question, and for the
  comments, which are also shuffled so their order says nothing about who wrote first.
- A manager's own answers never count in their own team (the ARK practice): a person answers for their
  manager's team, and nobody is their own manager.
- Complementary suppression wherever several groups are shown together (Peakon, Populum, Dialog): no
  difference of shown numbers may reveal a group under k. That covers a hidden team next to a shown total
  ("total minus the shown teams") and the people in a parent group who are in none of its shown children
  ("parent minus children").

Pure: sizes in, decisions out. Randomness is injected.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

DEFAULT_K = 5
MIN_K = 3
MAX_K = 20


def check_k(k: int) -> int:
    """`k` itself when it is an allowed threshold (MIN_K..MAX_K); raises ValueError otherwise."""
    if not MIN_K <= k <= MAX_K:
        raise ValueError(f"k must be between {MIN_K} and {MAX_K}, got {k}")
    return k


def round_k(*, round_k: int, workspace_k: int, has_answers: bool) -> int:
    """The k a round uses: frozen once it has answers, else the workspace's current k."""
    return round_k if has_answers else check_k(workspace_k)


def may_show(n: int, k: int) -> bool:
    """A group, a question or a set of comments of `n` answers may be shown under threshold `k`.

    A k below MIN_K (a corrupted setting) is treated as MIN_K: the floor holds whatever is stored.
    """
    return n >= max(k, MIN_K)


def shown_comments(comments: Sequence[str], *, n: int, k: int, rng: random.Random) -> tuple[str, ...]:
    """The comments of a group of `n` answers: none below k, else all of them in a random order."""
    if not may_show(n, k):
        return ()
    shuffled = list(comments)
    rng.shuffle(shuffled)
    return tuple(shuffled)


def group_for(respondent: str, manager: str | None) -> str | None:
    """The team (its manager's id) a respondent's answer counts in: their manager's, never their own."""
    if manager is None or manager == respondent:
        return None
    return manager


@dataclass(frozen=True)
class Relation:
    """`parent` holds exactly the people of `children` plus `rest` more who are in none of them."""

    parent: str
    children: tuple[str, ...]
    rest: int = 0


def suppress(sizes: Mapping[str, int], relations: Sequence[Relation], k: int) -> frozenset[str]:
    """The groups to hide so that nothing shown, or computable from what is shown, covers 1..k-1 answers.

    `sizes` are the answer counts of the groups shown together; `relations` (a hierarchy: each group is the parent
    of at most one relation and a child in at most one) say which groups add up to which. Groups under k are
    hidden first. Then, while some relation has a parent that is shown or computable without it, and leaves
    1..k-1 answers unaccounted for (children neither shown nor computable, plus its `rest`), one more group is
    hidden: the parent when it is shown (overviews give way to the teams people act on), else the shown group
    that lets the parent be computed, else the smallest shown group below it. Deterministic: ties go by name.
    """
    for relation in relations:
        if sizes[relation.parent] != relation.rest + sum(sizes[c] for c in relation.children):
            raise ValueError(f"{relation.parent!r} is not the sum of its children and rest")
    hidden = {group for group, n in sizes.items() if not may_show(n, k)}
    while True:
        exposed = list(_exposed(sizes, relations, hidden, k))
        if not exposed:
            return frozenset(hidden)
        choice = next((c for r in exposed if (c := _to_hide(r, sizes, relations, hidden)) is not None), None)
        if choice is None:  # not reachable with a consistent hierarchy; hiding everything is the safe answer
            return frozenset(sizes)
        hidden.add(choice)


def _exposed(sizes: Mapping[str, int], relations: Sequence[Relation], hidden: set[str], k: int) -> Iterator[Relation]:
    """Relations whose parent is known without them and whose unaccounted part is 1..k-1 answers."""
    by_parent = {relation.parent: relation for relation in relations}
    for relation in relations:
        known = _known(sizes, [other for other in relations if other is not relation], hidden)
        if relation.parent in known and 0 < _unaccounted(relation, sizes, by_parent, known) < k:
            yield relation


def _unaccounted(
    relation: Relation, sizes: Mapping[str, int], by_parent: Mapping[str, Relation], known: set[str]
) -> int:
    """What is left of the parent once every known group below it is taken away: its rest, and for each
    unknown child either its size (a team) or, recursively, what is left of it."""
    left = relation.rest
    for child in relation.children:
        if child in known:
            continue
        below = by_parent.get(child)
        left += _unaccounted(below, sizes, by_parent, known) if below is not None else sizes[child]
    return left


def _known(sizes: Mapping[str, int], relations: Sequence[Relation], hidden: set[str]) -> set[str]:
    """Shown groups, plus hidden ones computable through `relations`: a parent from all its children, or a child
    from its parent and all its siblings, as long as the relation has no `rest`."""
    known = {group for group in sizes if group not in hidden}
    changed = True
    while changed:
        changed = False
        for relation in relations:
            missing = [c for c in relation.children if c not in known]
            if relation.rest or (relation.parent in known) == (len(missing) == 0):
                continue
            if relation.parent not in known and not missing:
                known.add(relation.parent)
                changed = True
            elif relation.parent in known and len(missing) == 1:
                known.add(missing[0])
                changed = True
    return known


def _to_hide(
    relation: Relation, sizes: Mapping[str, int], relations: Sequence[Relation], hidden: set[str]
) -> str | None:
    if relation.parent not in hidden:
        return relation.parent
    # The parent is hidden but computable through the relation it is a child of: hide that relation's parent.
    for other in relations:
        if relation.parent in other.children and other.parent not in hidden:
            return other.parent
    # Else hide the smallest shown group below the parent, so that more of it is left unaccounted for.
    by_parent = {r.parent: r for r in relations}
    below: list[tuple[int, str]] = []
    pending = list(relation.children)
    while pending:
        group = pending.pop()
        if group not in hidden:
            below.append((sizes[group], group))
        elif group in by_parent:
            pending.extend(by_parent[group].children)
    return min(below)[1] if below else None
