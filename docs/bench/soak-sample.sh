#!/usr/bin/env bash
# Samples a running Caravana server every minute for the soak (docs/reliability.md, "Soak"):
#   docs/bench/soak-sample.sh PID DATABASE MINUTES > soak-samples.tsv
# Columns: minute, UTC time, heap used right after a forced full GC (MiB), RSS (MiB), open file descriptors,
# the server's sessions in pg_stat_activity of DATABASE, its threads, the machine's 1-minute load average.
# psql runs as the postgres user when started as root, else as the caller (PGHOST/PGUSER apply).
set -euo pipefail
pid=$1; db=$2; minutes=${3:-30}
sql="SELECT count(*) FROM pg_stat_activity WHERE datname = '$db' AND backend_type = 'client backend' AND application_name NOT LIKE 'psql%'"
psql_count() { if [ "$(id -u)" = 0 ]; then su postgres -c "psql -XAtc \"$sql\""; else psql -XAtc "$sql"; fi; }
printf 'minute\tutc\theap_after_gc_mib\trss_mib\tfds\tdb_sessions\tthreads\tload1\n'
for m in $(seq 0 "$minutes"); do
  next=$(( $(date +%s) + 60 ))
  jcmd "$pid" GC.run > /dev/null
  heap_k=$(jcmd "$pid" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | grep -o '[0-9]*')
  rss_k=$(awk '/VmRSS/ {print $2}' /proc/"$pid"/status)
  fds=$(ls /proc/"$pid"/fd | wc -l)
  threads=$(awk '/Threads/ {print $2}' /proc/"$pid"/status)
  printf '%d\t%s\t%d\t%d\t%d\t%s\t%d\t%s\n' "$m" "$(date -u +%H:%M:%S)" $((heap_k / 1024)) $((rss_k / 1024)) "$fds" \
    "$(psql_count)" "$threads" "$(cut -d' ' -f1 /proc/loadavg)"
  [ "$m" -lt "$minutes" ] && sleep $(( next - $(date +%s) > 0 ? next - $(date +%s) : 0 ))
done
