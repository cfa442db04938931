-- The process group of a run's rsync or script, so that a restarted server can stop
-- what a crashed one left running.
ALTER TABLE runs ADD COLUMN pgid INTEGER;
