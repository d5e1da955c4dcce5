// The dashboard's shell: sign-in, the controls every screen shares (period, scope, as-of with a slider over the
// period), the navigation, live refresh by conditional polling, and the messages for failures.
import { Api, ApiError } from './api.js';
import * as auth from './auth.js';
import * as state from './state.js';
import { h, clear, download } from './dom.js';
import { asOfSlider, freshnessOf, periodList, scopeMatches, scopeOptions, viewerOf } from './shape.js';
import { count, instant, label, scopeName } from './format.js';
import { SCREENS } from './views/screens.js';
import { partsToKeep, restoreParts, trackEdits } from './live.js';

const POLL_MS = 5000;
const main = document.getElementById('main');
const message = document.getElementById('message');
const controls = document.getElementById('controls');
const nav = document.getElementById('nav');
const status = document.getElementById('status');
const freshnessLine = document.getElementById('freshness');
const who = document.getElementById('who');

let ctx = null;
let pollTimer = null;
let renderSeq = 0;
let signInSeq = 0;
let polls = 0; // live refreshes answered, for the browser tests: each is a 304 (nothing new) or a redraw
let pollRedraws = 0;

const api = new Api(auth.authHeaders, () => showSignIn(auth.expiredMessage()));

function showMessage(failure) {
  clear(message);
  if (!failure) {
    message.hidden = true;
    return;
  }
  message.hidden = false;
  message.className = `message ${failure.kind || 'error'}`;
  message.append(h('strong', {}, failure.title), ' ', failure.detail || '');
  if (failure.signIn) message.append(' ', h('button', { type: 'button', onclick: () => showSignIn() }, 'Sign in'));
}

async function showSignIn(why) {
  stopPolling();
  auth.signOut();
  ctx = null;
  clear(controls);
  clear(nav);
  clear(who);
  controls.hidden = true;
  showMessage(why ? { kind: 'unauthenticated', title: 'Signed out.', detail: why } : null);
  const seq = ++signInSeq; // several refused requests at once ask for one sign-in screen
  const provider = auth.provider();
  const users = provider ? null : await auth.demoUsers();
  if (seq !== signInSeq) return;
  clear(main).append(h('h1', {}, 'Sign in'));
  if (provider) {
    // a plain link: the gateway sends the browser on to the issuer (authorization code with PKCE) and back
    main.append(h('p', {}, 'Sign in with your organisation\'s account. You see what your role allows.'),
      h('p', {}, h('a', { class: 'sign-in-provider button', href: provider.signInUrl },
        `Sign in with ${provider.name}`)));
    main.querySelector('a.sign-in-provider').focus();
    return;
  }
  if (!users) {
    main.append(h('p', {}, 'This server has no demo sign-in. Sign in through your organisation\'s identity provider; ',
      'see the gateway README for how the dashboard is set up for production.'));
    return;
  }
  main.append(h('p', {}, 'Local stack: pick a demo user of the dev issuer. Each sees what their role allows.'),
    h('ul', { class: 'users' }, users.map(user => h('li', {}, h('button', {
      type: 'button', class: 'user', dataset: { user: user.id },
      onclick: async () => {
        try {
          await auth.signInAs(user.id);
          await start();
        } catch (e) {
          showMessage({ kind: 'error', title: 'Sign-in failed.', detail: e.message });
        }
      },
    }, h('span', { class: 'user-id' }, user.id), h('span', { class: 'user-roles' },
      [user.roles.map(label).join(', '), user.team ? ` · ${user.team}` : '', user.region ? ` · ${user.region}` : '']
        .join('')))))));
  const first = main.querySelector('button.user');
  if (first) first.focus();
}

/** The user's own sign-out: with session login the gateway ends the session (and the issuer's, where it can). */
function signOut() {
  stopPolling();
  if (auth.endSession()) showSignIn();
}

