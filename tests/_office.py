"""LibreOffice in a test: convert an office file to PDF headless, in a profile of its own,
with a time limit, and never leave a soffice process behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
TIMEOUT_S = 180


def to_pdf(source: Path, out_dir: Path, timeout: float = TIMEOUT_S) -> Path:
    """``source`` converted to PDF in ``out_dir`` by LibreOffice; AssertionError with
    LibreOffice's output when it fails or takes longer than ``timeout`` seconds."""
    assert SOFFICE, "LibreOffice (soffice) is not installed: .ci/run installs it"
    with tempfile.TemporaryDirectory(prefix="vcsim-lo-profile-") as profile:
        command = [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless",
                   "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir",
                   str(out_dir), str(source)]
        # a session of its own: on a hang the whole soffice tree is killed, not only
        # the launcher
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                start_new_session=True, env={**os.environ, "HOME": profile})
        try:
            output, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise AssertionError(f"LibreOffice did not convert {source} within {timeout} s")
        finally:
            try:  # anything the launcher left in its session
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    pdf = out_dir / (source.stem + ".pdf")
    assert proc.returncode == 0 and pdf.is_file(), output.decode(errors="replace")
    return pdf
