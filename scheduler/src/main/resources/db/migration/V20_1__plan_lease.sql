-- Which planner instance holds a queued or solving job, and when it last said it is alive.
-- Every instance marks failed the jobs whose holder has been silent longer than planning.lease-seconds
-- (a process killed mid-solve), so no job stays "solving" after its planner is gone.
ALTER TABLE plans ADD COLUMN owner text;
ALTER TABLE plans ADD COLUMN heartbeat_at timestamptz;
