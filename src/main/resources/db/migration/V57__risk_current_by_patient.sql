-- risk: a person's current scores by index, whatever plan a session caches. The feed asks,
-- for every admission and discharge, whether a current score of the person's records is of
-- a stay discharged after the visit began, and each scoring reads the current scores of the
-- records it scores. In a plan made while the table was empty (a new installation; the feed
-- keeps generic plans) PostgreSQL read those through risk_assessment_current, which holds
-- every current score, and filtered them by patient: every score, for every such message,
-- until an ANALYZE made the sessions plan again.
create index risk_assessment_current_by_patient on risk_assessment (patient_id) where superseded_at is null;
