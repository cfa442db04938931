# API error messages (English).
error-bad-request = The request could not be understood. Check its format and content type.
error-validation-failed = Some fields are not valid.
error-unauthorized = You need to sign in.
error-invalid-credentials = Wrong username or password.
error-invalid-trigger-token = Wrong or missing trigger token for this job.
error-csrf-header-missing = This request is missing its security header. Reload the page and try again.
error-forbidden = You are not allowed to do this.
error-not-found = It does not exist, or it has been deleted.
error-conflict = This conflicts with existing data.
error-rate-limited = Too many attempts. Wait a few minutes and try again.
error-method-not-allowed = This method is not allowed here.
error-internal = Something went wrong on the server. The details are in the server log.
error-database-unavailable = The server cannot reach its database right now. Try again in a few minutes.
error-invalid-path = This path is not valid inside a backup.
error-not-regular-file = Only regular files can be downloaded; this is a special file or a link.
error-preview-failed = The restore preview could not be made: the client did not answer as expected. The details are in the log.
error-restore-key-missing = Restores to this client are not enabled: its restore key is not installed there. To enable them, install the restore key’s line (on the client’s page) in the authorized_keys of its ssh user.
error-run-in-progress = A run of it is queued or running. Try again when it has finished.
error-run-finished = The run has already finished.
error-no-pending-host-key = No host key of this client awaits acceptance.
error-protected-user = The first administrator stays an active administrator and cannot be deleted.
error-own-account = You cannot delete your own account.
error-no-free-name = No free name was found for the copy. Rename some of the earlier copies.
error-copied-read-only = This client is a copy from another ElkarBackup server and cannot be changed here. Take it over to change it.
error-primary-unreachable = The primary server could not be reached. Check its address and that it is running; the details are in the log.
error-primary-refused = The primary server refused the request: check the replication token, or whether its access was revoked. The details are in the log.
error-host-key-pending = The primary server's ssh host key has not been accepted yet. Check its fingerprint and accept it.
error-host-key-mismatch = The primary server's ssh host key has changed since it was accepted. It may have been reinstalled, or someone may be impersonating it.
error-second-factor-required = Enter the code from your authenticator app.
error-invalid-second-factor = Wrong code, or a code that has already been used. Enter the code the app shows now, or one of your recovery codes.
error-two-factor-setup-required = Administrators must sign in with a second factor. Set up two-factor sign-in before doing anything else.
error-two-factor-required = Administrators must keep two-factor sign-in: the settings require it.
error-two-factor-already-on = Two-factor sign-in is already on. To set up another phone, turn it off first (that takes a code), then set it up again.

validation-not-found = The selected item does not exist.
validation-directory-missing = The directory does not exist on the server.
validation-directory-not-writable = The server cannot write in this directory.
validation-before-start = Must not be earlier than the start.
validation-outside-key-root = Outside the directory this client’s restricted keys are confined to. Choose a path beneath it, or widen the keys’ directory on the client’s page (and install the new lines).
validation-invalid-code = Wrong code, or a code that has already been used.
validation-setup-not-started = Start the set-up first: no secret is waiting for confirmation.
validation-not-enabled = Two-factor sign-in is not turned on.
validation-own-two-factor-first = Set up two-factor sign-in for your own account first.
validation-too-weak = Too easy to guess: { $reason ->
        [1] it is a common password, or close to one.
        [2] a word on its own, or your user name or e-mail, is easy to guess.
        [3] names and surnames are easy to guess.
        [4] dates and years are easy to guess.
        [5] repeats and sequences such as “aaa”, “abcabc” or “6543” are easy to guess.
        [6] rows and patterns of the keyboard, such as “qwerty”, are easy to guess.
       *[0] it needs more, or less predictable, characters.
    } Use several unrelated words, or a longer password.

