# ElkarBackup web app: English texts (the fallback language).
# Every key here must exist in es/ and eu/ too, and be used in frontend/src.

## Application frame

app-name = ElkarBackup
# Browser tab title; $page is the page title.
app-title = { $page } · ElkarBackup
loading = Loading…
skip-to-content = Skip to main content
signed-in-as = Signed in as { $user }
save = Save
saving = Saving…
cancel = Cancel

## Language switch (each language is named in itself)

lang-select-label = Language
language-eu = Euskara
language-es = Español
language-en = English
language-unset = Not chosen
prefs-language-unset = Not chosen (showing { $shown })

## Navigation

nav-label = Main navigation
nav-toggle = Menu
nav-jobs = Jobs
nav-status = Status
nav-policies = Policies
nav-scripts = Scripts
nav-users = Users
nav-logs = Logs
nav-group-config = Configuration
nav-settings = Settings
nav-notifications = Notifications
nav-preferences = Preferences
nav-password = Change password
nav-tokens = API tokens
nav-about = About
nav-logout = Log out

## Login

login-title = Sign in
login-subtitle = Backup server
login-username = Username
login-password = Password
login-submit = Sign in
login-submitting = Signing in…
# Said on the login page itself, so that it follows the language chosen there.
login-failed = Wrong username or password.

## Placeholders and errors pages

not-found-title = Page not found
not-found-body = There is no page at { $path }.
not-found-home = Go to the jobs list
forbidden-title = Administrators only
forbidden-body = You need the administrator role to see this page.

## Preferences

prefs-language = Language
prefs-page-size = Rows per page
prefs-page-size-help = How many rows lists show on each page, from 5 to 500.
prefs-page-size-invalid = Enter a whole number from 5 to 500.
prefs-saved = Your preferences have been saved.

## Change password

password-current = Current password
password-new = New password
password-repeat = Repeat the new password
password-help = At least 12 characters, hard to guess.
password-mismatch = The two new passwords do not match.
password-wrong-current = The current password is not correct.
password-too-short = The new password must have at least 12 characters.
password-submit = Change password
password-changed = Your password has been changed.

## API tokens

tokens-intro = Personal API tokens let scripts and monitoring tools use the ElkarBackup API on your behalf. Send a token in the header “Authorization: Bearer <token>”.
tokens-create-title = New token
tokens-name = Name
tokens-name-placeholder = e.g. monitoring
tokens-name-required = Give the token a name.
tokens-create = Create token
tokens-creating = Creating…
tokens-secret-title = Your new API token
tokens-secret-warning = Copy this token now and keep it somewhere safe: it will not be shown again.
tokens-secret-label = New API token
tokens-copy = Copy
tokens-copied = The token has been copied to the clipboard.
tokens-copy-manual = The token is selected: press Ctrl+C to copy it.
tokens-secret-done = Done, I have copied it
tokens-list-title = Your tokens
tokens-empty = You have no API tokens yet.
tokens-col-name = Name
tokens-col-prefix = Starts with
tokens-col-created = Created
tokens-col-last-used = Last used
tokens-col-actions = Actions
tokens-never-used = Never
tokens-revoke = Revoke
tokens-revoke-confirm = Revoke “{ $name }”? Scripts using it will stop working.
tokens-revoke-yes = Yes, revoke
tokens-revoked = The token has been revoked.

## About

about-description = A backup server for whole organisations: it copies files from any computer reachable by ssh and rsync into snapshots on disk, and keeps daily, weekly and monthly copies as your policies say.
about-version = Server version
about-version-unknown = Not available
about-licence-title = Licence
about-licence = ElkarBackup is free software: you can redistribute it and/or modify it under the terms of the GNU General Public License as published by the Free Software Foundation, either version 3 of the License, or (at your option) any later version.
about-warranty = It is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY; without even the implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. See the GNU General Public License for more details.
about-licence-link = Read the GNU General Public License, version 3

## Failures the server could not explain (its own localised message is shown otherwise)

error-unknown = Something went wrong. Try again.
error-network = The server cannot be reached. Check your connection and try again.
form-invalid = Some fields are not valid. Check the messages next to them.

## Problems with one field

field-error-required = This field is required.
field-error-too-short = This is too short.
field-error-too-long = This is too long.
field-error-out-of-range = This value is out of the allowed range.
field-error-taken = This name is already in use.
field-error-invalid = This value is not valid.

## Form helpers shared by every page

working = Working…
help-title = Help
# An entry of a list edited one per line: $line is its line number.
field-line = Line { $line }: { $message }
unsaved-confirm = You have changes that have not been saved. Leave this page and lose them?

## Problems found before sending (worded like the server's)

validation-required = This field is required.
validation-too-short = Must be at least { $min } characters long.
validation-too-long = Must be at most { $max } characters long.
validation-out-of-range = Must be between { $min } and { $max }.
validation-invalid = This value is not valid.
validation-not-allowed = This option is not allowed.
validation-duplicate = This name is already in use.
validation-time-format = Use the 24-hour format HH:MM, for example 21:00.
validation-mismatch = The values do not match.
edit = Edit
delete = Delete
clone = Clone
never = Never
inactive = Inactive
run-now = Run now

## Pagination

pager-label = Pages
pager-first = First
pager-prev = Previous
pager-next = Next
pager-last = Last
pager-status = Page { $page } of { $pages } ({ $total } in all)

## Names of values

result-ok = OK
result-warning = Warning
result-failed = Failed
result-aborted = Aborted
result-none = Not run yet
connection-local-short = This server
level-hourly = During the day
level-daily = Daily
level-weekly = Weekly
level-monthly = Monthly
level-yearly = Yearly
keep-hourly = { $count } intraday
keep-daily = { $count } daily
keep-weekly = { $count } weekly
keep-monthly = { $count } monthly
keep-yearly = { $count } yearly

## Jobs (main page)

jobs-add-client = Add client
jobs-priorities = Job priorities
jobs-search = Search clients by name
jobs-bulk-label = With the selected rows:
jobs-bulk-run = Run now
jobs-bulk-delete = Delete
jobs-add-job = Add job
jobs-empty = There are no clients yet. Add the first one with “Add client”.
jobs-no-match = No client name contains this text.
select-all = Select every client and job on this page
jobs-card-select-all = Select all
select-client = Select client { $name }
select-job = Select job { $name }
col-id = Id
col-name = Name
col-source = Source
col-last-result = Last result
col-last-run = Last run
col-size = Size
col-actions = Actions
quota-of = { $used } of { $quota } ({ $percent } %)
client-cloned = The copy “{ $name }” has been created, with copies of the jobs.
delete-client-title = Delete client “{ $name }”?
delete-job-title = Delete job “{ $name }”?
delete-items-title = Delete { $count } selected items?
delete-clients-intro = These clients will be deleted, with all their jobs:
delete-client-no-jobs = no jobs
delete-client-jobs = { $count ->
    [one] 1 job: { $jobs }
   *[other] { $count } jobs: { $jobs }
}
delete-jobs-intro = These jobs will be deleted:
delete-backups-warning = All their backups will be removed from the backup locations too (in the background). This cannot be undone.
deleted-count = { $count ->
    [one] 1 item has been deleted. Its backups are being removed in the background.
   *[other] { $count } items have been deleted. Their backups are being removed in the background.
}

## Shared by the catalog forms

description = Description
advanced = Advanced
saved = The changes have been saved.
back-to-list = Back to the list
download = Download
max-parallel-jobs = Jobs at the same time
copy = Copy
copy-done = Copied to the clipboard.
copy-manual = The text is selected: press Ctrl+C to copy it.
scripts-none-allowed = No script may be used here yet. Scripts are uploaded by administrators, who choose where each can be used.

## Client form

