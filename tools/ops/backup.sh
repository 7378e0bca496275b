#!/usr/bin/env bash
# Backs up Vigil: a custom-format pg_dump of the whole database (every service schema, audit
# chains included), the key encryption key file, and SHA256SUMS over both. The dump's evidence
# and sensitive fields are encrypted: without the key they cannot be read, so the key is backed
# up with them. Keep backups somewhere as protected as the database (or use --without-key and
# keep the key in a separate safe).
#
#   DATABASE_URL=postgres://user:pass@host:5432/vigil tools/ops/backup.sh [--out DIR] [--without-key]
#
# The key is VIGIL_KEK_FILE, or the embedded mode's ${VIGIL_DATA_DIR:-.vigil}/keys/kek.
# PG_DUMP overrides the pg_dump binary (it must be the server's major version or newer).
# Prints the backup directory on the last line.
set -euo pipefail

usage() { sed -n '8,12p' "$0" | sed 's/^# \{0,1\}//'; }
fail() { echo "backup.sh: $*" >&2; exit 1; }

out_root=${VIGIL_BACKUP_DIR:-backups}
include_key=1
while [ $# -gt 0 ]; do
  case $1 in
    --out) [ $# -ge 2 ] || fail "--out needs a directory"; out_root=$2; shift 2 ;;
    --without-key) include_key=0; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; fail "unknown argument $1" ;;
  esac
done
[ -n "${DATABASE_URL:-}" ] || fail "DATABASE_URL is required (postgres://user:pass@host:5432/vigil)"

# The key first: a backup that cannot be decrypted is found out now, not at restore time.
key=""
if [ "$include_key" = 1 ]; then
  key=${VIGIL_KEK_FILE:-${VIGIL_DATA_DIR:-.vigil}/keys/kek}
  if [ ! -f "$key" ]; then
    [ -n "${VIGIL_KEK:-}" ] || fail "no key file at $key (set VIGIL_KEK_FILE, or --without-key if the key is kept elsewhere)"
    echo "backup.sh: the key is given inline (VIGIL_KEK): keep a copy of it with this backup yourself" >&2
    key=""
  fi
fi

umask 077
dir="$out_root/vigil-$(date -u +%Y%m%dT%H%M%SZ)"
[ ! -e "$dir" ] || fail "$dir already exists"
mkdir -p "$dir"
files=(vigil.dump)

"${PG_DUMP:-pg_dump}" --format=custom --compress=6 --file="$dir/vigil.dump" "$DATABASE_URL" || fail "pg_dump failed (is pg_dump at least the server's major version? set PG_DUMP)"
if [ -n "$key" ]; then
  cp "$key" "$dir/kek"
  chmod 600 "$dir/kek"
  files+=(kek)
fi

(cd "$dir" && sha256sum "${files[@]}" > SHA256SUMS)
echo "backup of $(du -sh "$dir/vigil.dump" | cut -f1) written with ${files[*]} and SHA256SUMS"
echo "$dir"
