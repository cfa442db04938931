-- The primary snapshots a copied job's last replication run saw listed but did not copy
-- (its transfer window closed, it failed, or it was stopped). One of them missing from
-- the next listing was pruned on the primary before it could be copied: the next run
-- reports it, even though it never saw it vanish while copying.
ALTER TABLE jobs ADD COLUMN replication_pending TEXT[] NOT NULL DEFAULT '{}';
