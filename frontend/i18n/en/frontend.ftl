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

## Placeholders and errors pages

not-available-title = This page is not available yet
not-available-body = This part of ElkarBackup is still being built. Use the menu to go to another page.
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
password-help = At least 8 characters.
password-mismatch = The two new passwords do not match.
password-wrong-current = The current password is not correct.
password-too-short = The new password must have at least 8 characters.
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

## API error codes (error-<code>)

error-bad-request = The request could not be understood. Reload the page and try again.
error-validation-failed = Some fields are not valid. Check the messages next to them.
error-unauthorized = Your session has ended. Sign in again.
error-invalid-credentials = Wrong username or password.
error-csrf-header-missing = The request was refused for security reasons. Reload the page and try again.
error-forbidden = You are not allowed to do this.
error-not-found = It does not exist, or it has been deleted.
error-conflict = This conflicts with existing data (for example, the name is already in use).
error-rate-limited = Too many attempts. Wait a few minutes and try again.
error-method-not-allowed = This operation is not supported.
error-internal = Something went wrong on the server. Try again; if it keeps happening, ask your administrator to check the server log.
error-database-unavailable = The server cannot reach its database right now. Try again in a few minutes.
error-unknown = Something went wrong. Try again.
error-network = The server cannot be reached. Check your connection and try again.

## Problems with one field

field-error-required = This field is required.
field-error-too-short = This is too short.
field-error-too-long = This is too long.
field-error-out-of-range = This value is out of the allowed range.
field-error-taken = This name is already in use.
field-error-invalid = This value is not valid.
