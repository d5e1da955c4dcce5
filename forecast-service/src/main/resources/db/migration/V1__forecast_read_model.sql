-- Where the consumer stands in each partition: written in the same transaction as the read-model change it
-- records, so a crash at any point neither drops nor double-counts an event.
create table consumer_position (
    consumer    varchar(100) not null,
    topic       varchar(200) not null,
    partition   integer      not null,
    next_offset bigint       not null,
    primary key (consumer, topic, partition)
);

-- Every opportunity event as published, with the deal's state after it: the source of every figure "as of" an
-- instant. The event id makes a re-sent event a no-op; (opportunity, sequence) orders one deal's history.
create table opportunity_event (
    event_id                   varchar(100)   not null primary key,
    opportunity_id             varchar(100)   not null,
    sequence                   bigint         not null,
    event_type                 varchar(100)   not null,
    occurred_at                timestamptz    not null,
    recorded_at                timestamptz    not null default now(),
    account_id                 varchar(100),
    owner_id                   varchar(100)   not null,
    team_id                    varchar(100)   not null,
    region_id                  varchar(100)   not null,
    segment                    varchar(20)    not null,
    opportunity_type           varchar(20)    not null,
    amount                     numeric(19, 2) not null,
    currency                   char(3)        not null,
    close_date                 date           not null,
    stage                      varchar(100)   not null,
    forecast_category          varchar(20)    not null,
    status                     varchar(20)    not null,
    qualified                  boolean        not null,
    previous_stage             varchar(100),
    previous_forecast_category varchar(20),
    previous_close_date        date,
    previous_amount            numeric(19, 2),
    lost_reason                varchar(20),
    competitor                 varchar(200),
    unique (opportunity_id, sequence)
);
create index opportunity_event_time on opportunity_event (occurred_at);

-- Each deal as it stands after its newest event.
create table deal (
    opportunity_id    varchar(100)   not null primary key,
    last_sequence     bigint         not null,
    last_event_at     timestamptz    not null,
    opened_at         timestamptz    not null,
    account_id        varchar(100),
    owner_id          varchar(100)   not null,
    team_id           varchar(100)   not null,
    region_id         varchar(100)   not null,
    segment           varchar(20)    not null,
    opportunity_type  varchar(20)    not null,
    amount            numeric(19, 2) not null,
    currency          char(3)        not null,
    close_date        date           not null,
    stage             varchar(100)   not null,
    forecast_category varchar(20)    not null,
    status            varchar(20)    not null,
    qualified         boolean        not null
);
create index deal_close_date on deal (close_date, status);

-- Every lead event, for the lead funnel.
create table lead_event (
    event_id    varchar(100) not null primary key,
    lead_id     varchar(100) not null,
    sequence    bigint       not null,
    event_type  varchar(100) not null,
    occurred_at timestamptz  not null,
    source      varchar(40),
    owner_id    varchar(100),
    team_id     varchar(100),
    region_id   varchar(100),
    segment     varchar(20),
    state       varchar(20)  not null,
    unique (lead_id, sequence)
);
