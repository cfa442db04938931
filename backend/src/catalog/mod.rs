//! Dumps of the server's own catalog (its PostgreSQL database) into every active location,
//! under `<location>/.elkarbackup/catalog/`, so that the backups outlive the server's disk.
