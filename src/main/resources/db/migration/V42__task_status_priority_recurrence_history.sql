-- worklist: tasks as coordinators keep them (issue 14). A task can be started or put on
-- hold as well as done or cancelled; it has a priority (FHIR Task.priority), may repeat
-- every so many days or weeks, may follow a care-plan item or a meeting's decision, and
-- escalates once to its owner's team supervisors when overdue. "Still to do" is OPEN,
-- IN_PROGRESS or ON_HOLD: the partial indexes say so in the words the queries use.
alter table task drop constraint task_status_check;
alter table task add constraint task_status_check
    check (status in ('OPEN', 'IN_PROGRESS', 'ON_HOLD', 'DONE', 'CANCELLED'));
alter table task add column priority text not null default 'ROUTINE'
    check (priority in ('ROUTINE', 'URGENT', 'ASAP', 'STAT'));
alter table task add column repeat_every integer check (repeat_every between 1 and 365);
alter table task add column repeat_unit text check (repeat_unit in ('DAYS', 'WEEKS'));
alter table task add constraint task_repeat_whole check ((repeat_every is null) = (repeat_unit is null));
-- The task a recurring one was made from when its predecessor was completed.
alter table task add column previous_id bigint references task (id) on delete set null;
-- What the task follows: a care-plan item or a meeting, named as it was when the task was
-- made (the worklist keeps no copy of either).
alter table task add column basis_kind text check (basis_kind in ('PLAN_ITEM', 'MEETING'));
alter table task add column basis_id bigint;
alter table task add column basis_title text;
alter table task add constraint task_basis_whole
    check ((basis_kind is null) = (basis_id is null) and (basis_kind is null) = (basis_title is null));
alter table task add column escalated_at timestamptz;
alter table task add column escalated_team text;

drop index task_open_by_patient;
drop index task_open_by_owner;
create index task_open_by_patient on task (patient_id) where status in ('OPEN', 'IN_PROGRESS', 'ON_HOLD');
create index task_open_by_owner on task (owner, due_on) where status in ('OPEN', 'IN_PROGRESS', 'ON_HOLD');
create index task_by_basis on task (basis_kind, basis_id) where basis_kind is not null;
create index task_to_escalate on task (due_on)
    where status in ('OPEN', 'IN_PROGRESS', 'ON_HOLD') and escalated_at is null;

-- Every change of a task's status, owner, due date or priority, and its creation,
-- completion and escalation: who, when, from, to. Kept when the task is deleted, and
-- never changed.
create table task_history (
    id         bigserial primary key,
    task_id    bigint      not null,
    at         timestamptz not null default now(),
    by_user    text        not null,
    field      text        not null check (field in ('CREATED', 'STATUS', 'OWNER', 'DUE', 'PRIORITY',
                                                      'COMPLETED_ON', 'ESCALATED', 'DELETED')),
    from_value text,
    to_value   text
);
create index task_history_by_task on task_history (task_id, id);

create function task_history_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'task_history is append-only: % of entry % refused', tg_op, old.id;
end
$$;
create trigger task_history_append_only before update or delete on task_history
    for each row execute function task_history_is_append_only();
