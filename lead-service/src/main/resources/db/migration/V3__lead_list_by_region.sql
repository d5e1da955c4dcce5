-- A region leader's lead list (GET /api/leads as a leader with a region claim) is narrowed to the region in SQL,
-- newest first like every other list filter (V2).
create index lead_view_region on lead_view (region_id, created_at desc);
