#!/bin/sh
# ElkarBackup library: fail if the source is empty.
# Job pre script. Stops the backup when the job's source directory is missing or empty,
# as it is when the disk behind it is not mounted: a backup of an empty directory would
# otherwise become the newest snapshot. It asks rsync for the listing exactly as the
# backup reads the source, so it works for local, ssh (read-only keys included) and open
# rsync daemon clients.
set -eu
[ "${ELKARBACKUP_EVENT:-}" = PRE ] || exit 0
source=${ELKARBACKUP_SOURCE:?this script runs as a job script}
if [ -n "${ELKARBACKUP_RSH:-}" ]; then
    listing=$(rsync --list-only --rsh="$ELKARBACKUP_RSH" -- "$source") || {
        echo "fail-if-empty: cannot list $source" >&2
        exit 1
    }
else
    listing=$(rsync --list-only -- "$source") || {
        echo "fail-if-empty: cannot list $source" >&2
        exit 1
    }
fi
# The listing shows the directory itself as "."; any other line is content.
entries=$(printf '%s\n' "$listing" | grep -cv -e ' \.$' -e '^$' || true)
if [ "$entries" -eq 0 ]; then
    echo "fail-if-empty: $source is empty (is its disk mounted?); backup stopped" >&2
    exit 1
fi
echo "fail-if-empty: $source holds $entries entries"
