-- One database per service: each owns its event store, token store and read models.
create database leads;
create database opportunities;
create database forecast;
