"""End-to-end test of ``vcsim dashboard`` in a real headless browser.

Starts ``vcsim dashboard --port <free port>`` as a subprocess (its own process group,
killed at the end), drives Debian's chromium with Python playwright and checks what a
planner does: the page loads in Chinese; Step advances the month and redraws a chart;
moving a grant slider and pressing Reset changes the outcome; the replicate panel returns
a probability, and the watch list of those runs; bad settings give a visible message and
the page keeps working; the English switch works. Screenshots are saved on every run, pass or fail:
``results/dashboard-e2e-laptop.png`` (1366x768) and ``results/dashboard-e2e.png`` (the
whole dashboard). Missing chromium or playwright is a failure, not a skip. Mesa's own
controls and the browser tab follow the page's language; the server prints no cookie
warning on a page load.

The page offers stable hooks for this: classes ``vcsim-month`` (the month simulated,
e.g. "2019-03"), ``vcsim-chart-<kind>``, ``vcsim-input-<control>`` with ``vcsim-value``,
``vcsim-spent``, ``vcsim-run-compare``, ``vcsim-p-clear``, ``vcsim-lang``.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a real server and a browser

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "results"
CHROMIUM = os.environ.get("VCSIM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
START_TIMEOUT_S = 90


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _vcsim() -> list[str]:
    script = Path(sys.executable).with_name("vcsim")
    assert script.exists(), f"the vcsim command is not installed next to {sys.executable}"
    return [str(script)]


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    """URL of a running ``vcsim dashboard``; the server's process group is killed after."""
    port = _free_port()
    log_path = tmp_path_factory.mktemp("dashboard") / "server.log"
    log = open(log_path, "wb")
    env = {k: v for k, v in os.environ.items() if not k.startswith("VCSIM_DASHBOARD_")}
    proc = subprocess.Popen([*_vcsim(), "dashboard", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                pytest.fail(f"vcsim dashboard exited with {proc.returncode}:\n{log_path.read_text()}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"vcsim dashboard did not answer within {START_TIMEOUT_S} s:\n"
                            f"{log_path.read_text()}")
            time.sleep(0.5)
        yield url, log_path
    finally:
        for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                proc.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue
        log.close()


def _image_changes(locator, before: bytes, timeout_s: float = 20) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if locator.screenshot() != before:
            return True
        time.sleep(0.3)
    return False


def test_dashboard_end_to_end(dashboard):
    from playwright.sync_api import expect, sync_playwright  # ImportError fails the test

    url, log_path = dashboard

    assert Path(CHROMIUM).exists(), (f"chromium not found at {CHROMIUM}: install Debian's "
                                     "chromium (apt-get install chromium)")
    from vcsim.experiments.dashboard.settings import CONTROL_BY_NAME

    RESULTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.set_default_timeout(30_000)
        try:
            page.goto(url)
            month = page.locator(".vcsim-month")
            expect(month).to_have_text("2018-12", timeout=60_000)
            expect(page.locator(".v-toolbar__title")).to_have_text("村级集体经济模拟（vcsim）")  # Chinese first
            expect(page).to_have_title("村级集体经济模拟（vcsim）")  # the browser tab too
            expect(page.get_by_text(CONTROL_BY_NAME["poor_grant_wan"].label("zh"), exact=True)).to_be_visible()
            assert page.locator(".vcsim-problem").count() == 0
            # Mesa's own controls in Chinese, none of their English left
            sidebar = page.locator(".v-navigation-drawer")
            for words in ("运行控制", "播放间隔（毫秒）", "刷新间隔（月）", "使用多线程", "模型设置"):
                expect(sidebar.get_by_text(words, exact=True)).to_be_visible()
            for words in ("Controls", "Play Interval", "Render Interval", "Use Threads",
                          "Model Parameters", "Information", "Step:", "Time:"):
                assert sidebar.get_by_text(words).count() == 0, words
            expect(page.get_by_role("button", name="重置")).to_be_visible()

            # Step: the month advances and a chart is redrawn
            chart = page.locator(".vcsim-chart-zero img")
            expect(chart).to_be_visible()
            before = chart.screenshot()
            page.get_by_role("button", name="单步").click()
            expect(month).to_have_text("2019-01")
            assert _image_changes(chart, before), "the zero-income chart did not change after a step"
            spent_default = page.locator(".vcsim-spent").inner_text()

            # a bigger grant per poor village, then Reset: the outcome changes
            grant = page.locator(".vcsim-input-poor_grant_wan")
            expect(grant.locator(".vcsim-value")).to_have_text("50")
            grant.locator("[role=slider]").focus()
            page.keyboard.press("ArrowRight")
            page.keyboard.press("ArrowRight")
            expect(grant.locator(".vcsim-value")).to_have_text("60")
            page.get_by_role("button", name="重置").click()
            expect(month).to_have_text("2018-12")
            expect(page.locator(".vcsim-changes")).to_contain_text("60")
            page.get_by_role("button", name="单步").click()
            expect(month).to_have_text("2019-01")
            expect(page.locator(".vcsim-spent")).not_to_have_text(spent_default)

            # replicate panel: N = 10 pairs against the scenario, in the background
            n = page.locator(".vcsim-compare [role=slider]")
            n.focus()
            page.keyboard.press("ArrowLeft")
            page.keyboard.press("ArrowLeft")
            expect(page.locator(".vcsim-n")).to_have_text("10")
            page.locator(".vcsim-run-compare").click()
            expect(month).to_have_text("2019-01")  # the page still answers while it runs
            p_clear = page.locator(".vcsim-p-clear")
            expect(p_clear).to_be_visible(timeout=90_000)
            assert 0.0 <= float(p_clear.inner_text()) <= 1.0
            expect(page.locator(".vcsim-diff-interval")).to_contain_text("[")
            # the count and the interval beside the probability, and why a brief differs
            expect(page.locator(".vcsim-p-clear-interval")).to_contain_text("10 次重复的95%区间")
            expect(page.locator(".vcsim-replicates-note")).to_contain_text("100")
            # the watch list (台账) of those runs, with the replicate count and the intervals
            expect(page.locator(".vcsim-watch-heading")).to_contain_text("10次重复")
            expect(page.locator(".vcsim-watch-note")).to_contain_text("95%区间")

            # bad settings: an empty pool is named in the page, which keeps working
            pool = page.locator(".vcsim-input-pool_wan")
            pool.locator("[role=slider]").focus()
            page.keyboard.press("Home")
            expect(pool.locator(".vcsim-value")).to_have_text("0")
            expect(page.locator(".vcsim-input-problem").first).to_contain_text("资金池为0")
            page.get_by_role("button", name="重置").click()
            expect(page.locator(".vcsim-header .vcsim-problem").first).to_contain_text("资金池为0")
            page.get_by_role("button", name="单步").click()
            expect(month).to_have_text("2019-01")

            # English switch
            page.locator(".vcsim-lang").click()
            expect(page.get_by_text("Simulated through")).to_be_visible()
            expect(page).to_have_title("Village collective economy simulator (vcsim)")
            expect(page.get_by_text(CONTROL_BY_NAME["poor_grant_wan"].label("en"), exact=True)).to_be_visible()
            expect(page.locator(".vcsim-header .vcsim-problem").first).to_contain_text("pool is empty")
            for words in ("Controls", "Play Interval (ms)", "Use Threads", "Model Parameters"):
                expect(sidebar.get_by_text(words, exact=True)).to_be_visible()
            expect(page.get_by_role("button", name="Step")).to_be_visible()
            expect(page.locator(".vcsim-replicates-note")).to_contain_text("replicates 0-9")
            expect(page.locator(".vcsim-watch-heading")).to_contain_text("10 replicates")
            assert sidebar.get_by_text("运行控制").count() == 0
            assert page.get_by_text("Traceback").count() == 0
        finally:  # the laptop view, then the whole dashboard (its main area scrolls inside)
            page.screenshot(path=str(RESULTS / "dashboard-e2e-laptop.png"))
            page.set_viewport_size({"width": 1366, "height": 1600})
            page.wait_for_timeout(1500)
            page.screenshot(path=str(RESULTS / "dashboard-e2e.png"))
            page.reload()  # a second page load: the server's terminal stays quiet
            expect(page.locator(".vcsim-month")).to_be_visible(timeout=60_000)
            browser.close()
    log = log_path.read_text(errors="replace")
    assert "samesite" not in log.lower() and "cookie" not in log.lower(), log
    assert "Traceback" not in log, log
