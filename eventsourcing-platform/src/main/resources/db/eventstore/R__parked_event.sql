-- Events a read-model processor could not store or interpret, parked so the processor carries on (see
-- io.pipeline.eventsourcing.parking). Repeatable and idempotent, so it needs no version number among the services'.
create table if not exists parked_event (
    processing_group varchar(100)  not null,
    event_id         varchar(100)  not null,
    global_index     bigint,
    payload_type     varchar(300)  not null,
    reason           varchar(2000) not null,
    parked_at        timestamptz   not null default now(),
    primary key (processing_group, event_id)
);
