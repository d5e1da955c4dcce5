-- A manager's lead list (GET /api/leads as a manager) is narrowed to the token's team in SQL, newest first like
-- every other list filter (V2, V3); without this index it read every lead for every page.
create index lead_view_team on lead_view (team_id, created_at desc);
