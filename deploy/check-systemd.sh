#!/usr/bin/env bash
# Installs the portal on a throwaway Debian 12 exactly as deploy/README.md ("systemd") says, starts the units of
# deploy/systemd/ under a real systemd, and checks that they serve, work the task queue, publish, back up, reload
# and come through a PostgreSQL restart. Run as root on Debian 12 (CI runs it after the PostgreSQL test run):
#
#   bash deploy/check-systemd.sh
#
# The throwaway machine is this machine's own root file system, booted by systemd-nspawn with a tmpfs overlay
# (--volatile=overlay) and no network but its own loopback: whatever it installs or deletes is gone when it stops,
# and the host's services and files are never touched. Python packages come from a wheel folder built here first,
# since the container has no network. The source is the committed HEAD (`git clone`, as on a server).
set -euo pipefail

if [ "${1:-}" = "--inside" ]; then
    # ---- inside the container: the README's systemd section, then the checks ----
    export PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8
    cd /
    step() { echo "== $*"; }
    fail() { echo "GAGAL: $*" >&2; journalctl --no-pager -n 60 -u 'meritopedia-*' >&2 || true; exit 1; }
    host=meritopedia.example.go.id
    get() {  # path [text]: fails unless 200 (and the text is on the page). As nginx sends it: the public name, HTTPS.
        local body
        body="$(curl -fsS --max-time 30 -H "Host: $host" -H "X-Forwarded-Proto: https" "http://127.0.0.1:8000$1")" ||
            return 1
        [ -z "${2:-}" ] || grep -qiE "$2" <<< "$body"
    }
    manage() { runuser -u meritopedia -- .venv/bin/python manage.py "$@"; }

    step "a fresh PostgreSQL 15 cluster (the booted one is a copy of the host's)"
    pg_dropcluster --stop 15 main 2>/dev/null || true
    pg_createcluster --start 15 main >/dev/null

    step "install as deploy/README.md says"
    useradd --system --home-dir /var/lib/meritopedia --create-home meritopedia
    git clone -q /src /srv/meritopedia
    cd /srv/meritopedia
    python3 -m venv .venv
    .venv/bin/pip install -q --no-index --find-links /wheels -e ".[elasticsearch]"
    runuser -u postgres -- psql -qc "CREATE ROLE meritopedia LOGIN PASSWORD 'uji-systemd'"
    runuser -u postgres -- createdb -O meritopedia meritopedia
    install -d -m 750 /etc/meritopedia && install -m 600 deploy/env.example /etc/meritopedia/env
    install -d -o meritopedia -g meritopedia -m 750 /var/backups/meritopedia
    # Filled in as an operator would; the database search backend, since there is no Elasticsearch here.
    secret="$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')"
    sed -i -e "s|^SECRET_KEY=.*|SECRET_KEY=$secret|" \
        -e "s|^DATABASE_URL=.*|DATABASE_URL=postgres://meritopedia:uji-systemd@127.0.0.1:5432/meritopedia|" \
        -e "s|^SEARCH_BACKEND=.*|SEARCH_BACKEND=database|" -e "s|^EMAIL_HOST=.*|EMAIL_HOST=|" /etc/meritopedia/env
    set -a; . /etc/meritopedia/env; set +a
    .venv/bin/python manage.py collectstatic --noinput -v0
    .venv/bin/python manage.py compile_catalogues >/dev/null
    manage migrate --noinput -v0
    manage import_seed >/dev/null
    systemctl enable --now redis-server 2>/dev/null || fail "redis-server is not installed (deploy/README.md)"
    cp deploy/systemd/*.service deploy/systemd/*.timer /etc/systemd/system/ && systemctl daemon-reload
    systemctl enable --now meritopedia-web meritopedia-worker meritopedia-publish.timer meritopedia-backup.timer \
        meritopedia-reminders.timer 2>/dev/null

    step "systemd-analyze verify: the installed units"
    out="$(systemd-analyze verify /etc/systemd/system/meritopedia-*.service /etc/systemd/system/meritopedia-*.timer 2>&1)" ||
        fail "systemd-analyze verify: $out"
    [ -z "$out" ] || fail "systemd-analyze verify: $out"

    step "all five units active, and the shared cache (REDIS_URL) beside them"
    for unit in redis-server meritopedia-web meritopedia-worker meritopedia-publish.timer meritopedia-backup.timer \
        meritopedia-reminders.timer; do
        [ "$(systemctl is-active "$unit")" = active ] || fail "$unit: $(systemctl is-active "$unit")"
    done

    step "systemd read the env file as the shell did (quoted values)"
    pid="$(systemctl show -p MainPID --value meritopedia-web)"
    seen="$(tr '\0' '\n' < "/proc/$pid/environ" | sed -n 's/^DEFAULT_FROM_EMAIL=//p')"
    [ "$seen" = "$DEFAULT_FROM_EMAIL" ] || fail "DEFAULT_FROM_EMAIL: systemd '$seen', shell '$DEFAULT_FROM_EMAIL'"

    step "the portal serves its seed content (gunicorn said READY to systemd: Type=notify)"
    get / "Meritopedia" || fail "beranda"
    get /rubrik/ "Pengembangan Karier" || fail "rubrik"
    get "/cari/?q=menilai+kinerja" "[1-9][0-9]* hasil untuk" || fail "pencarian"
    get /static/css/portal.css || fail "berkas statis (WhiteNoise)"
    code="$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $host" http://127.0.0.1:8000/)"
    [ "$code" = 301 ] || fail "HTTP tanpa X-Forwarded-Proto harus dialihkan ke HTTPS, bukan $code"

    publish_and_wait() {  # a page published now: its index update must be done by the worker, nothing failed
        manage shell -v 0 -c "
from wagtail.models import Page
Page.objects.live().filter(depth__gt=2).specific().first().save_revision().publish()"
        local left counts
        for _ in $(seq 1 60); do
            left="$(manage shell -v 0 -c "from django_tasks_db.models import DBTaskResult as R; print(R.objects.ready().count())")"
            [ "$left" = 0 ] && break
            sleep 1
        done
        [ "$left" = 0 ] || fail "$left tugas masih menunggu"
        counts="$(manage shell -v 0 -c "from django_tasks_db.models import DBTaskResult as R; print(R.objects.successful().count(), R.objects.failed().count())")"
        echo "tugas: selesai, gagal = $counts"
        [ "${counts#* }" = 0 ] && [ "${counts% *}" -gt 0 ] || fail "tugas: $counts"
    }

    step "the worker runs what publishing queues (Wagtail's search index update)"
    publish_and_wait

    step "scheduled publishing, the backup and the rencana aksi reminders, as their timers start them"
    systemctl start meritopedia-publish.service || fail "meritopedia-publish"
    systemctl start meritopedia-backup.service || fail "meritopedia-backup"
    systemctl start meritopedia-reminders.service || fail "meritopedia-reminders"
    ls /var/backups/meritopedia/meritopedia-*/SHA256SUMS >/dev/null || fail "tidak ada cadangan"
    (cd /var/backups/meritopedia/meritopedia-* && sha256sum --check --quiet SHA256SUMS) || fail "cadangan rusak"
    systemctl list-timers --no-pager 'meritopedia-*'

    step "reload (HUP: new workers, same socket), then PostgreSQL stopped for 3 s under the running portal"
    systemctl reload meritopedia-web
    sleep 2
    get / || fail "setelah reload"
    systemctl stop postgresql@15-main
    sleep 3  # the worker polls about once a second: it sees the database gone
    code="$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $host" -H "X-Forwarded-Proto: https" \
        "http://127.0.0.1:8000/cari/?q=kinerja&baru=$RANDOM")"
    [ "$code" = 503 ] || fail "tanpa basis data harus 503, bukan $code"
    systemctl start postgresql@15-main
    get / || fail "setelah PostgreSQL dimulai ulang"
    get "/cari/?q=talent+pool" "[1-9][0-9]* hasil untuk" || fail "pencarian setelah PostgreSQL dimulai ulang"
    [ "$(systemctl is-active meritopedia-web)" = active ] || fail "meritopedia-web setelah PostgreSQL dimulai ulang"
    [ "$(systemctl show -p NRestarts --value meritopedia-web)" = 0 ] || fail "meritopedia-web dimulai ulang oleh systemd"
    # db_worker exits if it polls while the database refuses connections; systemd starts it again 5 s later
    # (Restart=always), and what was queued meanwhile waits in the database.
    for _ in $(seq 1 30); do [ "$(systemctl is-active meritopedia-worker)" = active ] && break; sleep 1; done
    [ "$(systemctl is-active meritopedia-worker)" = active ] || fail "meritopedia-worker tidak kembali"
    echo "worker dimulai ulang oleh systemd: $(systemctl show -p NRestarts --value meritopedia-worker) kali"
    publish_and_wait

    step "the service cannot write its own code (ProtectSystem=strict)"
    pid="$(systemctl show -p MainPID --value meritopedia-web)"
    # As root inside the service's mount namespace: only the read-only mount can refuse it.
    nsenter -t "$pid" -m -- touch /var/lib/meritopedia/.tulis || fail "layanan tidak bisa menulis datanya"
    nsenter -t "$pid" -m -- touch /srv/meritopedia/.tulis 2>/dev/null && fail "layanan bisa menulis /srv/meritopedia"
    echo "OK: systemd units checked"
    exit 0
