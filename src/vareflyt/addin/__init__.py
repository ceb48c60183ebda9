"""The Excel ribbon add-in: button id -> job, and building and installing ``vareflyt.xlam``.

The ribbon (``addin/customUI.xml`` in the repository) calls one VBA callback for every button, which runs
``RunPython "import vareflyt.addin as a; a.run('<button id>')"``. ``run`` (``dispatch``)
wraps the calling workbook in the xlwings adapter of the workbook port and runs the button's
job (``buttons``, ``actions``); ``build`` makes the ``.xlam`` from source on any platform
(``ovba``, ``cfb``, and ``ribbon`` for both ribbon parts and the icon check), ``install`` puts
it where Excel loads it, ``release`` makes the wheel and the installers shops run. Importing this
package loads neither xlwings nor openpyxl.
"""

from .buttons import BUTTONS, Button
from .dispatch import run

__all__ = ["run", "BUTTONS", "Button"]
