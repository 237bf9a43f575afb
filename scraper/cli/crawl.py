"""``scraper crawl`` and ``scraper demo``: Scrapy settings from the command line, one crawl, its summary."""
from __future__ import annotations

import argparse
import difflib
import os
import sys
from pathlib import Path
from typing import Any

from scraper.cli.checks import (
    check_jobdir,
    check_output_file,
    check_setting_types,
    check_state_file,
    check_timezone,
    check_url,
    check_writable_dir,
)
from scraper.errors import InputError

#: Exit statuses of ``scraper crawl`` (the README's table).
EXIT_OK = 0
EXIT_NOTHING = 1  # the crawl ran, but every URL failed, or records could not be written
EXIT_USAGE = 2  # bad arguments or set-up (unwritable folders, bad state file, dataset folder busy)
EXIT_DISK_FULL = 3  # no space left on the device: stopped at once, whole lines kept
EXIT_INTERRUPTED = 130  # Ctrl-C or SIGTERM (a --jobdir crawl resumes with the same command)
#: Scrapy's log level for ``scraper crawl`` by default, with ``-v`` and with ``-q``.
LOG_LEVELS = {"default": "WARNING", "verbose": "INFO", "quiet": "ERROR"}
#: Seconds between progress lines when stderr is a terminal or ``--progress`` is given.
PROGRESS_SECONDS = 5.0


def _settings(args: argparse.Namespace) -> Any:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "scraper.settings")
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    from scraper.crawl.addon import DEFAULTS

    defaults = {**DEFAULTS, **{name: settings[name] for name in settings}}
    for pair in args.set or []:
        if "=" not in pair:
            raise InputError(f"-s expects NAME=VALUE, got {pair!r}")
        name, value = pair.split("=", 1)
        warn_unknown(name.strip(), defaults)
        settings.set(name.strip(), value, priority="cmdline")
    check_setting_types(settings, [p.split("=", 1)[0].strip() for p in args.set or []], defaults)
    check_jobdir(settings)
    check_timezone(settings.get("SITE_TIMEZONE"))
    if getattr(args, "output", None):
        check_output_file(args.output)
        settings.set("OUTPUT_FILE", args.output, priority="cmdline")
    if getattr(args, "timezone", None):
        settings.set("SITE_TIMEZONE", check_timezone(args.timezone), priority="cmdline")
    return settings


def check_setup(settings: Any) -> None:
    """Everything a crawl writes must be writable before anything is fetched (InputError if not)."""
    from scraper.crawl.addon import DEFAULTS
    from scraper.crawl.state import state_path

    if not settings.get("OUTPUT_DIR"):  # the add-on's default, known here before the crawler applies it
        settings.set("OUTPUT_DIR", DEFAULTS["OUTPUT_DIR"], priority="default")
    check_jobdir(settings)
    if not settings.get("OUTPUT_FILE"):
        check_writable_dir(settings.get("OUTPUT_DIR"), f"OUTPUT_DIR {settings.get('OUTPUT_DIR')}")
    state = state_path(settings, "news")
    if state != ":memory:":
        folder = Path(state).parent
        check_writable_dir(folder, f"state folder {settings.get('STATE_DIR') or folder}")
        check_state_file(state)


def exit_status(stats: dict[str, Any]) -> int:
    """The crawl's exit status from its final stats (see the EXIT_* constants)."""
    reason = stats.get("finish_reason")
    if reason == "disk_full" or stats.get("export/disk_full"):
        return EXIT_DISK_FULL
    if reason == "shutdown" or reason is None:  # None: a second Ctrl-C stopped it before the spider closed
        return EXIT_INTERRUPTED
    outcomes = {k.removeprefix("outcome/"): v for k, v in stats.items() if k.startswith("outcome/")}
    met = outcomes.pop("met", 0)
    failed = sum(v for k, v in outcomes.items() if k.startswith("failed/"))
    if outcomes.get("failed/pipeline_error") or (met and failed == sum(outcomes.values())):
        return EXIT_NOTHING
    return EXIT_OK




def warn_unknown(name: str, known: dict[str, Any]) -> None:
    """One warning line for ``-s NAME`` that is neither Scrapy's nor ours (a typo is ignored silently
    by Scrapy), naming the closest known setting."""
    if name in known:
        return
    close = difflib.get_close_matches(name.upper(), list(known), n=1)
    hint = f"did you mean {close[0]}?" if close else "not a Scrapy or news-scraper setting"
    print(f"scraper: warning: unknown setting -s {name} ({hint})", file=sys.stderr)


def log_level(args: argparse.Namespace) -> str:
    """Scrapy's LOG_LEVEL for ``-v``, ``-q`` or neither; ``-s LOG_LEVEL=...`` wins over both."""
    given = [p.split("=", 1)[1] for p in args.set or [] if p.split("=", 1)[0].strip() == "LOG_LEVEL" and "=" in p]
    if given:
        return given[-1]
    return LOG_LEVELS["verbose" if args.verbose else "quiet" if args.quiet else "default"]


def progress_interval(args: argparse.Namespace, tty: bool) -> float | None:
    """PROGRESS_SECONDS when stderr is a terminal or with ``--progress`` (not with ``-q``);
    None to leave PROGRESS_INTERVAL as it is (a ``-s PROGRESS_INTERVAL=...`` wins)."""
    given = {p.split("=", 1)[0].strip() for p in args.set or []}
    if (args.progress or tty) and not args.quiet and "PROGRESS_INTERVAL" not in given:
        return PROGRESS_SECONDS
    return None


