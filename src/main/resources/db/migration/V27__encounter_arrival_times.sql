-- clinical: when Northstar learned that an encounter began and that it ended, as opposed to
-- when the hospital says it happened. The overnight review lists what arrived since the
-- last review: a late ED visit or readmission whose event time is older than the last
-- "Mark reviewed" must still be listed. Two times, not one, so that a discharge arriving
-- does not list the admission a second time.
-- Rows written before this migration keep their event times as arrival times, so the
-- review shows after the upgrade what it showed before, rather than every stay ever
-- recorded. New rows (imports copy them in) arrive now.
alter table encounter add column start_arrived_at timestamptz;
alter table encounter add column end_arrived_at   timestamptz;
update encounter e set start_arrived_at = coalesce(e.period_start, r.received_at),
                       end_arrived_at   = coalesce(e.period_end, r.received_at)
from source_resource r where r.id = e.id;
alter table encounter alter column start_arrived_at set default now();
alter table encounter alter column end_arrived_at   set default now();
update encounter set start_arrived_at = now() where start_arrived_at is null;
update encounter set end_arrived_at = now() where end_arrived_at is null;
alter table encounter alter column start_arrived_at set not null;
alter table encounter alter column end_arrived_at   set not null;
