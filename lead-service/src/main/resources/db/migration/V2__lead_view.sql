-- The read model of leads, built by the lead-view projection from the event store; rebuilt by a replay.
-- version is the sequence number of the last event applied to the row: an event at or below it is a replay or a
-- duplicate and changes nothing.
create table lead_view (
    lead_id                 varchar(64)  not null primary key,
    person_name             varchar(200) not null,
    email                   varchar(254) not null,
    job_title               varchar(200),
    company                 varchar(200) not null,
    source                  varchar(32)  not null,
    owner_id                varchar(64)  not null,
    team_id                 varchar(64)  not null,
    region_id               varchar(64)  not null,
    segment                 varchar(16)  not null,
    score                   integer,
    state                   varchar(16)  not null,
    qualification_framework varchar(16),
    qualification_answers   jsonb,
    accepted_by             varchar(64),
    closed_reason           varchar(500),
    opportunity_id          varchar(64),
    account_id              varchar(64),
    created_at              timestamptz  not null,
    state_changed_at        timestamptz  not null,
    version                 bigint       not null
);

-- The list filters, each newest first.
create index lead_view_state on lead_view (state, created_at desc);
create index lead_view_owner on lead_view (owner_id, created_at desc);
create index lead_view_source on lead_view (source, created_at desc);
create index lead_view_created on lead_view (created_at desc);
