-- clinical: the index of a patient's encounter dates (V4) is also keyed by the encounter's class.
-- Risk scoring and adherence read only some classes of many people's encounters (inpatient
-- stays, emergency visits): by patient alone, PostgreSQL fetched every encounter of the batch
-- from the table and dropped two in three (risk at 100,000 people: 12,929 fetched for 1,794
-- kept, 38.7 ms per batch of 500; by patient and class, 12.4 ms). The caseload's reads of
-- the dates by patient still find them in the index alone.
drop index encounter_dates_by_patient;
create index encounter_dates_by_patient on encounter (patient_id, class_code) include (period_start, status);
