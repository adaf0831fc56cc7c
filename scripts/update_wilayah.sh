#!/usr/bin/env bash
# Refresh seeds/wilayah/ (the provinces and kabupaten/kota of the instansi register) from the npm package
# idn-area-data, which carries the Kepmendagri codes and names (see seeds/wilayah/SUMBER.md).
#
#   scripts/update_wilayah.sh            the version SUMBER.md names (the current one)
#   scripts/update_wilayah.sh 4.0.2      another published version
#
# The package is fetched with `npm pack` (nothing is installed) into a temporary folder, and its
# data/provinces.csv and data/regencies.csv are copied unmodified; the script refuses files whose header is not
# the one the importer reads. The version is then written on the "Versi" line of SUMBER.md, which is where the
# importer reads it from. Afterwards run `manage.py import_seed` and read what it created or updated; a province
# code without a time zone in portal/instansi.py stops the import with a message (add it there).
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET="seeds/wilayah"
CURRENT="$(sed -n 's/^- Versi: `\(.*\)`$/\1/p' "$TARGET/SUMBER.md")"
VERSION="${1:-$CURRENT}"
case "$VERSION" in
    *[!0-9A-Za-z.+-]* | "") echo "update_wilayah: not a version: $VERSION" >&2; exit 2 ;;
esac
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "update_wilayah: npm pack idn-area-data@$VERSION" >&2
(cd "$WORK" && npm pack --silent "idn-area-data@$VERSION" >/dev/null)
tar -xzf "$WORK"/idn-area-data-*.tgz -C "$WORK"
DATA="$WORK/package/data"

check_header() {
    local file="$1" expected="$2" header
    header="$(head -n 1 "$file" | tr -d '\r')"
    if [ "$header" != "$expected" ]; then
        echo "update_wilayah: $(basename "$file") starts with '$header', expected '$expected'" >&2
        exit 1
    fi
}
check_header "$DATA/provinces.csv" "code,name"
check_header "$DATA/regencies.csv" "code,province_code,name"

mkdir -p "$TARGET"
cp "$DATA/provinces.csv" "$DATA/regencies.csv" "$TARGET/"
sed -i "s/^- Versi: \`.*\`\$/- Versi: \`$VERSION\`/" "$TARGET/SUMBER.md"
echo "update_wilayah: idn-area-data $VERSION -> $TARGET:" \
    "$(($(wc -l <"$TARGET/provinces.csv") - 1)) provinsi," \
    "$(($(wc -l <"$TARGET/regencies.csv") - 1)) kabupaten/kota" >&2
git --no-pager diff --stat -- "$TARGET" 2>/dev/null || true
