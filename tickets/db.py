"""The database: engine, sessions, and bringing the schema up to date with Alembic.

Default: one SQLite file (WAL mode) under `TOUSU_HOME`; PostgreSQL (or any SQLAlchemy URL) by
setting `TOUSU_DATABASE_URL`. The schema is migrated to the newest revision on first use.
"""

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker

from tickets.paths import get_path_settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# the newest migration; a test checks it against Alembic's own view of migrations/versions
HEAD_REVISION = "0003"


class DatabaseSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TOUSU_", env_file=".env", extra="ignore")

    database_url: str | None = None

    def url(self) -> str:
        if self.database_url:
            return self.database_url
        home = get_path_settings().home
        home.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{(home / 'tousu.db').resolve()}"


def _sqlite_pragmas(connection: object, record: object) -> None:
    cursor = connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)


def schema_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as connection:
            return connection.scalar(text("SELECT version_num FROM alembic_version"))
    except DatabaseError:  # no alembic_version table: an empty database
        return None


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (creates it on an empty database). A database
    already at the newest revision is left alone without loading Alembic (a quicker start)."""
    if schema_revision(engine) == HEAD_REVISION:
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class Database:
    """An engine with its session factory, migrated on creation."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        migrate(self.engine)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Session:
        return self.sessions()


@lru_cache(maxsize=1)
def get_database() -> Database:
    return Database(DatabaseSettings().url())