## The seeded policies, shown in the caller's language until an administrator edits them.
policy-preset-default-name = Default policy
policy-preset-default-description = Daily Monday to Friday at 21:00 (5 kept), weekly on Mondays (4 kept), monthly on the 1st (12 kept).
policy-preset-weekdays-three-times-name = Three times a day, monday to friday
policy-preset-weekdays-three-times-description = At 11:00, 14:00 and 17:00 Monday to Friday (3 kept), daily at 11:00 (5 kept).
policy-preset-daily-name = At 21:00, 7 days a week
policy-preset-daily-description = Daily at 21:00 every day (7 kept).
policy-preset-weekdays-long-term-name = At 21:00, monday to friday, long time storage
policy-preset-weekdays-long-term-description = Daily Monday to Friday at 21:00 (5 kept), weekly on Saturdays (4 kept), monthly on the 28th (22 kept).
cli-postgres-blocked = The PostgreSQL system user “postgres” cannot enter { $dir }, so it cannot use its cluster in { $cluster }. Choose a data directory under /var/lib (for example --data-dir /var/lib/elkarbackup), or let the postgres user enter { $dir } (for example setfacl -m u:postgres:x { $dir }).

## Notification e-mails: names and facts are inserted as text. The result words
## (`result-*`), the label "Problem" (`run-error`) and the explanations of error codes
## (`run-error-*`) are the web app's, so a mail says exactly what the run page says.
mail-subject = [ElkarBackup] { $result }: { $client } / { $job }
mail-event-run-failed = Failed
mail-event-run-warning = Warning
mail-event-run-ok = OK
mail-event-run-recovered = Recovered
mail-kind-backup = Backup
mail-kind-restore = Restore
mail-intro = { $kind } of job “{ $job }” of client “{ $client }”: { $result }.
mail-label-result = Result
mail-label-started = Started
mail-label-duration = Duration
mail-label-files = Files
mail-label-bytes = Size
mail-label-new-bytes = New data
mail-label-log = Last lines of the log
mail-no-log = The run wrote no log.
mail-link = Open the run in ElkarBackup
mail-test-subject = [ElkarBackup] Test message
mail-test-body = This is a test message from ElkarBackup. If you can read it, the mail settings work.
mail-late-subject = [ElkarBackup] Late: { $client } / { $job }
mail-on-time-subject = [ElkarBackup] On time again: { $client } / { $job }
mail-late-intro = Job “{ $job }” of client “{ $client }” has no successful backup more than { $hours } hours after its policy expected one.
mail-on-time-intro = Job “{ $job }” of client “{ $client }” has a successful backup again.
mail-label-late-since = Late since
mail-link-job = Open the job in ElkarBackup
mail-digest-subject = [ElkarBackup] Daily digest { $day }: { $problems ->
    [0] all well
    [one] 1 problem
   *[other] { $problems } problems
}
mail-digest-intro = What needs your attention from the last day:
mail-digest-all-well = No backup failed or warned in the last day, and no job is late.
mail-digest-failed = Failed
mail-digest-warning = Warning
mail-digest-late = Late
mail-test-no-server = No mail server is set: fill in "SMTP server" above and save the settings first.

