-- CRM imports: one row per import, its report (JSON, the body of GET /api/imports/{id}) rewritten as it
-- progresses, so any instance behind the gateway answers for it.
create table import_run (
    import_id   varchar(64)  not null primary key,
    status      varchar(16)  not null,
    report      text         not null,
    started_at  timestamptz  not null,
    updated_at  timestamptz  not null
);
