-- One database per service: each owns its event store, token store and read models.
create database leads;
create database opportunities;
create database forecast;
-- the second forecast instance keeps its own read models (each instance consumes every partition)
create database forecast_2;
