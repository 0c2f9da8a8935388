-- HL7 v2 ADT feed (issue #5).

-- ingest: the durable inbox. Every message is kept raw, with the acknowledgement it got,
-- in the transaction that applied it, so an ACK never promises something that was lost.
-- sender and control_id are null only when a message was too broken to read them.
create table hl7_message (
    id            bigserial primary key,
    sender        text,
    control_id    text,
    message_type  text,
    event_type    text,
    version       text,
    raw           text        not null,
    received_at   timestamptz not null default now(),
    processed_at  timestamptz,
    status        text        not null check (status in ('RECEIVED', 'APPLIED', 'REJECTED', 'IGNORED', 'DEAD')),
    ack_code      text,
    ack_text      text,
    error_reason  text,
    patient_key   text,
    attempts      integer     not null default 1
);
-- A sender reuses a control id only to resend the same message: the index is what makes
-- a resend return the first answer instead of applying twice.
create unique index hl7_message_sender_control on hl7_message (sender, control_id);
create index hl7_message_status on hl7_message (status, id);

-- patient: a patient first seen on a feed is created from its demographics and waits for
-- a person to confirm it is not a duplicate of someone already known.
alter table patient add column needs_review boolean not null default false;
-- A40 merges: the prior record stays (its history refers to it) but points at the survivor.
alter table patient add column merged_into uuid;
create index patient_needs_review on patient (updated_at) where needs_review;

-- clinical: what an ADT feed says about a visit, beyond what FHIR imports fill in.
-- *_event_at remember the time of the event that last set the status and the details, so
-- a message that arrives late cannot undo a newer one (an A01 after its A03).
alter table encounter add column visit_number          text;
alter table encounter add column location_text         text;
alter table encounter add column attending             text;
alter table encounter add column admit_source          text;
alter table encounter add column discharge_disposition text;
alter table encounter add column status_event_at       timestamptz;
alter table encounter add column details_event_at      timestamptz;
