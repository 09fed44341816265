"""The schema: migrated on first use, and the quick start-up check knows the newest revision."""

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from tickets.db import HEAD_REVISION, MIGRATIONS, Database, make_engine, schema_revision
from tickets.store import get_ticket
from tickets.tables import Base


def test_head_revision_constant_matches_the_migrations() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION


def test_first_use_creates_the_schema_in_a_new_folder(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'new' / 'tousu.db'}")
    assert schema_revision(database.engine) == HEAD_REVISION
    tables = set(inspect(database.engine).get_table_names())
    assert {"ticket", "message", "routing_decision", "correction", "audit_event"} <= tables
    with database.engine.connect() as connection:
        mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
    assert mode == "wal"
    Database(database.url)  # a second start finds the schema current


def test_the_migrations_build_exactly_what_the_tables_declare(database: Database) -> None:
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert compare_metadata(context, Base.metadata) == []


def test_upgrading_a_store_of_the_first_revision_keeps_its_tickets(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            text(
                "INSERT INTO ticket (number, idempotency_key, version, channel, text, status,"
                " received_at, paused_seconds, sla_warning, escalation_level,"
                " customer_confirmed, customer_asks, created_at, updated_at) VALUES"
                " ('TS-20261127-000001', 'k', 1, 'email', '快递没到', 'triaged',"
                " '2026-11-27 08:00:00', 0, 0, 0, 0, '[]', '2026-11-27 08:00:00',"
                " '2026-11-27 08:00:00')"
            )
        )
    database = Database(str(engine.url))
    assert schema_revision(database.engine) == HEAD_REVISION
    assert get_ticket(database, "TS-20261127-000001").text == "快递没到"
    indexes = {index["name"] for index in inspect(database.engine).get_indexes("ticket")}
    assert "ix_ticket_assignee_id_status" in indexes
    assert "ix_ticket_assignee_id" not in indexes
