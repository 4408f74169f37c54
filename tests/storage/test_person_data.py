"""The person-data registry is complete: every text or JSON column of every table is either registered (with
how erasure treats it) or listed in `NOT_PERSONAL` with a reason. A new table with a user column fails here until
it is registered, so `admin slett` can never silently miss it."""

from __future__ import annotations

from sqlalchemy import JSON, Column, MetaData, String, Table
from sqlalchemy.types import TypeDecorator
from sqlmodel import SQLModel

from handlers.blocks.privacy import KINDS
from storage.person_data import NOT_PERSONAL, Erase, person_data_registry


def candidate_columns(metadata: MetaData) -> set[tuple[str, str]]:
    """Columns that could hold a user id: every text or JSON column except the workspace id."""
    found = set()
    for table in metadata.sorted_tables:
        for column in table.columns:
            kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
            if column.name != "team_id" and isinstance(kind, String | JSON):
                found.add((table.name, column.name))
    return found


def unclassified(metadata: MetaData) -> set[tuple[str, str]]:
    registry = person_data_registry()
    return {key for key in candidate_columns(metadata) if key not in registry and key not in NOT_PERSONAL}


def test_every_text_column_is_registered_or_declared_not_personal() -> None:
    assert unclassified(SQLModel.metadata) == set()


def test_the_registry_names_only_real_columns_and_nothing_twice() -> None:
    candidates = candidate_columns(SQLModel.metadata)
    registered = {(entry.table, entry.column) for entry in person_data_registry()}
    assert registered <= candidates
    assert set(NOT_PERSONAL) <= candidates
    assert not registered & set(NOT_PERSONAL)
    for entry in person_data_registry():
        for child in entry.children:
            assert child.column in SQLModel.metadata.tables[child.table].columns
        assert entry.erase != Erase.DELETE or not entry.children or entry.table in SQLModel.metadata.tables


def test_a_new_table_with_a_user_column_is_caught() -> None:
    metadata = MetaData()
    for table in SQLModel.metadata.sorted_tables:
        table.to_metadata(metadata)
    Table("sick_leave", metadata, Column("team_id", String(32)), Column("employee_id", String(32)))
    assert unclassified(metadata) == {("sick_leave", "employee_id")}


def test_a_feature_registers_its_own_table() -> None:
    registry = person_data_registry()
    registry.register("sick_leave", "employee_id", Erase.DELETE, kind="sick_leave")
    assert ("sick_leave", "employee_id") in registry


def test_the_confirmation_modal_names_every_kind_that_is_deleted() -> None:
    deleted = {e.kind for e in person_data_registry() if e.erase in (Erase.DELETE, Erase.JSON_ROWS)}
    assert deleted == set(KINDS)
