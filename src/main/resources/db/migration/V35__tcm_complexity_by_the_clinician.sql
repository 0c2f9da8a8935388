-- worklist: a discharge's TCM complexity (the medical decision making that decides between
-- 99495 and 99496) is the clinician's judgement, set on the discharge. It was judged from a
-- count of active problems, which is no assessment at all: every discharge is "not
-- assessed" until a clinician says moderate or high. Each judgement is kept, with who made
-- it and when; the latest stands.
alter table transition_of_care drop column high_complexity;

create table tcm_complexity (
    id           bigserial primary key,
    encounter_id uuid        not null references transition_of_care (encounter_id),
    complexity   text        not null check (complexity in ('MODERATE', 'HIGH')),
    assessed_by  text        not null,
    assessed_at  timestamptz not null
);
create index tcm_complexity_encounter on tcm_complexity (encounter_id, assessed_at desc, id desc);

-- A judgement is a clinical record: a new one supersedes it, nothing changes or removes it.
create function refuse_change_to_tcm_complexity() returns trigger language plpgsql as $$
begin
    raise exception 'a TCM complexity judgement is kept as made: record a new one instead';
end $$;
create trigger tcm_complexity_append_only before update or delete on tcm_complexity
    for each row execute function refuse_change_to_tcm_complexity();
