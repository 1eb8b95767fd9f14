-- sms_apply_reports (V43) is planned for each call again. V44 gave it one generic plan per connection to save
-- the planning; but a connection makes that plan on its first call, often while the outbox is nearly empty, and
-- kept it as the table grew: sequential scans and whole-index scans of sms_messages for every batch of
-- reports. In bench/sms (one host, closed loop) that was 115 buffer reads per text and half of PostgreSQL's
-- time; planned per call, 67 reads per text, PostgreSQL's CPU per text 2.27 -> 1.76 ms and 183 -> 295 texts/s
-- on the same (busy) machine. ReportPlansTest keeps it so.
ALTER FUNCTION sms_apply_reports(UUID[], UUID[], TEXT[], INTEGER[], INTEGER[], INTEGER[], TEXT[], TEXT[])
    SET plan_cache_mode = force_custom_plan;
