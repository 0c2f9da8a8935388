-- One living care plan per person, its items, their progress notes, and the history of
-- every change (who, when, which field, before and after).

create table care_plan (
    id          bigserial   primary key,
    -- The id the plan has in the FHIR API (CarePlan/<fhir_id>): a UUID, like every
    -- imported resource's, so that the two never need telling apart by shape.
    fhir_id     uuid        not null unique default gen_random_uuid(),
    -- The record the plan was opened on; the plan is the person's, found through any of
    -- their linked records.
    patient_id  uuid        not null,
    version     integer     not null default 1,
    created_at  timestamptz not null,
    created_by  text        not null,
    updated_at  timestamptz not null,
    updated_by  text        not null
);
create index care_plan_patient on care_plan (patient_id);

create table care_plan_item (
    id             bigserial   primary key,
    fhir_id        uuid        not null unique default gen_random_uuid(),
    plan_id        bigint      not null references care_plan (id),
    kind           text        not null check (kind in ('PROBLEM', 'GOAL', 'INTERVENTION', 'BARRIER')),
    title          text        not null check (length(title) between 1 and 500),
    barrier_kind   text        check ((kind = 'BARRIER') = (barrier_kind is not null)),
    action         text,
    owner          text,
    due_on         date,
    status         text        not null check (status in ('ACTIVE', 'ON_HOLD', 'COMPLETED', 'NOT_ACHIEVED', 'CANCELLED')),
    -- A problem's condition, as the person's record codes it.
    condition_code text,
    -- A goal's target: in words, and when measured, the LOINC code and the band, with
    -- every digit the coordinator gave (numeric keeps 7.0 as 7.0).
    target_text    text,
    measure_code   text,
    target_low     numeric,
    target_high    numeric,
    target_unit    text,
    check (target_low is null or target_high is null or target_low <= target_high),
    -- Where the item came from: a template ("template:heart-failure") or an imported
    -- resource it was adopted from ("hospital CarePlan/abc"); null when written here.
    origin         text,
    version        integer     not null default 1,
    created_at     timestamptz not null,
    created_by     text        not null,
    updated_at     timestamptz not null,
    updated_by     text        not null
);
create index care_plan_item_plan on care_plan_item (plan_id, kind);

create table care_plan_note (
    id          bigserial   primary key,
    item_id     bigint      not null references care_plan_item (id),
    text        text        not null check (length(text) between 1 and 4000),
    written_at  timestamptz not null,
    written_by  text        not null
);
create index care_plan_note_item on care_plan_note (item_id);

create table care_plan_change (
    id          bigserial   primary key,
    plan_id     bigint      not null references care_plan (id),
    item_id     bigint      references care_plan_item (id),
    changed_at  timestamptz not null,
    changed_by  text        not null,
    field       text        not null,
    before      text,
    after       text
);
create index care_plan_change_plan on care_plan_change (plan_id, id);

-- History is a record of what happened: appended, never changed or deleted.
create function refuse_change_to_care_plan_history() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only', tg_table_name;
end
$$;
create trigger care_plan_change_append_only before update or delete on care_plan_change
    for each row execute function refuse_change_to_care_plan_history();
create trigger care_plan_note_append_only before update or delete on care_plan_note
    for each row execute function refuse_change_to_care_plan_history();
