"""The `tousu` command: train, evaluate, predict, serve."""

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from models.bundle import load_bundle, read_metadata
from models.classifier import ClassifierConfig
from models.errors import ModelError
from models.features import BATCH_SIZE
from tickets.errors import TousuError
from tickets.paths import get_path_settings
from tickets.taxonomy import load_taxonomy
from training.complaint_files import read_complaints, record_writer
from training.datasets import LabelledComplaint, load_dataset

if TYPE_CHECKING:
    from training.train import ModelResources

# Training and evaluation import scikit-learn; their commands import them when they run, so
# that `tousu serve` and `tousu predict` start without it.

app = typer.Typer(help="Tousu: triage of Chinese customer complaints.", no_args_is_help=True)
console = Console(stderr=True)


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Show a coded error with its fix instead of a traceback."""
    try:
        yield
    except (TousuError, ModelError) as error:
        # escaped: a code in brackets, like [cue-invalid], would read as a markup tag
        console.print(
            f"[bold red]error[/] {escape(f'[{error.code}] {error.message}')}", highlight=False
        )
        console.print(f"[bold]fix:[/] {escape(error.fix)}", highlight=False)
        raise typer.Exit(2) from None


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


DataOption = Annotated[
    Path | None,
    typer.Option("--data", help="JSONL file or directory of them (default: data/tousu-zh)."),
]
ClassifyBundleOption = Annotated[
    Path | None, typer.Option(help="Bundle to classify with (default: var/models/default).")
]
ServeBundleOption = Annotated[
    Path | None, typer.Option(help="Bundle to serve (default: var/models/default).")
]
UserDictionaryOption = Annotated[
    Path | None,
    typer.Option(help="jieba user dictionary (default: data/lexicon/userdict.txt)."),
]
NoUserDictionaryOption = Annotated[
    bool, typer.Option(help="Segment with jieba's own dictionary only.")
]
WordVectorsOption = Annotated[
    Path | None,
    typer.Option(
        help="Word vectors from `tousu vectors` (default: data/lexicon/word_vectors.npz)."
    ),
]
NoWordVectorsOption = Annotated[bool, typer.Option(help="Leave the word vectors out.")]


def _resources(
    user_dictionary: Path | None,
    no_user_dictionary: bool,
    word_vectors: Path | None,
    no_word_vectors: bool,
) -> "ModelResources":
    from training.train import ModelResources

    shipped = ModelResources.shipped(get_path_settings())
    return ModelResources(
        user_dictionary=None if no_user_dictionary else user_dictionary or shipped.user_dictionary,
        cues=shipped.cues,
        word_vectors=None if no_word_vectors else word_vectors or shipped.word_vectors,
    )


@app.command()
def train(
    data: DataOption = None,
    out: Annotated[Path | None, typer.Option(help="Bundle directory to write.")] = None,
    user_dictionary: UserDictionaryOption = None,
    no_user_dictionary: NoUserDictionaryOption = False,
    word_vectors: WordVectorsOption = None,
    no_word_vectors: NoWordVectorsOption = False,
) -> None:
    """Train a model bundle on labelled complaints."""
    from training.train import config_for, train_bundle

    paths = get_path_settings()
    out = out or paths.default_bundle
    with friendly_errors(), _progress() as progress:
        task = progress.add_task("loading labelled data", total=3)
        taxonomy = load_taxonomy(paths.taxonomy_file)
        rows = load_dataset(data or paths.seed_data, taxonomy)
        resources = _resources(user_dictionary, no_user_dictionary, word_vectors, no_word_vectors)
        started = time.perf_counter()

        def step(description: str) -> None:
            progress.update(task, description=description, advance=1)

        bundle = train_bundle(
            rows, out, config=config_for(taxonomy), resources=resources, progress=step
        )
        progress.update(task, description="done", advance=1)
    heldout = bundle.metadata["heldout_metrics"]
    console.print(
        f"trained [bold]{bundle.version}[/] on {len(rows)} complaints in "
        f"{time.perf_counter() - started:.1f} s -> {out}\n"
        f"held-out category accuracy {heldout['category']['accuracy']:.3f}, "
        f"macro-F1 {heldout['category']['macro_f1']:.3f}; "
        f"priority accuracy {heldout['priority']['accuracy']:.3f}"
    )


def _print_report(report: dict[str, Any]) -> None:
    from rich.table import Table

    for head in ("category", "priority"):
        figures = report[head]
        table = Table(
            title=f"{head}: accuracy {figures['accuracy']:.3f}, macro-F1 "
            f"{figures['macro_f1']:.3f}, top-3 {figures['top3_accuracy']:.3f}, "
            f"coverage@90%P {figures['coverage_at_90_precision']:.3f}, "
            f"ECE {figures['calibration_error']:.3f}"
        )
        for column in ("label", "precision", "recall", "f1", "support"):
            table.add_column(column, justify="left" if column == "label" else "right")
        for label, row in figures["per_class"].items():
            table.add_row(
                label,
                f"{row['precision']:.3f}",
                f"{row['recall']:.3f}",
                f"{row['f1']:.3f}",
                str(row["support"]),
            )
        Console().print(table)
    Console().print(f"P0 recall: {report['p0_recall']}   abstained: {report['abstained']:.3f}")
    for group, figures in report.get("by_group", {}).items():
        Console().print(
            f"  {group:<16} n={figures['n']:<5} category {figures['category_accuracy']:.3f}"
            f"  priority {figures['priority_accuracy']:.3f}"
        )


@app.command()
def evaluate(
    data: DataOption = None,
    bundle: Annotated[
        Path | None, typer.Option(help="Bundle to evaluate (default: var/models/default).")
    ] = None,
    cv: Annotated[
        int, typer.Option(help="Cross-validate a fresh model on DATA in N folds instead.")
    ] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    confusion_png: Annotated[
        Path | None, typer.Option(help="Write the category confusion matrix here.")
    ] = None,
    user_dictionary: UserDictionaryOption = None,
    no_user_dictionary: NoUserDictionaryOption = False,
    word_vectors: WordVectorsOption = None,
    no_word_vectors: NoWordVectorsOption = False,
    leave_source_out: Annotated[
        bool,
        typer.Option(
            help="Instead of --cv folds, predict each source (the rows' corpus) with a model "
            "trained on the other sources: how the model fares on a source it has not seen."
        ),
    ] = False,
) -> None:
    """Measure a bundle on labelled data, or cross-validate on it with --cv N (or
    --leave-source-out)."""
    from training.evaluate import cross_validated_predictions, evaluate_predictions, plot_confusion
    from training.train import build_classifier, config_for

    paths = get_path_settings()
    with friendly_errors():
        taxonomy = load_taxonomy(paths.taxonomy_file)
        rows = load_dataset(data or paths.seed_data, taxonomy)
        complaints = [row.as_complaint() for row in rows]
        categories = [row.category for row in rows]
        priorities = [row.priority for row in rows]
        if cv or leave_source_out:
            config = config_for(taxonomy)
            if bundle:
                config = ClassifierConfig(**read_metadata(bundle)["config"])
            resources = _resources(
                user_dictionary, no_user_dictionary, word_vectors, no_word_vectors
            )
            sources = _sources(rows) if leave_source_out else None
            rounds = len(set(sources)) if sources else cv
            with _progress() as progress:
                task = progress.add_task(f"cross-validation, {rounds} rounds", total=rounds)
                predictions, thresholds = cross_validated_predictions(
                    complaints,
                    categories,
                    priorities,
                    lambda: build_classifier(config, resources),
                    cv,
                    on_fold=lambda fold: progress.advance(task),
                    groups=sources,
                )
        else:
            loaded = load_bundle(bundle or paths.default_bundle)
            predictions = loaded.classifier.predict(complaints)
            thresholds = loaded.metadata["thresholds"]
        report = evaluate_predictions(
            categories, priorities, predictions, thresholds, [row.corpus for row in rows]
        )
    if confusion_png:
        plot_confusion(report["category"], "category", confusion_png)
        report["confusion_png"] = str(confusion_png)
    if as_json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        _print_report(report)


@app.command()
def vectors(
    corpus: Annotated[
        list[Path],
        typer.Option(
            help="Unlabelled texts: JSONL ('text'), CSV ('text' or 'review' column) or one "
            "text per line; repeat for several files."
        ),
    ],
    out: Annotated[Path, typer.Option(help="Where to write the vectors (.npz).")],
    dimensions: Annotated[int, typer.Option(min=2)] = 128,
    window: Annotated[
        int, typer.Option(min=1, help="Words either side that count as company.")
    ] = 8,
    min_count: Annotated[int, typer.Option(min=1, help="Rarer words get no vector.")] = 5,
    ratings: Annotated[
        list[Path] | None,
        typer.Option(
            help="Rated reviews for word polarity: CSV ('label' 1 good / 0 bad, and 'text' or "
            "'review') or JSONL ('text', 'label'); repeat for several files."
        ),
    ] = None,
    user_dictionary: UserDictionaryOption = None,
    no_user_dictionary: NoUserDictionaryOption = False,
) -> None:
    """Learn word vectors from unlabelled complaints (for `tousu train --word-vectors`), and
    with --ratings each word's polarity from rated reviews."""
    from models.segment import Segmenter, read_user_dictionary
    from training.word_polarity import fit_word_polarity, read_ratings
    from training.word_vectors import fit_word_vectors, read_corpus

    with friendly_errors(), _progress() as progress:
        task = progress.add_task("reading the corpus", total=3)
        texts = [text for path in corpus for text in read_corpus(path)]
        rated = [read_ratings(path) for path in ratings or []]
        dictionary = _resources(user_dictionary, no_user_dictionary, None, True).user_dictionary
        segmenter = Segmenter(read_user_dictionary(dictionary) if dictionary else [])
        progress.update(task, description=f"learning vectors from {len(texts):,} texts", advance=1)
        learned = fit_word_vectors(
            texts, segmenter, dimensions=dimensions, window=window, min_count=min_count
        )
        if rated:
            rated_texts = [text for texts_of_file, _ in rated for text in texts_of_file]
            progress.update(
                task, description=f"learning polarity from {len(rated_texts):,} rated texts"
            )
            learned = learned.with_polarity(
                fit_word_polarity(
                    rated_texts,
                    [rating for _, ratings_of_file in rated for rating in ratings_of_file],
                    segmenter,
                    learned.words,
                )
            )
        progress.update(task, advance=1)
        learned.save(out)
        progress.update(task, description="done", advance=1)
    polarity = ", with polarity" if learned.polarity is not None else ""
    console.print(
        f"{len(learned.words):,} words x {learned.dimensions} dimensions{polarity} -> {out}"
    )


