// Chart-data and view shaping: pure functions over the API's JSON (no DOM, no fetch), unit-tested in the browser
// test. Amounts are decimal strings; sums are made in integer cents so that a waterfall balances exactly.

export const SEGMENTS = ['ENTERPRISE', 'MID_MARKET', 'SMB'];
export const OPEN_CATEGORIES = ['PIPELINE', 'BEST_CASE', 'COMMIT'];

/** A decimal string ("-1234.5", "0.07") as integer cents, exactly (no binary floating point on the way). */
export function cents(amount) {
  if (amount === null || amount === undefined) return 0;
  const text = String(amount).trim();
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace(/^[-+]/, '').split('.');
  const value = Number(whole || '0') * 100 + Number((fraction + '00').slice(0, 2));
  return negative ? -value : value;
}

/** Integer cents back to a decimal string with two places. */
export function fromCents(value) {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Roles of a token's claims: who reads everything (org; the CRO is a leader without a region), who leads a region,
 * who manages a team, who is a rep.
 */
export function viewerOf(claims) {
  const roles = Array.isArray(claims.roles) ? claims.roles
    : String(claims.roles || '').split(/[\s,]+/).filter(Boolean);
  const cro = roles.includes('leader') && !claims.region;
  const readsEverything = cro || roles.some(r => r === 'revops' || r === 'bi' || r === 'admin');
  const leader = !readsEverything && roles.includes('leader');
  const manager = !readsEverything && !leader && roles.includes('manager');
  return { id: claims.sub, roles, team: claims.team || null, region: claims.region || null, readsEverything,
    manager, leader, cro, rep: !readsEverything && !manager && !leader,
    ownScope: readsEverything ? 'org' : leader ? `region:${claims.region}` : manager ? `team:${claims.team}`
      : `rep:${claims.sub}`,
    // who may submit calls from my pipeline: reps for themselves, managers for their reps, admins for anyone
    // (README, roles); leaders and the CRO call their region's or the org's number only, not a rep's
    callsFor: roles.includes('admin') ? 'anyone' : manager ? 'team' : readsEverything || leader ? 'none' : 'self' };
}

/** Past this many options the scope list shows only the picked scope's neighbourhood; the search finds the rest. */
export const SCOPE_LIST_LIMIT = 400;
/** Children of a scope the drill-down asks figures for at once (a region of a large org has thousands of teams). */
export const DRILL_PAGE_SIZE = 12;

const orgs = new WeakMap();

/**
 * The org as lists: regions, teams (with their region) and reps (with their team), sorted by id; and as lookups
 * (repsOfTeam, teamsOfRegion, teamOf, regionOf). Worked out once per hierarchy answer: an org of 40,000 reps is
 * sorted once, not at every screen.
 */
export function orgOf(hierarchy) {
  const key = hierarchy && typeof hierarchy === 'object' ? hierarchy : null;
  if (key && orgs.has(key)) return orgs.get(key);
  const teamOfRep = (hierarchy && hierarchy.teamOfRep) || {};
  const regionOfTeam = (hierarchy && hierarchy.regionOfTeam) || {};
  const teamIds = new Set([...Object.keys(regionOfTeam), ...Object.values(teamOfRep)]);
  const reps = Object.keys(teamOfRep).sort().map(id => ({ id, team: teamOfRep[id] }));
  const teams = [...teamIds].sort().map(id => ({ id, region: regionOfTeam[id] || null }));
  const repsOfTeam = new Map();
  for (const rep of reps) (repsOfTeam.get(rep.team) || repsOfTeam.set(rep.team, []).get(rep.team)).push(rep.id);
  const teamsOfRegion = new Map();
  for (const team of teams) {
    if (team.region) (teamsOfRegion.get(team.region) || teamsOfRegion.set(team.region, []).get(team.region)).push(team.id);
  }
  const org = { regions: [...new Set(Object.values(regionOfTeam))].sort(), teams, reps, repsOfTeam, teamsOfRegion,
    teamIds: teams.map(t => t.id), repIds: reps.map(r => r.id),
    teamOf: id => teamOfRep[id] || null, regionOf: id => regionOfTeam[id] || null };
  if (key) orgs.set(key, org);
  return org;
}

/** The teams and reps a viewer may pick from, as scope values (a manager: the team's reps; a rep: none). */
function pickable(viewer, org) {
  if (viewer.rep) return { teams: [], reps: [] };
  if (viewer.manager) return { teams: [], reps: org.repsOfTeam.get(viewer.team) || [] };
  if (!viewer.leader) return { teams: org.teamIds, reps: org.repIds };
  const teams = org.teamsOfRegion.get(viewer.region) || [];
  return { teams, reps: teams.flatMap(t => org.repsOfTeam.get(t) || []) };
}

/**
 * The scopes a viewer may pick, in the README's role rules: everything for RevOps, BI and admins; a region's leader
 * their region, its teams and their reps; a manager their team and its reps (as the org places them); a rep
 * themselves. Each {value, label, group}. An org too large to list ({@link SCOPE_LIST_LIMIT}) lists the levels
 * above teams, the picked scope's region's teams and its team's reps; {@link scopeMatches} finds any other.
 */
export function scopeOptions(viewer, hierarchy, current = viewer.ownScope) {
  const org = orgOf(hierarchy);
  if (viewer.rep) return [{ value: viewer.ownScope, label: `Me (${viewer.id})`, group: 'Rep' }];
  const team = id => ({ value: `team:${id}`, label: id, group: 'Team' });
  const rep = id => ({ value: `rep:${id}`, label: id, group: 'Rep' });
  if (viewer.manager) {
    return [{ value: `team:${viewer.team}`, label: `My team (${viewer.team})`, group: 'Team' },
      ...(org.repsOfTeam.get(viewer.team) || []).map(rep)];
  }
  const top = viewer.leader ? [{ value: viewer.ownScope, label: `My region (${viewer.region})`, group: 'Region' }]
    : [{ value: 'org', label: 'Whole org', group: 'Org' },
      ...org.regions.map(id => ({ value: `region:${id}`, label: id, group: 'Region' }))];
  const segments = viewer.leader ? [] : SEGMENTS.map(id => ({ value: `segment:${id}`, label: id, group: 'Segment' }));
  const { teams, reps } = pickable(viewer, org);
  if (top.length + teams.length + reps.length + segments.length <= SCOPE_LIST_LIMIT) {
    return [...top, ...teams.map(team), ...reps.map(rep), ...segments];
  }
  const [level, id] = current === 'org' ? ['org', null] : current.split(':');
  const teamHere = level === 'team' ? id : level === 'rep' ? org.teamOf(id) : null;
  const regionHere = level === 'region' ? id : teamHere ? org.regionOf(teamHere) : viewer.region;
  const near = new Set(teams);
  const nearTeams = regionHere ? (org.teamsOfRegion.get(regionHere) || []).filter(t => near.has(t)) : [];
  const nearReps = teamHere && near.has(teamHere) ? org.repsOfTeam.get(teamHere) || [] : [];
  return [...top, ...nearTeams.slice(0, SCOPE_LIST_LIMIT).map(team), ...nearReps.map(rep), ...segments];
}

/**
 * Teams and reps the viewer may pick whose id contains {@code text} (ignoring case), those starting with it first,
 * at most {@code max}: what the scope search offers as the person types.
 */
export function scopeMatches(viewer, hierarchy, text, max = 20) {
  const wanted = String(text || '').trim().toLowerCase();
  if (!wanted) return [];
  const { teams, reps } = pickable(viewer, orgOf(hierarchy));
  const starting = [];
  const containing = [];
  const scan = (ids, level, label) => {
    for (const id of ids) {
      if (starting.length >= max) return;
      const at = id.toLowerCase().indexOf(wanted);
      if (at === 0) starting.push({ value: `${level}:${id}`, label: `${label} ${id}` });
      else if (at > 0 && containing.length < max) containing.push({ value: `${level}:${id}`, label: `${label} ${id}` });
    }
  };
  scan(teams, 'team', 'Team');
  scan(reps, 'rep', 'Rep');
  return [...starting, ...containing].slice(0, max);
}

/**
 * Which children a page of forecast-service's drill-down answer shows ({page, pages, total, size, children}), as
 * {page, pages, total, first, last} with first and last counted from 1 (0 and 0 when there is none).
 */
export function drillShown(below) {
  const shown = below.children.length;
  return { page: below.page, pages: below.pages, total: below.total, first: shown ? below.page * below.size + 1 : 0,
    last: below.page * below.size + shown };
}

/** The scope one level up (for the breadcrumb), or null at the top of what the viewer may see. */
export function drillParent(scope, hierarchy, viewer) {
  if (scope === viewer.ownScope) return null;
  const org = orgOf(hierarchy);
  const [level, id] = scope === 'org' ? ['org', null] : scope.split(':');
  if (level === 'rep') {
    const team = org.teamOf(id);
    return team ? `team:${team}` : viewer.ownScope;
  }
  if (level === 'team') {
    const region = org.regionOf(id);
    return region && (viewer.readsEverything || viewer.leader) ? `region:${region}` : viewer.ownScope;
  }
  return viewer.readsEverything ? 'org' : null;
}

/**
 * How current the figures are, from forecast-service's freshness answer, as {state, newest}: 'live' (nothing left to
 * read), 'behind' (events recorded but not yet in the figures: {behind}), 'unknown' (the consumer is starting or
 * does not say), 'empty' (no event read since the service started).
 */
export function freshnessOf(answer) {
  if (!answer) return { state: 'unknown', newest: null, behind: null };
  const behind = answer.eventsBehind === null || answer.eventsBehind === undefined ? null : Number(answer.eventsBehind);
  const newest = answer.newestEventRecordedAt || null;
  if (behind === null) return { state: 'unknown', newest, behind };
  if (behind > 0) return { state: 'behind', newest, behind };
  return { state: newest ? 'live' : 'empty', newest, behind };
}

/** The category totals as a map category -> {amount, count}. */
export function totalsByCategory(categoryTotals) {
  const map = {};
  for (const t of categoryTotals.totals) map[t.category] = { amount: t.amount, count: t.count };
  return map;
}

const FLOW_ORDER = ['created', 'reopened', 'pulledIn', 'increased', 'categoryIn', 'transferredIn',
  'pushedOut', 'decreased', 'won', 'lost', 'deferred', 'categoryOut', 'transferredOut'];

/**
 * A waterfall view as bars: the opening total, each non-zero flow floating from the running total (inflows up,
 * outflows down), and the closing total; plus whether the bars end exactly on the closing total (in cents).
 * Each bar: {name, kind: 'total'|'up'|'down', delta, base, height} in cents, base the invisible part below it.
 */
export function waterfallBars(view, measure = 'amount') {
  const value = m => (measure === 'amount' ? cents(m.amount) : Number(m.count) * 100);
  const bars = [];
  let running = value(view.openAtFrom);
  bars.push({ name: 'openAtFrom', kind: 'total', delta: running, base: Math.min(0, running), height: Math.abs(running) });
  for (const name of FLOW_ORDER) {
    const flow = view.flows[name];
    if (!flow) continue;
    const delta = value(flow);
    if (delta === 0) continue;
    const next = running + delta;
    bars.push({ name, kind: delta > 0 ? 'up' : 'down', delta, base: Math.min(running, next), height: Math.abs(delta) });
    running = next;
  }
  const closing = value(view.openAtTo);
  bars.push({ name: 'openAtTo', kind: 'total', delta: closing, base: Math.min(0, closing), height: Math.abs(closing) });
  return { bars, balances: running === closing, runningEnd: running, closing };
}

/** The n periods of the calendar list ending at (and including) the given one, oldest first. */
export function periodsEndingAt(periods, periodId, n) {
  const index = periods.findIndex(p => p.id === periodId);
  if (index < 0) return [];
  return periods.slice(Math.max(0, index - n + 1), index + 1);
}

/** The calendar's list (quarters or months) a period id belongs to. */
export function periodList(calendar, periodId) {
  return /-M\d+$/.test(periodId) ? calendar.months : calendar.quarters;
}

/**
 * The as-of slider over a period: positions are whole days from the period's start; the last position is "now"
 * when the period is under way (or its end when it is over). Returns {max, position, instantAt(position)}.
 */
export function asOfSlider(period, nowIso, asOfIso) {
  const dayMs = 86400000;
  const start = Date.parse(`${period.start}T00:00:00Z`);
  const end = Date.parse(`${period.end}T00:00:00Z`);
  const now = Date.parse(nowIso);
  const underWay = now < end;
  const last = Math.min(now, end - 1);
  const max = Math.max(0, Math.floor((last - start) / dayMs));
  const iso = ms => new Date(ms).toISOString().replace('.000Z', 'Z');
  const instantAt = position => {
    if (position >= max && underWay) return null; // "now": the live figures
    return iso(Math.min(end, start + (Math.min(position, max) + 1) * dayMs) - 1000);
  };
  let position = max;
  if (asOfIso) position = Math.max(0, Math.min(max, Math.floor((Date.parse(asOfIso) - start) / dayMs)));
  return { max, position, instantAt };
}

/** Trend rows of close rates over periods: [{period, closeRate, slippageAdjusted, winRate, requiredCoverage}]. */
export function conversionTrend(answers) {
  return answers.map(({ period, rates }) => ({
    period,
    closeRate: rates.closeRate.byAmount,
    slippageAdjustedCloseRate: rates.slippageAdjustedCloseRate.byAmount,
    winRate: rates.winRate.byAmount,
    requiredCoverage: rates.requiredCoverage.byAmount,
  }));
}

/** A number for a chart (null stays null: a gap, not a zero). */
export function chartNumber(decimal) {
  return decimal === null || decimal === undefined ? null : Number(decimal);
}
