// The consultation call page: Jitsi Meet (external_api.js) or the built-in WebRTC signalling.
// Everything it needs is in the URL fragment: #provider=builtin&token=...&as=doctor|family,
// or #provider=jitsi&domain=...&room=...&jwt=...
(function () {
  'use strict';

  const TEXT = {
    ro: {
      title: 'Consultație video', connecting: 'Se conectează…', waitingTitle: 'Sala de așteptare',
      waitingText: 'Sunteți în sala de așteptare. Medicul vă va primi în curând; nu închideți pagina.',
      lobbyTitle: 'Cine așteaptă', lobbyEmpty: 'Nu așteaptă nimeni deocamdată.', remote: 'Celălalt participant',
      local: 'Dumneavoastră', end: 'Încheie consultația', admit: 'Primește', decline: 'Refuză',
      waiting: 'În sala de așteptare', lobby: 'Pregătit. Primiți pacientul când sunteți gata.',
      inCall: 'În consultație', connected: 'Conectat', peerLeft: 'Celălalt participant a ieșit; poate reveni.',
      peerAbsent: 'Medicul nu este încă în consultație.', declined: 'Medicul nu vă poate primi acum.',
      ended: 'Consultația s-a încheiat. Vă mulțumim!', reconnecting: 'Conexiune pierdută; se reconectează…',
      noCamera: 'Camera sau microfonul nu sunt disponibile.', badLink: 'Linkul consultației nu este valid sau a expirat.',
      attendance: 'Prezența a fost înregistrată.', lang: 'English',
      early: 'Consultația începe {day}, la ora {start}. Pagina se deschide cu 10 minute înainte, la ora {opens}; o puteți lăsa deschisă.',
      over: 'Consultația s-a încheiat; linkul nu mai poate fi folosit.',
      admitted: 'Medicul v-a primit; se pornește apelul…',
      revoked: 'Linkul consultației nu mai este valabil (a fost anulat sau înlocuit). Cereți unul nou centrului.',
      test: 'Testați camera și microfonul', testOk: 'Camera și microfonul funcționează.'
    },
    en: {
      title: 'Video consultation', connecting: 'Connecting…', waitingTitle: 'Waiting room',
      waitingText: 'You are in the waiting room. The doctor will let you in shortly; keep this page open.',
      lobbyTitle: 'Who is waiting', lobbyEmpty: 'Nobody is waiting yet.', remote: 'The other participant',
      local: 'You', end: 'End the consultation', admit: 'Admit', decline: 'Decline',
      waiting: 'In the waiting room', lobby: 'Ready. Admit the patient when you are ready.',
      inCall: 'In the consultation', connected: 'Connected', peerLeft: 'The other participant left; they may come back.',
      peerAbsent: 'The doctor has not joined yet.', declined: 'The doctor cannot see you now.',
      ended: 'The consultation has ended. Thank you!', reconnecting: 'Connection lost; reconnecting…',
      noCamera: 'The camera or microphone is not available.', badLink: 'The consultation link is not valid or has expired.',
      attendance: 'Attendance recorded.', lang: 'Română',
      early: 'The consultation starts on {day} at {start}. This page opens 10 minutes before, at {opens}; you may leave it open.',
      over: 'The consultation has ended; the link can no longer be used.',
      admitted: 'The doctor let you in; starting the call…',
      revoked: 'The consultation link is no longer valid (it was cancelled or replaced). Ask the centre for a new one.',
      test: 'Test the camera and microphone', testOk: 'The camera and microphone work.'
    }
  };
  let lang = localStorage.getItem('caravana.lang') || 'ro';
  const $ = (id) => document.getElementById(id);
  const t = (key) => (TEXT[lang] && TEXT[lang][key]) || TEXT.ro[key] || key;
  let statusKey = 'connecting';

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    $('lang').textContent = t('lang');
    setStatus(statusKey, $('status').dataset.state, statusParams);
    renderLobby();
  }
  $('lang').addEventListener('click', () => {
    lang = lang === 'ro' ? 'en' : 'ro';
    localStorage.setItem('caravana.lang', lang);
    applyLanguage();
  });

  let statusParams = {};
  function setStatus(key, state, values) {
    statusParams = values || (key === statusKey ? statusParams : {});
    statusKey = key;
    $('status').textContent = t(key).replace(/\{(\w+)\}/g, (m, k) => (k in statusParams ? statusParams[k](lang) : m));
    $('status').dataset.state = state || key;
    state_.status = state || key;
  }

  const params = new URLSearchParams(location.hash.slice(1));
  const consultationId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '');
  const provider = params.get('provider') || 'builtin';

  // What the page is doing, readable by people debugging and by the end-to-end test.
  const state_ = window.caravana = {
    provider, role: params.get('as'), status: 'init', connectionState: 'new', ws: null, pc: null,
    inboundFramesDecoded: async function () {
      const pc = state_.pc;
      if (!pc) return 0;
      let frames = 0;
      (await pc.getStats()).forEach((r) => {
        if (r.type === 'inbound-rtp' && r.kind === 'video') frames += r.framesDecoded || 0;
      });
      return frames;
    }
  };

  // ---- the consultation's window ------------------------------------------------------------
  // The ticket says when the room opens (nbf: 10 minutes before the start) and closes (exp: 30 minutes
  // after the end); reading it here lets the page tell the truth before any connection is tried.
  const EARLY_MS = 10 * 60 * 1000;
  function claimsOf(jwt) {
    try {
      const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const c = JSON.parse(atob(part + '==='.slice((part.length + 3) % 4)));
      return typeof c.nbf === 'number' && typeof c.exp === 'number' ? c : null;
    } catch (e) {
      return null;
    }
  }
  const format = (options) => (ms) => (l) => new Intl.DateTimeFormat(l === 'en' ? 'en-GB' : 'ro-RO',
    Object.assign({ timeZone: 'Europe/Bucharest' }, options)).format(new Date(ms));
  const dayOf = format({ weekday: 'long', day: 'numeric', month: 'long' });
  const timeOf = format({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

  /** 'early', 'open' or 'over' for a ticket; 'open' when the ticket cannot be read (the server decides). */
  function windowOf(jwt) {
    const c = claimsOf(jwt || '');
    if (!c) return 'open';
    const now = Date.now();
    return now < c.nbf * 1000 ? 'early' : now >= c.exp * 1000 ? 'over' : 'open';
  }

  function whenOpen(jwt, begin) {
    const w = windowOf(jwt);
    if (w === 'open') { $('call').hidden = false; $('early').hidden = true; begin(); return; }
    $('call').hidden = true;
    if (w === 'over') { setStatus('over', 'over'); return; }
    const opens = claimsOf(jwt).nbf * 1000;
    const starts = opens + EARLY_MS;
    setStatus('early', 'too-early', { day: dayOf(starts), start: timeOf(starts), opens: timeOf(opens) });
    $('early').hidden = false;
    // wake at the opening (re-checked at least hourly: long timers drift when the phone sleeps)
    setTimeout(() => whenOpen(jwt, begin), Math.min(Math.max(opens - Date.now() + 500, 500), 3600000));
  }

  // A camera and microphone check before the window, without joining anything.
  $('test').addEventListener('click', async () => {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
      $('test-video').srcObject = stream;
      $('test-video').hidden = false;
      $('test-result').textContent = t('testOk');
      $('test-result').dataset.i18n = 'testOk';
    } catch (e) {
      $('test-result').textContent = t('noCamera');
      $('test-result').dataset.i18n = 'noCamera';
    }
  });


  // ---- Jitsi Meet -------------------------------------------------------------------------
  function startJitsi() {
    const domain = params.get('domain');
    const room = params.get('room');
    const jwt = params.get('jwt');
    if (!domain || !room || !jwt) { setStatus('badLink', 'error'); return; }
    $('call').hidden = true;
    $('jitsi').hidden = false;
    const script = document.createElement('script');
    script.src = 'https://' + domain + '/external_api.js';
    script.onload = () => {
      // eslint-disable-next-line no-undef
      const api = new JitsiMeetExternalAPI(domain, {
        roomName: room, jwt, lang: 'ro', parentNode: $('jitsi'), width: '100%', height: '100%',
        configOverwrite: { prejoinPageEnabled: false, defaultLanguage: 'ro' }
      });
      state_.jitsi = api;
      setStatus('inCall', 'in-progress');
      api.addListener('readyToClose', () => setStatus('ended', 'ended'));
    };
    script.onerror = () => setStatus('badLink', 'error');
    document.head.appendChild(script);
  }

  // ---- built-in WebRTC --------------------------------------------------------------------
  let localStream = null;
  let iceServers = [];
  let pending = [];
  let lobbyWaiting = [];
  let finished = false;
  let live = false;
  let role = params.get('as');

  async function startBuiltin() {
    const token = params.get('token');
    if (!token || !consultationId) { setStatus('badLink', 'error'); return; }
    try {
      localStream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
      $('local').srcObject = localStream;
    } catch (e) {
      setStatus('noCamera', 'error');
      return;
    }
    connect(token, 0);
  }

  function connect(token, attempt) {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(scheme + '://' + location.host + '/ws/consultations/'
      + encodeURIComponent(consultationId) + '?token=' + encodeURIComponent(token));
    state_.ws = ws;
    let opened = false;
    const ping = setInterval(() => { if (ws.readyState === 1) send({ type: 'ping' }); }, 10000);
    ws.onopen = () => { opened = true; };
    ws.onmessage = (e) => onMessage(JSON.parse(e.data));
    ws.onclose = (e) => {
      clearInterval(ping);
      if (finished || e.code === 4000 || e.code === 4003 || e.code === 4001) return;
      if (windowOf(token) === 'over') { finished = true; closePeer(); setStatus('over', 'over'); return; }
      if (opened) live = true;
      if (!live) {
        // never connected inside the window: the server refuses this ticket (cancelled, replaced, forged)
        if (attempt >= 2) { setStatus('revoked', 'error'); return; }
        setTimeout(() => connect(token, attempt + 1), 2000);
        return;
      }
      // a live connection dropped: say so, and keep trying while the window lasts
      setStatus('reconnecting', 'reconnecting');
      setTimeout(() => connect(token, 0), 2000);
    };
  }

  function send(m) {
    if (state_.ws && state_.ws.readyState === 1) state_.ws.send(JSON.stringify(m));
  }

  async function onMessage(m) {
    switch (m.type) {
      case 'welcome':
        role = m.role; state_.role = m.role; iceServers = m.iceServers || [];
        break;
      case 'waiting':
        $('waiting-room').hidden = false;
        setStatus('waiting', 'waiting');
        break;
      case 'peer-absent':
        setStatus('peerAbsent', 'waiting');
        break;
      case 'lobby':
        lobbyWaiting = m.waiting || [];
        $('lobby').hidden = false;
        $('end').hidden = false;
        renderLobby();
        if (!state_.pc) setStatus('lobby', 'lobby');
        break;
      case 'admitted':
        $('waiting-room').hidden = true;
        setStatus('admitted', 'admitted');
        break;
      case 'start':
        await startCall(m.initiator, m.peer);
        break;
      case 'offer':
        if (!state_.pc) await startCall(false, null);
        await state_.pc.setRemoteDescription({ type: 'offer', sdp: m.sdp });
        await flushCandidates();
        await state_.pc.setLocalDescription(await state_.pc.createAnswer());
        send({ type: 'answer', sdp: state_.pc.localDescription.sdp });
        break;
      case 'answer':
        if (state_.pc) {
          await state_.pc.setRemoteDescription({ type: 'answer', sdp: m.sdp });
          await flushCandidates();
        }
        break;
      case 'candidate':
        if (state_.pc && state_.pc.remoteDescription) await addCandidate(m.candidate);
        else pending.push(m.candidate);
        break;
      case 'peer-left':
        closePeer();
        setStatus('peerLeft', 'peer-left');
        break;
      case 'attendance':
        state_.attendance = m.togetherSeconds;
        break;
      case 'declined':
        finished = true;
        $('waiting-room').hidden = true;
        setStatus('declined', 'declined');
        break;
      case 'ended':
        finished = true;
        closePeer();
        $('lobby').hidden = true; $('end').hidden = true; $('waiting-room').hidden = true;
        setStatus('ended', 'ended');
        break;
      case 'error':
        console.warn('signalling:', m.code, m.reason);
        break;
      default:
        break;
    }
  }

  async function startCall(initiator, peerName) {
    closePeer();
    $('lobby').hidden = true;
    $('waiting-room').hidden = true;
    if (peerName) $('remote-name').textContent = peerName;
    const pc = new RTCPeerConnection({ iceServers });
    state_.pc = pc;
    pending = [];
    localStream.getTracks().forEach((track) => pc.addTrack(track, localStream));
    pc.onicecandidate = (e) => { if (e.candidate) send({ type: 'candidate', candidate: e.candidate.toJSON() }); };
    pc.ontrack = (e) => { $('remote').srcObject = e.streams[0]; };
    pc.onconnectionstatechange = () => {
      state_.connectionState = pc.connectionState;
      if (pc.connectionState === 'connected') setStatus('connected', 'connected');
    };
    setStatus('inCall', 'in-progress');
    if (initiator) {
      await pc.setLocalDescription(await pc.createOffer());
      send({ type: 'offer', sdp: pc.localDescription.sdp });
    }
  }

  async function flushCandidates() {
    const queued = pending;
    pending = [];
    for (const c of queued) await addCandidate(c);
  }

  async function addCandidate(c) {
    try { await state_.pc.addIceCandidate(c); } catch (e) { console.warn('candidate rejected', e); }
  }

  function closePeer() {
    if (state_.pc) { state_.pc.close(); state_.pc = null; }
    state_.connectionState = 'closed';
  }

  function renderLobby() {
    const list = $('lobby-list');
    if (!list) return;
    list.replaceChildren();
    $('lobby-empty').hidden = lobbyWaiting.length > 0;
    lobbyWaiting.forEach((w) => {
      const li = document.createElement('li');
      const name = document.createElement('span');
      name.textContent = w.name;
      const admit = document.createElement('button');
      admit.className = 'primary admit';
      admit.textContent = t('admit');
      admit.onclick = () => send({ type: 'admit' });
      const decline = document.createElement('button');
      decline.className = 'decline';
      decline.textContent = t('decline');
      decline.onclick = () => send({ type: 'decline' });
      li.append(name, admit, decline);
      list.appendChild(li);
    });
  }

  $('end').addEventListener('click', () => send({ type: 'end' }));
  const ticket = provider === 'jitsi' ? params.get('jwt') : params.get('token');
  whenOpen(ticket, provider === 'jitsi' ? startJitsi : startBuiltin);
  applyLanguage();
})();
