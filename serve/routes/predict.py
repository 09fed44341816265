"""Prediction endpoints."""

from typing import Any

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from models.bundle import ModelBundle
from models.classifier import Prediction
from models.features import ComplaintText
from serve.dependencies import BundleDep, Intaker
from serve.schemas import (
    BatchPredictionPublic,
    BatchPredictRequest,
    CueFired,
    ErrorPublic,
    ExplanationTerm,
    PredictionPublic,
    PredictRequest,
)

router = APIRouter(prefix="/v1", tags=["predict"])
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorPublic, "description": "No valid API token."},
    422: {"model": ErrorPublic, "description": "The body is not a valid complaint."},
}


def _public(prediction: Prediction, bundle: ModelBundle) -> PredictionPublic:
    return PredictionPublic.model_validate(
        {
            **prediction.to_record(bundle.version),
            "category_abstained": prediction.category.abstained,
            "priority_abstained": prediction.priority.abstained,
            "priority_from_model": prediction.priority_from_model,
            "priority_cues": [
                CueFired(cue=c.cue, floor=c.floor, matched=c.matched) for c in prediction.cues
            ],
            "content_free": prediction.content_free,
            "resolved_report": prediction.resolved_report,
            "advert": prediction.advert,
            "explanation": [ExplanationTerm(term=t, weight=w) for t, w in prediction.explanation],
        }
    )


def _classify(bundle: ModelBundle, items: list[PredictRequest]) -> list[PredictionPublic]:
    complaints = [ComplaintText(item.text, item.subject, item.channel) for item in items]
    predictions = bundle.classifier.predict(complaints, explain=True)
    return [_public(prediction, bundle) for prediction in predictions]


@router.post("/predict", response_model=PredictionPublic, responses=ERRORS)
def predict(body: PredictRequest, bundle: BundleDep, caller: Intaker) -> PredictionPublic:
    """Category and priority of one complaint, with confidence, top-3, cues and explanation."""
    return _classify(bundle, [body])[0]


@router.post("/predict/batch", response_model=BatchPredictionPublic, responses=ERRORS)
async def predict_batch(
    body: BatchPredictRequest, bundle: BundleDep, caller: Intaker
) -> BatchPredictionPublic:
    """Up to 1,000 complaints in one call, answered in order."""
    items = await run_in_threadpool(_classify, bundle, body.items)
    return BatchPredictionPublic(items=items)
