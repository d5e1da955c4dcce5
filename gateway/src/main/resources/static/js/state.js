// What the page shows lives in the URL (?view=board&period=FY2026-Q4&scope=team:team-1&asOf=...), so a view can be
// bookmarked and shared; the token never does. parse/serialize are pure (unit-tested); the rest binds them to
// the browser's history.

export const VIEWS = ['board', 'deals', 'waterfall', 'conversion', 'slippage', 'velocity', 'funnel', 'created',
  'mine', 'inspection', 'accuracy'];

const KEYS = ['view', 'period', 'scope', 'asOf', 'from', 'page', 'stage', 'category', 'status', 'deal', 'kind',
  'sort', 'changedSince', 'measure'];

/** The state of a query string; unknown keys are dropped, a bad view falls back to the board. */
export function parse(search) {
  const params = new URLSearchParams(search);
  const state = {};
  for (const key of KEYS) {
    const value = params.get(key);
    if (value !== null && value !== '') state[key] = value;
  }
  if (!VIEWS.includes(state.view)) state.view = 'board';
  return state;
}

/** The query string of a state, keys in a stable order, empty values left out. */
export function serialize(state) {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = state[key];
    if (value !== undefined && value !== null && value !== '') params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A copy of the state with the changes applied; a change of period, scope or view resets paging. */
export function change(state, changes) {
  const next = { ...state, ...changes };
  if (('period' in changes || 'scope' in changes || 'view' in changes) && !('page' in changes)) delete next.page;
  if ('view' in changes && !('deal' in changes)) delete next.deal;
  for (const key of Object.keys(next)) if (next[key] === null || next[key] === undefined) delete next[key];
  return next;
}

export function current() {
  return parse(window.location.search);
}

/** Moves to a state: a new history entry (back works), or replaces the current one. */
export function go(state, { replace = false } = {}) {
  const url = window.location.pathname + serialize(state);
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
}
