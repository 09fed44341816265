"""Where Tousu finds its shipped data and keeps its own state.

`TOUSU_DATA_DIR` overrides the shipped data directory (taxonomy, lexicon, seed data);
`TOUSU_HOME` is where models (and later the database) live, `./var` by default.
"""

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

REPOSITORY_DATA = Path(__file__).resolve().parent.parent / "data"


class PathSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TOUSU_", env_file=".env", extra="ignore")

    data_dir: Path = REPOSITORY_DATA
    home: Path = Path("var")

    @property
    def taxonomy_file(self) -> Path:
        return self.data_dir / "taxonomy.yaml"

    @property
    def user_dictionary(self) -> Path:
        return self.data_dir / "lexicon" / "userdict.txt"

    @property
    def word_vectors(self) -> Path:
        return self.data_dir / "lexicon" / "word_vectors.npz"

    @property
    def priority_cues(self) -> Path:
        return self.data_dir / "lexicon" / "priority_cues.yaml"

    @property
    def routing_rules(self) -> Path:
        return self.data_dir / "rules" / "routing.yaml"

    @property
    def contacts(self) -> Path:
        return self.data_dir / "rules" / "contacts.yaml"

    @property
    def seed_data(self) -> Path:
        return self.data_dir / "tousu-zh"

    @property
    def default_bundle(self) -> Path:
        return self.home / "models" / "default"


@lru_cache(maxsize=1)
def get_path_settings() -> PathSettings:
    return PathSettings()