## `elkarbackup doctor`: one line per finding, "[status] subject: message", each message
## saying what was found and, when something is wrong, what to do about it.
doctor-status-ok = ok
doctor-status-note = note
doctor-status-skipped = skipped
doctor-status-warning = warning
doctor-status-problem = problem
doctor-check-postgres = PostgreSQL
doctor-check-database = Database
doctor-check-rsync = rsync
doctor-check-ssh = ssh
doctor-check-location = Location “{ $name }”
doctor-check-tls = HTTPS
doctor-check-time-zone = Time zone
doctor-check-clock = Clock
doctor-postgres-programs-ok = { $programs }: found in { $dir }.
doctor-postgres-not-installed = The PostgreSQL server programs (initdb, postgres) are neither in /usr/lib/postgresql/*/bin nor on the PATH. Install them with apt-get install postgresql, or set DATABASE_URL to use an existing PostgreSQL server.
doctor-postgres-bin-dir-wrong = postgres_bin_dir is { $dir }, but initdb and postgres are not there. Set it (or ELKARBACKUP_POSTGRES_BIN_DIR) to the directory that holds them, on Debian /usr/lib/postgresql/<version>/bin, or remove it to let ElkarBackup find them.
doctor-postgres-programs-missing = { $missing } not found in { $dir }. The catalog's nightly dumps and its recovery need pg_dump and pg_restore: install the PostgreSQL programs of that version (apt-get install postgresql), or set postgres_bin_dir to a directory that holds them all.
doctor-postgres-client-missing = { $missing } not found (looked in { $dir }). The catalog's nightly dumps and its recovery need pg_dump and pg_restore: install them with apt-get install postgresql-client, or set postgres_bin_dir to their directory.
doctor-postgres-no-user = The system user “postgres” does not exist, and the server runs its PostgreSQL cluster as that user when started as root. Install the Debian package postgresql, which creates it.
doctor-postgres-access-ok = The “postgres” user can reach { $cluster }.
doctor-database-skipped = Not opened because of the problem above; the locations and the database server's clock were not checked.
doctor-database-url-ok = The database of DATABASE_URL answers and its schema is up to date (PostgreSQL { $version }).
doctor-database-managed-ok = The managed cluster in { $cluster } answers and its schema is up to date (PostgreSQL { $version }).
doctor-database-url-failed = Cannot open the database of DATABASE_URL: { $reason }. Check that the PostgreSQL server runs and accepts this address, user and password.
doctor-database-managed-failed = The managed PostgreSQL cluster did not open: { $reason }. Its log is { $log }.
doctor-database-query-failed = The database opened but did not answer: { $reason }.
doctor-rsync-ok = rsync { $version } ({ $program }).
doctor-rsync-missing = { $program } does not run ({ $reason }). Install rsync (apt-get install rsync), or set rsync (ELKARBACKUP_RSYNC) to the rsync program.
doctor-rsync-unreadable = { $program } --version does not say which version it is (“{ $line }”). ElkarBackup needs rsync { $minimum } or newer: set rsync (ELKARBACKUP_RSYNC) to a real rsync.
doctor-rsync-too-old = rsync { $version } ({ $program }) is older than { $minimum }, the oldest ElkarBackup works with. Install rsync { $minimum } or newer (Debian 12 has it), or set rsync (ELKARBACKUP_RSYNC) to a newer one.
doctor-rsync-cves = rsync { $version } ({ $program }): upstream fixed the vulnerabilities published in January 2025 (CVE-2024-12084, CVE-2024-12085, CVE-2024-12086, CVE-2024-12087, CVE-2024-12088, CVE-2024-12747) in { $fixed }, but distributions fix older versions too: Debian 12's 3.2.7-1+deb12u2, for example, is not affected. Check your distribution's security advisory for the installed package (dpkg -l rsync), and update it if it is not fixed there.
doctor-ssh-ok = { $version }; ssh-keygen is there too.
doctor-ssh-missing = ssh does not run ({ $reason }). Backups and restores of remote clients need it: apt-get install openssh-client.
doctor-ssh-keygen-missing = ssh-keygen does not run ({ $reason }). Each client's key pair is made with it: apt-get install openssh-client.
doctor-location-ok = { $dir }: writable; free: { $space } % of the space, { $inodes } % of the inodes.
doctor-location-skipped = { $dir }: inactive, not checked.
doctor-location-missing = { $dir } does not exist. Mount its disk or create the directory, or deactivate the location on the “Backup locations” page: until then, backups into it fail.
doctor-location-not-directory = { $dir } is not a directory. Give the location a directory on the “Backup locations” page.
doctor-location-unreachable = { $dir } cannot be examined ({ $reason }). Check its disk or network share and the permissions of the directories above it.
doctor-location-not-writable = Cannot write into { $dir } ({ $reason }). Check that its disk is not mounted read-only and that the user ElkarBackup runs as may write there.
doctor-location-full = { $dir }: only { $space } % of the space and { $inodes } % of the inodes are free, and backups refuse to start below { $min } % (min_free_percent). Free space on it, or move jobs to another location.
doctor-location-low = { $dir }: { $space } % of the space and { $inodes } % of the inodes free, less than { $warn } %. Backups stop below { $min } %: free space or plan a bigger disk.
doctor-tls-not-configured = Not configured: the server speaks plain HTTP. Put it behind an HTTPS reverse proxy, or set certificate and key in the [tls] section.
doctor-tls-ok = { $certificate } (“{ $subject }”) is valid until { $date }, and { $key } is its key.
doctor-tls-unreadable = Cannot read { $path } ({ $reason }). Check the path in the [tls] section and that the server's user may read the file.
doctor-tls-no-certificate = { $path } holds no PEM certificate (a “-----BEGIN CERTIFICATE-----” block). Set certificate to the PEM file of the certificate chain, the server's certificate first.
doctor-tls-bad-certificate = The certificate in { $path } cannot be read ({ $reason }). Replace it with a valid PEM certificate chain.
doctor-tls-no-key = { $path } holds no PEM private key (PKCS#8, PKCS#1 or SEC1). Set key to the certificate's private key file.
doctor-tls-bad-key = The private key in { $path } cannot be read ({ $reason }). Replace it with the certificate's private key in PEM.
doctor-tls-not-yet-valid = The certificate in { $path } is valid only from { $date }. Check the system clock, or use a certificate that is valid now.
doctor-tls-expired = The certificate in { $path } expired on { $date }: browsers refuse it. Renew it and restart the server.
doctor-tls-expires-soon = The certificate in { $path } expires on { $date } (days left: { $days }). Renew it before then and restart the server.
doctor-tls-key-mismatch = The key in { $key } does not belong to the certificate in { $certificate }. Set key to the private key the certificate was made for.
doctor-tls-rejected = rustls does not accept the certificate { $certificate } with the key { $key }: { $reason }.
doctor-time-zone-env = { $zone }, set by ELKARBACKUP_TIME_ZONE; current time there: { $now }.
doctor-time-zone-tz = { $zone }, from the TZ variable; current time there: { $now }.
doctor-time-zone-etc = { $zone }, from /etc/timezone; current time there: { $now }.
doctor-time-zone-file = { $zone }, from the configuration file; current time there: { $now }.
doctor-time-zone-default = { $zone }, the default (no time zone is set); current time: { $now }.
doctor-time-zone-differs = The policies' times are in { $zone } (no time zone is set), but this machine is set to { $machine } (/etc/localtime). If the backups should run at { $machine }'s times, set time_zone = "{ $machine }" in the configuration file (or ELKARBACKUP_TIME_ZONE). Current time in { $zone }: { $now }.
doctor-clock-ok = The system clock agrees with the database server's ({ $seconds } s apart).
doctor-clock-skew = The system clock and the database server's are { $seconds } s apart, more than { $max } s. Schedules and the takeover of a dead server's runs compare both: synchronise both machines' clocks (NTP).
doctor-ntp-yes = Synchronised by NTP.
doctor-ntp-no = Not synchronised: timedatectl says NTPSynchronized=no. Turn time synchronisation on (timedatectl set-ntp true, or install chrony or systemd-timesyncd).
doctor-ntp-unknown = Whether NTP synchronises the clock is unknown here (timedatectl did not say).
doctor-summary-problems = { $n ->
    [0] No problems.
    [one] 1 problem: ElkarBackup will not work properly until it is fixed.
   *[other] { $n } problems: ElkarBackup will not work properly until they are fixed.
}
doctor-summary-warnings = { $n ->
    [0] No warnings.
    [one] 1 warning.
   *[other] { $n } warnings.
}

## `elkarbackup recover`: rebuilding the catalog from the locations (the server's own disaster).
recover-dump-used = Catalog restored from the dump { $path }.
recover-no-dump = No catalog dump was found in the given directories: the catalog was rebuilt from the snapshots’ metadata alone. Users, scripts, settings and replication sources are not in it: set them up again.
recover-location-mapped = Location “{ $name }” is now { $dir }.
recover-location-created = Location “{ $name }” was added for { $dir }.
recover-location-missing = Location “{ $name }” ({ $dir }) was not among the given directories and is not there: its snapshots cannot be read until it is back (recover again with it, or change its directory on the Backup locations page).
recover-totals = In the catalog now — users: { $users }, clients: { $clients }, jobs: { $jobs }, snapshots: { $snapshots }.
recover-no-users = There is no user yet: at its first start the server creates the administrator “admin” and prints its password (also written to initial-admin-password in the data directory).
recover-from-metadata = From the snapshots on disk — clients made again: { $clients }, jobs made again: { $jobs }, policies made again: { $policies }, snapshots added: { $snapshots }.
recover-stale-rows = Snapshots the dump listed that are no longer on disk (their records were removed): { $n }.
recover-skipped = Snapshots left out because their metadata does not describe their job (written by an older version, or copied from a primary by replication): { $n }.
recover-unreadable = Snapshot directories without valid metadata, left alone: { $n }.
recover-keys-restored = ssh key pairs restored from the locations: { $n }.
recover-no-new-keys = No ssh key had to be made again.
recover-new-keys = These have a new ssh key, which they do not trust yet: add each line to the client’s authorized_keys (for a replication source, give it to the primary as a replication access):
recover-next = Start the server now (systemctl start elkarbackup).
recover-not-empty = The catalog already has { $clients } clients and { $jobs } jobs. Recover only into a fresh installation, or give --force (a dump found then replaces the whole catalog).
recover-server-running = Another program is connected to the catalog’s database (a running server?). Stop it first (systemctl stop elkarbackup) and try again.
recover-not-a-directory = { $dir } is not a directory.

## Built-in HTTPS and the path prefix (serve): start-up errors about the [tls] files.
cli-tls-certificate-unreadable = Cannot read the TLS certificate { $path }: { $reason }. Check “certificate” in the [tls] section of the configuration (or ELKARBACKUP_TLS_CERTIFICATE), and that the user the server runs as may read the file.
cli-tls-key-unreadable = Cannot read the TLS private key { $path }: { $reason }. Check “key” in the [tls] section of the configuration (or ELKARBACKUP_TLS_KEY), and that the user the server runs as may read the file.
cli-tls-certificate-not-pem = { $path } is not a PEM certificate file ({ $reason }). It must hold the server's certificate, then any intermediate certificates, each between “-----BEGIN CERTIFICATE-----” and “-----END CERTIFICATE-----”.
cli-tls-key-not-pem = { $path } is not a PEM private key file ({ $reason }). It must hold one unencrypted key between a “-----BEGIN PRIVATE KEY-----” (or RSA PRIVATE KEY, EC PRIVATE KEY) line and its END line.
cli-tls-rejected = The TLS certificate { $certificate } and the key { $key } cannot be used together: { $reason }. The key must be the private key of the first certificate in the file.

## Engine performance (issue 17): phase marks in a run's log, after the bracketed mark.
run-phase-claim = Claimed by this server.
run-phase-preflight = Job, client, location and policy loaded; run planned.
run-phase-host-key = Host key pinned for ssh's strict check.
run-phase-scripts = Pre scripts done.
run-phase-rsync-start = rsync started.
run-phase-rsync-end = rsync ended.
run-phase-publish = Snapshot written to disk and published.
run-phase-retention = Retention applied.
run-phase-finish = Outcome recorded.
