-- Each deal's current state is the newest state in its history, which the in-memory index holds; nothing read this
-- table, while keeping it cost an upsert per event and the longest step of a rebuild (about 2 s per million events).
drop table if exists rm_v1.deal;
