-- Issue 13: scoring a population from scratch at >= 5,000 people/s on 2 cores.

-- A score's components, facts and missing inputs are only ever written and read whole, as
-- the text RiskJson wrote: json keeps that text as it is, where jsonb parsed it into a
-- tree of its own on every insert (about 2 KB of facts per score) and printed it back on
-- every read.
alter table risk_assessment
    alter column components type json using components::json,
    alter column facts      type json using facts::json,
    alter column missing    type json using missing::json;

-- Scoring reads the procedures linked to each stay: without an index by encounter that
-- was every procedure of the batch's people, hundreds each in a Synthea record.
create index procedure_encounter on procedure (encounter_id);
