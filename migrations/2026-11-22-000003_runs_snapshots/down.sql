DROP TABLE snapshots;
DROP TABLE runs;
