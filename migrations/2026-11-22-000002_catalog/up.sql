-- What gets backed up: locations, policies, scripts, clients and jobs; runtime settings.

-- The first administrator cannot be deleted, demoted or disabled.
ALTER TABLE users ADD COLUMN protected BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE users SET protected = TRUE
 WHERE id = (SELECT min(id) FROM users WHERE role = 'admin');

CREATE TABLE settings (
    id INTEGER PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    mail_host TEXT NOT NULL DEFAULT '',
    mail_port INTEGER NOT NULL DEFAULT 587,
    mail_tls TEXT NOT NULL DEFAULT 'starttls' CHECK (mail_tls IN ('none', 'starttls', 'tls')),
    mail_user TEXT NOT NULL DEFAULT '',
    mail_password TEXT NOT NULL DEFAULT '',
    mail_from TEXT NOT NULL DEFAULT '',
    log_retention_days INTEGER DEFAULT 365,
    max_parallel_jobs INTEGER NOT NULL DEFAULT 2 CHECK (max_parallel_jobs >= 1),
    quota_warning_percent INTEGER NOT NULL DEFAULT 80,
    post_scripts_after_pre_failure BOOLEAN NOT NULL DEFAULT TRUE,
    instance_url TEXT NOT NULL DEFAULT '',
    operators_may_restore_to_clients BOOLEAN NOT NULL DEFAULT TRUE,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO settings (id) VALUES (1);

CREATE TABLE backup_locations (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    directory TEXT NOT NULL,
    max_parallel_jobs INTEGER NOT NULL DEFAULT 1 CHECK (max_parallel_jobs >= 1),
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX backup_locations_name ON backup_locations (lower(name));

CREATE TABLE policies (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    include_patterns TEXT[] NOT NULL DEFAULT '{}',
    exclude_patterns TEXT[] NOT NULL DEFAULT '{}',
    schedule JSONB NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX policies_name ON policies (lower(name));

-- The four presets of the original ElkarBackup.
INSERT INTO policies (name, description, schedule) VALUES
('Default policy', 'Daily Monday to Friday at 21:00 (5 kept), weekly on Mondays (4 kept), monthly on the 1st (12 kept).',
 '{"hourly":{"enabled":false,"keep":1,"times":["12:00","15:00","21:00"],"days_of_week":[1,2,3,4,5],"days_of_month":[],"months":[]},
   "daily":{"enabled":true,"keep":5,"times":["21:00"],"days_of_week":[1,2,3,4,5],"days_of_month":[],"months":[]},
   "weekly":{"enabled":true,"keep":4,"times":["21:00"],"days_of_week":[1],"days_of_month":[],"months":[]},
   "monthly":{"enabled":true,"keep":12,"times":["21:00"],"days_of_week":[],"days_of_month":[1],"months":[]},
   "yearly":{"enabled":false,"keep":1,"times":["21:00"],"days_of_week":[],"days_of_month":[1],"months":[1]}}'),
('Three times a day, monday to friday', 'At 11:00, 14:00 and 17:00 Monday to Friday (3 kept), daily at 11:00 (5 kept).',
 '{"hourly":{"enabled":true,"keep":3,"times":["11:00","14:00","17:00"],"days_of_week":[1,2,3,4,5],"days_of_month":[],"months":[]},
   "daily":{"enabled":true,"keep":5,"times":["11:00"],"days_of_week":[1,2,3,4,5],"days_of_month":[],"months":[]},
   "weekly":{"enabled":false,"keep":1,"times":["21:00"],"days_of_week":[1],"days_of_month":[],"months":[]},
   "monthly":{"enabled":false,"keep":1,"times":["21:00"],"days_of_week":[],"days_of_month":[1],"months":[]},
   "yearly":{"enabled":false,"keep":1,"times":["21:00"],"days_of_week":[],"days_of_month":[1],"months":[1]}}'),
('At 21:00, 7 days a week', 'Daily at 21:00 every day (7 kept).',
 '{"hourly":{"enabled":false,"keep":1,"times":["21:00"],"days_of_week":[],"days_of_month":[],"months":[]},
   "daily":{"enabled":true,"keep":7,"times":["21:00"],"days_of_week":[1,2,3,4,5,6,7],"days_of_month":[],"months":[]},
   "weekly":{"enabled":false,"keep":1,"times":["21:00"],"days_of_week":[1],"days_of_month":[],"months":[]},
   "monthly":{"enabled":false,"keep":1,"times":["21:00"],"days_of_week":[],"days_of_month":[1],"months":[]},
   "yearly":{"enabled":false,"keep":1,"times":["21:00"],"days_of_week":[],"days_of_month":[1],"months":[1]}}'),
('At 21:00, monday to friday, long time storage', 'Daily Monday to Friday at 21:00 (5 kept), weekly on Saturdays (4 kept), monthly on the 28th (22 kept).',
 '{"hourly":{"enabled":false,"keep":1,"times":["21:00"],"days_of_week":[],"days_of_month":[],"months":[]},
   "daily":{"enabled":true,"keep":5,"times":["21:00"],"days_of_week":[1,2,3,4,5],"days_of_month":[],"months":[]},
   "weekly":{"enabled":true,"keep":4,"times":["21:00"],"days_of_week":[6],"days_of_month":[],"months":[]},
   "monthly":{"enabled":true,"keep":22,"times":["21:00"],"days_of_week":[],"days_of_month":[28],"months":[]},
   "yearly":{"enabled":false,"keep":1,"times":["21:00"],"days_of_week":[],"days_of_month":[1],"months":[1]}}');

CREATE TABLE scripts (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    content BYTEA NOT NULL,
    client_pre BOOLEAN NOT NULL DEFAULT FALSE,
    client_post BOOLEAN NOT NULL DEFAULT FALSE,
    job_pre BOOLEAN NOT NULL DEFAULT FALSE,
    job_post BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX scripts_name ON scripts (lower(name));

CREATE TABLE clients (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- The connection, as the API's tagged JSON (kind local | ssh | rsync_daemon).
    connection JSONB NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    owner_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    quota_bytes BIGINT CHECK (quota_bytes IS NULL OR quota_bytes >= 0),
    max_parallel_jobs INTEGER NOT NULL DEFAULT 1 CHECK (max_parallel_jobs >= 1),
    ssh_options TEXT[] NOT NULL DEFAULT '{}',
    rsync_options TEXT[] NOT NULL DEFAULT '{}',
    public_key TEXT NOT NULL DEFAULT '',
    -- Pinned host key (accepted) and one seen but not yet accepted.
    host_key TEXT,
    host_key_pending TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX clients_name ON clients (lower(name));
CREATE INDEX clients_owner ON clients (owner_id);

CREATE TABLE jobs (
    id BIGSERIAL PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    source_path TEXT NOT NULL,
    policy_id BIGINT NOT NULL REFERENCES policies (id),
    location_id BIGINT NOT NULL REFERENCES backup_locations (id),
    include_patterns TEXT[],
    exclude_patterns TEXT[],
    use_local_permissions BOOLEAN NOT NULL DEFAULT TRUE,
    notify_admin BOOLEAN NOT NULL DEFAULT FALSE,
    notify_owner BOOLEAN NOT NULL DEFAULT TRUE,
    notify_emails TEXT[] NOT NULL DEFAULT '{}',
    notify_threshold TEXT NOT NULL DEFAULT 'error' CHECK (notify_threshold IN ('all', 'warning', 'error', 'none')),
    priority INTEGER NOT NULL DEFAULT 2147483647,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    trigger_token_hash TEXT,
    size_bytes BIGINT NOT NULL DEFAULT 0,
    last_result TEXT CHECK (last_result IN ('ok', 'warning', 'failed', 'aborted')),
    last_run_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX jobs_client ON jobs (client_id);
CREATE INDEX jobs_policy ON jobs (policy_id);
CREATE INDEX jobs_location ON jobs (location_id);

-- Scripts attached to clients and jobs, before (pre) or after (post).
CREATE TABLE client_scripts (
    client_id BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    script_id BIGINT NOT NULL REFERENCES scripts (id),
    phase TEXT NOT NULL CHECK (phase IN ('pre', 'post')),
    PRIMARY KEY (client_id, script_id, phase)
);
CREATE INDEX client_scripts_script ON client_scripts (script_id);
CREATE TABLE job_scripts (
    job_id BIGINT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    script_id BIGINT NOT NULL REFERENCES scripts (id),
    phase TEXT NOT NULL CHECK (phase IN ('pre', 'post')),
    PRIMARY KEY (job_id, script_id, phase)
);
CREATE INDEX job_scripts_script ON job_scripts (script_id);
