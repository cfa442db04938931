# API error messages (English).
error-bad-request = The request could not be understood. Check its format and content type.
error-validation-failed = Some fields are not valid.
error-unauthorized = You need to sign in.
error-invalid-credentials = Wrong username or password.
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

validation-not-found = The selected item does not exist.
validation-directory-missing = The directory does not exist on the server.
validation-directory-not-writable = The server cannot write in this directory.
validation-before-start = Must not be earlier than the start.

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

## Built-in HTTPS and the path prefix (serve): start-up errors about the [tls] files.
cli-tls-certificate-unreadable = Cannot read the TLS certificate { $path }: { $reason }. Check “certificate” in the [tls] section of the configuration (or ELKARBACKUP_TLS_CERTIFICATE), and that the user the server runs as may read the file.
cli-tls-key-unreadable = Cannot read the TLS private key { $path }: { $reason }. Check “key” in the [tls] section of the configuration (or ELKARBACKUP_TLS_KEY), and that the user the server runs as may read the file.
cli-tls-certificate-not-pem = { $path } is not a PEM certificate file ({ $reason }). It must hold the server's certificate, then any intermediate certificates, each between “-----BEGIN CERTIFICATE-----” and “-----END CERTIFICATE-----”.
cli-tls-key-not-pem = { $path } is not a PEM private key file ({ $reason }). It must hold one unencrypted key between a “-----BEGIN PRIVATE KEY-----” (or RSA PRIVATE KEY, EC PRIVATE KEY) line and its END line.
cli-tls-rejected = The TLS certificate { $certificate } and the key { $key } cannot be used together: { $reason }. The key must be the private key of the first certificate in the file.
