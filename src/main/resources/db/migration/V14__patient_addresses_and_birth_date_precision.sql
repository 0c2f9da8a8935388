-- patient: every address a source sent in full (an HL7 feed's PID-11 repetitions, with
-- their second lines, county, country, use and validity), as a JSON array in the shape of
-- FHIR's Address; address_line and the other flat columns stay the first address, for
-- record linkage and pages. And how much of the birth date the source gave: a year or a
-- year and month is kept as its first day in birth_date and served as sent; null is a
-- full date.
alter table patient
    add column addresses jsonb,
    add column birth_date_precision text check (birth_date_precision in ('year', 'month'));
