-- Exact copies by default (issue 11, part 1).
-- New jobs keep every permission: `use_local_permissions` (rsync's
-- `--chmod=Fug=rwX,Dug=rwx,Fo=r,Do=rx`) now defaults to false. Existing jobs keep their
-- value: a silent change of what a backup stores would be a surprise too.
ALTER TABLE jobs ALTER COLUMN use_local_permissions SET DEFAULT FALSE;

-- Whether a snapshot was taken with rewritten permissions (its modes are not the
-- client's), so a restore of it can warn.
ALTER TABLE snapshots ADD COLUMN rewritten_permissions BOOLEAN NOT NULL DEFAULT FALSE;

-- Backfill: the database never recorded the option per snapshot, so the best knowledge
-- is the job's current setting (a job whose option was switched after a snapshot was
-- taken may be wrong here; snapshot.json written from now on carries the exact value).
UPDATE snapshots s SET rewritten_permissions = TRUE
    FROM jobs j WHERE j.id = s.job_id AND j.use_local_permissions;
