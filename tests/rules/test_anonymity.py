"""The anonymity rules, table by table, and complementary suppression against an independent oracle.

The oracle does not reuse the rule's reasoning: it treats every shown group as a linear equation over the
"atoms" (the smallest sets of people: leaf teams and the rest of each parent) and asks, by exact rational
elimination, whether any set of atoms holding 1..k-1 answers can be computed from what is shown.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

import pytest

from bot.rules.anonymity import (
    DEFAULT_K,
    MIN_K,
    Relation,
    check_k,
    group_for,
    may_show,
    round_k,
    shown_comments,
    suppress,
)


def test_defaults_follow_the_industry_and_the_floor() -> None:
    assert DEFAULT_K == 5
    assert MIN_K == 3


@pytest.mark.parametrize(("k", "ok"), [(2, False), (3, True), (5, True), (20, True), (21, False), (0, False)])
def test_check_k(k: int, ok: bool) -> None:
    if ok:
        assert check_k(k) == k
    else:
        with pytest.raises(ValueError, match="between 3 and 20"):
            check_k(k)


@pytest.mark.parametrize(
    ("locked", "requested", "has_answers", "expected"),
    [
        (5, 3, False, 3),  # no answers yet: the workspace's new k applies
        (5, 3, True, 5),  # answers in: the round keeps its k (lowering it must not reveal anything)
        (3, 8, True, 3),  # ...also when raised: results were collected and may be compared under one k
        (5, 8, False, 8),
    ],
)
def test_round_k_is_locked_once_the_round_has_answers(
    locked: int, requested: int, has_answers: bool, expected: int
) -> None:
    assert round_k(round_k=locked, workspace_k=requested, has_answers=has_answers) == expected


def test_round_k_refuses_a_k_below_the_floor() -> None:
    with pytest.raises(ValueError, match="between 3 and 20"):
        round_k(round_k=5, workspace_k=2, has_answers=False)


@pytest.mark.parametrize(
    ("n", "k", "shown"),
    [
        (4, 5, False),  # k - 1
        (5, 5, True),  # k
        (6, 5, True),  # k + 1
        (0, 5, False),
        (2, 3, False),
        (3, 3, True),
        (2, 2, False),  # a stored k under the floor still means 3
        (2, 1, False),
        (3, 1, True),
    ],
)
def test_may_show(n: int, k: int, shown: bool) -> None:
    assert may_show(n, k) is shown


def test_comments_are_hidden_below_k_and_shuffled_at_k() -> None:
    comments = [f"c{i}" for i in range(5)]
    assert shown_comments(comments[:4], n=4, k=5, rng=random.Random(1)) == ()
    shown = shown_comments(comments, n=5, k=5, rng=random.Random(1))
    assert sorted(shown) == comments
    expected = list(comments)
    random.Random(1).shuffle(expected)
    assert list(shown) == expected  # the order comes from the injected random, not from the input
    assert list(shown) != comments


def test_comments_follow_the_group_size_not_the_number_of_comments() -> None:
    # Six answered, two wrote something: the group reached k, so both comments may be shown.
    assert sorted(shown_comments(["a", "b"], n=6, k=5, rng=random.Random(0))) == ["a", "b"]


@pytest.mark.parametrize(
    ("respondent", "manager", "group"),
    [
        ("UOLA", "UKARI", "UKARI"),  # an employee answers for their manager's team
        ("UKARI", "UBOSS", "UBOSS"),  # a manager answers for *their* manager's team
        ("UKARI", "UKARI", None),  # never for their own
        ("UOLA", None, None),  # not in a team: nowhere
    ],
)
def test_group_for(respondent: str, manager: str | None, group: str | None) -> None:
    assert group_for(respondent, manager) == group


# complementary suppression ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sizes", "relations", "hidden"),
    [
        pytest.param({"A": 4}, [], {"A"}, id="alone below k"),
        pytest.param({"A": 5}, [], set(), id="alone at k"),
        pytest.param({"T": 7, "A": 5, "B": 2}, [Relation("T", ("A", "B"))], {"B", "T"}, id="total minus a shown team"),
        pytest.param(
            {"T": 10, "A": 5, "B": 3, "C": 2},
            [Relation("T", ("A", "B", "C"))],
            {"B", "C"},
            id="two hidden teams together reach k",
        ),
        pytest.param(
            {"T": 9, "A": 5, "B": 2, "C": 2},
            [Relation("T", ("A", "B", "C"))],
            {"B", "C", "T"},
            id="two hidden teams together stay under k",
        ),
        pytest.param({"D": 12, "A": 5, "B": 5}, [Relation("D", ("A", "B"), rest=2)], {"D"}, id="parent minus children"),
        pytest.param({"D": 15, "A": 5, "B": 5}, [Relation("D", ("A", "B"), rest=5)], set(), id="rest at k"),
        pytest.param(
            {"T": 18, "D": 12, "C": 6, "A": 5, "B": 5},
            [Relation("T", ("D", "C")), Relation("D", ("A", "B"), rest=2)],
            {"D", "T"},
            id="nested: the hidden parent can be computed from above",
        ),
        pytest.param({"T": 0, "A": 0, "B": 0}, [Relation("T", ("A", "B"))], {"T", "A", "B"}, id="nobody answered"),
    ],
)
def test_suppress(sizes: dict[str, int], relations: list[Relation], hidden: set[str]) -> None:
    assert suppress(sizes, relations, DEFAULT_K) == hidden


def test_suppress_refuses_sizes_that_do_not_add_up() -> None:
    with pytest.raises(ValueError, match="not the sum"):
        suppress({"T": 9, "A": 5, "B": 5}, [Relation("T", ("A", "B"))], 5)


@dataclass
class Tree:
    sizes: dict[str, int]
    relations: list[Relation]
    atoms: dict[str, int]  # atom -> size
    members: dict[str, frozenset[str]]  # group -> its atoms


def random_tree(rng: random.Random) -> Tree:
    """A hierarchy of up to three levels; leaves are teams, each parent may have people in no child (`rest`)."""
    atoms: dict[str, int] = {}
    members: dict[str, frozenset[str]] = {}
    relations: list[Relation] = []
    counter = iter(range(100))

    def build(depth: int) -> str:
        name = f"g{next(counter)}"
        if depth == 0 or rng.random() < 0.3:
            atoms[name] = rng.randint(0, 8)
            members[name] = frozenset({name})
            return name
        children = tuple(build(depth - 1) for _ in range(rng.randint(1, 3)))
        rest = rng.choice([0, 0, rng.randint(1, 7)])
        own: set[str] = set()
        if rest:
            atoms[f"{name}.rest"] = rest
            own.add(f"{name}.rest")
        members[name] = frozenset(own.union(*(members[c] for c in children)))
        relations.append(Relation(name, children, rest))
        return name

    build(rng.randint(1, 3))
    sizes = {group: sum(atoms[a] for a in atoms_of) for group, atoms_of in members.items()}
    return Tree(sizes, relations, atoms, members)


def _rank(rows: list[list[Fraction]]) -> int:
    matrix = [list(row) for row in rows]
    rank = 0
    for column in range(len(matrix[0]) if matrix else 0):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][column] != 0), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        for r in range(len(matrix)):
            if r != rank and matrix[r][column] != 0:
                factor = matrix[r][column] / matrix[rank][column]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[rank], strict=True)]
        rank += 1
    return rank


def computable_small_sets(tree: Tree, shown: set[str], k: int) -> list[frozenset[str]]:
    """Every set of atoms with 1..k-1 answers whose total follows from the shown groups (exact elimination)."""
    order = sorted(tree.atoms)
    rows = [[Fraction(int(a in tree.members[g])) for a in order] for g in sorted(shown)]
    base = _rank(rows) if rows else 0
    leaks = []
    for size in range(1, len(order) + 1):
        for chosen in combinations(order, size):
            total = sum(tree.atoms[a] for a in chosen)
            if not 0 < total < k:
                continue
            vector = [Fraction(int(a in chosen)) for a in order]
            if rows and _rank([*rows, vector]) == base:
                leaks.append(frozenset(chosen))
    return leaks


@pytest.mark.parametrize("seed", range(300))
def test_nothing_shown_lets_anyone_compute_a_group_under_k(seed: int) -> None:
    rng = random.Random(seed)
    tree = random_tree(rng)
    k = rng.choice([3, 5])
    hidden = suppress(tree.sizes, tree.relations, k)
    shown = set(tree.sizes) - hidden
    assert all(may_show(tree.sizes[g], k) for g in shown)
    assert computable_small_sets(tree, shown, k) == [], (tree, hidden)
