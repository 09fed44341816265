"""A real IMAP server (Dovecot, from Debian's dovecot-imapd) for the e-mail intake tests,
started and stopped by the tests, with its own configuration, users and maildirs."""

import imaplib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.network import free_port

CONFIG = """protocols = imap
listen = 127.0.0.1
base_dir = {home}/run
state_dir = {home}/state
instance_name = tousu-test-{port}
log_path = {home}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{home}/mail/%u
mail_uid = {user}
mail_gid = {group}
first_valid_uid = 0
service imap-login {{
  inet_listener imap {{
    port = {port}
  }}
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {home}/users
}}
userdb {{
  driver = static
  args = uid={user} gid={group} home={home}/mail/%u
}}
"""


@dataclass(frozen=True)
class ImapServer:
    host: str
    port: int
    user: str
    password: str

    def client(self) -> imaplib.IMAP4:
        connection = imaplib.IMAP4(self.host, self.port)
        try:
            connection.login(self.user, self.password)
        except imaplib.IMAP4.error:
            connection.shutdown()
            raise
        return connection

    def environment(self) -> dict[str, str]:
        """The variables that point `tousu fetch-mail` and the e-mail flow at this server."""
        return {
            "TOUSU_IMAP_HOST": self.host,
            "TOUSU_IMAP_PORT": str(self.port),
            "TOUSU_IMAP_USER": self.user,
            "TOUSU_IMAP_PASSWORD": self.password,
        }

    def deliver(self, *messages: bytes, mailbox: str = "INBOX") -> None:
        connection = self.client()
        try:
            for message in messages:
                connection.append(mailbox, None, None, message)
        finally:
            connection.logout()


@contextmanager
def imap_server() -> Iterator[ImapServer]:
    binary = shutil.which("dovecot") or "/usr/sbin/dovecot"
    if not os.path.exists(binary):
        raise RuntimeError("Dovecot is not installed: run `make install-test-services`.")
    home = Path(tempfile.mkdtemp(prefix="tousu-imap-"))
    home.chmod(0o755)  # Dovecot's auth and mail processes run as its own users
    port = free_port()
    owner = "dovecot" if os.geteuid() == 0 else str(os.geteuid())
    group = "dovecot" if os.geteuid() == 0 else str(os.getegid())
    for folder in ("run", "state", "mail"):
        (home / folder).mkdir()
    if os.geteuid() == 0:
        shutil.chown(home / "mail", "dovecot", "dovecot")
    (home / "users").write_text("support:{PLAIN}secret\n")
    (home / "users").chmod(0o644)
    config = home / "dovecot.conf"
    config.write_text(CONFIG.format(home=home, port=port, user=owner, group=group))
    process = subprocess.Popen([binary, "-F", "-c", str(config)], stderr=subprocess.DEVNULL)
    server = ImapServer("127.0.0.1", port, "support", "secret")
    try:
        for _ in range(100):
            try:
                server.client().logout()
                break
            except (OSError, imaplib.IMAP4.error):
                time.sleep(0.05)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)
        shutil.rmtree(home, ignore_errors=True)
