-- The caseload list asks, for 150 or more patients at once, for each one's active problems and
-- the dates of their last and next encounters. These indexes answer both from the index alone.
create index condition_active_by_patient on condition (patient_id) include (display, onset)
    where clinical_status = 'active';
create index encounter_dates_by_patient on encounter (patient_id) include (period_start, status);
