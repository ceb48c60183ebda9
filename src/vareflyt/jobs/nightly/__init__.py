"""The nightly batch: every job in order, unattended, idempotent and safe to kill.

``run_batch(ws, on=..., wait=...)`` (``runner``) takes the run lock (``lock``), classifies the
inbox by content (``inbox``), runs the isolated steps (``steps``), writes the morning report
(``report``) and the JSON-lines log (``runlog``); ``batch_status`` (``status``) shows the last
runs and open items; ``schedule`` gives the cron/systemd/Task Scheduler files. (``vareflyt demo`` runs
the batch over simulated days from ``demo.nights``.)
"""

from .lock import BatchBusy
from .runner import run_batch
from .status import batch_status

__all__ = ["run_batch", "batch_status", "BatchBusy"]
