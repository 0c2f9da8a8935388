-- Interdisciplinary team (IDT) meetings with their agenda, minutes and decisions; the
-- victory journal; family conferences. Owned by the meetings module.

create table idt_meeting (
    id          bigserial   primary key,
    -- The team whose people the agenda was compiled from (security's team code).
    team        text        not null,
    held_on     date        not null,
    started_at  timestamptz not null,
    started_by  text        not null,
    -- Once closed, the agenda, minutes and decisions are the record of what was said.
    closed_at   timestamptz,
    closed_by   text
);
create index idt_meeting_team on idt_meeting (team, id desc);

create table idt_agenda_item (
    id          bigserial   primary key,
    meeting_id  bigint      not null references idt_meeting (id),
    -- The person's record that stands for them (People.onePerPerson).
    patient_id  uuid        not null,
    position    integer     not null,
    minutes     text        check (length(minutes) <= 8000),
    -- Null when the agenda compiled them; who added them by hand otherwise.
    added_by    text,
    unique (meeting_id, patient_id)
);
create index idt_agenda_item_meeting on idt_agenda_item (meeting_id, position);

-- Why a person is on the agenda, as it stood when the agenda was compiled.
create table idt_agenda_reason (
    id          bigserial   primary key,
    item_id     bigint      not null references idt_agenda_item (id) on delete cascade,
    kind        text        not null,
    text        text        not null
);
create index idt_agenda_reason_item on idt_agenda_reason (item_id);

create table idt_decision (
    id          bigserial   primary key,
    item_id     bigint      not null references idt_agenda_item (id),
    text        text        not null check (length(text) between 1 and 500),
    owner       text        not null,
    due_on      date        not null,
    -- The worklist task the decision became.
    task_id     bigint      not null,
    decided_at  timestamptz not null,
    decided_by  text        not null
);
create index idt_decision_item on idt_decision (item_id);

create table victory (
    id           bigserial   primary key,
    patient_id   uuid        not null,
    text         text        not null check (length(text) between 1 and 500),
    happened_on  date        not null,
    recorded_by  text        not null,
    recorded_at  timestamptz not null
);
create index victory_patient on victory (patient_id, happened_on desc);
create index victory_happened on victory (happened_on desc);

create table family_conference (
    id                  bigserial   primary key,
    patient_id          uuid        not null,
    held_on             date        not null,
    participants        text        not null check (length(participants) between 1 and 2000),
    explained           text        check (length(explained) <= 8000),
    questions           text        check (length(questions) <= 8000),
    decisions           text        check (length(decisions) <= 8000),
    caregiver_concerns  text        check (length(caregiver_concerns) <= 8000),
    -- The caregiver-strain barrier the concerns raised on the care plan, if any.
    barrier_item_id     bigint,
    recorded_by         text        not null,
    recorded_at         timestamptz not null
);
create index family_conference_patient on family_conference (patient_id, held_on desc);

-- Victories and conferences are a record of what happened: appended, never changed.
create function refuse_change_to_meeting_record() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only', tg_table_name;
end
$$;
create trigger victory_append_only before update or delete on victory
    for each row execute function refuse_change_to_meeting_record();
create trigger idt_decision_append_only before update or delete on idt_decision
    for each row execute function refuse_change_to_meeting_record();
create trigger family_conference_append_only before update or delete on family_conference
    for each row execute function refuse_change_to_meeting_record();
