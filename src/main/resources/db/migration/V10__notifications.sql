-- notification: what a user is told at once about their patients (ED visits, admissions),
-- kept in the app and delivered through an outside channel (e-mail, SMS) until it goes
-- through. One per event and user, however often a feed resends the event.
create table notification (
    id                bigserial primary key,
    username          text        not null,
    patient_id        uuid,
    kind              text        not null,
    text              text        not null,
    encounter_id      uuid,
    created_at        timestamptz not null default now(),
    read_at           timestamptz,
    delivered_at      timestamptz,
    delivery_attempts integer     not null default 0,
    delivery_error    text,
    unique (encounter_id, kind, username)
);
create index notification_unread on notification (username, created_at) where read_at is null;
create index notification_undelivered on notification (id) where delivered_at is null;