def _sources(rows: list[LabelledComplaint]) -> list[str]:
    sources = [row.corpus or "" for row in rows]
    if "" in sources or len(set(sources)) < 2:
        raise TousuError(
            "sources-missing",
            "--leave-source-out needs every row to name its source, and at least two sources.",
            'give each line a "corpus" field (where the complaint came from), or use --cv N.',
        )
    return sources


def _report_rejected(output: Path, rejected: list[dict[str, Any]]) -> None:
    """Write the rejected lines beside the output, or remove an earlier run's list."""
    rejected_path = output.with_name(output.name + ".rejected.jsonl")
    rejected_path.unlink(missing_ok=True)
    if rejected:
        with rejected_path.open("w", encoding="utf-8") as out:
            out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rejected)
        console.print(f"[yellow]{len(rejected)} line(s) rejected[/], reasons in {rejected_path}")


InputOption = Annotated[
    Path,
    typer.Option(
        "--input",
        help="JSONL: {id, text, subject?, channel?} per line; or CSV with a header row "
        "(text or 投诉内容, subject or 标题, channel or 渠道).",
    ),
]


@app.command()
def predict(
    input: InputOption,
    output: Annotated[
        Path,
        typer.Option(
            "--output", help="JSONL (or .csv) to write: each input line plus the prediction."
        ),
    ],
    bundle: Annotated[
        Path | None, typer.Option(help="Bundle to use (default: var/models/default).")
    ] = None,
) -> None:
    """Classify every complaint of a JSONL (or CSV) file."""
    with friendly_errors():
        loaded = load_bundle(bundle or get_path_settings().default_bundle)
        rows, rejected = read_complaints(input)
    with _progress() as progress, record_writer(output) as out:
        task = progress.add_task("classifying", total=len(rows))
        for start in range(0, len(rows), BATCH_SIZE):
            batch = rows[start : start + BATCH_SIZE]
            predictions = loaded.classifier.predict([row.complaint() for row in batch])
            for row, prediction in zip(batch, predictions, strict=True):
                out.write({**row.fields, **prediction.to_record(loaded.version)})
            progress.advance(task, len(batch))
    console.print(f"wrote {len(rows)} predictions to {output}")
    _report_rejected(output, rejected)


