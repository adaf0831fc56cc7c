#!/usr/bin/env bash
# Back up Meritopedia: the database (pg_dump, custom format) and the uploaded files, into one timestamped folder.
#
#   deploy/backup.sh [BACKUP_DIR]        prints the folder it wrote, e.g. backups/meritopedia-20250101T023000Z
#
# Reads the same environment as the portal: DATABASE_URL (postgres://...), and MEDIA_ROOT / PRIVATE_MEDIA_ROOT
# (default: media/ and private/ under PORTAL_VAR_DIR, itself var/ in the checkout). BACKUP_DIR defaults to
# backups/. The portal may keep running: pg_dump reads one consistent snapshot, and files are only ever added.
# Restore with deploy/restore.sh.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL must point at the PostgreSQL database (postgres://user:pass@host:5432/name)}"
here="$(cd "$(dirname "$0")/.." && pwd)"
var_dir="${PORTAL_VAR_DIR:-$here/var}"
media_root="${MEDIA_ROOT:-$var_dir/media}"
private_root="${PRIVATE_MEDIA_ROOT:-$var_dir/private}"
backup_root="${1:-${BACKUP_DIR:-$here/backups}}"

target="$backup_root/meritopedia-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$target.partial"
trap 'rm -rf "$target.partial"' EXIT   # a failed backup leaves nothing that looks complete

# Custom format: compressed, and pg_restore can restore it into an empty database or over an existing one.
pg_dump --format=custom --no-owner --no-privileges --file="$target.partial/database.dump" "$DATABASE_URL"

archive() {  # folder name: an empty folder still gives an (empty) archive, so restore knows what to expect
    local source="$1" name="$2"
    mkdir -p "$source"
    tar --create --gzip --file="$target.partial/$name.tar.gz" --directory="$source" .
}
archive "$media_root" media
archive "$private_root" private

(cd "$target.partial" && sha256sum database.dump media.tar.gz private.tar.gz > SHA256SUMS)
mv "$target.partial" "$target"
trap - EXIT
echo "$target"
