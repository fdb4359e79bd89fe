#!/usr/bin/env bash
# PostgreSQL restarted under load on `serve` (docs/reliability.md, "PostgreSQL restarted under load, on serve"):
#   docs/bench/pg-restart-under-load.sh BASE DATABASE [SECONDS_BEFORE_RESTART] [SECONDS_OF_LOAD]
# Offers new beneficiaries (10/s) and week views (5/s) to the server at BASE for SECONDS_OF_LOAD, restarts the
# PostgreSQL 15 cluster `main` after SECONDS_BEFORE_RESTART, then checks in DATABASE that every acknowledged
# beneficiary is stored, each with exactly one beneficiary.created outbox event, and that the outbox drains.
# Needs root (pg_ctlcluster, psql as postgres) and portal/target/caravana.jar (or CARAVANA_JAR). Another server:
# PG_RESTART (the restart command) and PSQL_ARGS (psql's -h/-p for it).
set -euo pipefail
base=$1; db=$2; before=${3:-20}; seconds=${4:-60}
jar=${CARAVANA_JAR:-portal/target/caravana.jar}
out=$(mktemp -d)
restart=${PG_RESTART:-pg_ctlcluster 15 main restart}
sql() { su postgres -c "psql ${PSQL_ARGS:-} -XAt -d $db -c \"$1\""; }
before_count=$(sql "SELECT count(*) FROM beneficiaries WHERE last_name LIKE 'Sarcina%'")
java -Xmx512m -cp "$jar" ro.caravana.portal.Main bench-load --base "$base" --email coordonator.bc@caravana.demo \
  --password demo --mix register:10,week:5 --seconds "$seconds" --report-seconds 2 --acked-file "$out/acked.tsv" \
  > "$out/load.jsonl" 2> "$out/load.err" &
load=$!
sleep "$before"
echo "restart begins $(date -u +%H:%M:%S.%N | cut -c1-12)"
eval "$restart"
echo "restart done   $(date -u +%H:%M:%S.%N | cut -c1-12)"
wait "$load"
grep '"summary"' "$out/load.jsonl"
echo "per 2 s of the register scenario (answered, errors, p99 ms):"
grep '"scenario":"register"' "$out/load.jsonl" | grep -v summary \
  | sed 's/.*"atSecond":\([0-9]*\),"answered":\([0-9]*\),"errors":\([0-9]*\).*"p99Ms":\([0-9.]*\).*/  \1 s: \2 answered, \3 errors, p99 \4/'
acked=$(grep -c '^register' "$out/acked.tsv" || true)
ids=$(grep '^register' "$out/acked.tsv" | cut -f2 | sed "s/.*/'&'/" | paste -sd, -)
stored=$(sql "SELECT count(*) FROM beneficiaries WHERE id IN (${ids:-NULL})")
after_count=$(sql "SELECT count(*) FROM beneficiaries WHERE last_name LIKE 'Sarcina%'")
sleep 5
events=$(sql "SELECT count(*) FROM (SELECT b.id FROM beneficiaries b JOIN outbox o ON o.event_type = 'beneficiary.created'
  AND o.payload->>'id' = b.id::text WHERE b.last_name LIKE 'Sarcina%' GROUP BY b.id HAVING count(*) = 1) x")
unsent=$(sql "SELECT count(*) FROM outbox WHERE sent_at IS NULL")
echo "acknowledged $acked, of them stored $stored; new beneficiaries stored $((after_count - before_count)) (committed without an answer: $((after_count - before_count - stored))); with exactly one creation event: $events of $after_count; outbox unsent after 5 s: $unsent"
echo "files in $out"