@app.command()
def redact(
    input: InputOption,
    output: Annotated[
        Path, typer.Option("--output", help="JSONL (or .csv) to write: each line, text masked.")
    ],
) -> None:
    """Mask ID and bank-card numbers, mobile numbers and e-mail addresses in each line's text
    (and subject)."""
    from models.redact import redact as mask

    with friendly_errors():
        rows, rejected = read_complaints(input)
    with record_writer(output) as out:
        for row in rows:
            complaint = row.complaint()
            out.write(
                row.with_text(mask(complaint.text), complaint.subject and mask(complaint.subject))
            )
    console.print(f"wrote {len(rows)} masked complaints to {output}")
    _report_rejected(output, rejected)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    bundle: ServeBundleOption = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Server processes (each loads the model once).")
    ] = 1,
    access_log: Annotated[bool, typer.Option(help="Log every request.")] = False,
) -> None:
    """Serve the prediction and ticket API."""
    import uvicorn

    from serve.app import BUNDLE_VARIABLE, create_app
    from tickets.db import get_database
    from tickets.tokens import any_token, create_token

    path = bundle or get_path_settings().default_bundle
    with friendly_errors():
        loaded = load_bundle(path)  # refuse a bad bundle here, with a readable message
        database = get_database()
        if not any_token(database):
            token = create_token(database, "admin", "first-start")
            console.print(
                f"first start: an admin API token was created, shown only now:\n  {token}\n"
                "use it as `Authorization: Bearer <token>`; make more with `tousu token create`"
            )
    options = {"host": host, "port": port, "log_level": "info", "access_log": access_log}
    if workers == 1:
        uvicorn.run(create_app(loaded), **options)  # type: ignore[arg-type]
    else:
        os.environ[BUNDLE_VARIABLE] = str(path.resolve())
        uvicorn.run("serve.app:app_from_environment", factory=True, workers=workers, **options)  # type: ignore[arg-type]


