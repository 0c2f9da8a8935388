-- Issue 13 §3: the Today page.

-- A coordinator's decision to look at a person later: the row stays off Today until the
-- day (or until the hospital sends news of the person). Kept, not overwritten: the latest
-- snooze of a person counts, and the earlier ones say who put them off and why.
create table today_snooze (
    id            bigserial   primary key,
    patient_id    uuid        not null,
    snoozed_until date        not null,
    reason        text        not null check (length(reason) between 1 and 500),
    snoozed_by    text        not null,
    snoozed_at    timestamptz not null
);
create index today_snooze_patient on today_snooze (patient_id, snoozed_at desc);

-- Today asks when each of a caseload's people last had a task created (a discharge is
-- followed up when a task came after it), over every task, done ones included.
create index task_created_by_patient on task (patient_id, created_at);
