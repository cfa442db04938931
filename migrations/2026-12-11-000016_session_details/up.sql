-- What a user sees of each of their sessions, to recognise and end the ones they do not
-- know: when it was last used, from which address, and which browser.
ALTER TABLE sessions
    ADD COLUMN last_used_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD COLUMN address TEXT,
    ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