token_app = typer.Typer(help="API tokens.", no_args_is_help=True)
agent_app = typer.Typer(help="Agents who receive tickets.", no_args_is_help=True)
app.add_typer(token_app, name="token")
app.add_typer(agent_app, name="agent")


@token_app.command("create")
def token_create(
    role: Annotated[str, typer.Option(help="intake, agent, supervisor or admin.")],
    name: Annotated[str, typer.Option(help="Who or what uses the token.")] = "cli",
) -> None:
    """Create an API token; it is printed once and stored only as a hash."""
    from tickets.db import get_database
    from tickets.tokens import create_token

    with friendly_errors():
        token = create_token(get_database(), role, name)
    sys.stdout.write(token + "\n")
    console.print(f"[green]created[/] a {role} token for {name!r}; keep it: it is not shown again")


@agent_app.command("add")
def agent_add(
    name: Annotated[str, typer.Argument(help="The agent's name.")],
    group: Annotated[str, typer.Option(help="Assignee group, e.g. a department (物流部).")],
    max_open: Annotated[int, typer.Option(help="Open tickets the agent may hold.")] = 20,
) -> None:
    """Add an agent to an assignee group."""
    from tickets.db import get_database
    from tickets.store import add_agent

    with friendly_errors():
        add_agent(get_database(), name, group, max_open)
    console.print(f"agent {name} added to {group} (at most {max_open} open tickets)")


