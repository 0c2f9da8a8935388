-- Whether a person takes appointment reminders by text (issue 17): every opt-out and opt-in,
-- recorded by a coordinator on the patient page or reported by the SMS gateway (a STOP or
-- START reply), kept append-only so the page shows who changed it, when and how. The person's
-- choice is the latest row over all their records. Owned by the scheduling module.
create table sms_reminder_choice (
    id bigserial primary key,
    patient_id uuid not null,
    opted_out boolean not null,
    source text not null check (source in ('COORDINATOR', 'GATEWAY')),
    -- the coordinator's user name, or the gateway account's
    recorded_by text not null,
    recorded_at timestamptz not null default now()
);

create index sms_reminder_choice_patient on sms_reminder_choice (patient_id, recorded_at desc, id desc);

create function sms_reminder_choice_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'sms_reminder_choice is append-only: record a new choice instead';
end $$;

create trigger sms_reminder_choice_append_only before update or delete on sms_reminder_choice
    for each row execute function sms_reminder_choice_append_only();
