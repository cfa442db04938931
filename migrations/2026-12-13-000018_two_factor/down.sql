ALTER TABLE settings DROP COLUMN admins_need_two_factor;
DROP TABLE recovery_codes;
ALTER TABLE users
    DROP CONSTRAINT users_totp_since_with_secret,
    DROP COLUMN totp_last_step,
    DROP COLUMN totp_since,
    DROP COLUMN totp_pending,
    DROP COLUMN totp_secret;
