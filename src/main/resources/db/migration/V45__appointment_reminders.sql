-- Appointment reminders (issue 17): each reminder planned for a booked appointment, kept so
-- that a restart loses none and none is sent twice. A reminder is claimed (SENDING, committed)
-- before it is handed to the sender, and marked SENT or FAILED after; a claim whose process
-- stopped before the outcome was written becomes UNCONFIRMED and is never sent again.
-- Owned by the scheduling module.
create table appointment_reminder (
    id bigserial primary key,
    appointment_id uuid not null references appointment (id),
    -- how long before the visit, as configured: P2D (calendar days, same local time) or PT2H
    lead text not null,
    -- the start it was planned for: an appointment that moves has its reminders cancelled
    appointment_starts_at timestamptz not null,
    due_at timestamptz not null,
    status text not null check (status in ('PLANNED', 'SENDING', 'SENT', 'FAILED', 'UNCONFIRMED', 'CANCELLED',
        'SKIPPED')),
    attempts integer not null default 0,
    next_attempt_at timestamptz,
    -- the written language (en, es, zh) and the text as last handed to the sender
    language text,
    message text,
    -- why it failed, was cancelled or skipped
    note text,
    claimed_at timestamptz,
    sent_at timestamptz,
    planned_at timestamptz not null default now(),
    unique (appointment_id, lead, appointment_starts_at)
);

create index appointment_reminder_pending on appointment_reminder (due_at) where status in ('PLANNED', 'FAILED');
create index appointment_reminder_claimed on appointment_reminder (claimed_at) where status = 'SENDING';

-- The coordinator booked the ride program's ride for an appointment.
create table ride_booking (
    appointment_id uuid primary key references appointment (id),
    booked_by text not null,
    booked_at timestamptz not null default now()
);
