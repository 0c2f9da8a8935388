-- patient: record linkage. Each source's Patient stays its own row; linkage says which rows
-- describe one person, how that was decided, and which pairs a person still has to decide.

-- A record's person. Records of one person share person_id; a record with no row here is a
-- person of its own. person_id is a fresh id, not one of the records', so unlinking any
-- record never renames the others.
create table patient_link (
    patient_id uuid primary key references patient (id) on delete cascade,
    person_id  uuid             not null,
    method     text             not null check (method in ('IDENTIFIER', 'PROBABILISTIC', 'MANUAL')),
    score      double precision,
    linked_by  text,
    linked_at  timestamptz      not null default now()
);
create index patient_link_person on patient_link (person_id);

-- Pairs the matcher compared and did not reject, with the evidence. record_a < record_b.
-- PENDING pairs are the review queue; LINKED and REJECTED record the decision, and a person's
-- decision (decided_by set) is never overturned by the matcher.
create table link_candidate (
    record_a   uuid             not null references patient (id) on delete cascade,
    record_b   uuid             not null references patient (id) on delete cascade,
    score      double precision not null,
    agreement  jsonb            not null,
    status     text             not null check (status in ('PENDING', 'LINKED', 'REJECTED')),
    decided_by text,
    decided_at timestamptz,
    created_at timestamptz      not null default now(),
    primary key (record_a, record_b),
    check (record_a < record_b)
);
create index link_candidate_pending on link_candidate (score desc) where status = 'PENDING';
create index link_candidate_b on link_candidate (record_b);

-- Blocking keys: records are compared only with records that share a key.
create table patient_blocking_key (
    key        text not null,
    patient_id uuid not null references patient (id) on delete cascade,
    primary key (key, patient_id)
);
create index patient_blocking_key_patient on patient_blocking_key (patient_id);
