-- Issue 13 §2: what LACE and HOSPITAL read that was not kept yet, and the scores.

-- How urgent the admission was (FHIR Encounter.priority, v3 ActPriority: EM, UR, EL, R...;
-- from a feed, PV1-4 admission type: E -> EM, U -> UR, C -> EL, R -> R) and the service
-- the patient was under (FHIR Encounter.serviceType; a feed's PV1-10 hospital service),
-- as first coded. hospitalization.admitSource of imported encounters goes into the
-- existing admit_source column, beside the feed's PV1-14.
alter table encounter add column priority        text;
alter table encounter add column service_code    text;
alter table encounter add column service_display text;

-- Each score of each inpatient stay, with its history: a recomputation that changes
-- anything supersedes the row and adds a new one; one that changes nothing writes nothing.
create table risk_assessment (
    id             uuid primary key,
    instrument     text not null check (instrument in ('LACE', 'HOSPITAL')),
    -- The patient record the stay belongs to; the inputs come from every record of the
    -- person.
    patient_id     uuid not null,
    encounter_id   uuid not null,
    -- The stay's discharge: the person's latest stay is the one the API and the caseload show.
    discharged_at  timestamptz not null,
    score          integer not null,
    band           text not null,
    complete       boolean not null,
    components     jsonb not null,
    facts          jsonb not null,
    missing        jsonb not null,
    -- SHA-256 of what the row says (all but its id and times): a recomputation that
    -- comes to the same writes nothing.
    content_hash   bytea not null,
    computed_at    timestamptz not null,
    superseded_at  timestamptz
);
create unique index risk_assessment_current on risk_assessment (encounter_id, instrument)
    where superseded_at is null;
create index risk_assessment_patient on risk_assessment (patient_id, computed_at desc);
