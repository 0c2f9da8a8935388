-- Appointment choreography (issue 17): where care is given and when, the person's own
-- commitments, how they travel, and the appointments booked. Owned by the scheduling module.
-- Times of day are the practice's local times (northstar.time-zone); instants are timestamptz.

create table clinic_location (
    id text primary key,
    name text not null,
    address text,
    latitude double precision not null check (latitude between -90 and 90),
    longitude double precision not null check (longitude between -180 and 180)
);

create table clinic_provider (
    id text primary key,
    name text not null,
    specialty text not null,
    location_id text not null references clinic_location (id),
    telehealth boolean not null default false,
    languages text[] not null default '{}'
);

-- A weekly session: a weekday (ISO, 1 = Monday) and the hours the provider sees patients.
-- Evening and Saturday sessions are sessions like the others.
create table clinic_session (
    provider_id text not null references clinic_provider (id) on delete cascade,
    day_of_week smallint not null check (day_of_week between 1 and 7),
    starts time not null,
    ends time not null check (ends > starts),
    primary key (provider_id, day_of_week, starts)
);

-- Days the provider does not see patients (holidays, leave), inclusive.
create table clinic_closure (
    provider_id text not null references clinic_provider (id) on delete cascade,
    first_day date not null,
    last_day date not null check (last_day >= first_day),
    reason text not null,
    primary key (provider_id, first_day)
);

create table clinic_visit_type (
    provider_id text not null references clinic_provider (id) on delete cascade,
    visit_type text not null,
    minutes integer not null check (minutes between 5 and 480),
    primary key (provider_id, visit_type)
);

-- A person's commitment: recurring on weekdays (every n weeks from a date, for rotating
-- shifts), or on listed dates. An end before the start runs past midnight.
create table person_commitment (
    patient_id uuid not null,
    position integer not null,
    kind text not null,
    label text,
    days smallint[] not null default '{}',
    dates date[] not null default '{}',
    starts time not null,
    ends time not null,
    buffer_after_minutes integer not null default 0 check (buffer_after_minutes between 0 and 1440),
    every_weeks integer not null default 1 check (every_weeks between 1 and 8),
    valid_from date,
    valid_until date,
    primary key (patient_id, position),
    check (cardinality(days) > 0 or cardinality(dates) > 0)
);

-- How a person travels, and when they would rather be seen.
create table person_travel (
    patient_id uuid primary key,
    needs_ride boolean not null default false,
    ride_lead_hours integer not null default 0 check (ride_lead_hours >= 0),
    ride_starts time,
    ride_ends time,
    ride_days smallint[] not null default '{1,2,3,4,5}',
    transit_only boolean not null default false,
    max_trip_minutes integer check (max_trip_minutes > 0),
    home_latitude double precision check (home_latitude between -90 and 90),
    home_longitude double precision check (home_longitude between -180 and 180),
    prefers_evenings boolean not null default false,
    prefers_saturdays boolean not null default false,
    several_visits_per_day boolean not null default true,
    language text,
    updated_by text not null,
    updated_at timestamptz not null default now()
);

create table appointment (
    id uuid primary key,
    patient_id uuid not null,
    provider_id text references clinic_provider (id),
    location_id text references clinic_location (id),
    visit_type text not null,
    starts_at timestamptz not null,
    ends_at timestamptz not null check (ends_at > starts_at),
    mode text not null,
    status text not null,
    origin text not null,
    override_reason text,
    booked_by text not null,
    booked_at timestamptz not null default now()
);

create index appointment_patient on appointment (patient_id, starts_at);
create index appointment_provider on appointment (provider_id, starts_at);
