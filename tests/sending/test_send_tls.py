"""E-mail over an encrypted connection, as a real mail server offers it: STARTTLS on the
submission port and implicit TLS ("ssl"), each against aiosmtpd on 127.0.0.1 with a certificate
made here by a certificate authority made here. The client checks the certificate as it does
against a real server (``ssl.create_default_context``): the test trusts its own authority through
``SSL_CERT_FILE``, which OpenSSL reads for its default trust store. A server whose certificate no
one trusts gets nothing: the order is left *feilet* with the reason, and no password or letter
goes out unencrypted.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from vareflyt.jobs.sending import send_documents

from .conftest import NOW, ON, Inbox, config, free_port

ORDER = "Bestilling 100002 til Papir Leverandør AS (7080000000036)"


def _name(text: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])


def _certificates(folder: Path) -> tuple[Path, Path, Path]:
    """(authority certificate, server certificate, server key) as PEM files, the server's for
    127.0.0.1 and localhost, signed by the authority."""
    now = dt.datetime.now(dt.UTC)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("Test-CA"))
        .issuer_name(_name("Test-CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    server = (
        x509.CertificateBuilder()
        .subject_name(_name("127.0.0.1"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    paths = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(server.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return paths


class TlsInbox(Inbox):
    """Keeps, beside each message, whether it came over an encrypted connection."""

    def __init__(self) -> None:
        super().__init__()
        self.encrypted: list[bool] = []

    async def handle_DATA(self, server, session, envelope):
        # STARTTLS sets session.ssl; implicit TLS shows only on the transport
        self.encrypted.append(
            session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None
        )
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def certificates(tmp_path: Path) -> tuple[Path, Path, Path]:
    return _certificates(tmp_path)


def _server_context(certificates: tuple[Path, Path, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certificates[1], certificates[2])
    return context


@pytest.fixture
def starttls_server(certificates):
    inbox, port = TlsInbox(), free_port()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        tls_context=_server_context(certificates),
        require_starttls=True,
    )
    controller.start()
    inbox.port = port
    yield inbox
    controller.stop()


@pytest.fixture
def ssl_server(certificates):
    inbox, port = TlsInbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, ssl_context=_server_context(certificates))
    controller.start()
    inbox.port = port
    yield inbox
    controller.stop()


def _config(port: int, mode: str) -> str:
    return config(port).replace('smtp_security = "none"', f'smtp_security = "{mode}"')


def _status(result) -> dict:
    return {row["title"]: row for row in result.extra["sending"]}[ORDER]


def test_starttls_with_a_trusted_certificate_delivers_encrypted(
    starttls_server, certificates, make_ws, monkeypatch
):
    monkeypatch.setenv("SSL_CERT_FILE", str(certificates[0]))
    ws = make_ws(_config(starttls_server.port, "starttls"), letters=False)
    result = send_documents(ws, on=ON, now=NOW)
    assert _status(result)["status"] == "sent", _status(result)
    assert [rcpts for rcpts, _ in starttls_server.messages] == [["ordre@papir.no"]]
    assert starttls_server.encrypted == [True]
    pdf = next(starttls_server.messages[0][1].iter_attachments())
    assert pdf.get_content() == (ws.root / "outbox" / "Bestilling_100002.pdf").read_bytes()


def test_implicit_tls_with_a_trusted_certificate_delivers(ssl_server, certificates, make_ws, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(certificates[0]))
    ws = make_ws(_config(ssl_server.port, "ssl"), letters=False)
    result = send_documents(ws, on=ON, now=NOW)
    assert _status(result)["status"] == "sent", _status(result)
    assert ssl_server.encrypted == [True] and len(ssl_server.messages) == 1


@pytest.mark.parametrize("mode", ["starttls", "ssl"])
def test_a_certificate_no_one_trusts_sends_nothing_and_says_why(
    mode, starttls_server, ssl_server, certificates, make_ws, monkeypatch
):
    monkeypatch.setenv("SSL_CERT_FILE", str(certificates[1].with_name("empty.pem")))
    certificates[1].with_name("empty.pem").write_text("")
    server = starttls_server if mode == "starttls" else ssl_server
    ws = make_ws(_config(server.port, mode), letters=False)
    result = send_documents(ws, on=ON, now=NOW)
    row = _status(result)
    assert row["status_nb"] == "feilet"
    assert "Kryptert forbindelse til e-postserveren 127.0.0.1" in row["reason"], row["reason"]
    assert "CERTIFICATE_VERIFY_FAILED" in row["reason"]
    assert server.messages == []
