#!/bin/bash
# 13-week horizons for the demo counties on a running demo: BASE, seconds, weeks from now
BASE=${1:-http://localhost:18190}; SECONDS_LIMIT=${2:-30}
W=$(date -d '+14 days' +%G-W%V)
for C in VN BC; do
  L=$(echo $C | tr A-Z a-z)
  T=$(curl -s -X POST $BASE/api/auth/login -H 'Content-Type: application/json' \
    -d "{\"email\":\"coordonator.$L@caravana.demo\",\"password\":\"demo\"}" | sed 's/.*"token":"\([^"]*\)".*/\1/')
  ID=$(curl -s -X POST $BASE/api/horizons -H "Authorization: Bearer $T" -H 'Content-Type: application/json' \
    -d "{\"county\":\"$C\",\"fromWeek\":\"$W\",\"weeks\":13,\"secondsLimit\":$SECONDS_LIMIT}" | sed 's/.*"id":"\([^"]*\)".*/\1/')
  while true; do
    R=$(curl -s -H "Authorization: Bearer $T" $BASE/api/horizons/$ID)
    S=$(echo "$R" | python3 -c 'import sys,json;print(json.load(sys.stdin)["status"])')
    [ "$S" = solved ] || [ "$S" = failed ] && break
    sleep 2
  done
  echo "$R" > /tmp/i19-horizon-$C.json
  echo "$R" | python3 -c '
import sys,json
h=json.load(sys.stdin); s=h["summary"]; L=h["localities"]
ratios=[g/l["everyDays"] for l in L for g in l["gaps"]]
print(h["county"], h["fromWeek"], h["weeks"], "weeks", h["status"], h["score"])
print(" localities (parts)", len({l["siruta"] for l in L}), "(", len(L), ")", "every", sorted({l["everyDays"] for l in L}), "days, max gap", sorted({l["maxGapDays"] for l in L}))
print(" ", json.dumps(s))
print("  mean gap / interval %.3f, worst %.2f, longest gap %d days" % (sum(ratios)/len(ratios), max(ratios), max(max(l["gaps"] or [0]) for l in L)))
print("  solving s", h["startedAt"], h["finishedAt"])
'
done
