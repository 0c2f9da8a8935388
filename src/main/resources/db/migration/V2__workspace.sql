-- The coordinator's workspace: teams, lockout, caseloads, emergency access, the audit trail.

-- security: teams, and what a failed sign-in leaves behind.
create table team (
    code text primary key,
    name text not null
);
alter table app_user add column team text references team (code);
alter table app_user add column failed_logins integer not null default 0;
alter table app_user add column locked_until timestamptz;

-- patient: whether the patient needs an interpreter (FHIR patient-interpreterRequired).
alter table patient add column interpreter_required boolean not null default false;

-- caseload: whose patient is whose, and emergency access granted by breaking the glass.
create table caseload_assignment (
    patient_id  uuid        not null,
    username    text        not null,
    relation    text        not null check (relation in ('COORDINATOR', 'CARE_TEAM')),
    assigned_at timestamptz not null default now(),
    primary key (patient_id, username)
);
create index caseload_assignment_user on caseload_assignment (username, relation);

create table emergency_access (
    id         bigserial primary key,
    username   text        not null,
    patient_id uuid        not null,
    reason     text        not null,
    granted_at timestamptz not null default now(),
    expires_at timestamptz not null
);
create index emergency_access_user on emergency_access (username, patient_id, expires_at);

-- audit: append-only, each record chained to the previous one by hash.
create table audit_event (
    seq          bigint primary key,
    recorded_at  timestamptz not null,
    username     text,
    role         text,
    action       text        not null,
    patient_id   uuid,
    detail       text        not null,
    address      text,
    outcome      text        not null,
    emergency    boolean     not null default false,
    reason       text,
    prev_hash    text        not null,
    hash         text        not null
);
create index audit_event_user on audit_event (username, recorded_at);
create index audit_event_patient on audit_event (patient_id, recorded_at);
create index audit_event_time on audit_event (recorded_at);

-- Append-only: the application never changes or removes a record. Someone who can alter the
-- table can also drop this trigger; the hash chain is what detects that.
create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only';
end;
$$;
create trigger audit_event_append_only before update or delete on audit_event
    for each row execute function audit_event_is_append_only();
