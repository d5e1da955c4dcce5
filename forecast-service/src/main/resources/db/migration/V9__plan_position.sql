-- The plan and the forecast calls arrive from the topic pipeline.plan.v1 (every forecast instance reads all of it
-- into its own database): how far this database applied it, written in the same transaction as each change, so a
-- change is applied once however often it is read, and by one instance when two share the database.
create table plan_position (
    topic       varchar(200) not null,
    partition   int          not null,
    next_offset bigint       not null,
    primary key (topic, partition)
);
