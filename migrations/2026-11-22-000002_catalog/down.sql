DROP TABLE job_scripts;
DROP TABLE client_scripts;
DROP TABLE jobs;
DROP TABLE clients;
DROP TABLE scripts;
DROP TABLE policies;
DROP TABLE backup_locations;
DROP TABLE settings;
ALTER TABLE users DROP COLUMN protected;
