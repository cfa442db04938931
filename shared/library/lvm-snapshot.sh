#!/bin/sh
# ElkarBackup library: LVM snapshot.
# Job pre and post script for a job whose source lies on an LVM logical volume. Before
# the backup it snapshots the volume and mounts the snapshot read-only on the job's
# source path; after the backup it unmounts and removes the snapshot. The backup copies a
# frozen, consistent image while the volume stays in use.
# Edit the two lines below: the volume, and the room the snapshot has for the changes
# made to the volume while the backup runs.
VOLUME=/dev/vg0/data
SNAPSHOT_SIZE=2G
# ssh clients: runs on the client over ssh as root, so the client needs the plain key
# mode. Local clients: runs on this server.
set -eu
dir=${ELKARBACKUP_SOURCE_PATH:?this script runs as a job script}
case "$dir$VOLUME$SNAPSHOT_SIZE" in *"'"*) echo "lvm-snapshot: quote in a setting" >&2; exit 1 ;; esac
name="elkarbackup-job-${ELKARBACKUP_ID:?}"
device="$(dirname "$VOLUME")/$name"
# Post, and before a new snapshot (a crash may have left one): unmount and remove.
cleanup="if mountpoint -q '$dir'; then umount '$dir'; fi
if lvs '$device' >/dev/null 2>&1; then lvremove --yes '$device'; fi"
case "${ELKARBACKUP_EVENT:-}" in
PRE) remote="set -e; $cleanup
lvcreate --snapshot --size '$SNAPSHOT_SIZE' --name '$name' '$VOLUME'
mkdir -p '$dir'
mount -o ro '$device' '$dir' || { lvremove --yes '$device'; exit 1; }" ;;
POST) remote="set -e; $cleanup" ;;
*) exit 0 ;;
esac
if [ -n "${ELKARBACKUP_SSH_COMMAND:-}" ]; then
    eval "set -- $ELKARBACKUP_SSH_COMMAND"
    "$@" "$remote"
else
    sh -c "$remote"
fi
echo "lvm-snapshot: $ELKARBACKUP_EVENT done for $VOLUME on $dir"
