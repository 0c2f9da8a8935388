-- Providers' calendars imported as FHIR Schedule and Slot (issue 17). A Schedule is kept
-- as the provider its slots belong to; its slots are the provider's dated calendar: free
-- slots are offered like sessions, busy ones keep visits out. Ids are Northstar's ids of
-- the source's resources, so a re-import replaces rather than adds. Owned by scheduling.

create table clinic_schedule (
    id uuid primary key,
    provider_id text not null references clinic_provider (id) on delete cascade,
    source text not null,
    horizon_start timestamptz,
    horizon_end timestamptz
);

create table clinic_slot (
    id uuid primary key,
    schedule_id uuid not null references clinic_schedule (id) on delete cascade,
    provider_id text not null references clinic_provider (id) on delete cascade,
    starts_at timestamptz not null,
    ends_at timestamptz not null check (ends_at > starts_at),
    free boolean not null
);

create index clinic_slot_provider on clinic_slot (provider_id, starts_at);
create index clinic_slot_schedule on clinic_slot (schedule_id);
