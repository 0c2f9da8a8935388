-- security: accounts for systems (issue 12). An INTEGRATION account is a system that writes
-- through POST /fhir; what it writes is kept under its source, named when the account is
-- made, never under what the client claims. People have no source; a source belongs to one
-- account, so that one system cannot write over another's records under its name.
alter table app_user add column source text;
alter table app_user add constraint app_user_source_only_for_integration
    check ((source is not null) = ('INTEGRATION' = any (roles)));
create unique index app_user_source on app_user (source) where source is not null;
