-- Sales processes: one row per immutable version; a deal refers to (process_id, version) for life.
create table sales_process (
    process_id       varchar(64)  not null,
    version          integer      not null,
    name             varchar(200) not null,
    skipping_allowed boolean      not null,
    stages           text         not null, -- JSON array of {name, category, firstQualified}
    created_at       timestamptz  not null default now(),
    primary key (process_id, version)
);

-- Accounts are reference data, not event-sourced: created on lead conversion or for an existing customer.
create table account (
    account_id    varchar(64)  not null primary key,
    name          varchar(200) not null,
    from_lead_id  varchar(64),
    created_at    timestamptz  not null default now()
);

-- Effective-dated conversion rates: 1 unit of currency = rate units of the reporting currency from effective_from on.
create table currency_rate (
    currency       char(3)        not null,
    effective_from date           not null,
    rate           numeric(24, 10) not null check (rate > 0),
    updated_at     timestamptz    not null default now(),
    primary key (currency, effective_from)
);

-- The list and search read model, rebuilt from the event store by the opportunity-read-model processor.
create table opportunity_view (
    opportunity_id    varchar(64)    not null primary key,
    account_id        varchar(64)    not null,
    name              varchar(200)   not null,
    owner_id          varchar(64)    not null,
    team_id           varchar(64)    not null,
    region_id         varchar(64)    not null,
    segment           varchar(16)    not null,
    type              varchar(16)    not null,
    process_id        varchar(64)    not null,
    process_version   integer        not null,
    amount            numeric(17, 2) not null,
    currency          char(3)        not null,
    close_date        date           not null,
    stage             varchar(64)    not null,
    forecast_category varchar(16)    not null,
    status            varchar(16)    not null,
    qualified         boolean        not null,
    lead_id           varchar(64),
    opened_at         timestamptz    not null,
    changed_at        timestamptz    not null,
    version           bigint         not null
);
create index opportunity_view_owner on opportunity_view (owner_id, close_date);
create index opportunity_view_account on opportunity_view (account_id);
create index opportunity_view_close_date on opportunity_view (close_date);
create index opportunity_view_stage on opportunity_view (stage, close_date);
create index opportunity_view_category on opportunity_view (forecast_category, close_date);
