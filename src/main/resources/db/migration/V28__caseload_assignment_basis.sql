-- caseload: how each assignment came about (who made it, on what basis: a supervisor's
-- page, a payer's attribution list) and the program a list names, so that a coordinator
-- and an auditor can see why a patient is on a caseload.
alter table caseload_assignment add column program text;
alter table caseload_assignment add column assigned_by text;
alter table caseload_assignment add column basis text;

-- caseload: rules that put a new patient on a caseload by who looks after them outside
-- hospital (their general practitioner, their managing organization) or by the system
-- that sent them; the first rule that matches, in order, decides.
create table attribution_rule (
    id          bigserial   primary key,
    kind        text        not null check (kind in ('GENERAL_PRACTITIONER', 'MANAGING_ORGANIZATION', 'SOURCE')),
    match       text        not null,
    coordinator text        not null,
    program     text,
    created_by  text        not null,
    created_at  timestamptz not null default now()
);
