-- A manager's deal list (GET /api/opportunities as a manager, or teamId=... from anyone who sees the team) is
-- narrowed to the team in SQL; without an index it would read the whole table for every page (V6 did the same for
-- a region). Close date second, as the list's default order and a period's close-date range both use it.
create index opportunity_view_team on opportunity_view (team_id, close_date);
