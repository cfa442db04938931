# API error messages (English).
error-bad-request = The request could not be understood. Check its format and content type.
error-validation-failed = Some fields are not valid.
error-unauthorized = You need to sign in.
error-invalid-credentials = Wrong username or password.
error-csrf-header-missing = This request is missing its security header. Reload the page and try again.
error-forbidden = You are not allowed to do this.
error-not-found = Not found.
error-conflict = This conflicts with existing data.
error-rate-limited = Too many attempts. Wait a few minutes and try again.
error-method-not-allowed = This method is not allowed here.
error-internal = Something went wrong on the server. The details are in the server log.
error-database-unavailable = The database is not available right now.

validation-required = This field is required.
validation-too-short = Must be at least { $min } characters long.
validation-too-long = Must be at most { $max } characters long.
validation-out-of-range = Must be between { $min } and { $max }.
validation-invalid = This value is not valid.
validation-not-allowed = This option is not allowed.
validation-duplicate = This name is already in use.
validation-not-found = The selected item does not exist.
validation-time-format = Use the 24-hour format HH:MM, for example 21:00.
validation-directory-missing = The directory does not exist on the server.
validation-directory-not-writable = The server cannot write in this directory.
validation-mismatch = The values do not match.
