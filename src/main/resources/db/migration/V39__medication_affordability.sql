-- "Cannot afford" on a medicine (issue 16): what it costs the patient when known, the
-- options the coordinator is pursuing, and the follow-up task and care-plan barrier made
-- with it. One row per time it is recorded; a later one for the same medicine supersedes.

create table medication_affordability (
    id                 bigserial   primary key,
    patient_id         uuid        not null,
    line_key           text        not null,
    medicine           text        not null,
    -- What the patient pays per fill, as the coordinator entered it or the pharmacy's
    -- ExplanationOfBenefit said; null when unknown.
    copay              numeric     check (copay >= 0),
    copay_currency     text,
    copay_source       text,
    options            text[]      not null,
    note               text,
    follow_up_on       date        not null,
    task_id            bigint      not null,
    care_plan_item_id  bigint,
    recorded_by        text        not null,
    recorded_at        timestamptz not null default now()
);
create index medication_affordability_patient on medication_affordability (patient_id, recorded_at);
