-- Documented interactions (calls, visits, messages) and care-management consents.
-- Both are records of what happened: rows are appended, never changed or deleted.
-- A correction is an addendum; a revocation is a row of its own.

create table interaction (
    id                   bigserial   primary key,
    patient_id           uuid        not null,
    kind                 text        not null,
    outcome              text        not null,
    started_at           timestamptz not null,
    minutes              integer     not null check (minutes between 0 and 1440),
    staff                text        not null check (staff in ('CLINICAL_STAFF', 'PHYSICIAN_QHP')),
    activity             text        not null check (activity in ('CCM', 'PCM', 'TCM', 'OTHER')),
    note                 text        not null,
    participants         text[]      not null default '{}',
    complex_care_plan    boolean     not null default false,
    billing_practitioner text,
    recorded_by          text        not null,
    recorded_at          timestamptz not null default now()
);
create index interaction_patient on interaction (patient_id, started_at);
-- The month-end report reads one month of every person's interactions.
create index interaction_started on interaction (started_at);

create table interaction_addendum (
    id             bigserial   primary key,
    interaction_id bigint      not null references interaction (id),
    note           text        not null,
    recorded_by    text        not null,
    recorded_at    timestamptz not null default now()
);
create index interaction_addendum_interaction on interaction_addendum (interaction_id);

create table care_consent (
    id                 bigserial   primary key,
    patient_id         uuid        not null,
    program            text        not null check (program in ('CCM', 'PCM')),
    kind               text        not null check (kind in ('VERBAL', 'WRITTEN')),
    obtained_on        date        not null,
    obtained_by        text        not null,
    disclosures_given  boolean     not null,
    recorded_by        text        not null,
    recorded_at        timestamptz not null default now()
);
create index care_consent_patient on care_consent (patient_id);

create table care_consent_revocation (
    consent_id   bigint      primary key references care_consent (id),
    revoked_on   date        not null,
    recorded_by  text        not null,
    recorded_at  timestamptz not null default now()
);

-- Signed documentation is append-only: the database refuses to change or delete it,
-- whatever the application does.
create function refuse_change_to_documentation() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: add an addendum or a revocation instead', tg_table_name;
end
$$;
create trigger interaction_append_only before update or delete on interaction
    for each row execute function refuse_change_to_documentation();
create trigger interaction_addendum_append_only before update or delete on interaction_addendum
    for each row execute function refuse_change_to_documentation();
create trigger care_consent_append_only before update or delete on care_consent
    for each row execute function refuse_change_to_documentation();
create trigger care_consent_revocation_append_only before update or delete on care_consent_revocation
    for each row execute function refuse_change_to_documentation();
