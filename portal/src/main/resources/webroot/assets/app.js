'use strict';
// Coordinator page: sign in, plan a county's week with live progress, publish, look at the week.
// Talks only to the JSON API; cookie session with the CSRF token echoed in X-CSRF-Token.

const TEXT = {
  en: {
    switch: 'Română', logout: 'Sign out', 'login.title': 'Sign in', 'login.email': 'E-mail', 'login.password': 'Password',
    'login.submit': 'Sign in', 'plan.title': 'Weekly planning', 'plan.county': 'County', 'plan.week': 'Week',
    'plan.seconds': 'Solving time (s)', 'plan.routes': 'caravan routes', 'plan.timetable': 'centre timetable',
    'plan.start': 'Start planning', 'col.week': 'Week', 'col.status': 'Status', 'col.score': 'Score',
    'col.assigned': 'Scheduled', 'col.unassigned': 'Not scheduled', 'appt.title': "This week's appointments",
    'col.when': 'When', 'col.who': 'Beneficiary', 'col.service': 'Service', 'col.where': 'Where',
    'report.title': 'Attendance by county (this month)', 'col.county': 'County', 'col.planned': 'Planned',
    'col.fulfilled': 'Delivered', 'col.noshow': 'No-shows', 'col.rate': 'Attendance', 'col.coverage': 'Localities reached',
    publish: 'Publish', stop: 'Stop', details: 'Why', published: 'Published: {b} booked, {c} changed, {x} cancelled.',
    total: '{n} appointments in all.', solving: 'solving', best: 'best score', finished: 'finished', nodata: 'No appointments in this period yet.',
    roles: { admin: 'administrator', county_coordinator: 'county coordinator', centre_coordinator: 'centre coordinator',
      doctor: 'doctor', therapist: 'therapist', nurse: 'nurse', supervisor: 'supervisor' }
  },
  ro: {
    publish: 'Publică', stop: 'Oprește', details: 'De ce', published: 'Publicat: {b} programări noi, {c} modificate, {x} anulate.',
    total: '{n} programări în total.', solving: 'se calculează', best: 'cel mai bun scor', finished: 'gata',
    nodata: 'Încă nu sunt programări în această perioadă.',
    roles: { admin: 'administrator', county_coordinator: 'coordonator județean', centre_coordinator: 'coordonator de centru',
      doctor: 'medic', therapist: 'terapeut', nurse: 'asistent medical', supervisor: 'supervizor' }
  }
};
const STATUS = {
  ro: { queued: 'în așteptare', solving: 'se calculează', solved: 'gata', published: 'publicat', superseded: 'înlocuit', failed: 'eșuat',
        booked: 'programat', cancelled: 'anulat', fulfilled: 'realizat', noshow: 'absent', arrived: 'prezent', proposed: 'propus' },
  en: {}
};
let lang = localStorage.getItem('lang') || 'ro';
const original = {};

function t(key, vars = {}) {
  const s = (TEXT[lang] && TEXT[lang][key]) || original[key] || TEXT.ro[key] || key;
  return s.replace(/\{(\w+)\}/g, (_, k) => vars[k]);
}
function statusText(s) { return (STATUS[lang] && STATUS[lang][s]) || s; }

function applyLanguage() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach(el => {
    const key = el.dataset.i18n;
    if (!(key in original)) original[key] = el.textContent;
    el.textContent = lang === 'ro' ? original[key] : t(key);
  });
}

function cookie(name) {
  const m = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'));
  return m ? decodeURIComponent(m[1]) : null;
}

async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const csrf = cookie('caravana_csrf');
  if (csrf && method !== 'GET') headers['X-CSRF-Token'] = csrf;
  const r = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  const data = text ? JSON.parse(text) : null;
  if (!r.ok) {
    const reason = data && data.reason ? data.reason[lang] || data.reason.en : r.statusText;
    const err = new Error(reason + (data && data.field ? ' (' + data.field + ')' : ''));
    err.status = r.status;
    throw err;
  }
  return data;
}

