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

/** The org as lists: regions, teams (with their region) and reps (with their team), sorted by id. */
export function orgOf(hierarchy) {
  const teamOfRep = (hierarchy && hierarchy.teamOfRep) || {};
  const regionOfTeam = (hierarchy && hierarchy.regionOfTeam) || {};
  const teams = new Set([...Object.keys(regionOfTeam), ...Object.values(teamOfRep)]);
  const regions = new Set(Object.values(regionOfTeam));
  return {
    regions: [...regions].sort(),
    teams: [...teams].sort().map(id => ({ id, region: regionOfTeam[id] || null })),
    reps: Object.keys(teamOfRep).sort().map(id => ({ id, team: teamOfRep[id] })),
  };
}

/**
 * The scopes a viewer may pick, in the README's role rules: everything for RevOps, BI and admins; a manager their
 * team and its reps (as the org places them); a rep themselves. Each {value, label, group}.
 */
export function scopeOptions(viewer, hierarchy) {
  const org = orgOf(hierarchy);
  if (viewer.rep) return [{ value: viewer.ownScope, label: `Me (${viewer.id})`, group: 'Rep' }];
  if (viewer.leader) {
    const teams = org.teams.filter(t => t.region === viewer.region).map(t => t.id);
    return [{ value: viewer.ownScope, label: `My region (${viewer.region})`, group: 'Region' },
      ...teams.map(id => ({ value: `team:${id}`, label: id, group: 'Team' })),
      ...org.reps.filter(r => teams.includes(r.team)).map(r => ({ value: `rep:${r.id}`, label: r.id, group: 'Rep' }))];
  }
  if (viewer.manager) {
    return [{ value: `team:${viewer.team}`, label: `My team (${viewer.team})`, group: 'Team' },
      ...org.reps.filter(r => r.team === viewer.team).map(r => ({ value: `rep:${r.id}`, label: r.id, group: 'Rep' }))];
  }
  return [{ value: 'org', label: 'Whole org', group: 'Org' },
    ...org.regions.map(id => ({ value: `region:${id}`, label: id, group: 'Region' })),
    ...org.teams.map(t => ({ value: `team:${t.id}`, label: t.id, group: 'Team' })),
    ...org.reps.map(r => ({ value: `rep:${r.id}`, label: r.id, group: 'Rep' })),
    ...SEGMENTS.map(s => ({ value: `segment:${s}`, label: s, group: 'Segment' }))];
}

/** One level down: org -> regions, region -> its teams, team -> its reps, rep (or segment) -> its deals (empty). */
export function drillChildren(scope, hierarchy) {
  const org = orgOf(hierarchy);
  const [level, id] = scope === 'org' ? ['org', null] : scope.split(':');
  if (level === 'org') {
    return org.regions.length ? org.regions.map(r => `region:${r}`) : org.teams.map(t => `team:${t.id}`);
  }
  if (level === 'region') return org.teams.filter(t => t.region === id).map(t => `team:${t.id}`);
  if (level === 'team') return org.reps.filter(r => r.team === id).map(r => `rep:${r.id}`);
  return [];
}

/** The scope one level up (for the breadcrumb), or null at the top of what the viewer may see. */
export function drillParent(scope, hierarchy, viewer) {
  if (scope === viewer.ownScope) return null;
  const org = orgOf(hierarchy);
  const [level, id] = scope === 'org' ? ['org', null] : scope.split(':');
  if (level === 'rep') {
    const rep = org.reps.find(r => r.id === id);
    return rep ? `team:${rep.team}` : viewer.ownScope;
  }
  if (level === 'team') {
    const team = org.teams.find(t => t.id === id);
    return team && team.region && (viewer.readsEverything || viewer.leader) ? `region:${team.region}`
      : viewer.ownScope;
  }
  return viewer.readsEverything ? 'org' : null;
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
