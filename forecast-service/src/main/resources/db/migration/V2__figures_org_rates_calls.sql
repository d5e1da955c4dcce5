-- The opportunity a converted lead opened: the funnel follows it to Won.
alter table lead_event add column opportunity_id varchar(100);

-- Histories are read per deal in order, per scope.
create index opportunity_event_deal on opportunity_event (opportunity_id, sequence);
create index opportunity_event_team on opportunity_event (team_id);
create index opportunity_event_region on opportunity_event (region_id);
create index opportunity_event_owner on opportunity_event (owner_id);

-- Effective-dated conversion rates to the reporting currency: a rate holds from its date to the next one.
create table currency_rate (
    currency       char(3)        not null,
    effective_from date           not null,
    rate           numeric(20, 10) not null check (rate > 0),
    primary key (currency, effective_from)
);

-- The organisation as set through the API: rep -> team -> region.
create table rep_team (
    rep_id  varchar(100) not null primary key,
    team_id varchar(100) not null
);
create table team_region (
    team_id   varchar(100) not null primary key,
    region_id varchar(100) not null
);

-- Quota per period (FY2026-Q3, FY2026-M07) and scope (org, region:x, team:x, rep:x, segment:X).
create table quota (
    period_id varchar(20)    not null,
    scope     varchar(200)   not null,
    amount    numeric(19, 2) not null check (amount >= 0),
    primary key (period_id, scope)
);

-- Every forecast call a rep submitted, kept: the newest per rep and period (as of an instant) is the call.
create table forecast_call (
    id           bigserial      primary key,
    rep_id       varchar(100)   not null,
    period_id    varchar(20)    not null,
    commit_amount    numeric(19, 2) not null,
    best_case_amount numeric(19, 2) not null,
    submitted_at timestamptz    not null,
    note         varchar(500)
);
create index forecast_call_rep_period on forecast_call (rep_id, period_id, submitted_at);
