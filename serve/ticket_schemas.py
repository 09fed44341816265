"""Request and response bodies of the ticket API."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from serve.schemas import ComplaintBody

Text200 = Annotated[str, Field(max_length=200)]


class CustomerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Text200 | None = None
    phone: Annotated[str, Field(max_length=40)] | None = None
    email: Text200 | None = None
    account: Text200 | None = None
    tier: Annotated[str, Field(max_length=40)] | None = None


class TicketCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    channel: Annotated[str, Field(max_length=40, description="email, wechat, weibo, ...")]
    text: ComplaintBody
    subject: Annotated[str, Field(max_length=1000)] | None = None
    customer: CustomerIn = Field(default_factory=CustomerIn)
    product: Text200 | None = None
    order_no: Annotated[str, Field(max_length=100)] | None = None
    amount: Annotated[float, Field(ge=0)] | None = None
    customer_asks: list[Annotated[str, Field(max_length=40)]] = Field(default_factory=list)


class MessagePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    direction: str
    channel: str
    author: str | None
    text: str
    created_at: datetime


class HistoryEntry(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    actor: str
    action: str
    before: dict | None
    after: dict | None
    created_at: datetime


class RoutingPublic(BaseModel):
    rule_id: str
    reason: str
    department: str
    assignee_group: str
    notify: list[str]
    cc_director: bool
    priority_floor: str | None


class TicketPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    number: str
    version: int
    status: str
    channel: str
    subject: str | None
    text: str
    customer_name: str | None
    customer_phone: str | None
    customer_email: str | None
    customer_account: str | None
    product: str | None
    order_no: str | None
    amount: float | None
    customer_asks: list[str]
    department: str | None
    assignee_group: str | None
    assignee_id: int | None
    suggested_category: str | None
    suggested_category_confidence: float | None
    suggested_priority: str | None
    suggested_priority_confidence: float | None
    model_version: str | None
    category: str | None = Field(description="Final category (automatic or an agent's).")
    category_source: str | None
    priority: str | None = Field(description="Final priority (automatic, rule or an agent's).")
    priority_source: str | None
    received_at: datetime
    first_response_due: datetime | None
    resolution_due: datetime | None
    escalation_level: int
    sla_warning: int
    satisfaction_score: int | None


class AttachmentPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    name: str
    content_type: str
    size: int
    sha256: str | None = Field(description="Set when the content is kept (within the limit).")


class TicketDetail(TicketPublic):
    messages: list[MessagePublic]
    attachments: list[AttachmentPublic]
    history: list[HistoryEntry]
    routing: RoutingPublic | None


class TicketPage(BaseModel):
    items: list[TicketPublic]
    total: int
    limit: int
    offset: int


class TicketPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: str | None = None
    assignee: str | None = Field(default=None, description="Agent name.")
    version: int | None = Field(default=None, description="The version you read; 409 if stale.")


class LabelCorrection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    category: str | None = None
    priority: str | None = None
    version: int | None = None


class SatisfactionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    score: Annotated[int, Field(ge=1, le=5)]
    comment: Annotated[str, Field(max_length=2000)] | None = None
    confirmed: bool = Field(default=True, description="The customer confirmed the resolution.")


class RoutingPreviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: ComplaintBody
    channel: str = "email"
    category: str | None = Field(default=None, description="Leave out to use the model's.")
    priority: str | None = Field(default=None, description="Leave out to use the model's.")
    product: str | None = None
    amount: float | None = None
    customer: CustomerIn = Field(default_factory=CustomerIn)


class RoutingPreviewOut(RoutingPublic):
    category: str
    priority: str


class CreatedTicket(TicketPublic):
    created: bool = Field(description="False when the idempotency key was seen before.")


class CompensationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Annotated[str, Field(description="refund, exchange, repair, voucher or cash.")]
    amount: Annotated[float, Field(ge=0, description="Yuan.")]


class CompensationDecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    approve: bool
    comment: Annotated[str, Field(max_length=2000)] | None = None


class CompensationPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: str
    amount: float
    approver_role: str = Field(description="Who must decide: supervisor, director, ...")
    status: str
    requested_by: str
    decided_by: str | None
    comment: str | None
    created_at: datetime
    decided_at: datetime | None


class StatsPublic(BaseModel):
    total: int
    overdue: int
    by_category: dict[str, int]
    by_priority: dict[str, int]
    by_status: dict[str, int]
    by_department: dict[str, int]
    mean_first_response_seconds: float | None
    mean_resolution_seconds: float | None


class ChannelPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    name: str
    last_run: datetime | None
    last_success: datetime | None
    last_error: str | None
    counts: dict[str, int] = Field(description="fetched, created, threaded, duplicate, quarantined")


class QuarantinedPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    channel: str
    source: str | None
    external_key: str
    error: str | None
    received_at: datetime
    payload: str = Field(description="The message as it arrived, ID and card numbers masked.")


class NotificationPublic(BaseModel):
    id: int
    ticket_number: str
    recipient: str = Field(description="A role, e.g. 客服总监; contacts.yaml gives its e-mail.")
    reason: str
    created_at: datetime
    sent_at: datetime | None
    sent_to: str | None
    attempts: int
    last_error: str | None
    addressed: bool = Field(description="Whether contacts.yaml has an address for the role.")


class NotificationPage(BaseModel):
    items: list[NotificationPublic]
    total: int
    limit: int
    offset: int
