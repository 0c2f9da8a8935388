-- security: accounts that administrators manage and that end where they must (issue 12).

-- A one-time password (set by an administrator, or the generated admin password) must be
-- replaced at the next sign-in.
alter table app_user add column must_change_password boolean not null default false;
-- Changes whenever what a signed-in session may do changes (disabled, roles or team,
-- password). A session remembers the stamp it signed in with and ends on its next request
-- once the two differ.
alter table app_user add column security_stamp bigint not null default 0;
alter table app_user add column password_changed_at timestamptz;

-- Tokens are listed and revoked by a number; each says what it is for; revoked tokens stay
-- listed in the audit trail, not here: the row keeps who revoked it and when.
alter table api_token add column id bigint generated always as identity;
alter table api_token add constraint api_token_id unique (id);
alter table api_token add column purpose text;
update api_token set purpose = 'issued before tokens named a purpose';
alter table api_token alter column purpose set not null;
alter table api_token add column last_used_at timestamptz;
alter table api_token add column revoked_at timestamptz;
alter table api_token add column revoked_by text;

-- Failed sign-ins per client address, whatever account they tried: past a limit, the address
-- is refused for a while without a password being checked.
create table sign_in_throttle (
    address        text primary key,
    failures       integer     not null,
    window_started timestamptz not null,
    refused_until  timestamptz
);