client-new-title = New client
client-edit-title = Client “{ $name }”
client-not-saved = Save the client first.
client-name = Name
client-connection = Connection
client-kind = How to reach it
client-kind-ssh = rsync over ssh
client-kind-rsync = rsync daemon
client-kind-local = A directory of this server
client-user = ssh user
client-daemon-user = Daemon user
client-daemon-user-help = For a module with "auth users" in rsyncd.conf. Leave empty for an open module.
client-daemon-password = Daemon password
client-daemon-password-set = A password is stored. Leave this empty to keep it. It is given to rsync in its environment, never on a command line.
client-daemon-password-unset = No password is stored. It is kept on the server and given to rsync in its environment, never shown again.
client-daemon-password-forget = Remove the stored password
client-host = Host name or address
client-port = Port
client-local-note = The jobs of this client copy directories of the backup server itself; no network connection is used.
client-active = Active (back it up as scheduled)
client-owner = Owner
client-owner-default = Default (whoever creates it)
client-quota = Quota
client-quota-unit = Unit
client-quota-hint = Leave empty for no limit.
client-pre-scripts = Scripts before its jobs
client-post-scripts = Scripts after its jobs
client-ssh-options = Extra ssh options
client-ssh-options-hint = One per line, as Name=value (for example ConnectTimeout=20).
client-rsync-options = Extra rsync options
client-rsync-options-hint = One per line (for example --bwlimit=5000 or --compress).
client-jobs = Jobs of this client
client-no-jobs = This client has no jobs yet. Add one with “Add job”.
client-size-title = Size
client-size-total = Total size
client-size-quota = Quota
client-size-quota-line = Quota: { $quota }
client-size-no-quota = No quota: this client may grow without limit.
client-size-quota-high = Past { $percent } % of the quota: free some space or raise the quota.
client-size-history = Size per day
client-size-empty = No size history yet: the client's size is recorded once a day.
client-key-title = ssh keys of this client
client-key-intro = ElkarBackup connects to this client as { $user } with keys of its own. Add the lines below to that user’s ~/.ssh/authorized_keys on the client, or run the commands there.
client-key-not-ssh = This client is not reached over ssh, so it needs no key. The key is kept in case you switch it to ssh later.
client-public-key = Public key
client-authorized-line = Backup key: line for authorized_keys
client-authorized-line-help = “restrict” forbids port, agent and X11 forwarding and terminals; rsync does not need them.
client-install-command = Command to install it
client-install-command-help = Run it on the client as { $user }; it appends the line to ~/.ssh/authorized_keys and creates the file if needed.
client-key-regenerate = Generate a new key
client-key-regenerate-title = Generate a new key for this client?
client-key-regenerate-body = The current key stops working at once: backups of this client fail until the new key is installed on it.
client-authorized-line-help-rrsync = The key can only read, through rrsync (part of rsync 3.2.4 and later, /usr/bin/rrsync on Debian), and only beneath the keys’ directory: whoever steals it gets no shell, cannot write and cannot forward ports.
client-key-plain-recommend = This client’s key gives the server a shell on the client. Recommended: choose “Restricted (rrsync)” under Connection and save, install the lines shown here in place of the current one, and test the connection. Scripts that run commands on the client over ssh need the plain key.
client-restore-title = Restore key
client-restore-intro = Restores to this client use a second key that can only write. Install it only where restores to this client are wanted: without it, restores here are refused and nothing is written.
client-restore-none = This client has no restore key yet.
client-restore-line = Restore key: line for authorized_keys
client-restore-line-help = The key can only write, through rrsync, beneath the keys’ directory: it cannot read any file of the client.
client-restore-create = Create a restore key
client-restore-create-title = Create a restore key for this client?
client-restore-regenerate = Generate a new restore key
client-restore-regenerate-title = Generate a new restore key for this client?
client-restore-regenerate-body = Restores to this client work once the new restore key’s line is installed on it; an older restore key stops working at once.
client-key-mode = Keys on the client
client-key-mode-rrsync = Restricted (rrsync)
client-key-mode-plain = Plain key (a shell)
client-key-mode-help = Restricted keys are safer: backups only read, restores use a separate key that only writes, and the server cannot run commands on the client. Change it only together with the lines installed on the client.
client-key-root = Directory the keys are limited to
client-key-root-help = “/” for the whole system, or the common parent of this client’s job paths, such as /home. Jobs and restores must stay beneath it. Below a directory other than “/”, rrsync lets no restore create device files, FIFOs or sockets.
key-state-missing = not installed
key-state-unrestricted = unrestricted (a shell)
key-state-read-only = read-only
key-state-write-only = write-only
key-state-read-write = reads and writes
key-state-broken = installed, but rsync cannot run through it (is rrsync installed, and does the directory exist?)
client-test-backup-key = Backup key: { $state }
client-test-restore-key = restore key: { $state }
client-test-key-unrestricted = The backup key can run any command on the client. Use restricted keys: choose “Restricted (rrsync)” under Connection if needed, and install the lines of the key panel.
client-test-backup-key-writes = The backup key can also write on the client: install the read-only line (rrsync -ro) of the key panel.
client-test-restore-key-reads = The restore key can also read the client’s files: install the write-only line (rrsync -wo) of the key panel.
run-error-restore-key-missing = Restores to this client are not enabled: its restore key is not installed there. Install the restore key’s line from the client’s page.
run-error-outside-key-root = The path is outside the directory this client’s restricted keys are limited to.
run-error-key-mode-mismatch = The line installed on the client does not match the client’s key setting: install the lines shown on this page, or change “Keys on the client”.
settings-key-from = This server’s address as clients see it
settings-key-from-hint = Addresses, networks or host names, separated by commas. Empty: the keys’ lines carry no from=.
settings-help-key-from = When set, every client key line gets from="…": a key copied off this server is refused from anywhere else. Install the new lines on the clients after changing it.
host-key = Host key of the client:
host-key-unknown = not seen yet (it is recorded on the first connection).
host-key-pending = seen, waiting to be accepted.
host-key-accepted = accepted; connections check it strictly.
client-help-intro = A client is a computer whose files are backed up. Each client has one or more jobs, one per directory to copy.
client-help-name = A unique name to recognise the client, for example its host name. Up to 100 characters.
client-help-description = Free notes for people: where the machine is, who to call, what it holds.
client-help-kind = “rsync over ssh”: the usual choice for Linux, macOS and Windows machines with an ssh server and rsync. “rsync daemon”: the client runs an rsync server (host::module); the job’s source path then starts with the module name. “A directory of this server”: copies local directories, for example a mounted network share.
client-help-user = The account ElkarBackup logs in as on the client. It must be able to read everything the jobs copy (often root). Letters, digits, dots, dashes and underscores; it cannot start with a dash.
client-help-daemon-login = rsync daemon clients only. When the module's rsyncd.conf has "auth users" and a "secrets file", give one of those users and its password. The password is stored on the server, never shown again, and given to rsync in its RSYNC_PASSWORD environment variable, so it never appears in a process list or a log.
client-help-host = The client’s DNS name or IP address (IPv6 in brackets). No spaces, and it cannot start with a dash.
client-help-port = The ssh port (22 by default) or the rsync daemon’s port (873 by default).
client-help-active = Inactive clients are never backed up by the schedule and are shown greyed in the jobs list; their backups are kept.
client-help-owner = The user responsible for the client. Operators see and manage only the clients they own; only administrators can change the owner. Notifications “to the owner” go to this user.
client-help-quota = The most disk space the client’s backups should use, in MiB, GiB or TiB. The size bar of the jobs list turns red above the warning level set by the administrator. Empty means no limit.
client-help-max-parallel = How many jobs of this client may run at the same time (1 to 100). Keep 1 for small machines and slow links.
client-help-pre-scripts = Run on the backup server before the first job of this client starts, for example to wake the machine or take a snapshot. If one fails, the client’s jobs are not run this time. Only scripts allowed “before a client” are offered.
client-help-post-scripts = Run on the backup server after the last job of this client, for example to release a snapshot. Only scripts allowed “after a client” are offered.
client-help-ssh-options = Extra ssh settings, one per line as Name=value. Only harmless options are accepted (timeouts, keep-alive, ciphers, key exchange and similar); options that could run commands or weaken host-key checking are refused.
client-help-rsync-options = Extra rsync options, one per line, from an allowed list: --bwlimit=, --compress (-z), --sparse, --one-file-system, --checksum, --max-size=, --min-size=, --compress-level=, --contimeout=, --skip-compress=, --iconv=, --block-size=, --whole-file, --no-whole-file, --ipv4, --ipv6, --ignore-errors, --omit-dir-times, and --rsync-path= with /absolute/path/rsync, sudo rsync or sudo /absolute/path/rsync (plain key mode only). They are passed to rsync as separate arguments, never through a shell.
client-help-key = Every client has its own ssh key, created with it. The private half never leaves the server; install the public half on the client. “Generate a new key” replaces it (for example if the client was compromised). The client’s own host key is recorded on the first connection and must match afterwards.

## Job form

