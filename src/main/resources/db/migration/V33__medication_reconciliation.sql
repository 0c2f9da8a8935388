-- A coordinator's medication reconciliation (issue 16): one signed record per
-- reconciliation, one row per medicine decided. Records of what was decided are appended,
-- never changed or deleted: a later reconciliation supersedes an earlier one.

create table medication_reconciliation (
    id              bigserial   primary key,
    patient_id      uuid        not null,
    reconciled_on   date        not null,
    reconciled_by   text        not null,
    -- The coordinator's name as typed under the attestation, beside the account.
    signed_as       text        not null check (length(trim(signed_as)) > 0),
    signed_at       timestamptz not null default now(),
    note            text,
    -- The transition-of-care medication task this reconciliation completed, if any.
    task_id         bigint
);
create index medication_reconciliation_patient on medication_reconciliation (patient_id, signed_at);

create table medication_reconciliation_line (
    reconciliation_id bigint not null references medication_reconciliation (id),
    line_key          text   not null,
    display           text   not null,
    verdict           text   not null check (verdict in ('CONFIRMED', 'STOPPED', 'TAKES_DIFFERENTLY', 'ADDED')),
    takes             text,
    reason            text,
    primary key (reconciliation_id, line_key),
    check (verdict not in ('TAKES_DIFFERENTLY', 'ADDED') or length(trim(coalesce(takes, ''))) > 0)
);

create function refuse_change_to_reconciliation() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: reconcile again instead', tg_table_name;
end
$$;
create trigger medication_reconciliation_append_only before update or delete on medication_reconciliation
    for each row execute function refuse_change_to_reconciliation();
create trigger medication_reconciliation_line_append_only before update or delete on medication_reconciliation_line
    for each row execute function refuse_change_to_reconciliation();
