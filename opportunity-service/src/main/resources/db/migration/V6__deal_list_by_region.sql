-- A region leader's deal list (GET /api/opportunities as a leader with a region claim) is narrowed to the region
-- in SQL; without an index it would read the whole table for every page. Close date second, as the list's default
-- order and a period's close-date range both use it.
create index opportunity_view_region on opportunity_view (region_id, close_date);
