"""A real IMAP server on loopback for the inbox tests: Debian's dovecot, run in the foreground
from a configuration of its own in a temporary folder (plain text on 127.0.0.1, one user from
a password file, Maildir storage), and stopped again by its process id."""

from __future__ import annotations

import grp
import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.watchers.helpers import free_port

DOVECOT = "/usr/sbin/dovecot"
USER, PASSWORD = "kontrakter@fjordbyen.no", "imap-secret"


def available() -> bool:
    return Path(DOVECOT).exists()


def can_make_certificates() -> bool:
    return shutil.which("openssl") is not None


class _Client:
    port: int

    def client(self) -> imaplib.IMAP4:
        imap = imaplib.IMAP4("127.0.0.1", self.port, timeout=30)
        imap.login(USER, PASSWORD)
        return imap

    def deliver(self, raw: bytes, mailbox: str = "INBOX") -> None:
        imap = self.client()
        try:
            status, data = imap.append(mailbox, None, None, raw)
            assert status == "OK", data
        finally:
            imap.logout()

    def flags(self, mailbox: str = "INBOX") -> list[set[str]]:
        """Each message's flags, in order."""
        imap = self.client()
        try:
            imap.select(mailbox)
            _, data = imap.fetch("1:*", "(FLAGS)")
        finally:
            imap.logout()
        found = []
        for line in data:
            assert isinstance(line, bytes)
            inside = line.split(b"FLAGS (", 1)[1].split(b")", 1)[0]
            found.append({flag.decode() for flag in inside.split()} - {"\\Recent"})
        return found



class Dovecot(_Client):
    def __init__(self, root: Path, *, tls: bool = False) -> None:
        self.root = root
        self.port = free_port()
        # With `tls`, STARTTLS on `port` and implicit TLS on `tls_port`, with a certificate
        # for 127.0.0.1 that `ca_certs` (self-signed) vouches for.
        self.tls = tls
        self.tls_port = free_port()
        self.ca_certs = root / "cert.pem"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        for folder in ("run", "state", "home"):
            (self.root / folder).mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            # As root dovecot refuses to run its login and mail processes as root: use the
            # users its Debian package made.
            login_user, internal_user = "dovenull", "dovecot"
            mail = pwd.getpwnam("dovecot")
            uid, gid = mail.pw_uid, mail.pw_gid
            shutil.chown(self.root / "home", uid, gid)
            self.root.chmod(0o755)
        else:
            uid, gid = os.getuid(), os.getgid()
            login_user = internal_user = pwd.getpwuid(uid).pw_name
        group = grp.getgrgid(gid).gr_name
        ssl = "no"
        if self.tls:
            subprocess.run(
                [shutil.which("openssl") or "openssl", "req", "-x509", "-newkey", "rsa:2048",
                 "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                 "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(self.root / "key.pem"),
                 "-out", str(self.ca_certs)], check=True, capture_output=True)
            ssl = (f"yes\nssl_cert = <{self.ca_certs}\nssl_key = <{self.root / 'key.pem'}")
        (self.root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
        config = self.root / "dovecot.conf"
        config.write_text(f"""
protocols = imap
listen = 127.0.0.1
base_dir = {self.root}/run
state_dir = {self.root}/state
log_path = {self.root}/dovecot.log
ssl = {ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {internal_user}
default_internal_group = {group}
default_login_user = {login_user}
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={self.root}/home/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.tls_port if self.tls else 0}
  }}
}}
service stats {{
  inet_listener http {{
    port = 0
  }}
}}
""")
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(config)], stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while True:
            assert self.process.poll() is None, self.log()
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as probe:
                    if probe.recv(64).startswith(b"* OK"):
                        return
            except OSError:
                pass
            assert time.monotonic() < deadline, f"dovecot did not start: {self.log()}"
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process is not None:
            # Nothing of a test's server is worth an orderly stop, which takes dovecot a
            # second; its children end by themselves when the master is gone.
            self.process.kill()
            self.process.wait(timeout=30)
            self.process = None

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text() if path.exists() else "(no log)"


class Pymap(_Client):
    """pymap's in-memory server: it keeps no keywords of its own (PERMANENTFLAGS without
    `\\*`), the case the inbox works by `\\Seen` alone."""

    PROGRAM = Path(sys.executable).parent / "pymap"

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [str(self.PROGRAM), "--host", "127.0.0.1", "--port", str(self.port), "--no-tls",
             "dict", "--demo-data", "--demo-user", USER, "--demo-password", PASSWORD],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while True:
            assert self.process.poll() is None, "pymap exited"
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as probe:
                    if probe.recv(64).startswith(b"* OK"):
                        return
            except OSError:
                pass
            assert time.monotonic() < deadline, "pymap did not start"
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None
