"""The schema: migrated on first use, and the quick start-up check knows the newest revision."""

from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from tickets.db import HEAD_REVISION, MIGRATIONS, Database, schema_revision


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
