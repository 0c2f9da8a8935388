-- clinical: the medicines each medication resource names, one narrow row per medicine (a
-- pharmacy claim has one per item), written with the resource in the same transaction and
-- replaced with it. Adherence and refill gaps for many people read these rows instead of
-- parsing every claim of a long record: on Synthea records nearly all of that reading was
-- claims' JSON (bench/today, bench/adherence). Statuses and dates are kept as sent; what they
-- mean is the medicines module's. The rows of resources stored before this version are
-- written by the next migration (V48_1), from the stored JSON.
create table medication_use (
    id            uuid     not null references source_resource (id) on delete cascade,
    item          integer  not null,  -- a claim's item; 0 for the other types
    patient_id    uuid     not null,
    resource_type text     not null,
    source        text     not null,
    received_at   timestamptz not null,
    status        text,
    rxnorm        text,
    display       text,
    medication_id uuid,               -- a stored Medication it refers to, read for its code
    date          text,               -- as sent: a FHIR date or dateTime
    end_date      text,
    days_supply   integer,
    primary key (id, item)
);
create index medication_use_patient on medication_use (patient_id, resource_type);