function isoWeek(date) {
  const d = new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const year = d.getUTCFullYear();
  const week = Math.ceil(((d - Date.UTC(year, 0, 1)) / 86400000 + 1) / 7);
  return year + '-W' + String(week).padStart(2, '0');
}

function mondayOf(week) {
  const [y, w] = week.split('-W').map(Number);
  const jan4 = new Date(Date.UTC(y, 0, 4));
  const monday = new Date(jan4);
  monday.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() || 7) - 1) + (w - 1) * 7);
  return monday;
}

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text == null ? '' : String(text);
  row.appendChild(td);
  return td;
}

function button(label, onClick, secondary) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  if (secondary) b.className = 'secondary';
  b.addEventListener('click', onClick);
  return b;
}

const fmt = () => new Intl.DateTimeFormat(lang === 'ro' ? 'ro-RO' : 'en-GB',
  { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Bucharest' });

async function loadPlans() {
  const county = document.getElementById('county').value;
  const page = await api('GET', '/api/plans?limit=10&county=' + encodeURIComponent(county));
  const body = document.querySelector('#plans tbody');
  body.replaceChildren();
  for (const p of page.items) {
    const tr = document.createElement('tr');
    cell(tr, p.week);
    cell(tr, statusText(p.status));
    cell(tr, p.score ? [p.score.routes, p.score.timetable].filter(Boolean).join(' · ') : '');
    cell(tr, p.counts ? p.counts.assigned : '');
    cell(tr, p.counts ? p.counts.unassigned : '');
    const actions = cell(tr, '');
    if (p.status === 'solved') actions.appendChild(button(t('publish'), () => publish(p.id)));
    if (p.status === 'solving' || p.status === 'queued') actions.appendChild(button(t('stop'), () => api('POST', '/api/plans/' + p.id + '/stop', {}).then(loadPlans), true));
    if ((p.reasons || []).length || p.error) actions.appendChild(button(t('details'), () => showReasons(p), true));
    body.appendChild(tr);
  }
}

function showReasons(plan) {
  const box = document.getElementById('reasons');
  box.replaceChildren();
  const list = document.createElement('ul');
  const items = (plan.reasons || []).map(r => r[lang] || r.en);
  if (plan.error) items.unshift(plan.error);
  for (const text of items) {
    const li = document.createElement('li');
    li.textContent = text;
    list.appendChild(li);
  }
  box.appendChild(list);
}

async function publish(id) {
  const error = document.getElementById('plan-error');
  error.textContent = '';
  try {
    const r = await api('POST', '/api/plans/' + id + '/publish', {});
    document.getElementById('progress').textContent = t('published',
      { b: r.appointments.booked, c: r.appointments.changed, x: r.appointments.cancelled });
    await Promise.all([loadPlans(), loadAppointments()]);
  } catch (e) { error.textContent = e.message; }
}

function watch(id) {
  const out = document.getElementById('progress');
  const source = new EventSource('/api/plans/' + id + '/progress');
  let listed = false;
  source.addEventListener('progress', ev => {
    if (!listed) { listed = true; loadPlans(); } // the row now reads "solving"

    const p = JSON.parse(ev.data);
    const phase = p.done ? t('finished') : `${t('solving')} ${p.phase}`;
    out.textContent = `${phase} — ${t('best')} ${p.bestScore || '…'} — ${(p.elapsedMillis / 1000).toFixed(1)} s`;
  });
  source.addEventListener('end', () => { source.close(); loadPlans(); });
  source.onerror = () => { source.close(); loadPlans(); };
}

async function loadAppointments() {
  const county = document.getElementById('county').value;
  const week = document.getElementById('week').value;
  if (!/^\d{4}-W\d{2}$/.test(week)) return;
  const monday = mondayOf(week);
  const sunday = new Date(monday); sunday.setUTCDate(monday.getUTCDate() + 6);
  const day = d => d.toISOString().slice(0, 10);
  const page = await api('GET', `/api/appointments?county=${county}&from=${day(monday)}&to=${day(sunday)}&limit=200`);
  const body = document.querySelector('#appointments tbody');
  body.replaceChildren();
  const f = fmt();
  for (const a of page.items) {
    const tr = document.createElement('tr');
    cell(tr, f.format(new Date(a.startsAt)));
    cell(tr, a.beneficiaryName || a.beneficiaryId);
    cell(tr, a.service);
    cell(tr, a.centreName || a.centreCode || a.stopName || a.stopSiruta || (a.modality === 'remote' ? 'telemedicină' : ''));
    cell(tr, statusText(a.status));
    body.appendChild(tr);
  }
  document.getElementById('appt-total').textContent = t('total', { n: page.total });
}

async function loadReport() {
  const r = await api('GET', '/api/reports/attendance?level=county');
  const body = document.querySelector('#report tbody');
  body.replaceChildren();
  const pct = v => v == null ? '—' : Math.round(v * 100) + '%';
  for (const row of r.items) {
    const tr = document.createElement('tr');
    [row.county, row.planned, row.fulfilled, row.noShow, pct(row.attendanceRate), pct(row.coverage)].forEach(v => cell(tr, v));
    body.appendChild(tr);
  }
  if (!r.items.length) {
    const tr = document.createElement('tr');
    cell(tr, t('nodata')).colSpan = 6;
    body.appendChild(tr);
  }
}

async function signedIn(me) {
  document.getElementById('login').hidden = true;
  document.getElementById('logout').hidden = false;
  const roles = (TEXT[lang] && TEXT[lang].roles) || TEXT.ro.roles;
  document.getElementById('who').textContent = me.email + ' · ' + (roles[me.role] || me.role);
  const select = document.getElementById('county');
  const counties = me.counties && me.counties.length ? me.counties : ['BC', 'VN'];
  select.replaceChildren(...counties.map(c => { const o = document.createElement('option'); o.value = o.textContent = c; return o; }));
  const next = new Date(); next.setDate(next.getDate() + 7);
  document.getElementById('week').value = isoWeek(next);
  for (const id of ['planning', 'appointments', 'report']) document.getElementById(id).hidden = false;
  await Promise.allSettled([loadPlans(), loadAppointments(), loadReport()]);
}

async function start() {
  applyLanguage();
  document.getElementById('lang').addEventListener('click', () => {
    lang = lang === 'ro' ? 'en' : 'ro';
    localStorage.setItem('lang', lang);
    applyLanguage();
  });
  document.getElementById('login-form').addEventListener('submit', async ev => {
    ev.preventDefault();
    const form = new FormData(ev.target);
    try {
      await api('POST', '/api/auth/session', { email: form.get('email'), password: form.get('password') });
      await signedIn(await api('GET', '/api/auth/me'));
    } catch (e) { document.getElementById('login-error').textContent = e.message; }
  });
  document.getElementById('logout').addEventListener('click', async () => {
    await api('POST', '/api/auth/logout', {}).catch(() => {});
    location.reload();
  });
  document.getElementById('plan-form').addEventListener('submit', async ev => {
    ev.preventDefault();
    const form = new FormData(ev.target);
    const kinds = ['routes', 'timetable'].filter(k => form.get(k));
    const error = document.getElementById('plan-error');
    error.textContent = '';
    try {
      const r = await api('POST', '/api/plans', { county: form.get('county'), week: form.get('week'), kinds,
        secondsLimit: Number(form.get('secondsLimit')) });
      await loadPlans();
      watch(r.id);
    } catch (e) { error.textContent = e.message; }
  });
  document.getElementById('county').addEventListener('change', () => { loadPlans(); loadAppointments(); });
  document.getElementById('week').addEventListener('change', loadAppointments);
  try {
    await signedIn(await api('GET', '/api/auth/me'));
  } catch (e) {
    document.getElementById('login').hidden = false;
  }
}

document.addEventListener('DOMContentLoaded', start);