@agent_app.command("away")
def agent_away(
    name: Annotated[str, typer.Argument(help="The agent's name.")],
    back: Annotated[bool, typer.Option(help="Mark the agent back instead.")] = False,
) -> None:
    """Mark an agent away (no new tickets) or back."""
    from tickets.db import get_database
    from tickets.store import set_away

    with friendly_errors():
        set_away(get_database(), name, not back)
    console.print(f"agent {name} is {'back' if back else 'away'}")


@app.command("sla-sweep")
def sla_sweep() -> None:
    """Mark SLA warnings (50 %, 80 %) and escalate overdue tickets; safe to run repeatedly."""
    from tickets.db import get_database
    from tickets.sweep import sweep

    with friendly_errors():
        report = sweep(get_database(), load_taxonomy(get_path_settings().taxonomy_file))
    for number, percent in report.warned:
        console.print(f"{number}: {percent} % of the time used")
    for number, level, notify in report.escalated:
        console.print(
            f"[bold red]{number}[/]: overdue, escalated to level {level}, notify {notify}"
        )
    console.print(f"{len(report.warned)} warned, {len(report.escalated)} escalated")


@app.command("notify")
def notify() -> None:
    """Send the queued notifications by e-mail (TOUSU_SMTP_*; addresses in contacts.yaml)."""
    from pipeline.notify import deliver
    from pipeline.smtp import SmtpSettings
    from tickets.db import get_database
    from tickets.notifications import load_contacts

    settings = SmtpSettings()
    with friendly_errors():
        contacts = load_contacts(get_path_settings().contacts)
        report = deliver(get_database(), contacts, settings)
    if not settings.host:
        console.print("no mail server (TOUSU_SMTP_HOST): notifications stay queued")
    for notification_id, why in report.waiting.items():
        console.print(f"notification {notification_id} waits: {why}")
    console.print(f"{len(report.sent)} sent, {len(report.waiting)} waiting")


@app.command("export-corrections")
def export_corrections_command(
    since: Annotated[
        datetime, typer.Option(formats=["%Y-%m-%d"], help="Corrections made on or after.")
    ],
    output: Annotated[Path, typer.Option("--output", help="JSONL to write (seed format).")] = Path(
        "corrections.jsonl"
    ),
) -> None:
    """Write the tickets agents corrected as training data (masked, seed format)."""
    from tickets.db import get_database
    from training.corrections import export_corrections

    with friendly_errors():
        written = export_corrections(get_database(), since.replace(tzinfo=UTC), output)
    console.print(f"wrote {written} corrected complaints to {output}")


@app.command("export-tickets")
def export_tickets_command(
    output: Annotated[Path, typer.Option("--output", help="CSV to write.")] = Path("tickets.csv"),
    since: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Received on or after (the desk's time zone)."),
    ] = None,
    until: Annotated[
        datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Received before.")
    ] = None,
    status: Annotated[str | None, typer.Option(help="Only this status (e.g. resolved).")] = None,
    department: Annotated[str | None, typer.Option(help="Only this department.")] = None,
) -> None:
    """Write the tickets as a spreadsheet for Excel (CSV, UTF-8 with a BOM, Chinese headers)."""
    from tickets.db import get_database
    from tickets.export import csv_chunks, ticket_rows
    from tickets.sla import on_desk_clock
    from tickets.store import TicketFilter, list_tickets

    wanted = TicketFilter(
        status=status,
        department=department,
        received_from=on_desk_clock(since),
        received_before=on_desk_clock(until),
    )
    with friendly_errors():
        database, now = get_database(), datetime.now(UTC)
        taxonomy = load_taxonomy(get_path_settings().taxonomy_file)
        _, total = list_tickets(database, wanted, 1, 0)
        with output.open("w", encoding="utf-8", newline="") as sheet:
            for chunk in csv_chunks(ticket_rows(database, wanted, taxonomy, now)):
                sheet.write(chunk)
    console.print(f"wrote {total} tickets to {output}")


