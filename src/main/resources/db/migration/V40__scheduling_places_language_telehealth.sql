-- Scheduling (issue 17), what the person's life adds: where a commitment happens, so the
-- trip from work to a clinic counts.
alter table person_commitment
    add column address text,
    add column latitude double precision check (latitude between -90 and 90),
    add column longitude double precision check (longitude between -180 and 180),
    add constraint person_commitment_place check ((latitude is null) = (longitude is null));

-- The clinic's language: preferred (a proposal favours providers who speak it and says
-- when it could not), or required (a provider who does not is a conflict).
alter table person_travel add column language_required boolean not null default false;

-- Telehealth readiness: the checklist that decides whether video visits are offered.
create table telehealth_readiness (
    patient_id uuid primary key,
    device boolean not null,
    connection boolean not null,
    able_to_use boolean not null,
    private_space boolean not null,
    helper boolean not null,
    updated_by text not null,
    updated_at timestamptz not null default now()
);
