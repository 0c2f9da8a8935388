-- reactions: Spring Modulith's event publication registry. A domain event (an encounter
-- recorded by a feed) is stored here, one row per listener, in the transaction that
-- records the fact; each listener runs after the commit, in its own transaction, and its
-- row is deleted when it completes (completion mode DELETE). What stays is pending or
-- failed. The table is Spring Modulith 2.0's own (schema v2 for PostgreSQL, as bundled in
-- spring-modulith-events-jdbc 2.0.3); Modulith's schema initialisation is off, Flyway
-- owns the schema.
create table event_publication (
    id                     uuid                     not null,
    listener_id            text                     not null,
    event_type             text                     not null,
    serialized_event       text                     not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamp with time zone,
    primary key (id)
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);

-- reactions: why a reaction failed the last time, which Modulith does not keep: the error
-- an administrator sees next to the publication. Written in its own transaction after the
-- reaction's rolled back; gone with the publication once a retry completes it.
create table reaction_failure (
    publication_id uuid        primary key references event_publication (id) on delete cascade,
    failed_at      timestamptz not null,
    error          text        not null,
    stack_trace    text        not null
);
