-- Pipeline inspection names its deals: each opportunity event keeps the deal's name after it (the public events
-- carry it in their deal state). Every read-model version's event table gets the column, so whichever one serves
-- has it and a rebuild (its tables are copies of the serving one's) writes it too. Events stored before this
-- have no name until the read model is rebuilt from the topics.
do $$
declare
    version record;
begin
    for version in select schema_name from read_model_version loop
        if exists (select 1 from information_schema.tables
                   where table_schema = version.schema_name and table_name = 'opportunity_event') then
            execute format('alter table %I.opportunity_event add column if not exists deal_name text',
                           version.schema_name);
        end if;
    end loop;
end
$$;
