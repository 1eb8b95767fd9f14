-- sip_call_start (V39) kept the plans plpgsql made on a connection's first calls, and its callee lookup's plan
-- made while accounts was small read the table from its start until it found the callee: after accounts grew
-- 250-fold, one call start read 1,066 of its rows (CallRecordPlansTest, in CI). Every statement in it finds
-- rows by key (the callee by its address, the open calls by the indexes of V33), so as V53 does for the SMS
-- reports: one generic plan per connection, made with sequential scans ruled out, whatever the tables' sizes then.
ALTER FUNCTION sip_call_start(TEXT, BIGINT, TEXT, TEXT, TEXT, TEXT, TIMESTAMPTZ, INTEGER, TIMESTAMPTZ)
    SET plan_cache_mode = force_generic_plan
    SET enable_seqscan = off;
