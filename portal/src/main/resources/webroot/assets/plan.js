'use strict';
// Live progress of a plan being solved: the best version so far in words and as a line, from the
// progress stream (/api/plans/{id}/progress, Server-Sent Events). The page reads without it.
(function () {
  const box = document.getElementById('progress');
  if (!box || !window.EventSource) return;
  const ro = document.documentElement.lang !== 'en';
  const words = document.getElementById('progress-words');
  const line = document.getElementById('progress-line');
  const phases = ro
    ? { loaded: 'datele sunt încărcate', routes: 'traseele caravanelor', timetable: 'orarul centrelor', done: 'gata' }
    : { loaded: 'data loaded', routes: 'caravan routes', timetable: 'centre timetable', done: 'done' };
  const points = [];
  let firstSoft = null;

  function parse(score) {
    const m = /(-?\d+)hard\/(-?\d+)medium\/(-?\d+)soft/.exec(score || '');
    return m ? { conflicts: -Number(m[1]), leftOut: -Number(m[2]), cost: -Number(m[3]) } : null;
  }

  function say(p) {
    const s = parse(p.bestScore);
    const phase = phases[p.phase] || p.phase;
    const seconds = Math.round((p.elapsedMillis || 0) / 1000);
    if (!s) { words.textContent = phase; return; }
    if (firstSoft === null || p.phase !== points.phase) { firstSoft = s.cost; points.length = 0; points.phase = p.phase; }
    const better = firstSoft > 0 ? Math.max(0, Math.round(100 * (firstSoft - s.cost) / firstSoft)) : 0;
    words.textContent = ro
      ? `${phase} (${seconds} s): ${s.conflicts === 0 ? 'fără conflicte' : s.conflicts + ' conflicte'}, `
        + `${s.leftOut === 0 ? 'toată munca așezată' : 'încă de așezat: ' + s.leftOut + ' (după prioritate)'}, `
        + `calitatea ${better > 0 ? 'mai bună cu ' + better + '% decât prima variantă' : 'la prima variantă'}.`
      : `${phase} (${seconds} s): ${s.conflicts === 0 ? 'no conflicts' : s.conflicts + ' conflicts'}, `
        + `${s.leftOut === 0 ? 'all work placed' : 'still to place: ' + s.leftOut + ' (by priority)'}, `
        + `quality ${better > 0 ? better + '% better than the first version' : 'at the first version'}.`;
    points.push([seconds, better]);
    const maxT = Math.max(1, ...points.map(q => q[0]));
    line.setAttribute('points', points.map(q => `${30 + 360 * q[0] / maxT},${100 - 0.9 * q[1]}`).join(' '));
  }

  const source = new EventSource('/api/plans/' + encodeURIComponent(box.dataset.plan) + '/progress');
  source.addEventListener('status', e => { const d = JSON.parse(e.data); if (d.progress) say(d.progress); });
  source.addEventListener('progress', e => say(JSON.parse(e.data)));
  source.addEventListener('end', () => { source.close(); window.location.reload(); });
  source.onerror = () => { source.close(); setTimeout(() => window.location.reload(), 3000); };
})();
