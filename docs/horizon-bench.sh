#!/bin/bash
# 13-week caravan horizons of the demo counties on a running demo (docs/benchmarks.md, "Caravan horizons").
# Usage: bash docs/horizon-bench.sh [BASE_URL] [SECONDS]. Prints each horizon's summary and the baseline:
# every visit of the same horizon on its own caravan-day from the nearest depot (great-circle x 1.35, 45 km/h).
BASE=${1:-http://localhost:8080}; LIMIT=${2:-30}
OUT=$(mktemp -d)
W=$(date -d '+14 days' +%G-W%V)
for C in VN BC; do
  L=$(echo $C | tr A-Z a-z)
  T=$(curl -s -X POST $BASE/api/auth/login -H 'Content-Type: application/json' \
    -d "{\"email\":\"coordonator.$L@caravana.demo\",\"password\":\"demo\"}" | sed 's/.*"token":"\([^"]*\)".*/\1/')
  ID=$(curl -s -X POST $BASE/api/horizons -H "Authorization: Bearer $T" -H 'Content-Type: application/json' \
    -d "{\"county\":\"$C\",\"fromWeek\":\"$W\",\"weeks\":13,\"secondsLimit\":$LIMIT}" | sed 's/.*"id":"\([^"]*\)".*/\1/')
  while true; do
    curl -s -H "Authorization: Bearer $T" $BASE/api/horizons/$ID > $OUT/horizon.json
    S=$(python3 -c 'import sys,json;print(json.load(open(sys.argv[1]))["status"])' $OUT/horizon.json)
    [ "$S" = solved ] || [ "$S" = failed ] && break
    sleep 2
  done
  curl -s -H "Authorization: Bearer $T" "$BASE/api/caravans?county=$C&limit=100" > $OUT/caravans.json
  curl -s -H "Authorization: Bearer $T" "$BASE/api/localities?county=$C&limit=2000" > $OUT/localities.json
  python3 - $OUT <<'PY'
import json, math, sys
d = sys.argv[1]
h = json.load(open(d + "/horizon.json")); s = h["summary"]; L = h["localities"]
loc = {l["siruta"]: (l["lat"], l["lon"]) for l in json.load(open(d + "/localities.json"))["items"]}
depots = [c["depotSiruta"] for c in json.load(open(d + "/caravans.json"))["items"]]
def km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, [a[0], a[1], b[0], b[1]])
    x = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(x)) * 1.35
ratios = [g / l["everyDays"] for l in L for g in l["gaps"]]
print(h["county"], h["fromWeek"], h["weeks"], "weeks", h["status"], h["score"], h["startedAt"], h["finishedAt"])
print("  localities (parts)", len({l["siruta"] for l in L}), "(", len(L), ")")
print("  ", json.dumps(s))
print("  mean gap / interval %.3f, worst %.2f, longest gap %d days" % (sum(ratios) / len(ratios), max(ratios),
      max(max(l["gaps"] or [0]) for l in L)))
visits = [(l["siruta"], v) for l in L for v in l["visits"]]
base = sum(2 * min(km(loc[p], loc[s]) for p in depots) for s, v in visits)
print("  baseline: caravan-days %d, km %.1f, driving h %.1f" % (len(visits), base, base / 45))
PY
done
rm -rf $OUT
