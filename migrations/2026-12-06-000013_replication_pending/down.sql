ALTER TABLE jobs DROP COLUMN replication_pending;
