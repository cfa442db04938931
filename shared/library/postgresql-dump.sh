#!/bin/sh
# ElkarBackup library: PostgreSQL dump.
# Job pre script. Dumps the client's PostgreSQL databases into the job's source directory,
# which the backup then copies: make a job whose source path is a directory for dumps,
# e.g. /var/backups/postgresql/. Each database goes to <name>.dump (pg_dump's custom
# format: pg_restore brings back one table or all), and roles and tablespaces to
# globals.sql. Each file is written beside and renamed when complete, so a failed dump
# never replaces the last good one; the backup stops when a dump fails.
# Edit the line below to dump only some databases (names separated by spaces).
DATABASES=""
# ssh clients: runs on the client over ssh, so the client needs the plain key mode (a
# read-only rrsync key runs nothing but rsync). As root it dumps as the postgres system
# user; other users need a role allowed to read everything (~/.pgpass, PG* variables).
# Local clients: runs on this server.
set -eu
[ "${ELKARBACKUP_EVENT:-}" = PRE ] || exit 0
dir=${ELKARBACKUP_SOURCE_PATH:?this script runs as a job script}
case "$dir$DATABASES" in *"'"*) echo "postgresql-dump: quote in a setting" >&2; exit 1 ;; esac
remote="set -e; umask 077; mkdir -p '$dir'; cd '$dir'
as() { if [ \"\$(id -u)\" = 0 ] && id postgres >/dev/null 2>&1; then runuser -u postgres -- \"\$@\"; else \"\$@\"; fi; }
databases='$DATABASES'
if [ -z \"\$databases\" ]; then
    databases=\$(as psql -X -d postgres -Atc 'SELECT datname FROM pg_database WHERE datallowconn AND NOT datistemplate ORDER BY 1')
fi
as pg_dumpall --globals-only > globals.sql.part
mv globals.sql.part globals.sql
for db in \$databases; do
    as pg_dump -Fc -d \"\$db\" > \"\$db.dump.part\"
    mv \"\$db.dump.part\" \"\$db.dump\"
    echo \"postgresql-dump: \$db\"
done"
if [ -n "${ELKARBACKUP_SSH_COMMAND:-}" ]; then
    eval "set -- $ELKARBACKUP_SSH_COMMAND"
    "$@" "$remote"
else
    sh -c "$remote"
fi
echo "postgresql-dump: written to $dir"
