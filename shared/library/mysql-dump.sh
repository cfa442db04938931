#!/bin/sh
# ElkarBackup library: MySQL / MariaDB dump.
# Job pre script. Dumps every database of the client's MySQL or MariaDB server
# (consistent for InnoDB tables, with routines, events and triggers) into the job's source
# directory, which the backup then copies: make a job whose source path is a directory
# for dumps, e.g. /var/backups/mysql/. The dump is written beside and renamed when
# complete, so a failed dump never replaces the last good one; the backup stops when the
# dump fails.
# ssh clients: runs on the client over ssh, so the client needs the plain key mode (a
# read-only rrsync key runs nothing but rsync). As root on Debian it logs in through the
# server's socket; otherwise give the user's credentials in its ~/.my.cnf.
# Local clients: runs on this server.
set -eu
[ "${ELKARBACKUP_EVENT:-}" = PRE ] || exit 0
dir=${ELKARBACKUP_SOURCE_PATH:?this script runs as a job script}
case "$dir" in *"'"*) echo "mysql-dump: quote in $dir" >&2; exit 1 ;; esac
remote="set -e; umask 077; mkdir -p '$dir'
dump=\$(command -v mariadb-dump || command -v mysqldump)
\"\$dump\" --all-databases --single-transaction --routines --events --triggers > '$dir/all-databases.sql.part'
mv '$dir/all-databases.sql.part' '$dir/all-databases.sql'"
if [ -n "${ELKARBACKUP_SSH_COMMAND:-}" ]; then
    eval "set -- $ELKARBACKUP_SSH_COMMAND"
    "$@" "$remote"
else
    sh -c "$remote"
fi
echo "mysql-dump: $dir/all-databases.sql written"
