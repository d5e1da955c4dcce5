-- The figures read the in-memory index now, not these tables per query: the indexes that served the per-query
-- scope reads only slowed every insert and every rebuild. (opportunity_id, sequence) stays unique; the plain
-- index on the same columns was a duplicate of that constraint's.
drop index if exists rm_v1.opportunity_event_deal;
drop index if exists rm_v1.opportunity_event_team;
drop index if exists rm_v1.opportunity_event_region;
drop index if exists rm_v1.opportunity_event_owner;
drop index if exists rm_v1.opportunity_event_time;
