-- The deal list sorts server-side (GET /api/opportunities?sort=field,asc|desc), ties broken by id. These indexes
-- let the unfiltered list and a rep's list read one page in the sorted order instead of sorting every row; the
-- close-date order already has its indexes (V2). A period's list (a close-date range) reads the range by
-- close_date and sorts those rows, which is bounded by the period's deals.
create index opportunity_view_amount_sort on opportunity_view (amount, opportunity_id);
create index opportunity_view_name_sort on opportunity_view (name, opportunity_id);
create index opportunity_view_changed_sort on opportunity_view (changed_at, opportunity_id);
create index opportunity_view_owner_amount on opportunity_view (owner_id, amount, opportunity_id);
