-- audit: records are hashed with a keyed HMAC from this version on, and TRUNCATE is refused.
--
-- Records written before stay as they were, hashed with plain SHA-256 ('SHA-256'); the first
-- keyed record chains from the last of them, so its HMAC covers the whole earlier chain. The
-- key itself never enters the database: key_id only names which key made a record's HMAC.
alter table audit_event add column hash_scheme text not null default 'SHA-256'
    check (hash_scheme in ('SHA-256', 'HMAC-SHA256'));
alter table audit_event alter column hash_scheme drop default;
alter table audit_event add column key_id text;
alter table audit_event add constraint audit_event_keyed_has_key_id
    check (hash_scheme = 'SHA-256' or key_id is not null);

-- UPDATE and DELETE were refused row by row; TRUNCATE fires no row trigger, so it needs its own.
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_is_append_only();

-- The audit report filters by action and by break-the-glass.
create index audit_event_action on audit_event (action, seq);
create index audit_event_emergency on audit_event (seq) where emergency;
