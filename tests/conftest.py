"""Shared fixtures: the shipped data, and one model trained on the seed data per session."""

from pathlib import Path

import pytest

from models.bundle import ModelBundle, load_bundle
from models.classifier import ClassifierConfig
from models.segment import UserWord, read_user_dictionary
from tickets.paths import PathSettings
from tickets.taxonomy import Taxonomy, load_taxonomy
from training.datasets import LabelledComplaint, load_dataset
from training.train import train_bundle

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
) -> Path:
    """The default model, trained once on the whole seed data."""
    out = tmp_path_factory.mktemp("bundle")
    train_bundle(
        seed_rows,
        out,
        config=ClassifierConfig(),
        user_dictionary=paths.user_dictionary,
        cues=paths.priority_cues,
    )
    return out


@pytest.fixture(scope="session")
def bundle(bundle_dir: Path) -> ModelBundle:
    return load_bundle(bundle_dir)
