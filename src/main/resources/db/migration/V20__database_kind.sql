-- database: whether this database is a demo or holds real patients, recorded once and never
-- changed (issue 12). One row, written at the first start by the application (DatabaseKind).
create table database_kind (
    one_row    boolean     primary key default true check (one_row),
    kind       text        not null check (kind in ('DEMO', 'REAL')),
    created_at timestamptz not null default now()
);

-- A database from before this table. The demo's sign-ins or the demo's patients make it a demo,
-- whatever else was added since: real patients may already sit beside invented ones, and an
-- operator must move them to a real database rather than go on mixing. Other patients or users
-- make it a real one. An empty database is left undecided, so that its next start decides, as
-- for a new one.
insert into database_kind (kind)
select case
           when exists (select 1 from app_user
                        where (username, display_name) in (('ana', 'Ana Torres, RN'), ('ben', 'Ben Okoro, MSW'),
                                                           ('carla', 'Carla Mendes, RN (supervisor)')))
             or exists (select 1 from patient where source in ('demo', 'demo-synthea'))
           then 'DEMO'
           else 'REAL'
       end
where exists (select 1 from patient) or exists (select 1 from app_user where username <> 'admin');
