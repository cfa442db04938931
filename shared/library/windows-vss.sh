#!/bin/sh
# ElkarBackup library: Windows Volume Shadow Copy.
# Client pre and post script for a Windows client with the OpenSSH server and an rsync
# build (cwRsync or MSYS2). Before the client's jobs it creates a shadow copy of the
# volume and links it at C:\elkarbackup-vss; after them it deletes the copy and the link.
# Point the jobs below the link, e.g. /cygdrive/c/elkarbackup-vss/Users/ (cwRsync) or
# /c/elkarbackup-vss/Users/ (MSYS2): open files are then copied as they were at one
# instant. The ssh user must be an administrator, and the client needs the plain key
# mode (the script runs PowerShell over ssh).
# Edit the line below to shadow another volume.
VOLUME='C:\'
set -eu
[ -n "${ELKARBACKUP_SSH_COMMAND:-}" ] || { echo "windows-vss: for ssh clients only" >&2; exit 1; }
case "$VOLUME" in *"'"*|*'"'*) echo "windows-vss: quote in VOLUME" >&2; exit 1 ;; esac
link='C:\elkarbackup-vss'
# Removes the link and the shadow copy whose id the link's creation recorded.
remove="\$id = Get-Content -ErrorAction SilentlyContinue '$link.id'; if (Test-Path '$link') { cmd /c rmdir '$link' }; if (\$id) { Get-CimInstance Win32_ShadowCopy | Where-Object { \$_.ID -eq \$id } | Remove-CimInstance; Remove-Item '$link.id' }"
case "${ELKARBACKUP_EVENT:-}" in
PRE) script="\$ErrorActionPreference = 'Stop'; $remove; \$r = Invoke-CimMethod -ClassName Win32_ShadowCopy -MethodName Create -Arguments @{ Volume = '$VOLUME'; Context = 'ClientAccessible' }; if (\$r.ReturnValue -ne 0) { throw \"shadow copy failed: \$(\$r.ReturnValue)\" }; Set-Content '$link.id' \$r.ShadowID; \$d = (Get-CimInstance Win32_ShadowCopy | Where-Object { \$_.ID -eq \$r.ShadowID }).DeviceObject; cmd /c mklink /d '$link' \"\$d\\\"" ;;
POST) script="\$ErrorActionPreference = 'Stop'; $remove" ;;
*) exit 0 ;;
esac
eval "set -- $ELKARBACKUP_SSH_COMMAND"
# PowerShell reads the script from its standard input: no quoting through cmd.exe.
printf '%s\n' "$script" | "$@" powershell -NoProfile -NonInteractive -Command -
echo "windows-vss: $ELKARBACKUP_EVENT done for $VOLUME"
