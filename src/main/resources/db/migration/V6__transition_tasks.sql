-- worklist: tasks for coordinators, starting with the transition-of-care follow-ups a
-- discharge home calls for. One task of each kind per discharge.
create table task (
    id           bigserial primary key,
    patient_id   uuid        not null,
    owner        text,
    kind         text        not null,
    title        text        not null,
    due_on       date        not null,
    status       text        not null default 'OPEN' check (status in ('OPEN', 'DONE', 'CANCELLED')),
    encounter_id uuid,
    created_at   timestamptz not null default now(),
    unique (encounter_id, kind)
);
create index task_open_by_patient on task (patient_id) where status = 'OPEN';
create index task_open_by_owner on task (owner, due_on) where status = 'OPEN';
