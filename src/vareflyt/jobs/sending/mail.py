"""E-mail over SMTP (stdlib ``smtplib`` and ``email.message``): one message per document.

The message has the company as sender (``[sending] from_address``, else ``[company] email``),
the configured Reply-To, a Norwegian subject and body from ``templates/email/`` and the
document's PDF (or HTML) attached. The connection uses STARTTLS or SSL with the system's
certificate check (``none`` only for a local relay); the password comes from the environment
variable ``password_env`` or, failing that, the operating system's keyring (``keyring``), never
from vareflyt.toml. The Message-ID is made from the ledger row and the attempt, so a copy that
arrived twice can be recognised at the receiving end.
"""

from __future__ import annotations

import mimetypes
import os
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formataddr
from pathlib import Path

from ...domain.issues import VareflytError
from ...store.outbox_ledger import LedgerRow
from .channels import SendFailed, source_files

TIMEOUT = 30


class EmailChannel:
    name = "email"

    def __init__(self, root: Path, settings, company, *, files_root: Path | None = None):
        self.root, self.settings, self.company = root, settings, company
        self.files_root = files_root or root

    def message(self, row: LedgerRow) -> EmailMessage:
        from ...letters.mail_text import render_mail

        sender = self.settings.from_address or self.company.email
        if not sender:
            raise SendFailed(
                "Avsenderadressen mangler: skriv from_address under [sending] eller email under "
                "[company] i vareflyt.toml."
            )
        kind = "order" if row.doc_kind == "order" else row.doc_kind
        try:
            subject, body = render_mail(
                kind,
                self.root,
                company=self.company,
                number=row.doc_key.rpartition("/")[2],
                partner_name=row.title.partition(" til ")[2] or row.partner,
                level=row.title.partition(" til ")[0],
                customer_name=_customer_name(row.title),
            )
        except VareflytError as exc:
            raise SendFailed(str(exc)) from None
        msg = EmailMessage()
        msg["From"] = formataddr((self.company.name, sender))
        msg["To"] = row.recipient
        msg["Reply-To"] = self.settings.reply_to or sender
        msg["Subject"] = subject
        msg["Message-ID"] = f"<vareflyt.{row.id}.{row.attempts}@{sender.rpartition('@')[2]}>"
        msg.set_content(body)
        for path in source_files(self.files_root, row):
            kind_, _ = mimetypes.guess_type(path.name)
            main, _, sub = (kind_ or "application/octet-stream").partition("/")
            msg.add_attachment(path.read_bytes(), maintype=main, subtype=sub, filename=path.name)
        return msg

    def deliver(self, row: LedgerRow) -> str:
        msg = self.message(row)
        s = self.settings
        if not s.smtp_host:
            raise SendFailed("E-postserveren mangler: skriv smtp_host under [sending] i vareflyt.toml.")
        where = f"e-postserveren {s.smtp_host}:{s.smtp_port}"
        try:
            with _connect(s) as smtp:
                if s.smtp_security == "starttls":
                    smtp.starttls(context=ssl.create_default_context())
                if s.smtp_user:
                    smtp.login(s.smtp_user, password(s))
                refused = smtp.send_message(msg)
        except smtplib.SMTPNotSupportedError:
            raise SendFailed(
                f"{where} tilbyr ikke STARTTLS; passord og brev sendes ikke ukryptert. Bruk "
                f'smtp_security = "ssl" med riktig port, eller en annen server.'
            ) from None
        except smtplib.SMTPAuthenticationError as exc:
            raise SendFailed(f"{where} godtok ikke brukernavn og passord ({_said(exc)}).") from None
        except smtplib.SMTPRecipientsRefused as exc:
            said = "; ".join(_said(e) for e in exc.recipients.values())
            raise SendFailed(f"{where} avviste mottakeren {row.recipient} ({said}).") from None
        except smtplib.SMTPSenderRefused as exc:
            raise SendFailed(f"{where} avviste avsenderen {exc.sender} ({_said(exc)}).") from None
        except smtplib.SMTPServerDisconnected:
            raise SendFailed(f"{where} brøt forbindelsen før e-posten var levert.") from None
        except smtplib.SMTPResponseException as exc:
            raise SendFailed(f"{where} avviste e-posten ({_said(exc)}).") from None
        except ssl.SSLError as exc:
            raise SendFailed(f"Kryptert forbindelse til {where} feilet ({exc.reason or exc}).") from None
        except TimeoutError:
            raise SendFailed(f"{where} svarte ikke innen {TIMEOUT} sekunder.") from None
        except OSError as exc:
            raise SendFailed(f"Fikk ikke kontakt med {where} ({exc.strerror or exc}).") from None
        if refused:
            raise SendFailed(f"{where} avviste mottakeren {row.recipient}.")
        return msg["Message-ID"]

    def check(self, row: LedgerRow) -> bool | None:
        return None  # a mail server cannot be asked what it delivered


def _connect(s) -> smtplib.SMTP:
    if s.smtp_security == "ssl":
        return smtplib.SMTP_SSL(
            s.smtp_host, s.smtp_port, timeout=TIMEOUT, context=ssl.create_default_context()
        )
    return smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=TIMEOUT)


def _said(exc) -> str:
    if isinstance(exc, tuple):
        code, text = exc
    else:
        code, text = getattr(exc, "smtp_code", ""), getattr(exc, "smtp_error", b"")
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {text}".strip()


def password(s) -> str:
    """The SMTP password: the environment variable, else the keyring; SendFailed naming both."""
    if s.password_env and os.environ.get(s.password_env):
        return os.environ[s.password_env]
    if s.keyring_service:
        try:
            import keyring
        except ImportError:  # keyring is an optional third-party extra, not one of our modules
            raise SendFailed(
                "Pakken keyring er ikke installert; installer den (pip install keyring) eller "
                f"legg passordet i miljøvariabelen {s.password_env}."
            ) from None
        try:
            found = keyring.get_password(s.keyring_service, s.smtp_user)
        except Exception as exc:  # noqa: BLE001 - every keyring backend has its own errors
            raise SendFailed(f"Nøkkelringen kunne ikke leses ({exc}).") from None
        if found:
            return found
    raise SendFailed(
        f"Passordet til e-postserveren mangler: sett miljøvariabelen {s.password_env}"
        + (
            f" eller lagre det i nøkkelringen under «{s.keyring_service}»."
            if s.keyring_service
            else ", eller skriv keyring_service under [sending] og lagre det i nøkkelringen."
        )
    )


def _customer_name(title: str) -> str:
    """ "Purring til Ola Nordmann (K-77)" -> "Ola Nordmann"."""
    name = title.partition(" til ")[2]
    return name.rpartition(" (")[0] or name
