-- The care team around a person's plan, across organisations; whom the plan was sent to;
-- handoff notes between coordinators; the conditions a plan's problems address.

-- The person's care team is served in the FHIR API as CareTeam/<care_team_fhir_id>, and
-- is versioned on its own: adding a member is no new version of the plan.
alter table care_plan add column care_team_fhir_id uuid not null unique default gen_random_uuid();
alter table care_plan add column care_team_version integer not null default 1;

-- A problem's condition as the FHIR API names it ("Condition/<id>"), when the plan
-- addresses one of the person's recorded conditions.
alter table care_plan_item add column condition_ref text;

create table care_team_member (
    id                bigserial   primary key,
    plan_id           bigint      not null references care_plan (id),
    -- A Northstar user, or null for someone outside (a cardiologist, a pharmacist).
    username          text,
    name              text        not null check (length(name) between 1 and 200),
    role              text        not null check (length(role) between 1 and 200),
    organisation      text,
    phone             text,
    email             text,
    preferred_channel text        check (preferred_channel in ('PHONE', 'SMS', 'EMAIL', 'FAX', 'PORTAL', 'MAIL', 'IN_PERSON')),
    started_on        date        not null,
    ended_on          date,
    end_reason        text,
    check (ended_on is null or ended_on >= started_on),
    -- The version of the plan they were last sent or saw; null when never.
    seen_version      integer,
    seen_at           timestamptz,
    version           integer     not null default 1,
    created_at        timestamptz not null,
    created_by        text        not null,
    updated_at        timestamptz not null,
    updated_by        text        not null
);
create index care_team_member_plan on care_team_member (plan_id);

create table care_team_change (
    id          bigserial   primary key,
    plan_id     bigint      not null references care_plan (id),
    member_id   bigint      not null references care_team_member (id),
    changed_at  timestamptz not null,
    changed_by  text        not null,
    field       text        not null,
    before      text,
    after       text
);
create index care_team_change_plan on care_team_change (plan_id, id);

-- Each time the plan left Northstar for someone: whom, how, which version, when, by whom.
create table care_plan_share (
    id            bigserial   primary key,
    plan_id       bigint      not null references care_plan (id),
    member_id     bigint      not null references care_team_member (id),
    plan_version  integer     not null,
    format        text        not null check (format in ('BUNDLE', 'SUMMARY')),
    channel       text        not null check (channel in ('PHONE', 'SMS', 'EMAIL', 'FAX', 'PORTAL', 'MAIL', 'IN_PERSON')),
    sent_at       timestamptz not null,
    sent_by       text        not null
);
create index care_plan_share_plan on care_plan_share (plan_id, id);

-- A note from the coordinator a person leaves to the one they join, shown to the new
-- coordinator until they acknowledge it. Written ahead, it waits for the reassignment
-- (to_coordinator null); a reassignment without one opens one with no text, a prompt.
create table handoff_note (
    id               bigserial   primary key,
    -- The record named when it was opened; found through any of the person's records.
    patient_id       uuid        not null,
    from_coordinator text        not null,
    to_coordinator   text,
    reassigned_at    timestamptz,
    check ((to_coordinator is null) = (reassigned_at is null)),
    text             text        check (text is null or length(text) between 1 and 4000),
    written_at       timestamptz,
    written_by       text,
    check ((text is null) = (written_at is null)),
    acknowledged_at  timestamptz,
    acknowledged_by  text,
    unique (patient_id, from_coordinator, to_coordinator, reassigned_at)
);
create index handoff_note_patient on handoff_note (patient_id);

create trigger care_team_change_append_only before update or delete on care_team_change
    for each row execute function refuse_change_to_care_plan_history();
create trigger care_plan_share_append_only before update or delete on care_plan_share
    for each row execute function refuse_change_to_care_plan_history();
