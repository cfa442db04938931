-- Two-factor sign-in with time-based one-time codes (RFC 6238).
--   totp_secret      the authenticator's secret (base32) once enrolment is confirmed;
--   totp_pending     a secret being enrolled, until the user confirms it with a code
--                    (the one in use, if any, stays in force until then);
--   totp_since       when two-factor sign-in was turned on;
--   totp_last_step   the last time step whose code was accepted: a code is taken once.
ALTER TABLE users
    ADD COLUMN totp_secret TEXT,
    ADD COLUMN totp_pending TEXT,
    ADD COLUMN totp_since TIMESTAMPTZ,
    ADD COLUMN totp_last_step BIGINT,
    ADD CONSTRAINT users_totp_since_with_secret CHECK ((totp_secret IS NULL) = (totp_since IS NULL));

-- Single-use recovery codes, stored hashed (each holds 80 random bits).
CREATE TABLE recovery_codes (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at TIMESTAMPTZ,
    UNIQUE (user_id, code_hash)
);

-- Administrators must sign in with a second factor (those without one are asked to set
-- it up before anything else).
ALTER TABLE settings ADD COLUMN admins_need_two_factor BOOLEAN NOT NULL DEFAULT false;
