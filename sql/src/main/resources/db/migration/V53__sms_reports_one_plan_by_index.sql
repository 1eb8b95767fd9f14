-- sms_apply_reports (V43, V50) keeps one plan per connection again, and that plan reads by index whatever the
-- outbox's size when it was made. V45 had PostgreSQL plan it on every call, because one generic plan made while
-- sms_messages was nearly empty kept reading the whole table as it grew. But planning its statements is most of a
-- call: on a copy of a bench/sms outbox (18,000 texts; pg_stat_statements with track_planning, nested statements),
-- a call with one report spent 0.90 ms planning against 0.57 ms executing, 1.90 ms in all; with one generic plan
-- and sequential scans ruled out for its statements, 0.71 ms, reading 5 index entries per message and no table
-- sequentially (a batch of eight: 1.86 against 1.39 ms). Every statement in it finds its rows by key, so reading a
-- whole table is never the better plan. ReportPlansTest keeps it so.
ALTER FUNCTION sms_apply_reports(UUID[], UUID[], TEXT[], INTEGER[], INTEGER[], INTEGER[], TEXT[], TEXT[])
    SET plan_cache_mode = force_generic_plan
    SET enable_seqscan = off;
