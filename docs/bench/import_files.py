"""Writes N beneficiaries as CSV (UTF-8, semicolon) and XLSX for the import benchmark (docs/benchmarks.md).

usage: python3 import_files.py LOCALITIES_CSV UATS_CSV N OUT_PREFIX [SEED]
Every row is valid: a CNP with its control digit, a birth date and sex that agree with it, a Bacău or Vrancea
locality by name with its commune and county, a mobile phone, SMS and data consent. Writes OUT_PREFIX.csv and
OUT_PREFIX.xlsx (a minimal Office Open XML workbook with inline strings and real date cells).
"""
import csv, datetime, random, sys, zipfile
from xml.sax.saxutils import escape

localities_csv, uats_csv, n, prefix = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
rnd = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 15)
places = []
with open(uats_csv, encoding='utf-8') as f:
    units = {r['siruta']: r['name'] for r in csv.DictReader(f)}
with open(localities_csv, encoding='utf-8') as f:
    rows = list(csv.DictReader(f))
for r in rows:
    if r['county'] in ('BC', 'VN'):
        places.append((r['siruta'], r['name'], units.get(r['parent_siruta'], ''), r['county']))
FIRST = {'F': ['Ana', 'Maria', 'Elena', 'Ioana', 'Andreea', 'Mihaela', 'Cristina', 'Gabriela'],
         'M': ['Ion', 'Andrei', 'Mihai', 'Alexandru', 'Gheorghe', 'Vasile', 'Constantin', 'Ștefan']}
LAST = ['Popescu', 'Ionescu', 'Munteanu', 'Țurcanu', 'Rusu', 'Ciobanu', 'Lungu', 'Dumitrașcu', 'Apostu', 'Bălan']
CATS = ['copil', 'dizabilitate', 'familie vulnerabilă', 'vârstnic']
COUNTY_CODE = {'BC': 4, 'VN': 39}
W = '279146358279'

def cnp(birth, sex, county, serial):
    s = (1 if birth.year < 2000 else 5) + (1 if sex == 'F' else 0)
    first = '%d%02d%02d%02d%02d%03d' % (s, birth.year % 100, birth.month, birth.day, county, serial)
    r = sum(int(a) * int(b) for a, b in zip(first, W)) % 11
    return first + str(1 if r == 10 else r)

header = ['Nume', 'Prenume', 'CNP', 'Data nașterii', 'Sex', 'Localitate', 'Comuna/UAT', 'Județ', 'Telefon',
          'Categorie', 'Acord SMS', 'Acord prelucrare date']
data = []
used = set()
while len(data) < n:
    sex = rnd.choice('FM')
    birth = datetime.date(1935, 1, 1) + datetime.timedelta(days=rnd.randrange(0, 32000))
    siruta, name, unit, county = rnd.choice(places)
    c = cnp(birth, sex, COUNTY_CODE[county], rnd.randrange(1, 1000))
    if c in used:
        continue
    used.add(c)
    data.append([rnd.choice(LAST), rnd.choice(FIRST[sex]), c, birth, sex, name, unit, county,
                 '07%d%07d' % (rnd.choice([2, 3, 4, 5, 6, 7]), rnd.randrange(10**7)), rnd.choice(CATS), 'Da', 'Da'])

with open(prefix + '.csv', 'w', encoding='utf-8', newline='') as f:
    w = csv.writer(f, delimiter=';', lineterminator='\r\n')
    w.writerow(header)
    for r in data:
        w.writerow(r[:3] + [r[3].strftime('%d.%m.%Y')] + r[4:])

def col(i):
    return chr(ord('A') + i)

def cell(ref, v):
    if isinstance(v, datetime.date):
        serial = (v - datetime.date(1899, 12, 30)).days
        return '<c r="%s" s="1"><v>%d</v></c>' % (ref, serial)
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(str(v)))

with zipfile.ZipFile(prefix + '.xlsx', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>')
    z.writestr('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr('xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Beneficiari" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
    z.writestr('xl/styles.xml', '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd.mm.yyyy"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>')
    out = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for i, r in enumerate([header] + data):
        out.append('<row r="%d">%s</row>' % (i + 1, ''.join(cell('%s%d' % (col(j), i + 1), v) for j, v in enumerate(r))))
    out.append('</sheetData></worksheet>')
    z.writestr('xl/worksheets/sheet1.xml', ''.join(out))
print(n, 'rows ->', prefix + '.csv', prefix + '.xlsx')
