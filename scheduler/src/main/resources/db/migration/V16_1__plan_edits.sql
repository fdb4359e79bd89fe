-- Manual edits of a draft plan: a pinned item keeps its place when the plan is re-solved around the edits.
ALTER TABLE plan_items ADD COLUMN pinned boolean NOT NULL DEFAULT false;
