"""Request and response bodies of the prediction API."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from models.classifier import MAX_TEXT_LENGTH

ComplaintBody = Annotated[
    str,
    StringConstraints(
        strip_whitespace=False, min_length=1, max_length=MAX_TEXT_LENGTH, pattern=r"\S"
    ),
    Field(description=f"The complaint as written, 1 to {MAX_TEXT_LENGTH} characters, not blank."),
]


class PredictRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    text: ComplaintBody
    subject: str | None = Field(
        default=None, max_length=1000, description="E-mail subject or title."
    )
    channel: str | None = Field(
        default=None, max_length=40, description="email, wechat, weibo, ..."
    )


class BatchPredictRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    items: list[PredictRequest] = Field(min_length=1, max_length=1000)


class CueFired(BaseModel):
    cue: str
    floor: str
    matched: str


class ExplanationTerm(BaseModel):
    term: str
    weight: float


class PredictionPublic(BaseModel):
    category: str
    category_confidence: float
    category_top3: list[str]
    category_abstained: bool
    priority: str
    priority_confidence: float
    priority_abstained: bool
    priority_from_model: str = Field(description="The model's own priority, before cues.")
    priority_cues: list[CueFired] = Field(description="Safety/escalation cues that fired.")
    abstained: bool = Field(description="True when a human should review the labels.")
    content_free: bool = Field(
        description="True when the message says nothing but hello, thanks, ok or 测试: the "
        "taxonomy's category for such messages and the lowest priority were set by rule."
    )
    resolved_report: bool = Field(
        description="True when the message only reports that the problem it follows up is "
        "solved (上次反映的问题已经解决了，谢谢): labelled by rule like a content-free message."
    )
    advert: bool = Field(
        description="True when the message is an advert or spam (an offer and a call to act, "
        "兼职日赚三百，详情私聊, with no grievance): labelled by rule like a content-free message."
    )
    model_version: str
    explanation: list[ExplanationTerm] = Field(description="Terms that pushed the category most.")


class BatchPredictionPublic(BaseModel):
    items: list[PredictionPublic]


class HealthPublic(BaseModel):
    status: str
    model_version: str
    uptime_seconds: float


class ErrorPublic(BaseModel):
    code: str
    message: str
    hint: str
