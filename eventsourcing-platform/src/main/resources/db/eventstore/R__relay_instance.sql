-- The running instances of a service's Kafka relay, each announcing itself every balance interval, so that each
-- claims only its fair share of the relay's segments (see io.pipeline.eventsourcing.relay.RelayInstances).
-- Repeatable and idempotent, so it needs no version number among the services'.
create table if not exists relay_instance (
    processor   varchar(100) not null,
    instance    varchar(200) not null,
    heartbeat   timestamptz  not null,
    primary key (processor, instance)
);
