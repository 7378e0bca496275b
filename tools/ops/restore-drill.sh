#!/usr/bin/env bash
# Proves a backup can be restored: checks its SHA256SUMS, restores the dump into a new scratch
# database on the same server, verifies every service's audit hash chain in the copy with
# `vigil audit verify`, checks with `vigil keys check` that the backed-up key (or VIGIL_KEK_FILE /
# VIGIL_KEK) opens every sealed value, prints row counts per table, then drops the scratch
# database. Exits non-zero on any failure (checksum, restore, a broken chain, a key that does not
# open the data, no audit log at all).
#
#   DATABASE_URL=postgres://user:pass@host:5432/vigil tools/ops/restore-drill.sh [--tamper-audit-row] BACKUP_DIR
#
# DATABASE_URL names the server (the scratch database is created beside the named one, which is
# not touched); its user needs CREATEDB. --tamper-audit-row drills the alarm: it changes one
# audit row in the copy before verifying, and the drill must then fail.
# VIGIL_CLI overrides the command that runs the CLI (default: node tools/launcher/run.js cli,
# which needs `npm run build`); PG_RESTORE overrides the pg_restore binary.
set -euo pipefail

usage() { sed -n '9,15p' "$0" | sed 's/^# \{0,1\}//'; }
fail() { echo "restore-drill: FAILED: $*" >&2; exit 1; }

repo=$(cd "$(dirname "$0")/../.." && pwd)
tamper=0
backup=""
while [ $# -gt 0 ]; do
  case $1 in
    --tamper-audit-row) tamper=1; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; fail "unknown option $1" ;;
    *) [ -z "$backup" ] || fail "one backup directory only"; backup=$1; shift ;;
  esac
done
[ -n "$backup" ] || { usage >&2; fail "which backup? give its directory"; }
[ -n "${DATABASE_URL:-}" ] || fail "DATABASE_URL is required (the server to restore onto)"
[ -f "$backup/vigil.dump" ] && [ -f "$backup/SHA256SUMS" ] || fail "$backup has no vigil.dump and SHA256SUMS"

if [ -n "${VIGIL_CLI:-}" ]; then
  read -r -a cli <<< "$VIGIL_CLI"
else
  [ -f "$repo/dist/tools/cli/src/main.js" ] || fail "dist/ is missing: run npm run build (or set VIGIL_CLI)"
  # The pinned Node.js 24 when npm installed it (README, Installing dependencies), else the PATH's.
  node_bin="$repo/node_modules/.bin/node"
  [ -x "$node_bin" ] || node_bin=node
  cli=("$node_bin" "$repo/tools/launcher/run.js" cli)
fi

echo "checking checksums"
(cd "$backup" && sha256sum --check --quiet SHA256SUMS) || fail "checksum mismatch in $backup: the backup is damaged or was changed"
if [ -f "$backup/kek" ]; then echo "key file present ($(grep -cv '^\s*\(#\|$\)' "$backup/kek") key(s))"; else echo "no key file in the backup: encrypted evidence and fields need the key kept elsewhere"; fi

# The scratch database's URL: the same server and options, another database name.
base=${DATABASE_URL%%\?*}
options=${DATABASE_URL#"$base"}
scratch="vigil_restore_drill_$(date -u +%Y%m%d%H%M%S)_$$"
scratch_url="${base%/*}/$scratch$options"

cleanup() { psql "$DATABASE_URL" -qAt -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS \"$scratch\" WITH (FORCE)" > /dev/null && echo "scratch database $scratch dropped"; }
psql "$DATABASE_URL" -qAt -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$scratch\"" > /dev/null || fail "cannot create the scratch database (does the user have CREATEDB?)"
trap cleanup EXIT

echo "restoring into $scratch"
"${PG_RESTORE:-pg_restore}" --exit-on-error --no-owner --no-privileges --dbname="$scratch_url" "$backup/vigil.dump" || fail "pg_restore failed"

mapfile -t schemas < <(psql "$scratch_url" -qAt -v ON_ERROR_STOP=1 -c "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'audit_log' AND c.relkind = 'r' ORDER BY 1")
[ ${#schemas[@]} -gt 0 ] || fail "the restored database has no audit log: is this a Vigil backup?"

if [ "$tamper" = 1 ]; then
  echo "drill: changing one audit row in ${schemas[0]} (the verification below must fail)"
  psql "$scratch_url" -qAt -v ON_ERROR_STOP=1 -v schema="${schemas[0]}" > /dev/null <<'SQL'
ALTER TABLE :"schema".audit_log DISABLE TRIGGER USER;
UPDATE :"schema".audit_log SET actor = actor || ' (tampered)' WHERE seq = (SELECT max(seq) FROM :"schema".audit_log);
ALTER TABLE :"schema".audit_log ENABLE TRIGGER USER;
SQL
fi

echo "row counts"
in_list=$(printf "'%s'," "${schemas[@]}")
psql "$scratch_url" -qAt -v ON_ERROR_STOP=1 -c "SELECT format('SELECT %L, count(*) FROM %I.%I;', n.nspname || '.' || c.relname, n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname IN (${in_list%,}) ORDER BY n.nspname, c.relname" \
  | psql "$scratch_url" -qAt -F ' ' -v ON_ERROR_STOP=1 | awk '{ printf "  %-45s %s\n", $1, $2 }'

broken=0
for schema in "${schemas[@]}"; do
  printf 'audit chain %s: ' "$schema"
  if ! "${cli[@]}" audit verify --database-url "$scratch_url" --schema "$schema" 2>&1; then broken=$((broken + 1)); fi
done
[ "$broken" = 0 ] || fail "$broken of ${#schemas[@]} audit chains do not verify in the restored copy"

# The key must open what was backed up, or the evidence in the backup is lost.
key_checked="not checked (no key in the backup, VIGIL_KEK_FILE or VIGIL_KEK)"
key_args=()
if [ -f "$backup/kek" ]; then key_args=(--key-file "$backup/kek"); fi
if [ ${#key_args[@]} -gt 0 ] || [ -n "${VIGIL_KEK_FILE:-}" ] || [ -n "${VIGIL_KEK:-}" ]; then
  echo "sealed values"
  if ! "${cli[@]}" keys check --database-url "$scratch_url" "${key_args[@]}" 2>&1 | sed 's/^/  /'; then
    fail "the key does not open every sealed value in the restored copy"
  fi
  key_checked="opens every sealed value"
fi
echo "restore drill passed: ${#schemas[@]} audit chains verified in the restored copy; the key $key_checked"