/** Loads what every screen needs (the calendar, the org), then draws the current URL's screen. */
async function start() {
  showMessage(null);
  const claims = auth.claims();
  const viewer = viewerOf(claims);
  clear(who).append(h('span', { dataset: { user: viewer.id } }, `${viewer.id} (${viewer.roles.map(label).join(', ')})`),
    ' ', h('button', { type: 'button', class: 'sign-out', onclick: signOut }, 'Sign out'));
  try {
    const [calendar, hierarchy] = await Promise.all([api.json('/api/forecast/calendar'), api.json('/api/forecast/org')]);
    ctx = { api, viewer, calendar, hierarchy, locale: navigator.language || 'en-US',
      currency: calendar.reportingCurrency };
  } catch (e) {
    if (e instanceof ApiError) {
      if (e.failure.signIn) return; // the sign-in screen says so
      showMessage(e.failure);
      if (e.failure.retry) setTimeout(start, POLL_MS);
    } else throw e;
    return;
  }
  window.onpopstate = () => render();
  await render();
}

/** The state of the URL completed with defaults (the current quarter, the viewer's own scope). */
function completeState() {
  const s = state.current();
  if (!s.period) s.period = ctx.calendar.currentQuarter.id;
  if (!s.scope) s.scope = ctx.viewer.ownScope;
  return s;
}

export function go(changes, options) {
  state.go(state.change(completeState(), changes), options);
  return render();
}

function periodOf(id) {
  return [...ctx.calendar.quarters, ...ctx.calendar.months].find(p => p.id === id) || null;
}

function drawNav(s) {
  clear(nav).append(h('ul', {}, SCREENS.filter(screen => screen.visible(ctx.viewer)).map(screen => h('li', {},
    h('a', { href: state.serialize(state.change(s, { view: screen.id })), dataset: { view: screen.id },
      'aria-current': s.view === screen.id ? 'page' : null,
      onclick: event => { event.preventDefault(); go({ view: screen.id }); } }, screen.title)))));
}

function drawControls(s, screen) {
  controls.hidden = false;
  const period = periodOf(s.period);
  const options = scopeOptions(ctx.viewer, ctx.hierarchy, s.scope);
  if (!options.some(o => o.value === s.scope)) options.unshift({ value: s.scope, label: scopeName(s.scope), group: 'Asked' });
  const groups = [...new Set(options.map(o => o.group))];
  const periods = [...ctx.calendar.quarters, ...ctx.calendar.months];
  if (!period) periods.unshift({ id: s.period, kind: 'ASKED' });
  const slider = period ? asOfSlider(period, new Date().toISOString(), s.asOf) : null;
  const asOfLocal = s.asOf ? s.asOf.replace(/Z$/, '').slice(0, 16) : '';

  clear(controls).append(
    h('div', { class: 'control' }, h('label', { for: 'period' }, 'Period'),
      h('select', { id: 'period', name: 'period', onchange: e => go({ period: e.target.value }) },
        h('optgroup', { label: 'Fiscal quarters' }, periods.filter(p => p.kind !== 'MONTH').map(p =>
          h('option', { value: p.id, selected: p.id === s.period }, p.id))),
        h('optgroup', { label: 'Fiscal months' }, ctx.calendar.months.map(p =>
          h('option', { value: p.id, selected: p.id === s.period }, p.id))))),
    h('div', { class: 'control' }, h('label', { for: 'scope' }, 'Scope'),
      h('select', { id: 'scope', name: 'scope', disabled: options.length < 2,
        onchange: e => go({ scope: e.target.value }) },
        groups.map(g => h('optgroup', { label: g }, options.filter(o => o.group === g).map(o =>
          h('option', { value: o.value, selected: o.value === s.scope }, o.label)))))),
    ctx.viewer.rep ? null : h('div', { class: 'control' }, h('label', { for: 'scopeFind' }, 'Find a team or rep'),
      h('input', { id: 'scopeFind', name: 'scopeFind', type: 'search', list: 'scopeMatches', autocomplete: 'off',
        placeholder: 'id, e.g. team-12', 'aria-describedby': 'scopeFindHint',
        oninput: e => fillMatches(e.target.value), onchange: e => pickMatch(e.target.value) }),
      h('datalist', { id: 'scopeMatches' }),
      h('span', { id: 'scopeFindHint', class: 'hint' }, 'type part of an id, pick one of the matches')),
    h('div', { class: 'control' }, h('label', { for: 'asOf' }, 'As of (UTC)'),
      h('input', { id: 'asOf', name: 'asOf', type: 'datetime-local', step: 60, value: asOfLocal,
        onchange: e => go({ asOf: e.target.value ? `${e.target.value.slice(0, 16)}:00Z` : null }) })),
    slider ? h('div', { class: 'control slider' }, h('label', { for: 'asOfSlider' }, 'Day of the period'),
      h('input', { id: 'asOfSlider', type: 'range', min: 0, max: slider.max, step: 1, value: slider.position,
        'aria-valuetext': s.asOf ? instant(s.asOf, ctx.locale) : 'now',
        oninput: e => { document.getElementById('asOfShown').textContent = instantText(slider.instantAt(+e.target.value)); },
        onchange: e => go({ asOf: slider.instantAt(+e.target.value) }, { replace: true }) }),
      h('output', { id: 'asOfShown', for: 'asOfSlider' }, instantText(s.asOf))) : null,
    h('div', { class: 'control buttons' },
      h('button', { type: 'button', disabled: !s.asOf, onclick: () => go({ asOf: null }) }, 'Now (live)'),
      screen.csv ? h('button', { type: 'button', id: 'csv', onclick: () => downloadCsv(s, screen) }, 'Download CSV')
        : null));
}

