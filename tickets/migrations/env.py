"""Alembic environment: runs on the connection `tickets.db.migrate` hands over, or on
`sqlalchemy.url` when called from the alembic command line."""

from alembic import context
from sqlalchemy import Connection, engine_from_config, pool

from tickets.tables import Base

config = context.config
target_metadata = Base.metadata


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    engine = engine_from_config(
        config.get_section(config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with engine.connect() as opened:
        run(opened)
