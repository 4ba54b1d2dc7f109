"""``vcsim dashboard``: serve the SolaraViz app (``experiments/dashboard/app.py``).

The scenario and roster are checked here first, so a mistake ends with one message and
exit code 2 before any server starts; the app then reads them from the environment
(``VCSIM_DASHBOARD_SCENARIO``, ``VCSIM_DASHBOARD_ROSTER``). Solara runs in production
mode (no file watching, no calls home) in a child process that stops with this one.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from vcsim.experiments.errors import InputError
from vcsim.experiments.messages import text

APP = Path(__file__).with_name("app.py")
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def _port(value_text: str) -> int:
    try:
        value = int(value_text)
    except ValueError:
        raise argparse.ArgumentTypeError(text("dashboard.bad_port", got=value_text)) from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(text("dashboard.port_range", got=value))
    return value


def add_command(sub) -> None:
    dash = sub.add_parser("dashboard", help=text("help.dashboard"))
    dash.add_argument("--host", default=DEFAULT_HOST,
                      help=text("help.dashboard_host", default=DEFAULT_HOST))
    dash.add_argument("--port", type=_port, default=DEFAULT_PORT,
                      help=text("help.dashboard_port", default=DEFAULT_PORT))
    dash.add_argument("--scenario", help=text("help.dashboard_scenario"))
    dash.add_argument("--roster", type=Path, help=text("help.roster"))
    dash.set_defaults(handler=cmd_dashboard)


def _check_port(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            raise InputError("dashboard.cannot_listen", host=host, port=port,
                             reason=exc.strerror) from None


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def server_command(host: str, port: int) -> list[str]:
    return [sys.executable, "-m", "solara", "run", str(APP), "--host", host, "--port", str(port),
            "--no-open", "--production", "--no-check-version"]


# Solara warns on every page load served over http to a host other than "localhost"
# (here 127.0.0.1) that it cannot set its session cookie SameSite=None, which only an
# iframe embedding needs, and falls back to SameSite=Lax: right for this page, which is
# opened on its own. Python's warning filter for exactly that warning, in the server.
COOKIE_WARNING = "ignore:Cookies with samesite=none require https:UserWarning:solara.server.starlette"


def server_environment(scenario_path: Path | None, roster_path: Path | None,
                       lang: str | None = None) -> dict[str, str]:
    from vcsim.experiments.dashboard.live import ENV_LANG, ENV_ROSTER, ENV_SCENARIO
    env = dict(os.environ)
    env[ENV_SCENARIO] = str(scenario_path.resolve()) if scenario_path else ""
    env[ENV_ROSTER] = str(roster_path.resolve()) if roster_path else ""
    env[ENV_LANG] = lang or ""
    env["PYTHONWARNINGS"] = ",".join(w for w in (env.get("PYTHONWARNINGS"), COOKIE_WARNING) if w)
    env.setdefault("SOLARA_TELEMETRY_MIXPANEL_ENABLE", "false")
    env.setdefault("SOLARA_THEME_SHOW_BANNER", "false")
    env.setdefault("SOLARA_THEME_TITLE", "vcsim")
    env.setdefault("SOLARA_CHECK_HOOKS", "off")  # Mesa 3.3.1's own components trip solara's check
    return env


def cmd_dashboard(args) -> int:
    from vcsim.experiments.roster import read_roster
    from vcsim.experiments.scenario import load_scenario
    scenario = load_scenario(args.scenario or "baseline")  # InputError: exit 2, no server
    if args.roster is not None:
        read_roster(args.roster)
    _check_port(args.host, args.port)
    if not _is_loopback(args.host):
        print(text("dashboard.public", host=args.host), file=sys.stderr)
    env = server_environment(scenario.path, args.roster, getattr(args, "lang", None))
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(text("dashboard.serving", name=scenario.name, url=f"http://{shown}:{args.port}/"),
          flush=True)
    proc = subprocess.Popen(server_command(args.host, args.port), env=env)

    stopped = []

    def stop(signum, frame):  # stop the server with us
        stopped.append(signum)
        proc.terminate()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        code = proc.wait()
        return 0 if stopped else code
    except KeyboardInterrupt:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
