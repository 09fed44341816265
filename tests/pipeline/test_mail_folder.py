"""The demo inbox (data/samples/inbox) that `make run` takes in: every sample becomes a ticket
once, whatever its charset or client."""

from pathlib import Path

from sqlalchemy import select

from models.bundle import load_bundle
from pipeline.intake import IntakeContext
from pipeline.sources.mail_folder import take_in_folder
from tickets.creation import Intake
from tickets.db import Database
from tickets.paths import PathSettings
from tickets.tables import Ticket


def test_sample_inbox_gives_each_ticket_once(
    tmp_path: Path, bundle_dir: Path, intake: Intake, paths: PathSettings
) -> None:
    context = IntakeContext(
        Database(f"sqlite:///{tmp_path / 'demo.db'}"), load_bundle(bundle_dir), intake
    )
    inbox = paths.data_dir / "samples" / "inbox"
    files = len(list(inbox.glob("*.eml")))
    assert files >= 8
    assert take_in_folder(context, inbox)["created"] == files
    assert take_in_folder(context, inbox)["duplicate"] == files
    with context.db.session() as session:
        tickets = {t.subject: t for t in session.scalars(select(Ticket))}
    burn = tickets["紧急：电暖器烫伤孩子"]
    assert burn.priority == "P0" and burn.customer_phone == "13912345678"
    assert "发自我的iPhone" not in burn.text  # the signature is cut
    assert tickets["complaint"].text.startswith("客服态度很差")  # wrong charset, read right
