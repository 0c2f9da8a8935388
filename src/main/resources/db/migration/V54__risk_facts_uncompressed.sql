-- risk: a score's facts are stored as written, never compressed. A stay with many conditions
-- and procedures has 9 KB of facts; PostgreSQL compressed each such value (pglz), then still
-- moved it out of line. Storing it out of line uncompressed made inserting the scores of
-- 60,000 stays 40% faster (1.9 s -> 1.1 s; docs/benchmarks.md, risk), for about 3.5 times
-- the space of those few values. Scores written before keep their compressed facts.
alter table risk_assessment alter column facts set storage external;
