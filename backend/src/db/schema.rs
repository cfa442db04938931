// @generated automatically by Diesel CLI.

diesel::table! {
    api_tokens (id) {
        id -> Int8,
        user_id -> Int8,
        name -> Text,
        prefix -> Text,
        token_hash -> Text,
        created_at -> Timestamptz,
        last_used_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    backup_locations (id) {
        id -> Int8,
        name -> Text,
        directory -> Text,
        max_parallel_jobs -> Int4,
        active -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    catalog_identity (id) {
        id -> Int4,
        catalog_id -> Uuid,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    client_batches (id) {
        id -> Int8,
        client_id -> Int8,
        state -> Text,
        result -> Nullable<Text>,
        error_code -> Nullable<Text>,
        lease_owner -> Nullable<Text>,
        lease_until -> Nullable<Timestamptz>,
        opened_at -> Timestamptz,
        updated_at -> Timestamptz,
        finished_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    client_scripts (client_id, script_id, phase) {
        client_id -> Int8,
        script_id -> Int8,
        phase -> Text,
    }
}

diesel::table! {
    client_usage (client_id, day) {
        client_id -> Int8,
        day -> Date,
        size_bytes -> Int8,
    }
}

diesel::table! {
    clients (id) {
        id -> Int8,
        name -> Text,
        description -> Text,
        connection -> Jsonb,
        active -> Bool,
        owner_id -> Nullable<Int8>,
        quota_bytes -> Nullable<Int8>,
        max_parallel_jobs -> Int4,
        ssh_options -> Array<Nullable<Text>>,
        rsync_options -> Array<Nullable<Text>>,
        public_key -> Text,
        host_key -> Nullable<Text>,
        host_key_pending -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        replication_id -> Nullable<Int8>,
        primary_id -> Nullable<Int8>,
        copy_of -> Nullable<Text>,
        key_mode -> Text,
        key_root -> Text,
        restore_public_key -> Nullable<Text>,
        daemon_password -> Text,
    }
}

diesel::table! {
    events (id) {
        id -> Int8,
        at -> Timestamptz,
        client_id -> Nullable<Int8>,
        owner_id -> Nullable<Int8>,
        payload -> Jsonb,
    }
}

diesel::table! {
    job_scripts (job_id, script_id, phase) {
        job_id -> Int8,
        script_id -> Int8,
        phase -> Text,
    }
}

diesel::table! {
    jobs (id) {
        id -> Int8,
        client_id -> Int8,
        name -> Text,
        description -> Text,
        source_path -> Text,
        policy_id -> Int8,
        location_id -> Int8,
        include_patterns -> Nullable<Array<Nullable<Text>>>,
        exclude_patterns -> Nullable<Array<Nullable<Text>>>,
        use_local_permissions -> Bool,
        notify_admin -> Bool,
        notify_owner -> Bool,
        notify_emails -> Array<Nullable<Text>>,
        notify_threshold -> Text,
        priority -> Int4,
        active -> Bool,
        trigger_token_hash -> Nullable<Text>,
        size_bytes -> Int8,
        last_result -> Nullable<Text>,
        last_run_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        notify_mode -> Text,
        late_grace_hours -> Int4,
        notified_result -> Nullable<Text>,
        late_since -> Nullable<Timestamptz>,
        primary_id -> Nullable<Int8>,
        replication_behind_since -> Nullable<Timestamptz>,
        replication_pending -> Array<Nullable<Text>>,
    }
}

diesel::table! {
    location_usage (location_id, daily, at) {
        location_id -> Int8,
        daily -> Bool,
        at -> Timestamptz,
        used_bytes -> Int8,
        total_bytes -> Int8,
        used_inodes -> Int8,
        total_inodes -> Int8,
    }
}

diesel::table! {
    log_records (id) {
        id -> Int8,
        at -> Timestamptz,
        level -> Text,
        source -> Text,
        code -> Text,
        detail -> Text,
        user_id -> Nullable<Int8>,
        client_id -> Nullable<Int8>,
        job_id -> Nullable<Int8>,
        run_id -> Nullable<Int8>,
        address -> Nullable<Text>,
        data -> Nullable<Jsonb>,
    }
}

diesel::table! {
    notifications (id) {
        id -> Int8,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        channel -> Text,
        event -> Text,
        dedup_key -> Text,
        recipient -> Text,
        webhook_id -> Nullable<Int8>,
        user_id -> Nullable<Int8>,
        language -> Text,
        client_id -> Nullable<Int8>,
        job_id -> Nullable<Int8>,
        run_id -> Nullable<Int8>,
        payload -> Jsonb,
        status -> Text,
        attempts -> Int4,
        next_attempt_at -> Timestamptz,
        last_error -> Nullable<Text>,
        last_reply -> Nullable<Text>,
        lease_owner -> Nullable<Text>,
        lease_until -> Nullable<Timestamptz>,
        sent_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    policies (id) {
        id -> Int8,
        name -> Text,
        description -> Text,
        include_patterns -> Array<Nullable<Text>>,
        exclude_patterns -> Array<Nullable<Text>>,
        schedule -> Jsonb,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        preset -> Nullable<Text>,
    }
}

diesel::table! {
    recovery_codes (id) {
        id -> Int8,
        user_id -> Int8,
        code_hash -> Text,
        used_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    replication_accesses (id) {
        id -> Int8,
        name -> Text,
        token_prefix -> Text,
        token_hash -> Text,
        public_key -> Text,
        from_address -> Nullable<Text>,
        created_at -> Timestamptz,
        last_used_at -> Nullable<Timestamptz>,
        revoked_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    replications (id) {
        id -> Int8,
        name -> Text,
        url -> Text,
        token -> Text,
        ssh_host -> Text,
        ssh_port -> Int4,
        ssh_user -> Text,
        public_key -> Text,
        host_key -> Nullable<Text>,
        host_key_pending -> Nullable<Text>,
        locations -> Jsonb,
        all_clients -> Bool,
        client_ids -> Array<Nullable<Int8>>,
        policy_id -> Int8,
        interval_minutes -> Nullable<Int4>,
        bwlimit_kib -> Nullable<Int4>,
        window_start -> Nullable<Time>,
        window_end -> Nullable<Time>,
        retention -> Text,
        min_age_days -> Int4,
        delete_vanished -> Bool,
        vanished_grace_days -> Int4,
        max_deletions_per_run -> Int4,
        active -> Bool,
        last_sync_at -> Nullable<Timestamptz>,
        last_error -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    runs (id) {
        id -> Int8,
        job_id -> Int8,
        kind -> Text,
        trigger -> Text,
        levels -> Array<Nullable<Text>>,
        state -> Text,
        result -> Nullable<Text>,
        error_code -> Nullable<Text>,
        exit_code -> Nullable<Int4>,
        requested_by -> Nullable<Int8>,
        queued_at -> Timestamptz,
        started_at -> Nullable<Timestamptz>,
        finished_at -> Nullable<Timestamptz>,
        files_total -> Nullable<Int8>,
        files_transferred -> Nullable<Int8>,
        total_bytes -> Nullable<Int8>,
        transferred_bytes -> Nullable<Int8>,
        literal_bytes -> Nullable<Int8>,
        lease_owner -> Nullable<Text>,
        lease_until -> Nullable<Timestamptz>,
        pgid -> Nullable<Int4>,
        progress -> Nullable<Jsonb>,
        batch_id -> Nullable<Int8>,
        restore -> Nullable<Jsonb>,
    }
}

diesel::table! {
    scheduler_state (id) {
        id -> Int4,
        last_tick -> Nullable<Timestamptz>,
        retention_on -> Nullable<Date>,
        digest_on -> Nullable<Date>,
    }
}

diesel::table! {
    scripts (id) {
        id -> Int8,
        name -> Text,
        description -> Text,
        content -> Bytea,
        client_pre -> Bool,
        client_post -> Bool,
        job_pre -> Bool,
        job_post -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    sessions (id) {
        id -> Uuid,
        user_id -> Int8,
        created_at -> Timestamptz,
        expires_at -> Timestamptz,
        last_used_at -> Timestamptz,
        address -> Nullable<Text>,
        user_agent -> Text,
    }
}

diesel::table! {
    settings (id) {
        id -> Int4,
        mail_host -> Text,
        mail_port -> Int4,
        mail_tls -> Text,
        mail_user -> Text,
        mail_password -> Text,
        mail_from -> Text,
        log_retention_days -> Nullable<Int4>,
        max_parallel_jobs -> Int4,
        quota_warning_percent -> Int4,
        post_scripts_after_pre_failure -> Bool,
        instance_url -> Text,
        operators_may_restore_to_clients -> Bool,
        updated_at -> Timestamptz,
        default_language -> Text,
        audit_retention_days -> Nullable<Int4>,
        digest_time -> Nullable<Time>,
        metrics_allowed_addresses -> Array<Nullable<Text>>,
        client_key_from -> Text,
        admins_need_two_factor -> Bool,
    }
}

diesel::table! {
    snapshots (id) {
        id -> Int8,
        job_id -> Int8,
        run_id -> Nullable<Int8>,
        location_id -> Int8,
        name -> Text,
        levels -> Array<Nullable<Text>>,
        taken_at -> Timestamptz,
        files -> Int8,
        bytes -> Int8,
        new_bytes -> Int8,
        warnings -> Bool,
        store_path -> Text,
        rewritten_permissions -> Bool,
        received_at -> Nullable<Timestamptz>,
        vanished_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    users (id) {
        id -> Int8,
        username -> Text,
        email -> Nullable<Text>,
        password_hash -> Text,
        role -> Text,
        language -> Nullable<Text>,
        page_size -> Int4,
        active -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        protected -> Bool,
        totp_secret -> Nullable<Text>,
        totp_pending -> Nullable<Text>,
        totp_since -> Nullable<Timestamptz>,
        totp_last_step -> Nullable<Int8>,
    }
}

diesel::table! {
    webhooks (id) {
        id -> Int8,
        name -> Text,
        url -> Text,
        events -> Array<Nullable<Text>>,
        secret -> Text,
        active -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::joinable!(api_tokens -> users (user_id));
diesel::joinable!(client_batches -> clients (client_id));
diesel::joinable!(client_scripts -> clients (client_id));
diesel::joinable!(client_scripts -> scripts (script_id));
diesel::joinable!(client_usage -> clients (client_id));
diesel::joinable!(clients -> replications (replication_id));
diesel::joinable!(clients -> users (owner_id));
diesel::joinable!(job_scripts -> jobs (job_id));
diesel::joinable!(job_scripts -> scripts (script_id));
diesel::joinable!(jobs -> backup_locations (location_id));
diesel::joinable!(jobs -> clients (client_id));
diesel::joinable!(jobs -> policies (policy_id));
diesel::joinable!(location_usage -> backup_locations (location_id));
diesel::joinable!(log_records -> clients (client_id));
diesel::joinable!(log_records -> jobs (job_id));
diesel::joinable!(log_records -> runs (run_id));
diesel::joinable!(log_records -> users (user_id));
diesel::joinable!(notifications -> clients (client_id));
diesel::joinable!(notifications -> jobs (job_id));
diesel::joinable!(notifications -> runs (run_id));
diesel::joinable!(notifications -> users (user_id));
diesel::joinable!(notifications -> webhooks (webhook_id));
diesel::joinable!(recovery_codes -> users (user_id));
diesel::joinable!(replications -> policies (policy_id));
diesel::joinable!(runs -> client_batches (batch_id));
diesel::joinable!(runs -> jobs (job_id));
diesel::joinable!(runs -> users (requested_by));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(snapshots -> backup_locations (location_id));
diesel::joinable!(snapshots -> jobs (job_id));
diesel::joinable!(snapshots -> runs (run_id));

diesel::allow_tables_to_appear_in_same_query!(
    api_tokens,
    backup_locations,
    catalog_identity,
    client_batches,
    client_scripts,
    client_usage,
    clients,
    events,
    job_scripts,
    jobs,
    location_usage,
    log_records,
    notifications,
    policies,
    recovery_codes,
    replication_accesses,
    replications,
    runs,
    scheduler_state,
    scripts,
    sessions,
    settings,
    snapshots,
    users,
    webhooks,
);
