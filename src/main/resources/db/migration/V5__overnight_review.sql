-- worklist: when each user last marked the overnight admissions review as done.
create table overnight_review (
    username    text primary key,
    reviewed_at timestamptz not null
);
