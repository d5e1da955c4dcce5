-- Every level calls (DOMAIN.md figure 14): a call is now about a scope (rep:<id>, team:<id>, region:<id>, org),
-- made by a caller (the token's sub), and may name the deals it counts in Commit and in Best Case.
alter table forecast_call add column scope varchar(200);
alter table forecast_call add column caller_id varchar(100);
alter table forecast_call add column commit_deals varchar(64)[] not null default '{}';
alter table forecast_call add column best_case_deals varchar(64)[] not null default '{}';
-- every call so far was a rep's, for themselves; who submitted it was not kept
update forecast_call set scope = 'rep:' || rep_id;
alter table forecast_call alter column scope set not null;
-- a team's, region's or the org's call is about no one rep
alter table forecast_call alter column rep_id drop not null;
-- the API takes notes of up to 2,000 characters (free text): the column held only 500
alter table forecast_call alter column note type varchar(2000);
create index forecast_call_scope_period on forecast_call (period_id, scope, submitted_at);