fi

# ---- on the host: build the wheels, boot the container, run this script inside it ----
[ "$(id -u)" -eq 0 ] || { echo "run as root (systemd-nspawn)" >&2; exit 1; }
here="$(cd "$(dirname "$0")/.." && pwd)"
need=()
command -v systemd-nspawn >/dev/null || need+=(systemd-container)
[ -x /usr/lib/postgresql/15/bin/postgres ] || need+=(postgresql-15)
command -v redis-server >/dev/null || need+=(redis-server)
/usr/bin/python3 -c "import ensurepip" 2>/dev/null || need+=(python3-venv)
command -v curl >/dev/null || need+=(curl)
if [ "${#need[@]}" -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

work="$(mktemp -d /var/tmp/meritopedia-systemd.XXXXXX)"
container=""
cleanup() {
    [ -z "$container" ] || kill "$container" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "== wheels for the container (pip's cache; no network inside)"
# Built by the host's Debian Python, which is the container's too, so the wheels match it.
/usr/bin/python3 -m venv "$work/pip"
"$work/pip/bin/pip" install -q --upgrade pip
"$work/pip/bin/pip" wheel -q --wheel-dir "$work/wheels" "$here[elasticsearch]" setuptools

echo "== booting Debian 12 in systemd-nspawn (tmpfs overlay over this machine's root)"
mkdir "$work/root"
unshare --mount bash -c '
    mount --make-rprivate / && mount --bind / "$1/root"
    exec systemd-nspawn --quiet --register=no --keep-unit --link-journal=no --directory="$1/root" \
        --volatile=overlay --private-network --machine=meritopedia-check \
        --bind-ro="$2:/src" --bind-ro="$1/wheels:/wheels" --boot' _ "$work" "$here" \
    > "$work/console.log" 2>&1 < /dev/null &
container=$!
inside() { nsenter -t "$leader" -m -u -i -n -p -- env -i "$@"; }
leader=""
for _ in $(seq 1 60); do
    leader="$(ps -o pid= --ppid "$container" | tr -d ' ' | head -1 || true)"
    [ -n "$leader" ] && inside systemctl is-system-running --wait >/dev/null 2>&1 && break
    [ -n "$leader" ] && [ "$(inside systemctl is-system-running 2>/dev/null)" = degraded ] && break
    sleep 1
done
[ -n "$leader" ] || { cat "$work/console.log"; echo "the container did not boot" >&2; exit 1; }

status=0
inside bash /src/deploy/check-systemd.sh --inside || status=$?
inside systemctl poweroff 2>/dev/null || true
for _ in $(seq 1 30); do kill -0 "$container" 2>/dev/null || break; sleep 1; done
container=""
exit "$status"
