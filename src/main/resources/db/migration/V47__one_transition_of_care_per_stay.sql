-- worklist: one transition of care per stay, whichever source sent the stay first. A stay
-- that reaches Northstar from the ADT feed and from a FHIR import arrives as two
-- encounters on two records of one person; each started its own tasks and TCM period, so
-- the coordinator saw every follow-up twice and the stay could be billed twice.
--
-- Every discharge that starts a transition of care has a row here, keyed by its encounter
-- (a re-delivered message or re-imported bundle finds its row and starts nothing). The
-- first of a person's stays discharged on a day starts the transition (transition_of is
-- its own encounter); a later one from another source is the same stay, recorded here with
-- its source and pointing at the first, and starts nothing of its own. The check and the
-- insert run under the advisory locks of every record of the person, so two reactions at
-- once cannot both start one.
create table transition_stay (
    encounter_id  uuid        primary key,
    patient_id    uuid        not null,
    discharged_on date        not null,
    source        text        not null,
    received_by   text        check (received_by in ('FEED', 'IMPORT')), -- null: before V47
    disposition   text        not null,
    transition_of uuid        not null references transition_stay (encounter_id),
    recorded_at   timestamptz not null default now()
);
create index transition_stay_patient on transition_stay (patient_id, discharged_on);
create index transition_stay_transition on transition_stay (transition_of);

-- The discharges home that started transitions before this table; those whose disposition
-- was unknown opened no period and are not here: a second source of one of them, in the
-- days after the upgrade, still starts a second transition.
insert into transition_stay (encounter_id, patient_id, discharged_on, source, received_by, disposition, transition_of,
                             recorded_at)
select t.encounter_id, t.patient_id, t.discharged_on, coalesce(r.source, 'unknown'), null, '', t.encounter_id,
       t.created_at
from transition_of_care t left join source_resource r on r.id = t.encounter_id;
