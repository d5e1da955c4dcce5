-- The tables derived from the topics belong to a read-model version, each in its own schema (rm_v1, rm_v2, ...),
-- so that a new version can be rebuilt from the beginning of the topics beside the one serving. The plan (quotas,
-- rates, organisation, calls) is entered through the API, not derived from events: it stays where it is.
create schema rm_v1;
alter table opportunity_event set schema rm_v1;
alter table lead_event set schema rm_v1;
alter table deal set schema rm_v1;
alter table consumer_position set schema rm_v1;

-- BUILDING (a rebuild is filling it), SERVING (exactly one), RETIRED (replaced), FAILED (a rebuild that stopped).
create table read_model_version (
    version        integer      not null primary key,
    schema_name    varchar(63)  not null unique,
    state          varchar(20)  not null,
    created_at     timestamptz  not null default now(),
    serving_since  timestamptz
);
create unique index read_model_version_one_serving on read_model_version ((true)) where state = 'SERVING';
insert into read_model_version (version, schema_name, state, serving_since) values (1, 'rm_v1', 'SERVING', now());