/** The scope search's suggestions for what has been typed: the first matches, as options of its datalist. */
function fillMatches(text) {
  const list = document.getElementById('scopeMatches');
  if (!list) return;
  clear(list).append(...scopeMatches(ctx.viewer, ctx.hierarchy, text).map(m => h('option', { value: m.value }, m.label)));
}

/** A picked suggestion (its scope value), or a typed id that is exactly one team's or rep's, opens that scope. */
function pickMatch(text) {
  const typed = String(text || '').trim();
  if (!typed) return;
  const matches = scopeMatches(ctx.viewer, ctx.hierarchy, typed.includes(':') ? typed.split(':')[1] : typed, 50);
  const picked = matches.find(m => m.value === typed)
    || matches.find(m => m.value.split(':')[1].toLowerCase() === typed.toLowerCase());
  if (picked) go({ scope: picked.value });
  else status.textContent = `No team or rep you may see is called ${typed}`;
}

/** The line above the figures saying how current they are (forecast-service's freshness), on every screen. */
async function drawFreshness() {
  let answer = null;
  try {
    answer = (await ctx.api.get('/api/forecast/freshness')).body;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
  const fresh = freshnessOf(answer);
  const newest = fresh.newest ? instant(fresh.newest, ctx.locale) : null;
  freshnessLine.hidden = false;
  freshnessLine.dataset.state = fresh.state;
  freshnessLine.dataset.eventsBehind = fresh.behind === null ? '' : String(fresh.behind);
  freshnessLine.textContent = {
    live: `Live: the figures hold every event recorded, the newest at ${newest}.`,
    behind: `Catching up: ${count(fresh.behind, ctx.locale)} events recorded are not in the figures yet`
      + (newest ? ` (the newest in them was recorded at ${newest}).` : '.'),
    empty: 'Live: no event has been recorded since the forecast started.',
    unknown: newest ? `The figures hold events recorded up to ${newest}; whether newer ones wait is not known yet.`
      : 'How current the figures are is not known yet (the forecast is starting).',
  }[fresh.state];
}

function instantText(iso) {
  return iso ? instant(iso, ctx.locale) : 'now (live)';
}

async function downloadCsv(s, screen) {
  try {
    const { filename, text } = await screen.csv(screenContext(s));
    download(filename, text);
  } catch (e) {
    if (e instanceof ApiError) showMessage(e.failure);
    else throw e;
  }
}

function screenContext(s) {
  const sc = { ...ctx, state: s, period: periodOf(s.period), go, changed: false,
    /** a GET whose answer is compared by ETag: sc.changed tells whether anything the screen read has changed */
    get: async path => {
      const answer = await api.get(path);
      if (answer.changed) sc.changed = true;
      return answer.body;
    },
  };
  /** period, scope and as-of as a query string, for the figure endpoints */
  Object.assign(sc, { query: (extra = {}) => new URLSearchParams(Object.entries({ period: s.period, scope: s.scope, asOf: s.asOf, ...extra })
      .filter(([, v]) => v !== undefined && v !== null && v !== '')).toString() });
  return sc;
}

/** Draws the URL's screen; afterwards polls its figures (ETags) while it shows "now". */
async function render() {
  if (!ctx) return;
  stopPolling();
  const seq = ++renderSeq;
  const s = completeState();
  const screen = SCREENS.find(x => x.id === s.view && x.visible(ctx.viewer))
    || SCREENS.find(x => x.visible(ctx.viewer));
  drawNav(s);
  drawControls(s, screen);
  document.title = `${screen.title} · ${s.period} · ${scopeName(s.scope)} · Pipeline`;
  const sc = screenContext(s);
  const started = performance.now();
  main.setAttribute('aria-busy', 'true');
  try {
    const [data] = await Promise.all([screen.load(sc), drawFreshness()]);
    if (seq !== renderSeq) return;
    showMessage(null);
    clear(main).append(h('h1', {}, screen.title, h('span', { class: 'subtitle' },
      ` ${s.period} · ${scopeName(s.scope)} · ${s.asOf ? `as of ${instant(s.asOf, ctx.locale)}` : 'now'}`)));
    screen.draw(sc, data, main);
    markRendered(started, seq);
  } catch (e) {
    if (seq !== renderSeq) return;
    if (!(e instanceof ApiError)) throw e;
    clear(main).append(h('h1', {}, screen.title));
    showMessage(e.failure);
    if (e.failure.kind === 'forbidden' && s.scope !== ctx.viewer.ownScope) {
      main.append(h('p', {}, h('button', { type: 'button', dataset: { drill: ctx.viewer.ownScope },
        onclick: () => go({ scope: ctx.viewer.ownScope }) }, `Show ${scopeName(ctx.viewer.ownScope)} instead`)));
    }
    if (e.failure.signIn) return;
    markRendered(started, seq);
  } finally {
    main.removeAttribute('aria-busy');
  }
  if (!s.asOf || screen.live) schedulePoll(seq, screen, sc);
}

/** For the browser tests and the benchmark: the screen is drawn, with how long it took (figures included). */
function markRendered(started, seq) {
  main.dataset.rendered = String(seq);
  main.dataset.renderMillis = String(Math.round(performance.now() - started));
  main.dataset.renderedAt = String(Math.round(performance.now())); // since navigation start
  window.dispatchEvent(new CustomEvent('pipeline:rendered', { detail: { seq } }));
}

function schedulePoll(seq, screen, sc) {
  pollTimer = setTimeout(async () => {
    if (seq !== renderSeq) return;
    try {
      sc.changed = false;
      const [data] = await Promise.all([screen.load(sc), drawFreshness()]);
      if (seq !== renderSeq) return;
      showMessage(null);
      let keptParts = 0;
      if (sc.changed) {
        // a form someone is typing in (focused or edited) survives the redraw as it is; the rest is drawn anew
        const kept = partsToKeep(main);
        const heading = main.querySelector('h1');
        clear(main).append(heading);
        screen.draw(sc, data, main);
        keptParts = restoreParts(main, kept);
        pollRedraws += 1;
      }
      polls += 1;
      main.dataset.polls = String(polls);
      main.dataset.pollRedraws = String(pollRedraws);
      status.textContent = `Up to date ${instant(new Date().toISOString(), ctx.locale)}`
        + (sc.changed ? ' (new figures)' : '') + (keptParts ? '; the form being edited was kept as typed' : '');
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      showMessage(e.failure);
      if (e.failure.signIn) return;
    }
    schedulePoll(seq, screen, sc);
  }, POLL_MS);
}

function stopPolling() {
  if (pollTimer) clearTimeout(pollTimer);
  pollTimer = null;
}

trackEdits(main);
auth.init().then(() => {
  const refused = auth.signInProblem();
  if (refused) history.replaceState(history.state, '', window.location.pathname + window.location.search);
  if (auth.valid() && !refused) start();
  else showSignIn(refused);
});
