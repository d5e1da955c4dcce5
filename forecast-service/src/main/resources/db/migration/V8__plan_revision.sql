-- The plan's revision: every change of the organisation or of the rates moves it on, so that each forecast instance
-- keeps them in memory and reads them again only when another instance (or this one) changed them. Statement-level
-- triggers: an org chart of 40,000 reps placed at once moves it once.
create table plan_revision (
    id       smallint primary key check (id = 1),
    revision bigint   not null
);
insert into plan_revision (id, revision) values (1, 0);

create function plan_revised() returns trigger language plpgsql as $$
begin
    update plan_revision set revision = revision + 1 where id = 1;
    return null;
end;
$$;

create trigger rep_team_revised after insert or update or delete or truncate on rep_team
    for each statement execute function plan_revised();
create trigger team_region_revised after insert or update or delete or truncate on team_region
    for each statement execute function plan_revised();
create trigger currency_rate_revised after insert or update or delete or truncate on currency_rate
    for each statement execute function plan_revised();
