-- security: what an API token may do, as SMART-style scopes (issue #4, the FHIR API).
-- Tokens issued before scopes existed keep what they could do: read and write as their user.
alter table api_token add column scopes text[] not null default '{user/*.read,user/*.write}';
