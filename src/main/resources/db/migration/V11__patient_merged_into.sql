-- patient: the records a feed merged (A40) into a survivor, found from the survivor.
-- Without it, reading a person's records scanned the whole patient table: on every
-- discharge, for the TCM complexity, and on every patient page.
create index patient_merged_into on patient (merged_into) where merged_into is not null;
