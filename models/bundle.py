"""Model bundle: a directory holding the fitted classifier, its metadata and its dictionaries.

Only bundles that this project's training wrote are loaded: the metadata must name Tousu as
producer, the model file must have the recorded SHA-256 (checked before unpickling), and the
scikit-learn and Python versions must match the ones it was trained with.
"""

import hashlib
import json
import platform
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import joblib

from models.classifier import ComplaintClassifier
from models.errors import ModelError

PRODUCER = "tousu"
# 6: the praise of a text that turns is left out; 7: a claim is not praise; 8: pleas for an
# answer, forms' field labels, more speakers' frames, emoticons, dates, times and 某某 are left
# out, and masked numbers fold like long ones; 9: the sender's contact details, system and app
# versions, spoken fillers, asks to be called back, sent-from lines, source notes, feedback
# tags, platform status fields and emoji are left out, and a run of marks reads as one; 10: a
# claim the complaint belies puts its category first (the config names that category)
FORMAT_VERSION = 10
MODEL_FILE = "model.joblib"
METADATA_FILE = "metadata.json"
LIBRARIES = ("scikit-learn", "numpy", "scipy", "jieba", "rjieba", "joblib")
# a model pickled by another minor release of these may load and silently predict differently
MUST_MATCH = ("scikit-learn",)


@dataclass(frozen=True)
class ModelBundle:
    classifier: ComplaintClassifier
    metadata: dict[str, Any]
    path: Path

    @property
    def version(self) -> str:
        return str(self.metadata["model_version"])


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _minor(release: str) -> str:
    return ".".join(release.split(".")[:2])


def library_versions() -> dict[str, str]:
    versions = {name: version(name) for name in LIBRARIES}
    versions["python"] = platform.python_version()
    return versions


def save_bundle(
    classifier: ComplaintClassifier,
    directory: Path,
    *,
    data_hash: str,
    user_dictionary_hash: str,
    files: dict[str, Path],
    extra: dict[str, Any],
) -> ModelBundle:
    """Write the bundle; `files` are copied in (user dictionary, cue list) under their names."""
    directory.mkdir(parents=True, exist_ok=True)
    model_path = directory / MODEL_FILE
    joblib.dump(classifier, model_path, compress=1)  # level 3 is a third slower, 3 % smaller
    for name, source in files.items():
        shutil.copyfile(source, directory / name)
    created = datetime.now(UTC)
    metadata = {
        "producer": PRODUCER,
        "format_version": FORMAT_VERSION,
        "model_version": f"{created:%Y%m%dT%H%M%SZ}-{data_hash[:8]}",
        "created_at": created.isoformat(),
        "versions": library_versions(),
        "labels": {
            "category": classifier.category_head_.classes_.tolist(),
            "priority": classifier.priority_head_.classes_.tolist(),
        },
        "thresholds": {
            "category": classifier.category_head_.thresholds_,
            "priority": classifier.priority_head_.thresholds_,
        },
        "data_hash": data_hash,
        "user_dictionary_hash": user_dictionary_hash,
        "model_sha256": _sha256(model_path),
        "files": sorted(files),
        **extra,
    }
    (directory / METADATA_FILE).write_text(
        json.dumps(metadata, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return ModelBundle(classifier, metadata, directory)


def read_metadata(directory: Path) -> dict[str, Any]:
    """The bundle's metadata, after checking that this project wrote it."""
    path = directory / METADATA_FILE
    if not path.is_file():
        raise ModelError(
            "bundle-missing",
            f"{directory} is not a model bundle (no {METADATA_FILE}).",
            "train one with `tousu train --out DIR` or point to an existing bundle directory.",
        )
    try:
        metadata: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ModelError(
            "bundle-metadata", f"{path} is not valid JSON ({error}).", "retrain the bundle."
        ) from None
    if metadata.get("producer") == PRODUCER and metadata.get("format_version") != FORMAT_VERSION:
        raise ModelError(
            "bundle-format",
            f"{directory} was written by another release of Tousu (bundle format "
            f"{metadata.get('format_version')}; this release reads format {FORMAT_VERSION}, "
            "and the two read complaints differently).",
            "retrain it with `tousu train` (the default model: `make run` retrains it).",
        )
    if metadata.get("producer") != PRODUCER:
        raise ModelError(
            "bundle-foreign",
            f"{directory} was not written by Tousu's training.",
            "only load bundles made by `tousu train`; retrain from your labelled data.",
        )
    return metadata


def load_bundle(directory: Path) -> ModelBundle:
    """Load a bundle written by `save_bundle`, refusing anything else."""
    metadata = read_metadata(directory)
    model_path = directory / MODEL_FILE
    if not model_path.is_file() or _sha256(model_path) != metadata.get("model_sha256"):
        raise ModelError(
            "bundle-tampered",
            f"{model_path} is missing or differs from the one its metadata describes.",
            "copy the whole bundle directory again, or retrain it with `tousu train`.",
        )
    installed = library_versions()
    for name in (*MUST_MATCH, "python"):
        trained = metadata["versions"].get(name, "?")
        if _minor(trained) != _minor(installed[name]):
            raise ModelError(
                "bundle-version",
                f"{directory} was trained with {name} {trained}, this is {installed[name]}.",
                f"retrain with `tousu train` here, or install {name}=={trained}.",
            )
    classifier = joblib.load(model_path)
    if not isinstance(classifier, ComplaintClassifier):
        raise ModelError(
            "bundle-foreign",
            f"{model_path} does not hold a Tousu classifier.",
            "retrain the bundle with `tousu train`.",
        )
    return ModelBundle(classifier, metadata, directory)
