import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from models.bundle import METADATA_FILE, MODEL_FILE, ModelBundle, load_bundle
from models.errors import ModelError
from models.features import ComplaintText
from models.word_vectors import WordVectors
from tickets.paths import PathSettings
from training.datasets import LabelledComplaint


@pytest.fixture
def bundle_copy(bundle_dir: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(bundle_dir, tmp_path / "copy"))


def test_bundle_round_trip_gives_identical_predictions(
    bundle: ModelBundle, bundle_dir: Path, seed_rows: list[LabelledComplaint]
) -> None:
    complaints = [row.as_complaint() for row in seed_rows[:300]]
    reloaded = load_bundle(bundle_dir)
    assert reloaded.version == bundle.version
    for ours, theirs in zip(
        bundle.classifier.predict(complaints), reloaded.classifier.predict(complaints), strict=True
    ):
        assert ours.to_record("v") == theirs.to_record("v")


def test_bundle_metadata_records_versions_labels_thresholds_and_hashes(bundle: ModelBundle) -> None:
    metadata = bundle.metadata
    assert {"python", "scikit-learn", "jieba", "rjieba"} <= set(metadata["versions"])
    assert len(metadata["labels"]["category"]) == 9
    assert metadata["labels"]["priority"] == ["P0", "P1", "P2"]
    assert set(metadata["thresholds"]["category"]) == set(metadata["labels"]["category"])
    assert len(metadata["data_hash"]) == 64 and len(metadata["user_dictionary_hash"]) == 64
    shipped = WordVectors.load(PathSettings().word_vectors)
    assert metadata["word_vectors_hash"] == shipped.digest()
    assert metadata["heldout_metrics"]["category"]["accuracy"] > 0.6
    assert (bundle.path / "userdict.txt").is_file()


def test_bundle_under_50_megabytes(bundle_dir: Path) -> None:
    size = sum(f.stat().st_size for f in bundle_dir.iterdir())
    assert size < 50 * 2**20


def test_tampered_model_file_is_refused(bundle_copy: Path) -> None:
    with (bundle_copy / MODEL_FILE).open("ab") as handle:
        handle.write(b"\0")
    with pytest.raises(ModelError) as caught:
        load_bundle(bundle_copy)
    assert caught.value.code == "bundle-tampered"


def test_foreign_bundle_is_refused(bundle_copy: Path) -> None:
    metadata = json.loads((bundle_copy / METADATA_FILE).read_text())
    metadata["producer"] = "someone-else"
    (bundle_copy / METADATA_FILE).write_text(json.dumps(metadata))
    with pytest.raises(ModelError) as caught:
        load_bundle(bundle_copy)
    assert caught.value.code == "bundle-foreign"
    assert "tousu train" in caught.value.fix


def test_bundle_of_another_format_is_refused_with_how_to_retrain(bundle_copy: Path) -> None:
    metadata = json.loads((bundle_copy / METADATA_FILE).read_text())
    metadata["format_version"] -= 1
    (bundle_copy / METADATA_FILE).write_text(json.dumps(metadata))
    with pytest.raises(ModelError) as caught:
        load_bundle(bundle_copy)
    assert caught.value.code == "bundle-format"
    assert f"format {metadata['format_version']}" in caught.value.message
    assert "tousu train" in caught.value.fix


def test_bundle_from_other_scikit_learn_is_refused(bundle_copy: Path) -> None:
    metadata = json.loads((bundle_copy / METADATA_FILE).read_text())
    metadata["versions"]["scikit-learn"] = "0.24.2"
    (bundle_copy / METADATA_FILE).write_text(json.dumps(metadata))
    with pytest.raises(ModelError) as caught:
        load_bundle(bundle_copy)
    assert caught.value.code == "bundle-version"
    assert "0.24.2" in caught.value.message


def test_missing_bundle_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as caught:
        load_bundle(tmp_path)
    assert "tousu train" in caught.value.fix


def test_empty_batch_predicts_nothing(bundle: ModelBundle) -> None:
    assert bundle.classifier.predict([]) == []
    assert len(bundle.classifier.predict([ComplaintText("x")] * 2)) == 2


def test_loading_and_predicting_does_not_import_scikit_learn(bundle_dir: Path) -> None:
    """Serving starts without scikit-learn: importing it alone costs about a second."""
    script = (
        "import sys; from pathlib import Path; import serve.app, training.cli; "
        "from models.bundle import load_bundle; from models.features import ComplaintText; "
        f"b = load_bundle(Path({str(bundle_dir)!r})); "
        "b.classifier.predict([ComplaintText('快递没到')], explain=True); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sklearn'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
