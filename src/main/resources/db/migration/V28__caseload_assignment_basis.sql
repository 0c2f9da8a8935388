-- caseload: how each assignment came about (who made it, on what basis: a supervisor's
-- page, a payer's attribution list) and the program a list names, so that a coordinator
-- and an auditor can see why a patient is on a caseload.
alter table caseload_assignment add column program text;
alter table caseload_assignment add column assigned_by text;
alter table caseload_assignment add column basis text;
