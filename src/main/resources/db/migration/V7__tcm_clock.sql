-- worklist: tasks are completed by someone, on a date (the day the contact or visit took
-- place, which may be before the day it is recorded).
alter table task add column completed_on date;
alter table task add column completed_by text;
alter table task add column completed_at timestamptz;

-- worklist: the transitional care management (TCM) period each discharge home opens: the
-- discharge day and the 29 days after it. A discharge inside an earlier period opens none
-- of its own (TCM is billed once per period); a readmission or a death inside the period
-- is noted on it, because it changes what may be billed.
create table transition_of_care (
    encounter_id     uuid primary key,
    patient_id       uuid    not null,
    discharged_on    date    not null,
    high_complexity  boolean not null,
    within_period_of uuid references transition_of_care (encounter_id),
    readmitted_on    date,
    died_on          date,
    created_at       timestamptz not null default now()
);
create index transition_of_care_patient on transition_of_care (patient_id, discharged_on);
