"""[sending]: how documents leave the building (``vareflyt send`` and the nightly ``send`` step).

The section holds what all channels share: whether sending is on, the SMTP server (host, port,
STARTTLS or SSL, user, the *name* of the environment variable or keyring entry that holds the
password — never the password itself), sender and Reply-To, the ``known_hosts`` file SFTP
checks host keys against, how failed sends are retried and how old a document may be and still
go out. Each partner's channel sits in the partner's own table (``[partners."GLN"]``: ``email``,
``send``, ``folder``, ``[partners."GLN".sftp]``); ``partner_channel`` checks it when sending,
so one partner's broken setting stops only that partner's documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from . import ConfigError, checks

DEFAULT_TOML = """
[sending]
# Sending av bestillinger, avviksvarsler og purrebrev (vareflyt send, og nattkjøringen).
# Se docs/batch.md. Kanal per leverandør står under [partners."GLN"]:
#   email = "ordre@leverandor.no"    # utskrivbare bestillinger og avviksvarsler på e-post
#   send = "sftp"                     # email, sftp, folder eller none (utskrift)
#   folder = "//server/edi/ut"        # en delt mappe et annet program henter fra
#   [partners."GLN".sftp]             # EDIFACT til EDI-leverandøren
#   host = "sftp.edi.no"  port = 22  user = "butikk"  key_file = "C:/nokler/id_ed25519"
#   remote_folder = "/inn"  inbound_folder = "/ut"
# Kunder får purrebrev på e-posten fra reskontroen eller Kunder-arket; uten e-post blir
# brevet lagt i utskriftsbunken (letters/print/<dato>/).
enabled = false                 # true: dokumentene sendes; false: bare vareflyt send --preview
smtp_host = ""                  # f.eks. "smtp.office365.com"
smtp_port = 587
smtp_security = "starttls"      # starttls, ssl eller none (bare for en lokal testserver)
smtp_user = ""
password_env = "VAREFLYT_SMTP_PASSORD"   # miljøvariabelen med passordet
keyring_service = ""            # eller: navnet i operativsystemets nøkkelring (pakken keyring)
from_address = ""               # avsender; tom = e-posten under [company]
reply_to = ""                   # svar-adresse; tom = avsenderen
known_hosts = ""                # fil med godkjente SFTP-vertsnøkler; tom = .vareflyt/known_hosts
retry_minutes = 15              # ventetid før første nye forsøk; dobles for hvert forsøk
max_attempts = 6                # deretter må en person se på det (vareflyt send --again)
max_age_days = 7                # eldre dokumenter sendes aldri automatisk
"""

SECURITY = ("starttls", "ssl", "none")
CHANNELS = ("email", "sftp", "folder", "none")
_FORBIDDEN = ("password", "smtp_password", "passord")


@dataclass(frozen=True)
class SendingSettings:
    enabled: bool = False
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_security: str = "starttls"
    smtp_user: str = ""
    password_env: str = "VAREFLYT_SMTP_PASSORD"
    keyring_service: str = ""
    from_address: str = ""
    reply_to: str = ""
    known_hosts: str = ""
    retry_minutes: int = 15
    max_attempts: int = 6
    max_age_days: int = 7


@dataclass(frozen=True)
class SftpTarget:
    host: str
    port: int
    user: str
    key_file: str
    remote_folder: str
    inbound_folder: str


@dataclass(frozen=True)
class PartnerChannel:
    """A partner's channel settings; ``send`` empty means "choose by what is filled in"."""

    send: str = ""
    email: str = ""
    folder: str = ""
    sftp: SftpTarget | None = None