choose = Choose…
job-late = Late
job-late-since = No successful backup since an expected run plus its grace: late since { $when }
job-new-title = New job of client “{ $client }”
job-edit-title = Job “{ $name }” of client “{ $client }”
job-not-saved = Save the job first.
job-back = Back to the client
job-name = Name
job-source-path = Source path
job-path-hint-ssh = The absolute path of the directory on the client, for example /home/ or /var/www/.
job-path-hint-daemon = The rsync module, optionally followed by a path inside it, for example backup/ or backup/home/.
job-path-hint-local = The absolute path of the directory on this server, for example /srv/share/.
job-policy = Policy
job-location = Backup location
job-location-moved = You are moving this job to another location. Its next backup starts a new series of snapshots there (a full copy if the location is on another disk). The snapshots taken so far stay where they are: they can still be browsed and restored, and the policy removes them as usual.
job-active = Active (run it as the policy says)
job-notifications = Notifications
job-notify-admin = Send to the administrators
job-notify-owner = Send to the client’s owner
job-notify-emails = Also send to these addresses
job-notify-emails-hint = One e-mail address per line.
job-notify-threshold = Which runs to report
notify-all = Every run
notify-warning = Warnings and failures
notify-error = Failures only
notify-none = None
job-notify-mode = When a job keeps failing
notify-mode-changes = Tell the first failure and the recovery
notify-mode-every = Tell every failure
job-late-grace = Late after (hours)
job-late-grace-hint = The job is late when it has no successful backup this many hours after its policy's last expected run.
job-pre-scripts = Scripts before the job
job-post-scripts = Scripts after the job
job-exclude = Exclude
job-include = Include
job-patterns-policy = Empty: the policy’s patterns are used ({ $patterns }).
job-patterns-policy-none = Empty: the policy’s patterns are used (it has none).
job-local-permissions = Rewrite the permissions so that everyone can read the copies
job-permissions-rewritten-warning = Permissions are rewritten; restored files will not get their original permissions, and private files become readable by everyone.
job-priority = Priority
job-token-title = Trigger token
job-token-intro = With a trigger token, another system (a monitoring tool, a script at the end of a database dump) can start this job with one HTTPS request, without a user account.
job-token-set = This job has a trigger token. It was shown only when it was created.
job-token-none = This job has no trigger token.
job-token-create = Create a token
job-token-replace = Replace the token
job-token-remove = Remove the token
job-token-value = New trigger token
job-token-command = Command that starts the job
job-token-upstream = The same at the address of ElkarBackup 2.x (for crontabs brought from it)
job-token-replace-title = Replace the trigger token?
job-token-replace-body = The current token stops working at once; systems using it must be given the new one.
job-token-remove-title = Remove the trigger token?
job-token-remove-body = Systems using the token will no longer be able to start this job.
delete-job-body = All the backups of this job will be removed from its backup location too (in the background). This cannot be undone.
job-help-intro = A job copies one directory of a client. When it runs and how many copies are kept is set by its policy.
job-help-name = A name for people, for example “home” or “databases”. Up to 100 characters; two jobs of a client may share a name, but it is clearer if they do not.
job-help-description = Free notes: what the directory holds, whom to ask before restoring.
job-help-source-path = What to copy. Over ssh and for local clients, the absolute path of a directory (a trailing slash copies its contents). For rsync daemons, the module name, optionally followed by a path. It cannot start with a dash.
job-help-policy = The schedule and retention: when the job runs and how many hourly, daily, weekly, monthly and yearly snapshots are kept. Policies are shared by many jobs; change them on the Policies page.
job-help-location = The directory of the backup server where the snapshots are stored. Moving a job to another location starts a fresh series there; the old snapshots stay where they are.
job-help-active = Inactive jobs are not run by the schedule and are shown greyed; their snapshots are kept. A job of an inactive client does not run either.
job-help-notifications = Who receives an e-mail after a run: all administrators, the client’s owner, and any further addresses.
job-help-threshold = Which runs send an e-mail: every run, only those with warnings or failures, only failures, or none.
job-help-pre-scripts = Run on the backup server before the copy starts, for example to dump a database on the client. If one fails, the job is not run and counts as failed. Only scripts allowed “before a job” are offered.
job-help-post-scripts = Run on the backup server after the copy, whatever its result; they receive the result in their environment. Only scripts allowed “after a job” are offered.
job-help-exclude = rsync patterns of files and directories not to copy, one per line, for example *.tmp or /home/*/.cache/. A pattern starting with / is anchored at the source path. Empty: the policy’s exclude patterns are used. Patterns cannot start with a dash.
job-help-include = rsync patterns of files to copy even inside excluded directories, one per line. Empty: the policy’s include patterns are used.
job-help-local-permissions = Off (the default), every snapshot is an exact copy: permissions, owners, ACLs and extended attributes as on the client, and a restore gives them back. On, rsync rewrites the permissions (--chmod=Fug=rwX,Dug=rwx,Fo=r,Do=rx): restored files will not get their original permissions, and private files become readable by everyone. The server does not need it to browse, download or restore.
job-help-priority = Jobs due at the same time start in priority order. Change the order on the Job priorities page.
job-help-token = A secret that lets another system start the job with POST /api/jobs/ID/trigger and the X-Trigger-Token header. It is shown once; if it is lost, replace it. Remove it when it is no longer needed.

## Policies

remove = Remove
deleted = It has been deleted.
policies-intro = A policy says when backups run and how many snapshots of each level are kept. Every job follows one policy.
policy-new = New policy
policy-new-title = New policy
policy-edit-title = Policy “{ $name }”
policy-col-keeps = Keeps
policy-col-jobs = Jobs using it
policy-name = Name
policy-schedule = Schedule and retention
policy-schedule-intro = Switch on the levels you need. Times are those of the backup server’s clock.
policy-tab-problem = (has a problem)
policy-enabled = Use the “{ $level }” level
policy-keep = Snapshots to keep
policy-times = Times of day
policy-time-label = Time { $number }
policy-time-remove-label = Remove time { $number }
policy-add-time = Add a time
policy-days-of-week = Days of the week
policy-every-day = None ticked: every day.
policy-days-of-month = Days of the month
policy-every-day-of-month = None ticked: every day. A day after the end of a month (31 in April) means its last day.
policy-months = Months
policy-every-month = None ticked: every month.
policy-patterns = Default patterns of its jobs
policy-preview-title = What this policy does
policy-keeps = Keeps the last { $list } snapshots.
policy-keeps-nothing = No level is switched on: nothing would be backed up.
policy-reach = The oldest one will be about { $span } old.
policy-first-level = The “{ $level }” level copies from the client; the larger levels keep older copies of it.
policy-next-runs = Next 10 runs
policy-browser-time = Shown in this browser’s time zone ({ $zone }); the server uses its own clock.
policy-no-runs = This schedule never runs.
span-days = { $count ->
    [one] 1 day
   *[other] { $count } days
}
span-weeks = { $count ->
    [one] 1 week
   *[other] { $count } weeks
}
span-months = { $count ->
    [one] 1 month
   *[other] { $count } months
}
span-years = { $count ->
    [one] 1 year
   *[other] { $count } years
}
delete-used-by = It is used by:
delete-policy-title = Delete policy “{ $name }”?
delete-policy-body = The policy is deleted; snapshots are not touched. A policy that jobs still use cannot be deleted: move those jobs to another policy first.
delete-script-title = Delete script “{ $name }”?
delete-script-body = The script is deleted from the server. A script still attached to clients or jobs cannot be deleted: detach it first.
delete-location-title = Delete backup location “{ $name }”?
delete-location-body = The location is removed from ElkarBackup; the directory and the files in it are left as they are. A location that jobs still use cannot be deleted.
delete-user-title = Delete user “{ $name }”?
delete-user-body = The user can no longer sign in and their API tokens stop working. Their clients stay, without an owner.
policy-help-intro = A policy is a schedule plus a retention rule, shared by any number of jobs. At each planned time the job copies its source once; the copy is then kept as a snapshot of the levels due at that time.
policy-help-name = A name that says what the policy does, for example “Weekdays at 21:00, one year”.
policy-help-description = Notes for people: when to use this policy.
policy-help-levels = There are five levels: during the day, daily, weekly, monthly and yearly. The smallest switched-on level copies from the client; larger levels keep older snapshots by promoting copies of the level below, so a monthly snapshot is an older daily one kept longer.
policy-help-keep = How many snapshots of the level are kept; the oldest is removed when a new one arrives. Unchanged files are hard links shared between snapshots, so keeping many costs little disk space.
policy-help-times = When the level runs, as HH:MM on a 24-hour clock in the server’s time zone. The during-the-day level usually has several times; the others usually one. If a time does not exist on a day (clocks going forward), the run happens right after the gap.
policy-help-days = Limit the level to some weekdays, days of the month and months. Nothing ticked means “every”. For example, weekly on Sunday, monthly on day 1, yearly on 1 January.
policy-help-preview = The next runs as they would happen from now, and what is kept. Computed in your browser, shown in your browser’s time zone.
policy-help-patterns = rsync exclude and include patterns used by the jobs of this policy that have none of their own, one per line, for example *.tmp or /home/*/.cache/.

## Job priorities

priorities-title = Job priorities
priorities-intro = When several jobs are due at the same time, they start in this order, from the top. Drag a job to its place, or use the arrow buttons, then save.
priorities-moved = { $job } moved to place { $position } of { $total }.
priorities-saved = The new order has been saved.
priorities-reset = Undo the changes
priorities-empty = There are no jobs yet.
priorities-up-label = Move { $job } up
priorities-down-label = Move { $job } down
priorities-help-intro = The order only matters when more jobs are due than may run at once (see “Jobs at the same time” of clients, locations and the server settings): the others wait, and the first in this list start first.
priorities-help-mouse-term = With the mouse
priorities-help-mouse = Drag a row by its handle and drop it on the row whose place it should take.
priorities-help-keys-term = With the keyboard
priorities-help-keys = Move to a row with Tab and press Alt+↑ or Alt+↓, or use its ↑ and ↓ buttons. Each move is announced to screen readers.
priorities-help-save = Nothing changes until you save; the whole order is stored at once. “Undo the changes” goes back to the saved order.
error-in-use = It is still in use, so it cannot be deleted.

## Scripts

