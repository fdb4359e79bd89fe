"""Builds scheduler/src/main/resources/data/ro/romania_localities.csv and romania_uats.csv.

Inputs: the shared locality file (siruta,name,county,type,lat,lon,population; 13,755 rows) and the
SIRUTA classification siruta.csv of strainu/SIRUTA (SIRUTA;DENLOC;CODP;JUD;SIRSUP;TIP;NIV;...).
Adds parent_siruta (SIRSUP) to every locality, writes the communes, towns and municipalities (NIV 2)
with their seat locality and its coordinates, and gives the six sectors of Bucharest (no type and no
coordinates in the shared file) the municipality types and approximate centre points.
Units of Bacau and Vrancea keep the names of the hand-checked bacau_vrancea_uats.csv.

usage: python3 romania_localities.py SHARED_LOCALITIES SIRUTA_CSV BC_VN_UATS OUT_DIR
"""
import csv, sys

localities_in, siruta_in, bcvn_in, out = sys.argv[1:5]
UNIT_TYPES = {'1': 'municipality_county_seat', '4': 'municipality', '2': 'town', '3': 'commune',
              '9': 'municipality_county_seat'}
SEAT_TYPES = {'commune_seat_village', 'municipality_seat_locality', 'town_seat_locality'}
# approximate centre points of the sectors of Bucharest (the shared file has none)
SECTORS = {179141: (44.4860, 26.0600), 179150: (44.4520, 26.1350), 179169: (44.4200, 26.1530),
           179178: (44.3900, 26.1100), 179187: (44.4050, 26.0600), 179196: (44.4350, 26.0300)}

siruta = {}
with open(siruta_in, encoding='utf-8') as f:
    for r in csv.DictReader(f, delimiter=';'):
        siruta[int(r['SIRUTA'])] = r
bcvn = {}
with open(bcvn_in, encoding='utf-8') as f:
    for r in csv.DictReader(f):
        bcvn[int(r['siruta'])] = r['name'].strip()

def title(name):
    for prefix in ('MUNICIPIUL ', 'ORAȘ '):
        if name.startswith(prefix):
            name = name[len(prefix):]
    words = []
    for w in name.split(' '):
        words.append('-'.join(p[:1] + p[1:].lower() for p in w.split('-')))
    return ' '.join(words)

rows = []
with open(localities_in, encoding='utf-8') as f:
    for r in csv.DictReader(f):
        s = int(r['siruta'])
        parent = int(siruta[s]['SIRSUP'])
        if s in SECTORS:
            r['type'] = 'municipality_seat_locality' if s == 179141 else 'municipality_component'
            r['lat'], r['lon'] = SECTORS[s]
        r['parent_siruta'] = parent
        rows.append(r)

seats = {}
for r in rows:
    if r['type'] in SEAT_TYPES:
        assert r['parent_siruta'] not in seats, r
        seats[r['parent_siruta']] = r
units = []
for p in sorted({r['parent_siruta'] for r in rows}):
    u = siruta[p]
    assert u['NIV'] == '2', u
    seat = seats[p]
    name = bcvn.get(p) or (seat['name'] if title(u['DENLOC']).lower() == seat['name'].lower() else title(u['DENLOC']))
    if p == 179132:
        name = 'București'
    units.append({'siruta': p, 'name': name, 'county': seat['county'], 'type': UNIT_TYPES[u['TIP']],
                  'lat': seat['lat'], 'lon': seat['lon'], 'seat_siruta': seat['siruta']})

with open(out + '/romania_localities.csv', 'w', encoding='utf-8', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['siruta', 'name', 'county', 'type', 'lat', 'lon', 'population', 'parent_siruta'])
    for r in rows:
        w.writerow([r['siruta'], r['name'], r['county'], r['type'], r['lat'], r['lon'], r['population'], r['parent_siruta']])
with open(out + '/romania_uats.csv', 'w', encoding='utf-8', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['siruta', 'name', 'county', 'type', 'lat', 'lon', 'seat_siruta'])
    for u in units:
        w.writerow([u['siruta'], u['name'], u['county'], u['type'], u['lat'], u['lon'], u['seat_siruta']])
print(len(rows), 'localities', len(units), 'units')
