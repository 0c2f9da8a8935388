-- A ride program's booking notice given in business days with a cut-off time ("2 business
-- days before, by 17:00") instead of hours: the days are counted back from the pickup's day,
-- skipping weekends and the configured holidays, and the cut-off is a wall-clock time in the
-- practice's zone. Either hours or business days, never both; rows written before keep hours.
alter table person_travel
    add column ride_notice_business_days integer not null default 0 check (ride_notice_business_days >= 0),
    add column ride_notice_cutoff time,
    add constraint person_travel_ride_notice_one_way check (
        (ride_notice_business_days = 0 and ride_notice_cutoff is null)
        or (ride_notice_business_days > 0 and ride_notice_cutoff is not null and ride_lead_hours = 0));
