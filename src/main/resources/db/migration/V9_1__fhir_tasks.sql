-- worklist: tasks are written through the FHIR API too (issue #4). A version for
-- optimistic locking (FHIR If-Match / ETag), and when a task last changed.
-- Version 9.1 rather than 10: this belongs with V9, the FHIR API's migration.
alter table task add column version integer not null default 1;
alter table task add column updated_at timestamptz not null default now();
