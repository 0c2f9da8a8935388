-- Foundation schema. Each block belongs to one module; no module reads another's tables.

-- security: people who sign in, and the bearer tokens API clients present.
create table app_user (
    username      text primary key,
    password_hash text        not null,
    display_name  text        not null,
    roles         text[]      not null,
    enabled       boolean     not null default true,
    created_at    timestamptz not null default now()
);

create table api_token (
    token_hash  text primary key,
    username    text        not null references app_user (username) on delete cascade,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null
);
create index api_token_user on api_token (username);

-- clinical: every resource exactly as a source sent it, with who sent it and when.
-- id is Northstar's own id, derived from (source, resource_type, source_id), so the same
-- resource from the same source always lands on the same row.
create table source_resource (
    id            uuid primary key,
    resource_type text        not null,
    source        text        not null,
    source_id     text        not null,
    patient_id    uuid,
    content       jsonb       not null,
    content_hash  bytea       not null,
    received_at   timestamptz not null,
    received_via  text        not null
);
create index source_resource_patient on source_resource (patient_id, resource_type);
create index source_resource_type on source_resource (resource_type);

-- identifiers of any resource (Practitioner NPI, Organization ids, Encounter visit numbers...)
create table resource_identifier (
    resource_id   uuid not null references source_resource (id) on delete cascade,
    resource_type text not null,
    system        text not null,
    value         text not null
);
create index resource_identifier_value on resource_identifier (value, system);
create index resource_identifier_resource on resource_identifier (resource_id);

create table encounter (
    id                uuid primary key references source_resource (id) on delete cascade,
    patient_id        uuid not null,
    status            text,
    class_code        text,
    type_code         text,
    type_display      text,
    reason_display    text,
    period_start      timestamptz,
    period_end        timestamptz,
    practitioner_id   uuid,
    organization_id   uuid,
    location_id       uuid
);
create index encounter_patient on encounter (patient_id, period_start);

create table condition (
    id               uuid primary key references source_resource (id) on delete cascade,
    patient_id       uuid not null,
    encounter_id     uuid,
    code_system      text,
    code             text,
    display          text,
    clinical_status  text,
    onset            timestamptz,
    abatement        timestamptz,
    recorded         timestamptz
);
create index condition_patient on condition (patient_id);

create table observation (
    id            uuid primary key references source_resource (id) on delete cascade,
    patient_id    uuid not null,
    encounter_id  uuid,
    status        text,
    category      text,
    code_system   text,
    code          text,
    display       text,
    value_number  numeric,
    value_unit    text,
    value_text    text,
    effective     timestamptz
);
create index observation_patient_code on observation (patient_id, code, effective);

create table medication_request (
    id               uuid primary key references source_resource (id) on delete cascade,
    patient_id       uuid not null,
    encounter_id     uuid,
    status           text,
    intent           text,
    code_system      text,
    code             text,
    display          text,
    authored_on      timestamptz,
    requester_id     uuid,
    dosage           text,
    reason_display   text
);
create index medication_request_patient on medication_request (patient_id, status);

create table procedure (
    id               uuid primary key references source_resource (id) on delete cascade,
    patient_id       uuid not null,
    encounter_id     uuid,
    status           text,
    code_system      text,
    code             text,
    display          text,
    performed_start  timestamptz,
    performed_end    timestamptz
);
create index procedure_patient on procedure (patient_id, performed_start);

create table allergy_intolerance (
    id               uuid primary key references source_resource (id) on delete cascade,
    patient_id       uuid not null,
    clinical_status  text,
    category         text,
    criticality      text,
    code_system      text,
    code             text,
    display          text,
    recorded         timestamptz
);
create index allergy_intolerance_patient on allergy_intolerance (patient_id);

create table immunization (
    id           uuid primary key references source_resource (id) on delete cascade,
    patient_id   uuid not null,
    encounter_id uuid,
    status       text,
    code_system  text,
    code         text,
    display      text,
    occurred     timestamptz
);
create index immunization_patient on immunization (patient_id, occurred);

-- patient: the people on whose behalf everything else exists.
create table patient (
    id            uuid primary key,
    source        text        not null,
    source_id     text        not null,
    family_name   text,
    given_names   text,
    birth_date    date,
    sex           text,
    deceased      boolean     not null default false,
    language      text,
    phone         text,
    email         text,
    address_line  text,
    city          text,
    state         text,
    postal_code   text,
    updated_at    timestamptz not null
);
create index patient_family on patient (lower(family_name));

create table patient_identifier (
    patient_id uuid not null references patient (id) on delete cascade,
    system     text not null,
    value      text not null,
    type_code  text,
    primary key (patient_id, system, value)
);
create index patient_identifier_value on patient_identifier (value, system);

-- ingest: which files were taken in whole, and what was refused and why.
create table imported_file (
    content_sha256 text        not null,
    source         text        not null,
    path           text        not null,
    resources      integer     not null,
    imported_at    timestamptz not null default now(),
    primary key (content_sha256, source)
);

create table import_failure (
    id            bigserial primary key,
    path          text        not null,
    entry_index   integer,
    full_url      text,
    message       text        not null,
    failed_at     timestamptz not null default now(),
    resolved_at   timestamptz
);
create index import_failure_open on import_failure (failed_at) where resolved_at is null;
