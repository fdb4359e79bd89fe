// Moving a session by hand: each change of day, hour, specialist or room asks the planner (a dry run of
// POST /api/plans/{id}/moves) what the move would break or improve, and says it in the page's language.
(function () {
  'use strict';
  var form = document.getElementById('move-form');
  var out = document.getElementById('move-feedback');
  if (!form || !out || !window.fetch) return;
  var lang = document.documentElement.lang === 'en' ? 'en' : 'ro';
  var pending = 0;

  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)caravana_csrf=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : '';
  }

  // the offset of Bucharest time on that day (+02:00 or +03:00), from the browser's time-zone data
  function offset(day) {
    try {
      var parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Bucharest', timeZoneName: 'longOffset' })
        .formatToParts(new Date(day + 'T12:00:00Z'));
      for (var i = 0; i < parts.length; i++) {
        if (parts[i].type === 'timeZoneName') {
          var o = parts[i].value.replace('GMT', '');
          return o === '' ? '+00:00' : o;
        }
      }
    } catch (e) { /* fall through */ }
    return '+02:00';
  }

  function list(title, items) {
    if (!items.length) return;
    var h = document.createElement('h3');
    h.textContent = title;
    out.appendChild(h);
    var ul = document.createElement('ul');
    items.forEach(function (e) {
      var li = document.createElement('li');
      li.textContent = e[lang];
      ul.appendChild(li);
    });
    out.appendChild(ul);
  }

  function show(answer) {
    out.textContent = '';
    out.className = 'move-feedback verdict-' + (answer.verdict || 'same');
    var p = document.createElement('p');
    p.className = 'verdict';
    var strong = document.createElement('strong');
    strong.textContent = answer.summary[lang];
    p.appendChild(strong);
    out.appendChild(p);
    list(out.dataset.breaks, answer.breaks || []);
    list(out.dataset.improves, answer.improves || []);
  }

  function problem(body) {
    out.textContent = '';
    out.className = 'move-feedback verdict-worse';
    var items = body.errors && body.errors.length ? body.errors : [body];
    items.forEach(function (e) {
      var p = document.createElement('p');
      p.textContent = e.reason ? e.reason[lang] : '';
      out.appendChild(p);
    });
  }

  function check() {
    var day = form.elements.zi.value;
    var hour = form.elements.ora.value;
    var room = form.elements.sala ? form.elements.sala.value : '';
    var staff = form.elements.specialist ? form.elements.specialist.value : '';
    var body = {
      session: form.dataset.session,
      start: day + 'T' + hour + ':00' + offset(day),
      staffId: /^[0-9]+$/.test(staff) ? Number(staff) : staff,
      roomId: room === '' || room === 'acasa' ? null : (/^[0-9]+$/.test(room) ? Number(room) : room),
      dryRun: true
    };
    var mine = ++pending;
    out.textContent = out.dataset.checking;
    fetch('/api/plans/' + encodeURIComponent(form.dataset.plan) + '/moves', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf() },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (j) { return { ok: r.ok, body: j }; });
    }).then(function (a) {
      if (mine !== pending) return; // a newer change is being checked
      if (a.ok) show(a.body); else problem(a.body);
    }).catch(function () {
      if (mine === pending) out.textContent = '';
    });
  }

  ['zi', 'ora', 'specialist', 'sala'].forEach(function (name) {
    var el = form.elements[name];
    if (el) el.addEventListener('change', check);
  });
})();
