DROP TABLE notifications;
DROP TABLE webhooks;
ALTER TABLE scheduler_state DROP COLUMN digest_on, DROP COLUMN retention_on;
ALTER TABLE settings DROP COLUMN metrics_allowed_addresses, DROP COLUMN digest_time,
    DROP COLUMN audit_retention_days, DROP COLUMN default_language;
ALTER TABLE jobs DROP COLUMN late_since, DROP COLUMN notified_result,
    DROP COLUMN late_grace_hours, DROP COLUMN notify_mode;
DROP INDEX log_records_source;
DROP INDEX log_records_client;
DROP INDEX log_records_run;
ALTER TABLE log_records DROP COLUMN data, DROP COLUMN address;
DELETE FROM log_records WHERE source IN ('audit', 'notification', 'system');
ALTER TABLE log_records DROP CONSTRAINT log_records_source_known;
UPDATE log_records SET source = 'engine' WHERE source = 'run';
ALTER TABLE log_records ADD CONSTRAINT log_records_source_known
    CHECK (source IN ('api', 'engine', 'scheduler', 'dispatcher'));