def run_crawl(settings: Any, **spider_args: Any) -> tuple[dict[str, Any], Path]:
    """Run the news spider to completion; returns its final stats and its articles file."""
    from scrapy.crawler import CrawlerProcess

    from scraper.crawl.dataset_dir import articles_file

    process = CrawlerProcess(settings)
    crawler = process.create_crawler("news")
    process.crawl(crawler, **spider_args)
    process.start()
    return dict(crawler.stats.get_stats() if crawler.stats else {}), articles_file(crawler)


def summary(stats: dict[str, Any]) -> str:
    """URLs met, then each kind of outcome with its reasons: ``dropped: 2 (listing: 2)``."""
    outcomes = {k.removeprefix("outcome/"): v for k, v in sorted(stats.items()) if k.startswith("outcome/")}
    met = outcomes.pop("met", 0)
    lines = [f"URLs met: {met}", f"  exported: {outcomes.pop('exported', 0)}"]
    kinds: dict[str, dict[str, int]] = {}
    for key, count in outcomes.items():
        kind, _, reason = key.partition("/")
        kinds.setdefault(kind, {})[reason or kind] = count
    for kind, reasons in kinds.items():
        ranked = sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))
        lines.append(f"  {kind}: {sum(reasons.values())} ({', '.join(f'{r}: {c}' for r, c in ranked)})")
    return "\n".join(lines)


def where(articles: Path) -> str:
    """The line naming the dataset folder and what it holds."""
    folder = articles.parent
    names = sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    shown = f"{folder}{os.sep}" if str(folder) != "." else f".{os.sep}"
    return f"dataset folder: {shown} ({', '.join(names) or 'empty'})"


def cmd_crawl(args: argparse.Namespace) -> int:
    from scraper.cli.crawl_options import apply_crawl_settings, spider_args

    urls = [check_url(u) for u in args.urls]
    for url in args.sitemap + args.feed:
        check_url(url)
    arguments = spider_args(args, urls)
    settings = _settings(args)
    apply_crawl_settings(args, settings)
    settings.set("LOG_LEVEL", log_level(args), priority="cmdline")
    interval = progress_interval(args, sys.stderr.isatty())
    if interval is not None:
        settings.set("PROGRESS_INTERVAL", interval, priority="cmdline")
    check_setup(settings)
    from scraper.crawl.dataset_lock import known_folder, lock_folder

    folder = known_folder(settings)
    if folder is not None:
        lock_folder(folder)  # DatasetBusy (one line, exit 2) before anything is fetched
    stats, articles = run_crawl(settings, **arguments)
    if not args.quiet:
        print(summary(stats), file=sys.stderr)
        print(where(articles), file=sys.stderr)
    status = exit_status(stats)
    if status == EXIT_DISK_FULL:
        print("scraper: no space left on the device: crawl stopped, whole records kept", file=sys.stderr)
    elif status == EXIT_NOTHING:
        print("scraper: nothing exported: every URL failed or records could not be written", file=sys.stderr)
    return status


def serve_demo(port: int) -> int:
    """``scraper demo --serve``: the demo site on 127.0.0.1 until Ctrl-C, with the command that crawls it.

    The pages link to http://demo.test/, so the server is also the HTTP proxy for that name."""
    import signal
    import time

    from scraper.devtools.demo_site import DEMO_BASE, serve

    try:
        server, base = serve(port=port)
    except OSError as exc:
        raise InputError(f"cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}") from None
    # Ctrl-C stops it even when started from a script in the background, whose shell
    # leaves SIGINT ignored (Python then installs no KeyboardInterrupt handler); SIGTERM too.
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        print(f"serving the demo site on {base} (as {DEMO_BASE}); Ctrl-C stops it", file=sys.stderr, flush=True)
        print(f"crawl it with: http_proxy={base} scraper crawl {DEMO_BASE}/", file=sys.stderr, flush=True)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.shutdown()
        return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    """Serve fixtures/demo on 127.0.0.1 and crawl it as http://demo.test/ through that server.

    The local server also acts as the HTTP proxy for demo.test, so the records carry
    the same URLs as the golden fixtures, and nothing leaves the machine."""
    from scraper.devtools.demo_site import DEMO_BASE, serve

    if args.serve:
        return serve_demo(args.port)
    server, base = serve()
    os.environ["http_proxy"] = base
    os.environ.pop("no_proxy", None)
    # a demo run is a fresh crawl each time (STATE_DIR=memory): it rewrites its file
    demo = ["AUTOTHROTTLE_ENABLED=False", "DOWNLOAD_DELAY=0", "LOG_LEVEL=WARNING", "STATE_DIR=memory"]
    args.set = demo + (args.set or [])
    settings = _settings(args)
    print(f"serving the demo site on {base} (as {DEMO_BASE})", file=sys.stderr)
    try:
        stats, _ = run_crawl(settings, start_urls=DEMO_BASE + "/")
    finally:
        server.shutdown()
    print(summary(stats), file=sys.stderr)
    print(f"wrote {settings.get('OUTPUT_FILE')} (run report: report.json beside it)", file=sys.stderr)
    return EXIT_OK
