-- What a coordinator is writing on the patient page before she signs it: one draft per
-- user and person, kept as typed (nothing in it is checked until it is signed), deleted
-- when the interaction is signed. A draft is not documentation: it may change and go.
create table interaction_draft (
    patient_id      uuid        not null,
    username        text        not null,
    kind            text,
    outcome         text,
    started_at      text,
    minutes         text,
    staff           text,
    activity        text,
    participants    text,
    note            text,
    follow_up_on    text,
    follow_up_what  text,
    saved_at        timestamptz not null,
    primary key (patient_id, username)
);

-- Reusable words for notes, per program: a phrase inserted where the cursor is, or a
-- template for a whole note. Supervisors keep them.
create table quick_text (
    id          bigserial   primary key,
    program     text        not null check (program in ('CCM', 'PCM', 'TCM', 'OTHER')),
    kind        text        not null check (kind in ('PHRASE', 'TEMPLATE')),
    title       text        not null check (length(title) between 1 and 80),
    body        text        not null check (length(body) between 1 and 4000),
    created_by  text        not null,
    created_at  timestamptz not null default now()
);
create index quick_text_program on quick_text (program, title);
