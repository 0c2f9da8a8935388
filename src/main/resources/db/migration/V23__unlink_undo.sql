-- Each unlink a person decided, with their reason and what it changed, so that it can be
-- undone exactly: the person's links and the pair decisions as they were before it.
create table patient_unlink (
    id          bigint generated always as identity primary key,
    patient_id  uuid        not null references patient (id) on delete cascade,
    reason      text        not null check (length(btrim(reason)) > 0),
    unlinked_by text        not null,
    unlinked_at timestamptz not null default now(),
    links       jsonb       not null,
    decisions   jsonb       not null,
    undone_by   text,
    undone_at   timestamptz
);
create index patient_unlink_patient on patient_unlink (patient_id);
