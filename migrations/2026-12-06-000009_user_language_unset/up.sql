-- A user's language is not chosen until they choose one. While it is NULL the web app keeps
-- the language its login page showed (the browser's, or the one switched to there).
ALTER TABLE users ALTER COLUMN language DROP DEFAULT;
ALTER TABLE users ALTER COLUMN language DROP NOT NULL;
UPDATE users SET language = NULL;

-- The four seeded policies carry a key; while it is set the API shows their name and
-- description in the caller's language. Any edit clears it and keeps the admin's text.
ALTER TABLE policies ADD COLUMN preset TEXT UNIQUE
    CHECK (preset IN ('default', 'weekdays_three_times', 'daily', 'weekdays_long_term'));
UPDATE policies SET preset = p.preset
  FROM (VALUES
    ('default', 'Default policy'),
    ('weekdays_three_times', 'Three times a day, monday to friday'),
    ('daily', 'At 21:00, 7 days a week'),
    ('weekdays_long_term', 'At 21:00, monday to friday, long time storage')
  ) AS p (preset, name)
 WHERE policies.name = p.name AND policies.updated_at = policies.created_at;