scripts-intro = Scripts are programs run on the backup server before or after the backups of a client or a job: to dump a database, take a snapshot, wake a machine, send a report.
library-title = Script library
library-intro = Ready-to-use scripts. Read a script's source, then add it: it becomes one of your scripts, to attach to clients or jobs. Settings a script has are at its top: download it, edit them and upload it again.
library-add = Add
library-add-named = Add { $name }
library-show-source = Show the source
library-name-taken = A script named { $name } exists already: open it from the list above, or rename it to add the library's again.
library-needs-plain-key = It runs commands on the client over ssh: the client needs the plain key mode (the restricted keys run only rsync).
library-fail-if-empty-name = Fail if the source is empty
library-fail-if-empty-about = Stops the backup when the source directory is missing or empty, as when its disk is not mounted, so an empty copy never becomes the newest snapshot.
library-mysql-dump-name = MySQL / MariaDB dump
library-mysql-dump-about = Before the backup, dumps every database into the job's source directory on the client (make a job for a dumps directory, e.g. /var/backups/mysql/).
library-postgresql-dump-name = PostgreSQL dump
library-postgresql-dump-about = Before the backup, dumps each database (pg_dump's custom format) and the roles into the job's source directory on the client (e.g. /var/backups/postgresql/).
library-lvm-snapshot-name = LVM snapshot
library-lvm-snapshot-about = Before the backup, snapshots an LVM volume and mounts it read-only on the job's source path; after it, unmounts and removes the snapshot. Edit the volume in the script.
library-windows-vss-name = Windows shadow copy (VSS)
library-windows-vss-about = Before a Windows client's jobs, creates a Volume Shadow Copy linked at C:\elkarbackup-vss; after them, deletes it. Point the jobs below that link.
scripts-empty = There are no scripts yet.
script-new = New script
script-new-title = New script
script-edit-title = Script “{ $name }”
script-name = Name
script-uses = May be run
script-before = Before
script-after = After
script-of-client = A client’s backups
script-of-job = A job’s backup
script-use-client-pre = before a client
script-use-client-post = after a client
script-use-job-pre = before a job
script-use-job-post = after a job
script-use-nowhere = nowhere yet
script-file = Program file
script-file-replace = Replace the program
script-file-hint = Choose the file to upload (at most 1 MiB).
script-file-current = The stored program has { $size }. Choose a file only to replace it.
script-file-chosen = { $name } ({ $size }) will be uploaded when you save.
script-too-big = This file is larger than 1 MiB.
script-unreadable = The file could not be read.
script-used-by = Used by
script-unused = No client or job uses this script.
script-in-use = Scripts in use cannot be deleted: detach them from their clients and jobs first.
script-help-intro = A script is an executable file (a shell script with its #! line, or any program) that the backup server runs with the rights of the ElkarBackup service, never on the client itself unless it connects there.
script-help-name = A unique name, also used as the file name when it is downloaded. No slashes.
script-help-description = What the script does and what it needs, for the people attaching it.
script-help-uses = Where the script may be attached: before or after all the jobs of a client, before or after one job. Client and job forms only offer scripts allowed there.
script-help-file = The program itself, up to 1 MiB. It is required when creating a script; when editing, choose a file only to replace the stored one.
script-help-env-term = Environment
script-help-env = Scripts receive the ELKARBACKUP_* environment variables of earlier ElkarBackup versions, among them ELKARBACKUP_LEVEL (CLIENT or JOB), ELKARBACKUP_EVENT (PRE or POST), ELKARBACKUP_ID, ELKARBACKUP_CLIENT_NAME, ELKARBACKUP_JOB_NAME, ELKARBACKUP_URL (the source, for example root@host:/home/), ELKARBACKUP_PATH (where the snapshots are stored) and ELKARBACKUP_STATUS (the result, for scripts run after: 0 means success).
script-help-exit-term = Exit status
script-help-exit = 0 means success. A failing script before a client or job stops those backups; a failing script after a job marks it as failed. Whether scripts after still run when a script before failed is a server setting.
script-help-used-by = The clients and jobs this script is attached to. A script in use cannot be deleted.

## Backup locations

nav-locations = Backup locations
locations-intro = Backup locations are the directories of this server where snapshots are stored. Each job stores its snapshots in one location.
location-new = New location
location-new-title = New backup location
location-edit-title = Backup location “{ $name }”
location-name = Name
location-directory = Directory
location-active = Active (new backups may be stored here)
location-state = State
location-space = Free space
location-inodes = Free inodes
location-online = Available
location-offline = Not available
location-read-only = Not writable
location-free-of = { $free } free of { $total }
location-inodes-free = { $free } of { $total }
location-help-intro = A backup location is a directory on the backup server, on its own disk or on a mounted network share, that holds snapshots.
location-help-name = A name for people, for example “Main disk” or “NAS”.
location-help-directory = The absolute path of an existing directory that the ElkarBackup service can write to. It is checked when you save. Snapshots go into a sub-directory per client and job.
location-help-max-parallel = How many jobs may write to this location at the same time (1 to 100). Slow disks and network shares work better with few.
location-help-active = Jobs of an inactive location are not run; their snapshots are kept and can still be restored.
location-help-state = Checked when the list is shown: whether the directory is there and writable, and how much space and how many inodes (files) are free. A location that goes offline makes its jobs fail until it is back.

## Users

role-admin = Administrator
role-operator = Operator
user-new = New user
user-new-title = New user
user-edit-title = User “{ $name }”
user-username = Username
user-email = E-mail
user-role = Role
user-active = Active (may sign in)
user-active-yes = Active
user-protected = This is the first administrator: it cannot be deleted, demoted or disabled.
user-is-you = You cannot delete your own account.
user-password-reset = Set a new password
user-password-keep = Leave both empty to keep the current password. At least 8 characters.
user-help-intro = Users sign in to this web app and to the API. Administrators manage everything; operators manage only the clients they own.
user-help-username = The name used to sign in: letters, digits, dots, dashes, underscores and @, up to 64 characters. It must be unique.
user-help-email = Where the notifications for this user go (for example, as owner of a client). Optional.
user-help-role = Administrator: every client, job, policy, script, location, user and setting. Operator: only the clients they own and their jobs; they can attach existing scripts, but not manage scripts, locations, users or settings.
user-help-language = The language of the web app and of the messages for this user. Not chosen: their web app shows the language of the login page (their browser’s, or the one they switch to there) until they choose one. Users can change it themselves.
user-help-page-size = How many rows lists show on each page, from 5 to 500. Users can change it themselves.
user-help-active = Inactive users cannot sign in, and their API tokens stop working. Their clients are kept.
user-help-password = Required for a new user. When editing, fill it in only to set a new password (for example when the user forgot theirs); users change their own on the “Change password” page.

## Settings

settings-mail = Mail server
settings-mail-host = SMTP server
settings-mail-tls = Encryption
settings-tls-starttls = STARTTLS (usually port 587)
settings-tls-tls = TLS from the start (usually port 465)
settings-tls-none = None (only for a relay on this machine or network)
settings-mail-user = SMTP user
settings-mail-password = SMTP password
settings-mail-password-set = A password is stored. Leave this empty to keep it.
settings-mail-password-unset = No password is stored.
settings-mail-password-forget = Remove the stored password
settings-mail-from = Sender address
settings-instance-url = Address of this server
settings-log-retention = Keep log records for (days)
settings-log-retention-hint = Empty keeps them forever. Audit records have their own limit.
settings-audit-retention = Keep audit records for (days)
settings-quota-warning = Quota warning level (%)
settings-post-after-fail = Run scripts after a job even when a script before it failed
settings-operators-restore = Operators may restore files onto clients
settings-help-mail = The SMTP server that sends the notifications of runs. Leave the server empty to send no e-mail.
settings-help-tls = How the connection to the mail server is protected. Use STARTTLS or TLS whenever the server is not on this machine.
settings-help-password = Write-only: it is never shown again. Leave it empty to keep the stored one; tick “Remove the stored password” to send mail without authentication.
settings-help-from = The From address of notifications, for example elkarbackup@example.org.
settings-help-url = The address people use to reach this web app, for example https://backup.example.org; used for links in e-mails.
settings-help-retention = Once a day the server deletes what is older than this many days: log records (audit records excepted), the history of notifications already sent or given up, and the log files of finished runs. Runs still queued or running keep their log files, and notifications still waiting are kept. The events of live updates are kept one day at most in any case. Empty keeps everything forever. The deletion itself is logged, with what it removed.
settings-help-audit-retention = Audit records (who signed in, changed or downloaded what, and from where) are kept this many days, apart from the other log records, then deleted by the same daily task. 365 by default; empty keeps them forever.
settings-help-max-parallel = How many backups may run at the same time on the whole server (1 to 100). Clients and locations have their own limits too.
settings-help-quota-warning = A client whose backups use more than this percentage of its quota is shown in red.
settings-help-post-after-fail = When a script before a job fails, the job is not run. Tick this to run its scripts after it anyway (they receive the failure), for example to clean up what the first script prepared.
settings-help-operators-restore = Administrators can always restore files onto clients. Untick this to let operators only download files from snapshots.
settings-default-language = Language of mails to other addresses
settings-digest-time = Daily digest at
settings-digest-time-hint = Leave empty to send no digest.
settings-logs = Logs
settings-metrics-addresses = Addresses that may read /metrics
settings-metrics-addresses-hint = One IP address or network per line, for example 10.0.0.0/8. Empty: only administrators' API tokens.
settings-help-default-language = Users get mails in their own language; the further addresses of a job get them in this one.
settings-help-digest = At this time every day, administrators get one mail listing the failures, warnings and late jobs of the last day.
settings-help-metrics = Prometheus reads /metrics with an administrator's API token (Authorization: Bearer …), or without one from these addresses.
settings-mail-test-to = Send a test mail to
settings-mail-test-hint = Uses the saved settings: save your changes first.
settings-mail-test-send = Send a test mail
settings-mail-test-sending = Sending…
settings-mail-test-sent = The mail server accepted the message: { $reply }
settings-mail-test-failed = The mail was not sent: { $error }
notifications-intro = Every e-mail and webhook message about runs and late jobs, newest first. Failed deliveries are tried again, waiting longer each time.
notifications-all = All
notifications-all-jobs = All jobs
notifications-empty = No notifications yet.
notifications-col-time = Queued
notifications-col-event = Message
notifications-col-recipient = Recipient
notifications-col-status = Status
notifications-col-channel = Channel
notifications-col-answer = Last answer
notifications-run = run #{ $id }
notifications-attempts = { $attempts } attempts
notifications-next-attempt = next try { $time }
notification-status-pending = Waiting
notification-status-sending = Sending
notification-status-sent = Sent
notification-status-failed = Failed
notification-channel-email = E-mail
notification-channel-webhook = Webhook
notification-event-run-failed = Backup failed
notification-event-run-warning = Backup with warnings
notification-event-run-ok = Backup succeeded
notification-event-run-recovered = Backup works again
notification-event-job-late = Job late
notification-event-job-on-time = Job on time again
notification-event-digest = Daily digest
notification-event-test = Test message
view = View
policy-read-only = Only administrators can change policies.

## Help of the account pages

prefs-help-language = The language of this web app and of the server’s messages for you. Until you choose one, the app shows the language of the login page. The switch at the top of every page changes it too.
prefs-help-page-size = How many rows lists show on each page, from 5 to 500; the jobs list counts clients. Large pages take longer to draw.
password-help-current = Your password now, to prove it is you.
password-help-new = At least 12 characters; a long sentence is easy to remember and hard to guess. The server estimates how easy it is to guess (offline: it cannot check lists of breached passwords).
password-help-repeat = The new password again, to catch typing mistakes.
tokens-help-name = A name that says where the token is used, so that you know which one to revoke later.
tokens-help-use-term = Using a token
tokens-help-use = Send it in the header “Authorization: Bearer <token>” of requests to /api/…; it acts with your rights. It is shown only once, when created.
tokens-help-revoke = Revoking stops the token at once. Revoke tokens you no longer use, or that may have leaked.
more = More

## Runs, snapshots and client checks
run-started = The backup has started; its progress is shown below.
run-already = This job is already running or queued.
jobs-run-none = There is nothing to run: no active jobs were chosen.
jobs-run-started = { $count ->
    [one] 1 backup started. Its result will appear here when it finishes.
   *[other] { $count } backups started. Their results will appear here when they finish.
}
runs-title = Runs
runs-empty = This job has not run yet.
job-chart-title = History
job-chart-intro = { $count ->
    [one] The last finished run.
   *[other] The last { $count } finished runs, oldest first.
}
job-chart-size = Snapshot size
job-chart-new-bytes = New data
job-chart-duration = Duration
job-chart-files = Files
job-chart-empty = No runs yet: the charts appear after the first finished run.
job-chart-table = Figures of the last runs
job-chart-table-show = Show every figure as a table
runs-col-started = Started
runs-col-duration = Duration
runs-col-trigger = Started by
runs-col-levels = Levels
runs-col-result = Result
runs-col-files = Files
runs-col-job = Job
run-job-name = “{ $name }” of client “{ $client }”
runs-log = Log
run-title = Run { $id }
run-error = Problem
run-finished = Finished
run-files-detail = { $files } files, { $transferred } transferred
run-bytes-detail = { $total } in total, { $transferred } transferred
run-download-log = Download the log
run-log-title = Log
run-abort = Abort
run-abort-title = Abort this backup?
run-abort-body = rsync and the job's scripts are stopped at once. Nothing is published from an aborted run; the previous snapshots stay as they are.
run-state-queued = Queued
run-state-waiting = Waiting for the client
run-state-pre-job = Running the pre-job script
run-state-running = Copying
run-state-post-job = Running the post-job script
run-state-aborting = Aborting
run-state-finished = Finished
run-trigger-schedule = Schedule
run-trigger-manual = By hand
run-trigger-token = Trigger token
run-trigger-api = API
run-error-unreachable = The client could not be reached (network, name or port, or ssh is not running).
run-error-host-key-unverified = The client's host key has not been accepted yet: compare its fingerprint on the client page and accept it.
run-error-host-key-mismatch = The client's host key has changed since it was accepted. It may have been reinstalled, or someone may be impersonating it.
run-error-auth-refused = The client refused the server's ssh key: install it in the client's authorized_keys.
run-error-rsync-missing = rsync is not installed on the client.
run-error-rsync-partial = Some files could not be copied (permissions or read errors); see the log.
run-error-rsync-vanished-files = Some files disappeared while they were being copied.
run-error-rsync-killed = rsync was stopped before it finished.
run-error-rsync-failed = rsync failed; see the log.
run-error-primary-unreachable = The primary server did not answer (network, TLS or HTTP error); see the log.
run-error-primary-refused = The primary server refused the replication token: it was revoked or is wrong. Ask its administrator for a new access.
run-error-replica-mismatch = The copied snapshot did not match the primary's figures (files, bytes); it was not published and will be copied again.
run-error-storage-error = The server could not write the backup to its storage.
run-error-location-full = The backup location is full.
run-error-location-unavailable = The backup location is not available (not mounted or not writable).
run-error-pre-script-failed = The pre-job script failed, so the backup was not made.
run-error-pre-script-timeout = The pre-job script took too long and was stopped.
run-error-post-script-failed = The post-job script failed.
run-error-aborted = The run was aborted.
run-error-interrupted = The run was interrupted because the server stopped.
run-error-internal = The server failed internally; see the server log.
run-error-job-deleted = The job was deleted before the run could start.
run-error-client-deleted = The client was deleted before the run could start.
run-error-location-missing = The job's backup location no longer exists: choose another one in the job.
run-error-policy-missing = The job's policy no longer exists: choose another one in the job.
run-error-invalid-configuration = The job's settings do not make a valid rsync command (check the source path and the patterns).
run-error-rsync-not-started = rsync could not be started on the server.
run-error-post-script-timeout = The post-job script took too long and was stopped.
run-error-client-pre-script-failed = The client's pre script failed, so none of its queued jobs were run.
run-error-client-pre-script-timeout = The client's pre script took too long and was stopped; its queued jobs were not run.
run-error-client-post-script-failed = The client's post script failed.
run-error-client-post-script-timeout = The client's post script took too long and was stopped.
run-error-snapshot-missing = The snapshot to restore no longer exists (retention may have removed it).
run-error-restore-source-missing = The path to restore is not in the snapshot.
run-error-invalid-path = The path to restore is not valid.
run-error-restore-unsupported = This client cannot receive restores (rsync daemon clients cannot).
run-error-preview-timeout = Computing the changes took too long.
run-error-rsync-max-delete = rsync stopped deleting files at its limit; some deletions were not made.
run-error-rsync-partial-nothing-transferred = No file could be copied (permissions or read errors); see the log.
run-error-rsync-syntax = rsync rejected its command line (check the job's patterns and source path); see the log.
run-error-rsync-protocol-incompatible = The rsync on the client is too old or incompatible with the server's.
run-error-rsync-file-selection = The source path does not exist on the client, or the patterns select nothing.
run-error-rsync-unsupported = The client's rsync does not support an option the backup needs (for example ACLs or extended attributes).
run-error-rsync-start-failed = rsync could not start on the client.
run-error-rsync-socket-io = The connection to the client broke during the transfer.
run-error-rsync-protocol-stream = The data stream from the client broke (connection closed, or the client's login prints text).
run-error-rsync-interrupted = rsync was interrupted before it finished.
run-error-rsync-timeout = No data moved for too long: the client or the network stopped answering.
run-error-rsync-daemon-timeout = The client's rsync daemon did not answer in time.
run-error-daemon-auth-failed = The client's rsync daemon refused the login: check the daemon user and password in the client's settings.
run-error-remote-shell-failed = The remote shell on the client failed (rsync or the shell could not be run there).
snapshots-title = Snapshots
snapshots-empty = There are no snapshots of this job yet.
snapshots-col-time = Taken
snapshots-col-new = New data
snapshots-col-warnings = Warnings
client-host-title = Host key and connection
client-test = Test connection
client-testing = Testing…
client-test-ok = Connection works: the server logged in and found rsync.
client-test-ok-version = Connection works: the server logged in and found { $version }.
client-test-rsync-unfixed = This rsync is older than 3.4.0, the first upstream release with the fixes for the vulnerabilities published in January 2025 (CVE-2024-12084 to CVE-2024-12088). Distributions also fix older versions (Debian 12’s 3.2.7-1+deb12u2, for example): check the client’s security advisories, and update its rsync package if it is not fixed there.
client-test-failed = The connection does not work. { $reason }
client-host-accept = Accept this key
client-host-accept-title = Accept the client's host key?
client-host-accept-body = Make sure this is really your client: on the client, run the command below and check that it prints the same fingerprint. From now on, connections will refuse any other key.

## Status: the queue with live progress, and the clients' states
queue-title = Queue
queue-empty = Nothing is queued or running.
queue-col-client = Client
queue-col-state = State
queue-col-progress = Progress
queue-col-rate = Speed
queue-col-eta = Time left
queue-col-file = Current file
queue-col-elapsed = Running for
queue-rate = { $size }/s
queue-progress-files = { $done } of { $total } files, { $size }
queue-progress-bytes = { $size } copied
queue-progress-starting = Starting…
queue-abort-label = Abort the backup of { $client } / { $job }
queue-abort-which = { $client } / { $job }
live-on = Live: this page updates by itself.
live-off = Reconnecting… The lists will be refreshed when the connection is back.
client-states-title = Clients
client-states-empty = No client is busy.
client-states-col-runs = Unfinished runs
client-states-col-since = Since
client-state-idle = Idle
client-state-queued = Queued
client-state-pre-client = Running the client's pre script
client-state-running = Backing up
client-state-post-client = Running the client's post script
client-state-error = Failed
client-error-pre-script-failed = The client's pre script failed, so its jobs were not run.
client-error-pre-script-timeout = The client's pre script took too long and was stopped; its jobs were not run.
client-error-post-script-failed = The client's post script failed.

## Snapshot browser and restore
close = Close
snapshots-browse = Browse
browse-title = Snapshot { $snapshot }
browse-root-pending = Snapshot no. { $id }
browse-crumbs = Location in the snapshot
browse-download-here = This folder:
browse-restore-here = Restore this folder…
browse-search = Search names in this folder
browse-keys = Keys: ↑ ↓ choose a row, Enter opens a folder or downloads a file, Backspace goes up.
browse-truncated = The search stopped early: there are more matches than shown. Search in a smaller folder.
browse-no-hits = No names match the search.
browse-empty = This folder is empty.
browse-col-mtime = Modified
browse-col-mode = Permissions
browse-versions = Versions
browse-restore = Restore…
browse-download-tar-title = Download the folder as a .tar.gz archive
browse-download-zip-title = Download the folder as a .zip archive
entry-kind-file = File
entry-kind-dir = Folder
entry-kind-symlink = Symbolic link
entry-kind-fifo = Named pipe
entry-kind-socket = Socket
entry-kind-char-device = Character device
entry-kind-block-device = Block device
versions-title = Versions of { $name }
versions-unchanged = unchanged
versions-unchanged-title = The same file as in the older snapshot below
versions-this = this snapshot
restore-title = Restore { $name }
restore-everything = the whole snapshot
restore-client = Restore to client
restore-target = Folder on the client
restore-target-placeholder = The original location
restore-target-help = Leave empty to restore where it was backed up from (under { $source }).
restore-mode = How
restore-mode-new = Into a new folder restore-<time> inside it (nothing existing is touched)
restore-mode-overwrite = Overwrite the original
restore-overwrite-warning = Files on the client with the same names are replaced by the ones in the snapshot.
restore-delete = Delete files that are not in the backup
restore-delete-help = Files in the restored folder that the snapshot lacks are deleted from the client.
restore-preview = Preview changes
restore-preview-title = What would change
restore-destination = Destination:
restore-counts = { $creates } to create, { $overwrites } to overwrite, { $attributes } with other attributes, { $deletes } to delete.
restore-no-changes = Nothing would change.
restore-truncated = Only the first changes are listed.
restore-rewritten-permissions = This snapshot was taken with rewritten permissions: the restored files will not get their original permissions, and private files will be readable by everyone.
restore-change-create = Create
restore-change-overwrite = Overwrite
restore-change-attributes = Attributes
restore-change-delete = Delete
restore-submit = Restore
restore-queued = The restore into { $destination } has started.
restore-run-link = Follow it on its run page
restore-error-forbidden = You may not restore to this client.
run-kind = Restore
run-kind-restore = Restore
run-kind-replicate = Replication
run-kind-label = Kind
run-restore-detail = { $path } restored into { $destination }.
run-restore-snapshot = Open the snapshot

# The Logs page.
logs-col-time = Time
logs-col-level = Level
logs-col-source = Source
logs-col-what = What happened
logs-col-client = Client
logs-col-job = Job
logs-col-run = Run
logs-col-user = User
logs-all-levels = All levels
logs-level-warning-error = Warnings and errors
logs-all-sources = All sources
logs-all-clients = All clients
logs-all-jobs = All jobs
logs-from = From (day)
logs-to = To (day)
logs-live = Live
logs-export = Export CSV
logs-clear = Clear filters
logs-only-run = Only run #{ $id }
logs-only-user = Only user #{ $id }
logs-search = Search codes and details
logs-empty = There are no log records yet.
logs-no-match = No log records match these filters.
# $address is the network address a request came from.
log-from-address = From { $address }
log-level-info = Information
log-level-warning = Warning
log-level-error = Error
log-source-api = Web and API
log-source-run = Runs
log-source-scheduler = Scheduler
log-source-dispatcher = Dispatcher
log-source-audit = Audit
log-source-notification = Notifications
log-source-system = System
log-source-replication = Replication
log-code-run-queued = Run queued
log-code-run-state = Run changed state
log-code-run-finished = Run finished
log-code-run-abort = Abort requested
log-code-run-recovered = Interrupted run recovered
log-code-catch-up = Missed runs caught up
log-code-missed-skipped = Missed runs skipped
log-code-schedule-due = Scheduled runs queued
log-code-download = Download
log-code-restore-preview-failed = Restore preview failed
log-code-login = Signed in
log-code-login-failed = Failed sign-in
log-code-logout = Signed out
log-code-created = Created
log-code-updated = Changed
log-code-deleted = Deleted
log-code-run-aborted = Run aborted
log-code-restore-requested = Restore requested
log-code-token-created = Token created
log-code-token-revoked = Token revoked
log-code-password-changed = Password changed
log-code-settings-changed = Settings changed
log-code-host-key-accepted = Host key accepted
log-code-retention = Old records removed
log-code-notification-failed = Notification not delivered
log-code-job-late = Job late
log-code-job-on-time = Job on time again
log-code-trigger-token-created = Trigger token created
log-code-trigger-token-revoked = Trigger token revoked
log-code-key-regenerated = Client key pair regenerated
log-code-snapshot-pruned-before-copy = Snapshot pruned on the primary before it could be copied
log-code-catalog-dump-failed = The catalog dump could not be written into a location
log-code-catalog-dump-refused = A location holds another server's catalog dumps: left alone
log-code-replication-window-closed = Transfer window closed: the rest waits for the next replication
log-code-replication-synced = Replication source synchronised
log-code-replication-job-skipped = Job of the primary skipped by replication
log-code-replication-sync-failed = Replication source synchronisation failed
log-code-taken-over = Copied client taken over: now backed up by this server
log-kind-client = client
log-kind-job = job
log-kind-policy = policy
log-kind-script = script
log-kind-location = backup location
log-kind-user = user
log-kind-settings = settings
log-kind-token = token
log-kind-snapshot = snapshot
log-kind-run = run
log-kind-webhook = webhook
log-kind-replication-access = Replication access
log-kind-replication = Replication source

## Webhooks
nav-webhooks = Webhooks
notifications-webhooks-link = Send these notifications to ntfy, Gotify or any HTTP address as well: webhooks
webhooks-intro = Addresses that receive a JSON message when a backup fails, warns, succeeds or works again, and when a job is late or on time again.
webhooks-empty = There are no webhooks yet.
webhook-new = New webhook
webhook-new-title = New webhook
webhook-edit-title = Webhook “{ $name }”
webhook-name = Name
webhook-url = URL
webhook-url-hint = An http:// or https:// address, e.g. https://ntfy.example.org/backups
webhook-events = Events
webhook-event-help-run-failed = Sent when a backup or restore fails or is aborted.
webhook-event-help-run-warning = Sent when a backup ends with warnings (some files could not be copied).
webhook-event-help-run-ok = Sent after every successful backup.
webhook-event-help-run-recovered = Sent when a job succeeds again after a failure.
webhook-event-help-job-late = Sent when a job has no successful backup past its expected run and the grace time.
webhook-event-help-job-on-time = Sent when a late job has a successful backup again.
webhook-secret = Secret
webhook-secret-set = Secret set
webhook-secret-stored = A secret is stored. Leave this empty to keep it.
webhook-secret-unset = No secret is stored: the messages are not signed.
webhook-secret-forget = Remove the stored secret
webhook-active-label = Active (send it the events it wants)
webhook-enabled = Active
webhook-help-intro = A webhook receives an HTTP POST for every event it wants, tried again later when it fails.
webhook-help-url = Where the messages are posted. Any HTTP endpoint that accepts a POST works.
webhook-help-events = The events that send a message to this address. Each job's notification setting decides which of its runs notify at all.
webhook-help-body-term = Message body
webhook-help-body = A JSON object (Content-Type: application/json) with "event" (run_failed, run_warning, run_ok, run_recovered, job_late, job_on_time, or test), and when they apply "client", "job", "run_id", "kind", "result", "error_code", "started_at", "finished_at", "files", "bytes", "new_bytes", "url", "job_id" and "late_since".
webhook-help-secret = With a secret, every message carries the header X-ElkarBackup-Signature: sha256=<hex>, the HMAC-SHA256 of the exact body with the secret as key. Check it on the receiving side to know the message is ours. The secret is never shown again after saving.
webhook-help-services-term = ntfy, Gotify and others
webhook-help-services = ntfy: use the topic's address, e.g. https://ntfy.example.org/backups. Gotify: https://gotify.example.org/message?token=<application token>. Any other HTTP endpoint that accepts a JSON POST works too.
webhook-help-test = Posts a test message (event "test") to the saved address with the saved secret and shows what the server answered. Save your changes first.
webhook-test-title = Test
webhook-test-hint = Uses the saved address and secret: save your changes first.
webhook-test-send = Send a test
webhook-test-sending = Sending…
webhook-test-sent = The webhook accepted the message: { $reply }
webhook-test-failed = The message was not delivered: { $error }
delete-webhook-title = Delete webhook “{ $name }”?
delete-webhook-body = The webhook stops receiving messages, and its messages are removed from the notification history.

## Replication
nav-replications = Replication sources
nav-replication-accesses = Replication accesses
open = Open
copy-of = copy of { $primary }
copy-read-only = Copied from { $primary }: it cannot be changed or run here. Its snapshots can be browsed, downloaded and restored.
copy-source-link = Replication source “{ $name }”
copy-no-run = A copy is not backed up here: the replication copies it from its primary.
take-over = Take over
take-over-title = Take over this client?
take-over-body = The client becomes a normal client of this server: backups continue here, linked to the history copied so far, and the replication stops copying it.
take-over-keys = Then install this server's public key (shown on this page afterwards, with a copy button) in the client's authorized_keys, and accept the client's host key with “Test connection”.
take-over-warning = Do this only when the primary is lost or retired. Otherwise both servers will back up the client.
take-over-done = Taken over. Install the key below on the client, then test the connection and accept its host key.
replication-accesses-intro = The replicas allowed to copy this server's backups: each has a read-only token for the catalog and an ssh key that can only read the backups.
replication-access-new = New replication access
replication-accesses-empty = No replica may copy this server yet.
replication-access-used = Use
replication-access-anywhere = any address
replication-access-never-used = Never used
replication-access-from-label = From
replication-access-revoked-at = Revoked { $when }
replication-access-created = Created { $when }
replication-access-revoke = Revoke
replication-access-revoke-title = Revoke the access of “{ $name }”?
replication-access-revoke-body = The token and the ssh key stop working at once: the replica stops copying from this server. It keeps every snapshot it has already copied.
replication-access-revoked = The access was revoked.
replication-access-name-hint = A name for the replica, e.g. backup2.example.org.
replication-access-key = Replica's public key
replication-access-key-hint = Paste the key shown on the replica's source page (ssh-ed25519 AAAA… or ssh-rsa AAAA…).
replication-access-from = From address
replication-access-from-hint = Optional: only from this address or network, e.g. 192.0.2.7 or 192.0.2.0/24. Empty: from anywhere.
replication-access-create = Create access
replication-access-created-note = The access was created. Give the replica's administrator the token and the ssh endpoint below.
replication-access-ssh-title = For the replica
replication-access-endpoint = SSH endpoint (user@host:port)
replication-access-endpoint-hint = The replica's source form asks for this host, port and user.
replication-access-line = Installed authorized_keys line
replication-access-line-hint = The server wrote this line into the authorized_keys file it manages: the key can only read the backups, through rrsync.
replication-access-help-intro = A replica pulls the backups of this server: it asks for the catalog with the token and copies snapshots with rsync over ssh. This server never holds a credential for the replica.
replication-access-help-key = The replica shows its public key on its replication source page. It is installed with restrict and command="rrsync -ro …": read only, no shell, no forwarding.
replication-access-help-from = sshd then accepts the key only from this address or network.
replication-access-help-paste-term = What to paste on the replica
replication-access-help-paste = In the replica's source form: this server's address as URL, the token (shown once), and the ssh host, port and user of the endpoint.
replication-access-help-sshd-term = Setting up sshd
replication-access-help-sshd = sshd must read the managed file for the service user, e.g. “Match User elkarbackup” with “AuthorizedKeysFile” pointing at the authorized_keys file the server manages under its data directory. rrsync comes with Debian's rsync package (/usr/bin/rrsync).
replication-access-help-revoke = Revoking stops the token and the key at once; the replica keeps what it has copied.
replications-intro = The primaries this server copies: it pulls their snapshots over ssh and keeps its own history of them.
replication-new = New replication source
replications-empty = This server copies no other server yet.
replication-last-sync = Last sync
replication-access-last-used = Last used: { $when }
replication-last-sync-at = Last sync: { $when }
replication-error-host-key-pending = The primary’s host key waits to be accepted.
replication-error-host-key-mismatch = The primary’s host key has changed: it does not match the accepted one.
replication-last-error-label = Last error:
replication-never-synced = Never synced
replication-clients-count = { $count ->
    [one] one copied client
   *[other] { $count } copied clients
}
replication-edit-title = Replication source “{ $name }”
replication-key-title = This replica
replication-public-key = Public key of this replica for this source
replication-public-key-hint = Give this to the primary's administrator (Replication accesses → New).
replication-copied-clients = Copied clients
replication-no-clients = No client copied yet.
replication-key-badge-unknown = Host key not seen yet
replication-key-badge-pending = Host key to accept
replication-key-badge-accepted = Host key accepted
replication-host-key-label = Host key of the primary:
replication-host-key-unknown-hint = Press “Replicate now” to see it, then accept it here.
replication-host-accept-title = Accept the primary's host key?
replication-host-accept-body = Make sure this is really the primary: on it, run the command below and check that it prints the same fingerprint. From now on, connections will refuse any other key.
replication-run = Replicate now
replication-run-queued = { $runs ->
    [one] One run queued
   *[other] { $runs } runs queued
} for { $clients ->
    [one] one copied client.
   *[other] { $clients } copied clients.
}
replication-run-status-link = See them on the Status page
replication-delete-title = Delete the replication source “{ $name }”?
replication-delete-body = This server stops copying from the primary. The copied clients and their snapshots are kept: take them over or delete them one by one.
replication-choose = (choose)
replication-token-stored = A token is stored. Leave this empty to keep it.
replication-token-unset = Paste the token the primary showed when its access was created.
replication-group-primary = Primary
replication-name-hint = Shown as “copy of <name>” on the copied clients.
replication-url = Primary URL
replication-token = Token
replication-group-ssh = SSH
replication-ssh-host = Host
replication-ssh-port = Port
replication-ssh-user = User
replication-group-what = What
replication-all-clients = All the primary's clients
replication-client-ids = Primary client ids
replication-client-ids-hint = The ids of the clients on the primary, separated by commas.
replication-group-when = When
replication-policy = Policy
replication-policy-hint = Replication runs at its times, and with “own policy” retention its levels decide what is kept.
replication-interval = Every (minutes)
replication-interval-hint = From 5 to 10080. Empty: at the policy's times.
replication-window-start = Copy from
replication-window-end = Copy until
replication-window-hint = Optional: copy only between these local times (both or neither); e.g. 22:00 to 06:00.
replication-group-bandwidth = Bandwidth
replication-bwlimit = Limit (KiB/s)
replication-bwlimit-hint = Empty: no limit.
replication-active = Active (copy at the times above)
replication-locations = Locations
replication-locations-hint = Each backup location of the primary (by its id there) and the local location its snapshots go to.
replication-map-primary = Primary location id (row { $n })
replication-map-local = Local location (row { $n })
replication-map-remove = Remove
replication-map-add = Add a location
replication-group-retention = Retention
replication-retention-mirror = Mirror the primary
replication-retention-mirror-help = Keeps what the primary keeps. A snapshot the primary no longer has is deleted here only if “Delete vanished snapshots” is on, after the grace days.
replication-retention-policy = Own policy
replication-retention-policy-help = The levels and keeps of the policy above, counted here: this server can keep a longer history than the primary.
replication-min-age = Minimum age (days)
replication-min-age-hint = No copied snapshot younger than this is ever deleted, whatever the mode: a flood of new snapshots cannot push the history out.
replication-delete-vanished = Delete vanished snapshots
replication-delete-vanished-warning = Warning: this deletes data from this replica when it disappears from the primary. If the primary is compromised, its deletions then reach here too. Off by default.
replication-grace = Grace (days)
replication-max-deletions = Maximum deletions per run
replication-max-deletions-hint = A run never deletes more snapshots than this.
replication-help-intro = The replica pulls: it reads the primary's catalog with a read-only token and copies the snapshots over ssh, oldest first. The primary never holds a credential for the replica.
replication-help-safety-term = Why it is safe
replication-help-safety = Ransomware or an intruder on the primary cannot reach the replica, so it cannot delete the replica's history. Keep “Delete vanished snapshots” off to keep that protection.
replication-help-token = Shown once by the primary when its administrator creates the replication access. It is stored here and never shown again.
replication-help-ssh = The endpoint the primary's access shows (user@host:port). Its host key is recorded on the first connection and must be accepted here.
replication-help-locations = Which local location receives the snapshots of each primary location. The primary's location ids are shown in its catalog.
replication-help-when = The policy's times, or every so many minutes; the window limits the copying to some hours, e.g. the night.
replication-help-bwlimit = rsync's --bwlimit, in KiB per second.
replication-help-vanished = Off: snapshots the primary deleted are kept here until this server's own retention removes them. On: they are deleted after the grace days, at most the maximum per run.

## Charts (components/chart): tooltips, the table view, gauges

# A point's tooltip: its date (or run number) and its value.
chart-point = { $x }: { $value }
# What a screen reader hears for a chart.
chart-summary = { $label }: { $count ->
    [one] one value
   *[other] { $count } values
}, the latest { $last } ({ $when })
chart-summary-empty = { $label }: no data yet
chart-no-data = No data yet
chart-table-show = Show as a table
chart-col-date = Date
chart-col-value = Value
chart-col-result = Result
chart-gauge = { $used } used of { $total } ({ $percent }%)
chart-gauge-unknown = { $used } used, total unknown

## Dashboard (pages/dashboard): job health, running and next runs, storage

nav-dashboard = Dashboard
dashboard-title = Dashboard
dashboard-board-title = Job health
dashboard-counts = Jobs by state
dashboard-total = { $count ->
    [one] One job in all
   *[other] { $count } jobs in all
}
health-ok = OK
health-warning = Warnings
health-failed = Failed
health-late = Late
health-running = Running
health-never-ran = Never ran
health-inactive = Inactive
# $when is a relative time: "5 minutes ago".
dashboard-last-success = Last success { $when }
dashboard-never-succeeded = No successful backup yet
# $when is a date and time.
dashboard-late-since = Late since { $when }
# Read out for a tile's strip of runs.
dashboard-strip = Last { $days } days: { $count ->
    [one] one run
   *[other] { $count } runs
}, { $failed } failed
dashboard-empty = There are no jobs yet.
dashboard-empty-add = Add a client
dashboard-filter-empty = No job is in this state.
dashboard-filter-clear = Show all jobs
dashboard-running-title = Running now
dashboard-running-empty = Nothing is running.
dashboard-waiting = { $count ->
    [one] One more run is waiting in the queue.
   *[other] { $count } more runs are waiting in the queue.
}
dashboard-queue-link = See the queue
dashboard-next-title = Next scheduled runs
dashboard-next-empty = No run is scheduled.
dashboard-storage-title = Storage
dashboard-storage-empty = There is no backup location yet.
dashboard-location-offline = The location cannot be reached: its figures are not known.
dashboard-space = Space
dashboard-inodes = Inodes
dashboard-used-chart = Used space of { $location }
dashboard-total-line = Total: { $size }
# $date is a date: "December 6, 2026".
dashboard-forecast-full = Full around { $date }
dashboard-forecast-growth = growing { $size } a day
dashboard-forecast-not-growing = Not growing
dashboard-forecast-not-enough = Not enough data yet ({ $days ->
    [one] one day
   *[other] { $days } days
} of samples, { $needed } needed)

## Sessions
nav-sessions = Sessions
sessions-intro = Every browser signed in as you. End the sessions you do not recognise: they are signed out at once. Changing your password ends all of them but this one.
sessions-list-title = Signed-in browsers
sessions-col-browser = Browser
sessions-col-address = Address
sessions-col-created = Signed in
sessions-col-last-used = Last used
sessions-col-actions = Actions
sessions-current = This browser
sessions-unknown-browser = Unknown browser
sessions-end = End session
sessions-end-confirm = Sign this browser out?
sessions-end-yes = Yes, end it
sessions-ended = The session has ended: that browser must sign in again.
sessions-help-end = Signs that browser out at once; its next request is refused. Use it for a lost or shared computer. To sign this browser out, use “Log out”.
sessions-help-password-term = Password changes
sessions-help-password = Changing your password ends every other session. API tokens are not sessions: revoke them on the API tokens page. An administrator can also end all your sessions.
log-code-session-ended = Session ended
log-code-sessions-ended = All sessions of a user ended
users-end-sessions = Sign out everywhere
users-end-sessions-confirm = End every session of this user? They must sign in again in every browser; their API tokens keep working.
users-end-sessions-yes = Yes, sign them out
users-sessions-ended = Every session of the user has ended.

## Two-factor sign-in
nav-two-factor = Two-factor sign-in
login-code = Code
login-code-help = The 6 digits your authenticator app shows now, or one of your recovery codes.
login-code-needed = This account signs in with a second factor: enter the code from your authenticator app.
login-code-wrong = Wrong code, or one already used. Enter the code the app shows now, or a recovery code.
totp-intro = With two-factor sign-in, your password alone is not enough: signing in also asks for a code from an app on your phone, which changes every 30 seconds.
totp-held = Administrators must sign in with a second factor on this server. Set it up to go on.
totp-setup-title = Set up
totp-off = Two-factor sign-in is off.
totp-password-help = Your password, so that nobody else can tie your account to their phone from a browser you left open.
totp-setup-start = Start
totp-step-scan = Scan the QR code with an authenticator app (for example FreeOTP, Aegis, Google Authenticator or Microsoft Authenticator), or type the secret into it.
totp-step-code = Enter the code the app shows, to check that it works. Two-factor sign-in is on from then.
totp-qr-alt = QR code for your authenticator app
totp-secret-label = Secret, to type in by hand
totp-confirm = Turn on
totp-on-title = Two-factor sign-in is on
totp-on-since = On since { $since }.
totp-codes-left = Unused recovery codes: { $count }.
totp-required-note = Administrators must keep two-factor sign-in: the settings require it.
totp-recovery-title = Recovery codes
totp-codes-warning = Save these codes somewhere safe now (print them, or keep them in a password manager): they are not shown again. Each one signs you in once if you lose your phone.
totp-codes-done = I have saved them
totp-renew-title = New recovery codes
totp-renew-text = Makes 10 new recovery codes; the old ones stop working. Enter a code from your app (or a recovery code).
totp-renew = Make new codes
totp-disable-title = Turn off
totp-disable-text = Signing in will ask for your password only. Enter your password and a code.
totp-disable = Turn off two-factor sign-in
totp-help-app-term = Authenticator app
totp-help-app = Any app for time-based one-time codes (RFC 6238) works; the phone needs no network connection to show the codes. Keep the phone's clock right.
totp-help-recovery = Ten codes that each sign you in once instead of a code from the app. Keep them apart from the phone. When few are left, make new ones.
totp-help-lost-term = Lost phone
totp-help-lost = Sign in with a recovery code and set up the new phone. Without recovery codes, ask an administrator to reset your two-factor sign-in on your user's page.
tokens-code-help = Your account signs in with a second factor: a token outlives your session, so making one needs a code from the app now.
settings-admins-two-factor = Administrators must use two-factor sign-in
settings-admins-two-factor-hint = Administrators without it are asked to set it up before they can do anything else. Turn yours on first.
settings-help-admins-two-factor = An administrator can reach every client's backups and keys: a stolen password should not be enough. Administrators who have not set it up are taken to its page at their next request; they cannot turn it off while this is on. API tokens keep working.
users-two-factor-reset = Reset two-factor sign-in
users-two-factor-reset-confirm = Remove this user's second factor and recovery codes? They will sign in with their password alone until they set up a new one.
users-two-factor-reset-yes = Yes, reset it
users-two-factor-reset-done = Two-factor sign-in reset: the user signs in with their password alone until they set it up again.
log-code-second-factor-failed = Wrong second-factor code at sign-in
log-code-totp-enabled = Two-factor sign-in turned on
log-code-totp-disabled = Two-factor sign-in turned off
log-code-totp-reset = Two-factor sign-in reset by an administrator
log-code-recovery-codes-renewed = New recovery codes made
log-code-restore-key-regenerated = Client restore key regenerated
users-col-two-factor = Two-factor
users-two-factor-on = On
users-two-factor-off = Off

## Accessibility statement
about-accessibility-link = Accessibility statement
a11y-title = Accessibility statement
a11y-intro = ElkarBackup wants this web app to be usable by everyone, as public bodies require (WCAG 2.1 level AA, the European standard EN 301 549, and in Spain Real Decreto 1112/2018). This statement describes this version of the software.
a11y-status-title = Conformance status
a11y-status = Partially conformant with WCAG 2.1 level AA: the parts not yet verified are listed below.
a11y-checked-title = How it is checked
a11y-checked = Every version is tested with the axe-core rules for WCAG 2.1 A and AA in a real browser: every page, in Basque, Spanish and English, on a desktop screen and on a phone-sized one. A serious or critical problem stops the release.
a11y-features = The app can be used with a keyboard (with a visible focus ring and a "skip to content" link); every page has landmarks and a title that names it; form errors are tied to their fields; state badges carry text as well as colour; and every chart has a table with the same figures.
a11y-exceptions-title = Known exceptions
a11y-exception-dialogs = Dialogs (confirmations, the restore preview, accepting a host key) are not yet part of the automated audit.
a11y-exception-keyboard = The whole journeys (adding a client and a job, running it, browsing and restoring) have not yet been tested from start to end with the keyboard alone.
a11y-exception-reflow = Reflow at 320 pixels wide and 200% zoom has not yet been verified on every page.
a11y-contact-title = Feedback and contact
a11y-contact = If something in this app is hard or impossible for you to use, tell the administrators of this server, who run it for your organisation: they can help you and pass the problem on to the ElkarBackup developers. An organisation that uses ElkarBackup names, in its own statement, the contact and the complaints procedure that apply to it.

nav-guides = Guides
guides-title = Guides
guides-intro = How to prepare the machines to back up, and how to do the common tasks. Commands are shown as they are run; each guide's commands are tested against a real machine.
guides-back = All guides
guides-from-client = How to prepare a client: guides
guide-command-label = Command
guide-linux-title = Linux client
guide-linux-summary = Prepare a Linux machine to be backed up over ssh, with a key that may only read.
guide-linux-intro = ElkarBackup reads a Linux machine over ssh with rsync, as root, through a key that may only read: rrsync, which comes with rsync, confines it. Nothing else is installed on the client.
guide-linux-step-packages = 1. On the client, as root, install rsync and the ssh server (Debian and Ubuntu; other systems have packages of the same names):
guide-linux-step-check = 2. Check that rsync is 3.4.0 or later (or your distribution's fixed build) and that rrsync is there. Both lines must print:
guide-linux-step-key = 3. In ElkarBackup, add the client: kind ssh, user root, the machine's name or address. Once saved, its page shows the backup key and the command that installs it. Run that command on the client as root; it looks like this:
guide-linux-key-placeholder = <the backup key line>
guide-linux-step-verify = 4. On the client, check the installed line: this prints 1.
guide-linux-step-test = 5. On the client's page, press Test connection. Compare the host key's fingerprint with the client's own (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on the client) and accept it. Then add the client's jobs.
guide-linux-restore = Restores to this machine need its restore key too, installed the same way; that key may only write. Without it nothing can ever be written to the client.
guide-linux-root = Why root: only root can read every file with its owner, permissions, ACLs and extended attributes. The restricted key cannot run a shell or write anything, so it gives the server no more than reading.
guide-nas-title = NAS or rsync daemon
guide-nas-summary = Back up a NAS, or any machine running an rsync daemon, without ssh.
guide-nas-intro = A NAS, or any machine running rsync as a daemon, is read through one of the daemon's modules. Nothing is installed on it.
guide-nas-step-module = 1. Add a read-only module to the daemon's configuration (/etc/rsyncd.conf, or the rsync settings of your NAS). Replace {"{"}path{"}"} by the directory to back up and {"{"}server{"}"} by this server's address: "hosts allow" keeps other machines out, and "auth users" asks for a login.
guide-nas-step-secret = 2. Give the login a password, in a file only root may read, then restart the daemon (systemctl restart rsync on Debian):
guide-nas-step-client = 3. In ElkarBackup, add the client: kind rsync daemon, the NAS's address, daemon user elkarbackup and the password. The password is kept on the server and never shown again. A job's path starts with the module: backup/ or backup/photos/.
guide-nas-step-test = 4. Test connection lists the daemon's modules and logs in to each module the client's jobs read.
guide-nas-note = An rsync daemon sends the data unencrypted: use it on a trusted network only, or use ssh.
guide-databases-title = Databases
guide-databases-summary = Back up MySQL, MariaDB and PostgreSQL with a dump made before each backup.
guide-databases-intro = A database's files change while it runs, so a copy of them may not open. Back up a dump instead: the script library makes one before each backup.
guide-databases-step-key = 1. Set the client's key mode to plain and install its line: the dump runs on the client over ssh, which the restricted keys refuse.
guide-databases-step-job = 2. Add a job for a directory of dumps on the client, for example /var/backups/mysql/ or /var/backups/postgresql/.
guide-databases-step-script = 3. On the Scripts page, add mysql-dump or postgresql-dump from the library, and choose it as the job's pre script. Each backup then dumps into that directory first, then copies it. A failed dump stops the backup and keeps the last good one.
guide-databases-step-login = 4. MySQL and MariaDB: as root on Debian, the dump logs in through the server's socket; otherwise, put the login in the ssh user's ~/.my.cnf ([client], user=, password=). PostgreSQL: as root it dumps as the postgres user.
guide-databases-restore = To restore, download the dump from a snapshot, then load it: mariadb < all-databases.sql, or pg_restore -d name name.dump (one database or one table).
guide-windows-title = Windows client
guide-windows-summary = Back up a Windows machine over ssh with the built-in OpenSSH server and an rsync for Windows.
guide-windows-intro = Windows 10, 11 and Server 2019 or later include an OpenSSH server. With an rsync build for Windows beside it, ElkarBackup backs the machine up like any other ssh client.
guide-windows-step-ssh = 1. In PowerShell, as an administrator, install and start the ssh server:
guide-windows-step-rsync = 2. Install rsync: cwRsync (put its bin folder in the system PATH) or MSYS2's rsync (pacman -S rsync, then add C:\msys64\usr\bin to the system PATH). In a new ssh session, rsync --version must answer.
guide-windows-step-key = 3. In ElkarBackup, add the client: kind ssh, the Windows user, key mode plain (rrsync does not run on Windows). For an administrator, Windows' ssh server reads the keys of C:\ProgramData\ssh\administrators_authorized_keys, not the user's own file: add the backup key line there, and let only Administrators and SYSTEM read it:
guide-windows-key-placeholder = <the backup key line>
guide-windows-step-paths = 4. Paths: cwRsync sees C:\Users as /cygdrive/c/Users/, MSYS2 as /c/Users/. Give jobs their paths that way.
guide-windows-step-vss = 5. Open files (Outlook, databases) copy best from a shadow copy: add windows-vss from the script library as the client's pre and post script, and point the jobs below /cygdrive/c/elkarbackup-vss/ (or /c/elkarbackup-vss/).
guide-windows-permissions = Windows permissions (ACLs) are not POSIX permissions: rsync sees an approximation. A restore puts back the files' contents and times; their permissions come from the folder they are restored into.
guide-restore-title = Restoring
guide-restore-summary = Browse, download and restore files, folders or a whole server.
guide-restore-intro = Every snapshot is a complete copy: nothing has to be unpacked to read it.
guide-restore-browse = Browse: on a job's page, the snapshots are listed by date; open one to walk its folders. Versions shows every kept copy of a file, with its date and size.
guide-restore-download = Download: a file comes as it is; a folder comes as an archive.
guide-restore-restore = Restore: puts a file or a folder back on a client, with its owners, permissions, ACLs and extended attributes. Choose the client (the same one or another), the folder, and how: into a new folder restore-<time> (nothing existing is touched) or over the original, optionally deleting the files the snapshot lacks. Preview changes lists what would change before anything is written.
guide-restore-key = A restore to a client needs the client's restore key installed there. That key may only write, and only below the client's key root.
guide-restore-server = A whole server: install its system again with rsync and the ssh server, install its restore key, and restore each job's newest snapshot to its place, over the original. Then reinstall the boot loader and restart.
guide-policies-title = Policies and retention
guide-policies-summary = When jobs run and which snapshots are kept.
guide-policies-intro = A policy says when its jobs run and how many snapshots they keep. Several jobs can share one policy.
guide-policies-levels = Levels: during the day, daily, weekly, monthly and yearly. Each level that is on has its time (and day) and the number of snapshots it keeps.
guide-policies-tags = A run can belong to several levels at once. A snapshot stays as long as one of its levels keeps it. After each backup, retention moves to the trash what no level keeps any more; the newest snapshot is never removed.
guide-policies-keeps = The editor says what the levels keep together ("Keeps the last …"): for example 7 daily, 4 weekly and 12 monthly snapshots cover about a year with 23 snapshots.
guide-policies-cost = Files that did not change are hard links to the previous snapshot: a snapshot takes only the space of what changed.
guide-policies-patterns = The policy's include and exclude patterns apply to all its jobs, except jobs that have their own.
guide-macos-title = macOS client
guide-macos-summary = Back up a Mac over ssh: Remote Login, Full Disk Access and a current rsync.
guide-macos-intro = A Mac has an ssh server (Remote Login) but an rsync that is too old (2.6.9) or, from macOS 15, openrsync, which lacks options the backups use. Add a current rsync and let ssh read every folder.
guide-macos-step-ssh = 1. In System Settings, General, Sharing, turn Remote Login on, and in its details turn on "Allow full disk access for remote users". Without it macOS hides Desktop, Documents, Mail and other folders from ssh, and the backup fails on them with "Operation not permitted".
guide-macos-step-rsync = 2. In Terminal, install rsync with Homebrew and check it (the second line must print version 3.4.0 or later):
guide-macos-step-client = 3. In ElkarBackup, add the client: kind ssh, an administrator user of the Mac, key mode plain. Under Advanced, add this rsync option (on an Intel Mac the path is /usr/local/bin/rsync), then install the key line with the command the client page shows, in Terminal as that user:
guide-macos-step-root = 4. That user reads only what its rights allow. To back up every user's files, let it run rsync as root without a password (a line "user ALL=(root) NOPASSWD: /opt/homebrew/bin/rsync" in /etc/sudoers.d/elkarbackup, edited with sudo visudo -f) and use --rsync-path=sudo /opt/homebrew/bin/rsync instead.
guide-macos-step-test = 5. On the client's page, press Test connection and accept the host key after comparing its fingerprint with the Mac's (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub).
