"""Shared fixtures: the shipped data, and one model trained on the seed data per session."""

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from models.bundle import ModelBundle, load_bundle
from models.segment import UserWord, read_user_dictionary
from tests.postgres import postgres_server
from tickets.creation import Intake
from tickets.db import Database
from tickets.paths import PathSettings
from tickets.routing import load_rules
from tickets.sla import BusinessHours
from tickets.taxonomy import Taxonomy, load_taxonomy
from training.datasets import LabelledComplaint, load_dataset
from training.train import ModelResources, config_for, train_bundle

REPOSITORY = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def paths() -> PathSettings:
    return PathSettings(data_dir=REPOSITORY / "data")


@pytest.fixture(scope="session")
def taxonomy(paths: PathSettings) -> Taxonomy:
    return load_taxonomy(paths.taxonomy_file)


@pytest.fixture(scope="session")
def seed_rows(paths: PathSettings, taxonomy: Taxonomy) -> list[LabelledComplaint]:
    return load_dataset(paths.seed_data, taxonomy)


@pytest.fixture(scope="session")
def user_words(paths: PathSettings) -> list[UserWord]:
    return read_user_dictionary(paths.user_dictionary)


@pytest.fixture(scope="session")
def bundle_dir(
    tmp_path_factory: pytest.TempPathFactory,
    paths: PathSettings,
    seed_rows: list[LabelledComplaint],
    taxonomy: Taxonomy,
) -> Path:
    """The default model, trained once on the whole seed data."""
    out = tmp_path_factory.mktemp("bundle")
    train_bundle(
        seed_rows,
        out,
        config=config_for(taxonomy),
        resources=ModelResources.shipped(paths),
    )
    return out


@pytest.fixture(scope="session")
def bundle(bundle_dir: Path) -> ModelBundle:
    return load_bundle(bundle_dir)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """An empty, migrated store on each database Tousu supports."""
    if request.param == "sqlite":
        database = Database(f"sqlite:///{tmp_path / 'tousu.db'}")
    else:
        server = request.getfixturevalue("postgres_url")
        name = f"test_{uuid.uuid4().hex[:12]}"
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        database = Database(server.rsplit("/", 1)[0] + "/" + name)
    yield database
    database.engine.dispose()


@pytest.fixture(scope="session")
def intake(paths: PathSettings, taxonomy: Taxonomy) -> Intake:
    return Intake(load_rules(paths.routing_rules, taxonomy), taxonomy, BusinessHours())