def parse(raw: dict) -> SendingSettings:
    for key in _FORBIDDEN:
        if key in raw:
            raise ConfigError(
                f"sending.{key}",
                "passord skal ikke stå i vareflyt.toml i klartekst",
                "Fjern linjen og legg passordet i miljøvariabelen i password_env "
                "eller i nøkkelringen (keyring_service)",
            )
    known = set(SendingSettings.__dataclass_fields__)
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ConfigError(
            f"sending.{unknown[0]}", "er ikke en kjent innstilling", f"Gyldige: {', '.join(sorted(known))}"
        )
    security = checks.text("sending", raw, "smtp_security", "starttls")
    if security not in SECURITY:
        raise ConfigError(
            "sending.smtp_security", f"{security!r} er ikke gyldig", 'Skriv "starttls", "ssl" eller "none"'
        )
    return SendingSettings(
        enabled=checks.boolean("sending", raw, "enabled", False),
        smtp_host=checks.text("sending", raw, "smtp_host").strip(),
        smtp_port=checks.integer("sending", raw, "smtp_port", 587, minimum=1),
        smtp_security=security,
        smtp_user=checks.text("sending", raw, "smtp_user"),
        password_env=checks.text("sending", raw, "password_env", "VAREFLYT_SMTP_PASSORD").strip(),
        keyring_service=checks.text("sending", raw, "keyring_service").strip(),
        from_address=_address("sending", raw, "from_address"),
        reply_to=_address("sending", raw, "reply_to"),
        known_hosts=checks.text("sending", raw, "known_hosts").strip(),
        retry_minutes=checks.integer("sending", raw, "retry_minutes", 15, minimum=1),
        max_attempts=checks.integer("sending", raw, "max_attempts", 6, minimum=1),
        max_age_days=checks.integer("sending", raw, "max_age_days", 7, minimum=0),
    )


def _address(section: str, raw: dict, key: str) -> str:
    value = checks.text(section, raw, key).strip()
    if value and not looks_like_email(value):
        raise ConfigError(
            f"{section}.{key}", f"{value!r} er ikke en e-postadresse", f'Skriv {key} = "navn@firma.no"'
        )
    return value


def looks_like_email(text: str) -> bool:
    """One address with a local part and a dotted domain (what a mail server will accept).

    >>> looks_like_email("ordre@trelast.no"), looks_like_email("ordre@trelast"), looks_like_email("a b@c.no")
    (True, False, False)
    """
    local, at, domain = text.rpartition("@")
    return bool(
        at and local and "." in domain.strip(".") and not any(c.isspace() or c in ",;<>" for c in text)
    )


def partner_channel(gln: str, raw: dict) -> PartnerChannel:
    """The channel keys of ``[partners."GLN"]``; ConfigError naming key and fix when wrong."""
    key = f'partners."{gln}"'
    send = checks.text(key, raw, "send").strip().lower()
    if send and send not in CHANNELS:
        raise ConfigError(
            f"{key}.send", f"{send!r} er ikke en kanal", 'Skriv send = "email", "sftp", "folder" eller "none"'
        )
    email = _address(key, raw, "email")
    folder = checks.text(key, raw, "folder").strip()
    sftp = _sftp(key, raw.get("sftp"))
    needs = {"email": email, "sftp": sftp, "folder": folder}
    if send in needs and not needs[send]:
        fix = {
            "email": 'Skriv email = "ordre@leverandor.no"',
            "folder": 'Skriv folder = "//server/edi/ut"',
            "sftp": f"Legg til [{key}.sftp] med host, user, key_file og remote_folder",
        }[send]
        raise ConfigError(f"{key}.send", f"kanalen {send!r} mangler sine innstillinger", fix)
    return PartnerChannel(send=send, email=email, folder=folder, sftp=sftp)


def _sftp(key: str, raw) -> SftpTarget | None:
    if raw is None:
        return None
    where = f"{key}.sftp"
    if not isinstance(raw, dict):
        raise ConfigError(
            where, "må være en tabell", f"Skriv [{where}] på egen linje med host, user og key_file under"
        )
    remote = checks.text(where, raw, "remote_folder", "/").strip() or "/"
    inbound = checks.text(where, raw, "inbound_folder").strip()
    for name, value in (("remote_folder", remote), ("inbound_folder", inbound)):
        if ".." in PurePosixPath(value).parts:
            raise ConfigError(
                f"{where}.{name}", f"{value!r} går utenfor mappen", 'Skriv en mappe uten "..", f.eks. "/inn"'
            )
    return SftpTarget(
        host=checks.text(where, raw, "host", required=True).strip(),
        port=checks.integer(where, raw, "port", 22, minimum=1),
        user=checks.text(where, raw, "user", required=True).strip(),
        key_file=checks.text(where, raw, "key_file", required=True).strip(),
        remote_folder=remote,
        inbound_folder=inbound,
    )
