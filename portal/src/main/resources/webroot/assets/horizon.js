'use strict';
// Progress of a caravan horizon being planned: asks /api/horizons/{id} every two seconds and says in words how long
// it has been running and whether every visit has found a day yet; reloads the page when the horizon is ready or
// has failed. The page reads without it (a reload link).
(function () {
  const box = document.getElementById('progress');
  if (!box || !window.fetch) return;
  const ro = document.documentElement.lang !== 'en';
  const words = document.getElementById('progress-words');
  const id = box.dataset.horizon;
  const started = Date.now();

  function placedWords(best) {
    const m = /(-?\d+)hard\/(-?\d+)medium/.exec(best || '');
    if (!m) return '';
    const left = Number(m[2]) !== 0;
    return ro ? (left ? ' Încă sunt vizite fără zi; planificatorul caută.' : ' Toate vizitele au o zi; planificatorul le mai apropie.')
      : (left ? ' Some visits still have no day; the planner keeps looking.' : ' Every visit has a day; the planner is tightening them.');
  }

  function tick() {
    fetch('/api/horizons/' + encodeURIComponent(id), { headers: { Accept: 'application/json' } })
      .then(r => (r.ok ? r.json() : Promise.reject(r.status)))
      .then(h => {
        if (h.status !== 'queued' && h.status !== 'solving') { window.location.reload(); return; }
        const seconds = Math.round((Date.now() - started) / 1000);
        words.textContent = (h.status === 'queued'
          ? (ro ? 'În așteptare: planificatorul termină altă lucrare.' : 'Waiting: the planner is finishing other work.')
          : (ro ? `Se calculează (${seconds} s din cel mult ${h.secondsLimit} s).` : `Planning (${seconds} s of at most ${h.secondsLimit} s).`))
          + placedWords(h.bestScore);
        setTimeout(tick, 2000);
      })
      .catch(() => setTimeout(tick, 5000));
  }
  setTimeout(tick, 1000);
})();
