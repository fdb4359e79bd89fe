// The caravan crew's page (/teren): one tap marks present / absent / excused, with or without a
// connection. Each mark gets an idempotency key and waits in IndexedDB until the server has answered
// for it; the server applies each key once, so sending again after a lost answer, a reload or a
// server restart never doubles a mark. The page shows what was sent and what waits.
(function () {
  'use strict';

  const root = document.getElementById('teren');
  if (!root) return;
  const lang = document.documentElement.lang === 'en' ? 'en' : 'ro';
  const TEXT = {
    ro: {
      present: 'Prezent', absent: 'Absent', excused: 'Absență motivată',
      waiting: 'așteaptă conexiunea', synced: 'trimis', refused: 'refuzat',
      allSynced: 'Toate marcările au fost trimise.', noMarks: 'Nicio marcare încă.',
      pending: (n) => (n === 1 ? 'O marcare așteaptă conexiunea.' : n + ' marcări așteaptă conexiunea.'),
      sent: (n) => (n === 1 ? 'o marcare trimisă' : n + ' marcări trimise'),
      offline: 'Fără conexiune: marcările se păstrează pe telefon.', online: 'Conectat.',
      signIn: 'Sesiunea a expirat: autentificați-vă din nou; marcările așteaptă pe telefon.',
      walkIn: 'Venit fără programare', noMatch: 'Nicio persoană găsită în localitățile zilei.',
      pick: 'Alegeți', born: 'n.'
    },
    en: {
      present: 'Present', absent: 'Absent', excused: 'Excused absence',
      waiting: 'waiting for a connection', synced: 'sent', refused: 'refused',
      allSynced: 'Every mark has been sent.', noMarks: 'No marks yet.',
      pending: (n) => (n === 1 ? 'One mark is waiting for a connection.' : n + ' marks are waiting for a connection.'),
      sent: (n) => (n === 1 ? 'one mark sent' : n + ' marks sent'),
      offline: 'No connection: marks are kept on the phone.', online: 'Connected.',
      signIn: 'The session has expired: sign in again; the marks wait on the phone.',
      walkIn: 'Came without an appointment', noMatch: 'Nobody found in the day\'s localities.',
      pick: 'Pick', born: 'b.'
    }
  };
  const t = (k) => TEXT[lang][k];
  const $ = (sel, el) => (el || document).querySelector(sel);
  const $$ = (sel, el) => Array.from((el || document).querySelectorAll(sel));

  // What the page is doing, for people debugging and for the browser test.
  const state = window.teren = { ready: false, flushing: false, lastFlush: null, errors: 0 };

  // ---- the queue in IndexedDB -------------------------------------------------------------
  const DB_NAME = 'caravana-teren';
  const STORE = 'marks';
  let dbPromise = null;
  function db() {
    if (!dbPromise) {
      dbPromise = new Promise((resolve, reject) => {
        const open = indexedDB.open(DB_NAME, 1);
        open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: 'key' });
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
    }
    return dbPromise;
  }
  function tx(mode, work) {
    return db().then((d) => new Promise((resolve, reject) => {
      const transaction = d.transaction(STORE, mode);
      const result = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    }));
  }
  const all = () => tx('readonly', (s) => s.getAll());
  const put = (record) => tx('readwrite', (s) => s.put(record));

  // A random version-4 UUID (crypto.randomUUID needs a secure context; getRandomValues does not).
  function uuid() {
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  // An ISO-8601 time with the phone's offset, as the server expects (2026-12-10T09:42:07.120+02:00).
  function nowIso() {
    const d = new Date();
    const off = -d.getTimezoneOffset();
    const local = new Date(d.getTime() + off * 60000).toISOString().slice(0, -1);
    const sign = off >= 0 ? '+' : '-';
    const abs = Math.abs(off);
    return local + sign + String(Math.floor(abs / 60)).padStart(2, '0') + ':' + String(abs % 60).padStart(2, '0');
  }

  // ---- marking ----------------------------------------------------------------------------
  async function mark(appointment, kind) {
    const record = {
      key: uuid(), type: 'mark', date: root.dataset.date, appointmentId: appointment.dataset.id, mark: kind,
      markedAt: nowIso(), made: Date.now(), state: 'waiting'
    };
    await put(record);
    await render();
    flush();
  }

  async function walkIn(form) {
    const data = new FormData(form);
    const record = {
      key: uuid(), type: 'walk-in', date: root.dataset.date, stopSiruta: Number(data.get('stopSiruta')),
      markedAt: nowIso(), made: Date.now(), state: 'waiting'
    };
    if (data.get('beneficiaryId')) {
      record.beneficiaryId = data.get('beneficiaryId');
      record.label = data.get('beneficiaryLabel');
    } else {
      record.person = {
        firstName: String(data.get('firstName') || '').trim(), lastName: String(data.get('lastName') || '').trim(),
        birthDate: data.get('birthDate'), sex: data.get('sex')
      };
      record.label = record.person.firstName + ' ' + record.person.lastName;
    }
    await put(record);
    form.reset();
    $('#walk-in-results').replaceChildren();
    await render();
    flush();
  }

  // ---- sending ----------------------------------------------------------------------------
  function csrf() {
    const m = document.cookie.match(/(?:^|;\s*)caravana_csrf=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : '';
  }

  async function post(path, body) {
    return fetch(path, {
      method: 'POST', credentials: 'same-origin', cache: 'no-store',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf() },
      body: JSON.stringify(body)
    });
  }

  async function settle(record, result) {
    record.state = result.outcome === 'refused' ? 'refused' : 'synced';
    record.outcome = result.outcome;
    if (result.message) record.message = result.message[lang];
    if (result.appointmentId) record.appointmentId = record.appointmentId || result.appointmentId;
    await put(record);
  }

  /** Sends what waits, oldest first, a few at a time; stops at the first failure and tries again later. */
  async function flush() {
    if (state.flushing) return;
    state.flushing = true;
    try {
      for (;;) {
        const waiting = (await all()).filter((r) => r.state === 'waiting').sort((a, b) => a.made - b.made);
        if (waiting.length === 0) break;
        const marks = waiting.filter((r) => r.type === 'mark').slice(0, 5);
        let response;
        if (waiting[0].type === 'walk-in') {
          const w = waiting[0];
          const body = { key: w.key, stopSiruta: w.stopSiruta, markedAt: w.markedAt };
          if (w.beneficiaryId) body.beneficiaryId = w.beneficiaryId; else body.person = w.person;
          response = await post('/api/field/walk-ins', body);
          if (response.ok) await settle(w, await response.json());
          else if (response.status === 400 || response.status === 422) {
            const problem = await response.json();
            await settle(w, { outcome: 'refused', message: problem.reason || { ro: problem.detail, en: problem.detail } });
          }
        } else {
          response = await post('/api/field/marks', {
            marks: marks.map((m) => ({ key: m.key, appointmentId: m.appointmentId, mark: m.mark, markedAt: m.markedAt }))
          });
          if (response.ok) {
            const results = (await response.json()).results;
            for (const r of results) {
              const record = marks.find((m) => m.key === r.key);
              if (record) await settle(record, r);
            }
          }
        }
        if (response.status === 401) { status(t('signIn')); break; }
        if (!response.ok && response.status !== 400 && response.status !== 422) throw new Error('HTTP ' + response.status);
        await render();
      }
      state.errors = 0;
    } catch (e) {
      state.errors++; // offline, or the server is restarting: everything stays queued
    } finally {
      state.flushing = false;
      state.lastFlush = Date.now();
      await render();
    }
  }

  // ---- showing ----------------------------------------------------------------------------
  function status(text) {
    $('#teren-connection').textContent = text;
  }

  async function render() {
    const records = await all();
    const latest = new Map();
    records.filter((r) => r.type === 'mark' && r.date === root.dataset.date && r.state !== 'refused')
      .sort((a, b) => a.made - b.made).forEach((r) => latest.set(r.appointmentId, r));
    $$('.appointment', root).forEach((li) => {
      const local = latest.get(li.dataset.id);
      const kind = local ? local.mark : li.dataset.serverMark;
      li.dataset.mark = kind || '';
      $$('button[data-mark]', li).forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.mark === kind)));
      const note = $('.mark-state', li);
      note.textContent = kind ? t(kind) + (local ? ' · ' + t(local.state) : ' · ' + t('synced')) : '';
      note.dataset.state = local ? local.state : kind ? 'synced' : '';
    });
    const walkIns = $('#walk-ins-list');
    if (walkIns) {
      walkIns.replaceChildren(...records.filter((r) => r.type === 'walk-in' && r.date === root.dataset.date)
        .map((r) => {
          const li = document.createElement('li');
          li.textContent = r.label + ' — ' + t('walkIn') + ' · ' + t(r.state) + (r.message ? ' (' + r.message + ')' : '');
          li.dataset.state = r.state;
          return li;
        }));
    }
    const today = records.filter((r) => r.date === root.dataset.date);
    const waiting = today.filter((r) => r.state === 'waiting').length;
    const synced = today.filter((r) => r.state === 'synced').length;
    const summary = $('#teren-sync');
    summary.textContent = waiting > 0 ? t('pending')(waiting) + (synced ? ' (' + t('sent')(synced) + ')' : '')
      : synced > 0 ? t('allSynced') + ' (' + t('sent')(synced) + ')' : t('noMarks');
    summary.dataset.waiting = String(waiting);
    summary.dataset.synced = String(synced);
    state.waiting = waiting;
    state.synced = synced;
  }

  // ---- walk-in search over the day's cached list ---------------------------------------------
  const people = JSON.parse((($('#teren-people') || {}).dataset || {}).people || '[]');
  const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  function search(input) {
    const q = fold(input.value.trim());
    const list = $('#walk-in-results');
    list.replaceChildren();
    if (q.length < 2) return;
    const form = input.form;
    const stop = Number(new FormData(form).get('stopSiruta'));
    const found = people.filter((p) => p.siruta === stop && fold(p.name).includes(q)).slice(0, 8);
    if (found.length === 0) {
      const li = document.createElement('li');
      li.textContent = t('noMatch');
      list.appendChild(li);
      return;
    }
    found.forEach((p) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'pick';
      b.textContent = t('pick') + ': ' + p.name + (p.birthYear ? ' (' + t('born') + ' ' + p.birthYear + ')' : '');
      b.addEventListener('click', () => {
        form.elements.beneficiaryId.value = p.id;
        form.elements.beneficiaryLabel.value = p.name;
        walkIn(form);
      });
      li.appendChild(b);
      list.appendChild(li);
    });
  }

  // ---- wiring -----------------------------------------------------------------------------
  root.addEventListener('click', (e) => {
    const button = e.target.closest('button[data-mark]');
    if (!button) return;
    mark(button.closest('.appointment'), button.dataset.mark);
  });
  const walkInForm = $('#walk-in-form');
  if (walkInForm) {
    walkInForm.addEventListener('submit', (e) => {
      e.preventDefault();
      walkInForm.elements.beneficiaryId.value = '';
      walkIn(walkInForm);
    });
    $('#walk-in-search').addEventListener('input', (e) => search(e.target));
  }
  window.addEventListener('online', () => { status(t('online')); flush(); });
  window.addEventListener('offline', () => status(t('offline')));
  if (!navigator.onLine) status(t('offline'));
  setInterval(() => { if (state.waiting > 0) flush(); }, 5000);

  // The service worker keeps this page (as loaded now, online) for the times there is no signal.
  function keepPage(registration) {
    return new Promise((resolve) => {
      if (!navigator.onLine || !registration.active) { resolve(false); return; }
      const channel = new MessageChannel();
      channel.port1.onmessage = (e) => resolve(!!(e.data && e.data.kept));
      registration.active.postMessage({ type: 'keep', url: location.href }, [channel.port2]);
      setTimeout(() => resolve(false), 15000);
    });
  }
  const registered = 'serviceWorker' in navigator
    ? navigator.serviceWorker.register('/teren-sw.js', { scope: '/teren' })
      .then(() => navigator.serviceWorker.ready).then(keepPage).catch(() => false)
    : Promise.resolve(false);
  Promise.all([render(), registered]).then(([, kept]) => {
    state.kept = kept;
    state.ready = true;
    flush();
  });
})();