@app.command("fetch-mail")
def fetch_mail(
    bundle: ClassifyBundleOption = None,
) -> None:
    """Take in new mail from the IMAP mailbox set by TOUSU_IMAP_HOST, _PORT, _USER, ... ."""
    from pipeline.intake import IntakeContext
    from pipeline.sources.email_imap import MailboxSettings, fetch_mailbox

    settings = MailboxSettings()
    with friendly_errors():
        counts = fetch_mailbox(IntakeContext.from_settings(bundle), settings)
    console.print(f"{settings.channel_name}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


@app.command("poll-weibo")
def poll_weibo_command(
    bundle: ClassifyBundleOption = None,
) -> None:
    """Take in new Weibo mentions and comments (TOUSU_WEIBO_BASE_URL, _TOKEN, _ACCOUNT)."""
    from pipeline.intake import IntakeContext
    from pipeline.sources.weibo import WeiboSettings, poll_weibo

    with friendly_errors():
        counts = poll_weibo(IntakeContext.from_settings(bundle), WeiboSettings())
    console.print("weibo: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


@app.command()
def flows() -> None:
    """Run the scheduled intake flows and SLA sweep (needs a Prefect server: PREFECT_API_URL)."""
    from pipeline.flows import serve_flows

    serve_flows()


def _child(
    command: list[str], environment: dict[str, str], signal_number: int
) -> subprocess.Popen[bytes]:
    """A process that gets `signal_number` when this one ends, however it ends (uvicorn
    re-raises SIGTERM after its shutdown, so a `finally` alone would leave children running)."""
    import ctypes

    def die_with_parent() -> None:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal_number)  # PR_SET_PDEATHSIG

    return subprocess.Popen(command, env=environment, preexec_fn=die_with_parent)


@app.command()
def run(
    host: Annotated[str, typer.Option(help="Address of the API.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port of the API.")] = 8000,
    prefect_port: Annotated[int, typer.Option(help="Port of the Prefect server.")] = 4200,
    bundle: ServeBundleOption = None,
    demo: Annotated[
        bool, typer.Option(help="Also take in the sample inbox (data/samples/inbox).")
    ] = False,
) -> None:
    """Everything on the embedded defaults: a Prefect server, the scheduled flows and the API."""
    import httpx

    import pipeline.prefect_offline  # noqa: F401  (sets Prefect's offline environment)

    api_url = f"http://127.0.0.1:{prefect_port}/api"
    environment = {**os.environ, "PREFECT_API_URL": api_url}
    if demo:
        sample = get_path_settings().data_dir / "samples" / "inbox"
        environment.setdefault("TOUSU_SAMPLE_INBOX", str(sample))
    binaries = Path(sys.executable).parent
    server = [str(binaries / "prefect"), "server", "start", "--host", "127.0.0.1"]
    children = [_child([*server, "--port", str(prefect_port)], environment, signal.SIGTERM)]
    try:
        with console.status("starting the Prefect server"):
            deadline = time.monotonic() + 120
            while True:
                try:
                    if httpx.get(f"{api_url}/health", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline or children[0].poll() is not None:
                    console.print("[red]the Prefect server did not start[/] (see its output above)")
                    raise typer.Exit(2)
                time.sleep(0.5)
        # the flow runner ignores SIGTERM while it waits; killing it is safe: intake is
        # idempotent, a run cut short is picked up by the next one
        children.append(_child([str(binaries / "tousu"), "flows"], environment, signal.SIGKILL))
        console.print(f"flows scheduled; Prefect UI at http://127.0.0.1:{prefect_port}")
        serve(host=host, port=port, bundle=bundle, workers=1, access_log=False)
    finally:
        for child in reversed(children):
            child.terminate()
        for child in children:
            child.wait(timeout=30)


@app.command()
def backfill(
    since: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Tickets received on or after (default: all)."),
    ] = None,
    bundle: ClassifyBundleOption = None,
) -> None:
    """Classify the ticket archive again (a Prefect flow on a Dask task runner)."""
    from pipeline.backfill import reclassify_archive
    from tickets.sla import on_desk_clock

    changed = reclassify_archive(since=on_desk_clock(since), bundle=bundle)
    console.print(f"{changed} tickets got new suggestions")
