#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh: the database and the uploaded files, as they were at that time.
#
#   deploy/restore.sh BACKUP_FOLDER
#
# Stop the portal first (web, worker, publish timer). DATABASE_URL must name an existing database, empty
# (`createdb -O meritopedia meritopedia`) or not: objects in the dump replace their namesakes, in one transaction.
# The current media folders are kept beside the restored ones as <folder>.before-restore-<time>; delete them once
# the portal looks right. Same variables as backup.sh.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL must point at the PostgreSQL database (postgres://user:pass@host:5432/name)}"
source_dir="${1:?usage: deploy/restore.sh BACKUP_FOLDER}"
here="$(cd "$(dirname "$0")/.." && pwd)"
var_dir="${PORTAL_VAR_DIR:-$here/var}"
media_root="${MEDIA_ROOT:-$var_dir/media}"
private_root="${PRIVATE_MEDIA_ROOT:-$var_dir/private}"

# A damaged or incomplete backup stops here, before anything is touched.
(cd "$source_dir" && sha256sum --check --quiet SHA256SUMS)

pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
    --dbname="$DATABASE_URL" "$source_dir/database.dump"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
unpack() {  # into a new folder, then swap, so the files are never half old and half new
    local archive="$1" target="$2"
    rm -rf "$target.restoring"
    mkdir -p "$target.restoring"
    tar --extract --gzip --file="$archive" --directory="$target.restoring"
    if [ -e "$target" ]; then mv "$target" "$target.before-restore-$stamp"; fi
    mv "$target.restoring" "$target"
}
unpack "$source_dir/media.tar.gz" "$media_root"
unpack "$source_dir/private.tar.gz" "$private_root"

echo "Restored $source_dir"
