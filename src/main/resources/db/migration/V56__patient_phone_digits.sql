-- patient: an SMS gateway reports a reply by the number it came from, and People.withPhone
-- finds the patients with that number by its digits (a leading North American country code 1
-- dropped), however the number was written. Without an index that ran two regular expressions
-- over every patient's phone for each reply. The expression is People.PHONE_DIGITS, written the
-- same, so that the query finds it.
create index patient_phone_digits on patient
    ((regexp_replace(regexp_replace(phone, '\D', '', 'g'), '^1(\d{10})$', '\1')))
    where merged_into is null and phone is not null;
