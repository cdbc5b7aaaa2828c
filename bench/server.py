"""The benchmark's server side: its database, made fresh and filled, and gunicorn with the outbox worker.

gunicorn starts exactly as `make serve` does (config/gunicorn.conf.py) but with DJANGO_SETTINGS_MODULE
`bench.settings`, whose URLs add the baseline view (bench/urls.py).
"""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
HOST = "127.0.0.1"
WORK = ROOT / "var" / "bench"


def _kept_key(path: Path, make) -> str:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(make() + "\n")
    return path.read_text().strip()


def bench_env(args, **extra: str) -> dict[str, str]:
    # The same keys as `make serve`, kept on disk: every server of a run (and a later --reuse-db run) must
    # verify the codes prepare.py issued.
    secret = _kept_key(ROOT / "var" / "serve-secret-key", lambda: uuid.uuid4().hex * 2)
    ticket_key = _kept_key(
        ROOT / "var" / "serve-ticket-key", lambda: base64.b64encode(os.urandom(32)).decode()
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "0",
        "SECRET_KEY": secret,
        "TICKET_SIGNING_KEY": ticket_key,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.database}",
        "REDIS_URL": args.redis,
        "SECURE_SSL_REDIRECT": "0",
        "COOKIES_SECURE": "0",
        "BEHIND_PROXY": "0",
        "PORT": str(args.port),
        "HOST": HOST,
        "SITE_URL": f"http://{HOST}:{args.port}",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        # As in production: requests queue their mail, the outbox worker renders the PDFs and sends.
        "MAIL_SEND_AFTER_COMMIT": "0",
    }
    env.update(extra)
    return env


def sh(command: list[str], env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, env=env, cwd=ROOT, check=True, **kwargs)  # noqa: S603


def prepare_database(args, env: dict[str, str]) -> dict:
    redis.Redis.from_url(args.redis).flushdb()
    if not args.reuse_db:
        psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-v", "ON_ERROR_STOP=1", "-c"]
        sh([*psql, f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)"], env)
        sh([*psql, f"CREATE DATABASE {args.database}"], env)
        manage = [PYTHON, "manage.py"]
        steps = [["migrate", "--no-input", "-v0"], ["load_demo"]]
        if static_files_changed():
            steps.insert(1, ["collectstatic", "--no-input", "-v0"])
        for step in steps:
            started = time.perf_counter()
            sh([*manage, *step], env, stdout=subprocess.DEVNULL)
            print(f"  {step[0]}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    data_file = WORK / "data.json"
    sh(
        [
            *(PYTHON, "-m", "bench.prepare", "--tickets", str(args.tickets)),
            *("--scanners", str(args.scanners), "--places", str(args.places), "--out", str(data_file)),
        ],
        env,
    )
    return json.loads(data_file.read_text())


def static_files_changed() -> bool:
    """collectstatic compresses every file (minutes on a busy machine): run it only when ours changed."""
    manifest = ROOT / "var" / "static" / "staticfiles.json"
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    sources = [ROOT / "static", *(d for d in ROOT.glob("*/static") if d.parent.name not in {"var", ".venv"})]
    return any(f.stat().st_mtime > built for d in sources for f in d.rglob("*") if f.is_file())


def _lower_priority() -> None:
    """In the outbox worker's child process, before exec: nice 10, and the same for its session.

    Linux shares the CPU between sessions (autogroups) before it looks at nice values, and the worker runs
    in its own session: with nice alone it still got half the cores in the registration spike (it rendered
    PDFs while gunicorn answered). Its session holds only the worker, so lowering the session lowers nothing
    else. Under systemd the same is `CPUWeight=` on the worker's unit (README, "Production")."""
    os.nice(10)
    autogroup = Path("/proc/self/autogroup")
    if autogroup.exists():
        autogroup.write_text("10")


class Server:
    def __init__(self, args, env: dict[str, str], log_name: str):
        self.args, self.env = args, env
        self.log_path = WORK / log_name
        self.process: subprocess.Popen | None = None
        self.outbox: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        log = self.log_path.open("w")
        self.process = subprocess.Popen(  # noqa: S603
            [GUNICORN, "-c", "config/gunicorn.conf.py", "config.wsgi"],
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        # The outbox worker, on the same cores at a lower priority, as the README says to run it.
        outbox_log = WORK / "outbox.log"
        self.outbox = subprocess.Popen(  # noqa: S603
            [PYTHON, "manage.py", "send_queued_mail", "--loop", "--interval", "2"],
            env={**self.env, "PYTHONUNBUFFERED": "1"},  # its first line tells when it is ready
            cwd=ROOT,
            stdout=outbox_log.open("w"),
            stderr=log,
            start_new_session=True,
            preexec_fn=_lower_priority,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://{HOST}:{self.args.port}/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            raise SystemExit(f"gunicorn did not start; see {self.log_path}")
        # The worker's start (Django, WeasyPrint: about 2 CPU-seconds at its low priority) would otherwise
        # be spread over the first runs, the baseline's among them: wait for its first pass over the outbox.
        while "sent " not in outbox_log.read_text():
            if time.monotonic() > deadline or self.outbox.poll() is not None:
                raise SystemExit(f"the outbox worker did not start; see {self.log_path}")
            time.sleep(0.3)
        return self

    def __exit__(self, *exc) -> None:
        for process in (self.outbox, self.process):
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    @property
    def sessions(self) -> dict[int, str]:
        """The session ids of the processes started here, by role (bench/cpu.py)."""
        return {self.process.pid: "app server", self.outbox.pid: "outbox worker"}

    def logged_errors(self) -> int:
        text = self.log_path.read_text(errors="replace")
        return sum(1 for line in text.splitlines() if " ERROR " in line or "Traceback" in line)


def public_ids(env: dict[str, str]) -> list[str]:
    out = subprocess.run(  # noqa: S603
        [
            *("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", env["DATABASE_URL"].rsplit("/", 1)[1]),
            *("-tAc", "SELECT public_id FROM tickets_ticket ORDER BY random() LIMIT 500"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.split()


def server_settings(env: dict[str, str]) -> dict:
    code = (
        "import runpy; c = runpy.run_path('config/gunicorn.conf.py'); "
        "print(c['workers'], c['threads'], c['worker_class'])"
    )
    out = subprocess.run([PYTHON, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)  # noqa: S603
    workers, threads, worker_class = out.stdout.split()
    return {"workers": int(workers), "threads": int(threads), "worker_class": worker_class}
