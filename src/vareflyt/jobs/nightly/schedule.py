"""Ready schedules for the nightly batch: a cron line, a systemd service + timer, and a
Windows Task Scheduler task (XML), each running ``vareflyt batch run`` for one workspace.

``render(kind, workspace, command)`` fills in the workspace folder and the ``vareflyt``
command of this installation; ``detect()`` picks the kind for this machine (Windows → task,
Linux with systemd → systemd, otherwise cron). The files in the repository's ``batch/``
folder are these templates rendered with example paths (a test keeps them in step), and
``docs/batch.md`` explains how to install each.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from xml.sax.saxutils import escape

KINDS = ("cron", "systemd", "windows")
TIME = "02:30"
WAIT = 900

CRON = """\
# vareflyt: nattkjøring kl. {time} hver natt for arbeidsmappen {workspace}
# Installer: crontab -e og lim inn linjen under (eller legg filen i /etc/cron.d/ med en brukerkolonne).
{minute} {hour} * * * {command} batch run --workspace {workspace_q} --wait {wait} >> \
{workspace_q}/.vareflyt/cron.log 2>&1
"""

SERVICE = """\
# vareflyt-batch.service: én nattkjøring for arbeidsmappen {workspace}
# Installer: se docs/batch.md (kopier til ~/.config/systemd/user/ eller /etc/systemd/system/).
[Unit]
Description=vareflyt nattkjøring ({workspace})
After=network-online.target
Wants=network-online.target

[Service]
Type=oneshot
WorkingDirectory={workspace}
ExecStart={command} batch run --workspace {workspace_q} --wait {wait}
# 1 = noe trenger en person, 3 = en arbeidsbok var åpen i Excel: vanlige utfall, ikke feil.
SuccessExitStatus=1 3
Nice=10
TimeoutStartSec=2h
"""

TIMER = """\
# vareflyt-batch.timer: starter vareflyt-batch.service kl. {time} hver natt.
[Unit]
Description=vareflyt nattkjøring kl. {time}

[Timer]
OnCalendar=*-*-* {time}:00
Persistent=true
RandomizedDelaySec=5min

[Install]
WantedBy=timers.target
"""

TASK = """\
<?xml version="1.0" encoding="UTF-8"?>
<!-- vareflyt: nattkjøring kl. {time} for {workspace_x}.
     Installer: schtasks /Create /TN "vareflyt nattkjøring" /XML vareflyt-batch-task.xml (se \
docs/batch.md) -->
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Description>vareflyt nattkjøring: priser, ordrer, EDI, fakturakontroll og purring</Description>
  </RegistrationInfo>
  <Triggers>
    <CalendarTrigger>
      <StartBoundary>2026-01-01T{time}:00</StartBoundary>
      <Enabled>true</Enabled>
      <ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay>
    </CalendarTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <LogonType>S4U</LogonType>
      <RunLevel>LeastPrivilege</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <StartWhenAvailable>true</StartWhenAvailable>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <ExecutionTimeLimit>PT2H</ExecutionTimeLimit>
    <Enabled>true</Enabled>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>{command_x}</Command>
      <Arguments>batch run --workspace "{workspace_x}" --wait {wait}</Arguments>
      <WorkingDirectory>{workspace_x}</WorkingDirectory>
    </Exec>
  </Actions>
</Task>
"""

FILES = {
    "cron": [("vareflyt-batch.cron", CRON)],
    "systemd": [("vareflyt-batch.service", SERVICE), ("vareflyt-batch.timer", TIMER)],
    "windows": [("vareflyt-batch-task.xml", TASK)],
}


def detect(platform: str | None = None, systemd: bool | None = None) -> str:
    platform = platform or sys.platform
    if platform.startswith("win"):
        return "windows"
    if systemd is None:
        systemd = Path("/run/systemd/system").is_dir()
    return "systemd" if platform.startswith("linux") and systemd else "cron"


def vareflyt_command() -> str:
    """The ``vareflyt`` command of this installation (next to the running interpreter)."""
    folder = Path(sys.executable).parent
    for name in ("vareflyt", "vareflyt.exe"):
        if (folder / name).is_file():
            return str(folder / name)
    return shutil.which("vareflyt") or f'{sys.executable} -c "from vareflyt.cli.app import main; main()"'


def _quote(text: str) -> str:
    return f"'{text}'" if any(c in text for c in " ()&;$") else text


def render(kind: str, workspace: str | Path, command: str | None = None) -> list[tuple[str, str]]:
    """[(file name, text)] of the schedule ``kind`` for ``workspace``."""
    if kind not in KINDS:
        raise ValueError(kind)
    workspace = str(workspace)
    command = command or vareflyt_command()
    hour, minute = TIME.split(":")
    values = {
        "time": TIME,
        "hour": int(hour),
        "minute": int(minute),
        "wait": WAIT,
        "workspace": workspace,
        "workspace_q": _quote(workspace),
        "command": _quote(command) if " -c " not in command else command,
        "workspace_x": escape(workspace),
        "command_x": escape(command),
    }
    return [(name, template.format(**values)) for name, template in FILES[kind]]
