// The forecast board: category totals against quota, coverage against the 3x rule and against the remaining quota,
// the calls beside the system's numbers, and a drill-down org -> region -> team -> rep -> deals.
import { h, card, section, table } from '../dom.js';
import { chart } from '../charts.js';
import * as f from '../format.js';
import { DRILL_PAGE_SIZE, cents, chartNumber, drillParent, drillShown, fromCents, totalsByCategory } from '../shape.js';
import { dealCount, figureCsv, moneyCell, timesCell } from './common.js';
import { ApiError } from '../api.js';

const RULE_OF_THUMB = 3;

export const board = {
  id: 'board', title: 'Forecast board', visible: () => true,
  csv: figureCsv('coverage', 'category-totals'),

  async load(sc) {
    // the drill-down's children (a page of them: a region of a large org has thousands of teams) in one request;
    // a rep or a segment has none
    const leaf = sc.state.scope.startsWith('rep:') || sc.state.scope.startsWith('segment:');
    const [coverage, calls, below] = await Promise.all([
      sc.get(`/api/forecast/coverage?${sc.query()}`),
      sc.get(`/api/forecast/calls?${sc.query()}`),
      leaf ? null : sc.get(`/api/forecast/coverage/below?${sc.query({ page: sc.state.page, size: DRILL_PAGE_SIZE })}`)
        .catch(e => { if (e instanceof ApiError) return { failed: e }; throw e; }),
    ]);
    return { coverage, calls, below };
  },

  draw(sc, { coverage, calls, below }, main) {
    const totals = totalsByCategory(coverage.totals);
    const money = amount => f.money(amount, sc.currency, sc.locale);
    const quota = coverage.quota;
    main.append(h('div', { class: 'cards' },
      card('Quota', 'quota', quota, money(quota), quota === null ? 'no quota set for this period and scope' : null),
      card('Closed won', 'closedWon', totals.CLOSED_WON.amount, money(totals.CLOSED_WON.amount),
        dealCount(totals.CLOSED_WON.count, sc.locale)),
      card('Commit', 'commit', totals.COMMIT.amount, money(totals.COMMIT.amount), dealCount(totals.COMMIT.count, sc.locale)),
      card('Best case', 'bestCase', totals.BEST_CASE.amount, money(totals.BEST_CASE.amount),
        dealCount(totals.BEST_CASE.count, sc.locale)),
      card('Pipeline', 'pipeline', totals.PIPELINE.amount, money(totals.PIPELINE.amount),
        dealCount(totals.PIPELINE.count, sc.locale)),
      card('Coverage', 'coverage', coverage.coverage, f.times(coverage.coverage, sc.locale),
        coverage.coverage === null ? 'needs a quota' : Number(coverage.coverage) >= RULE_OF_THUMB
          ? 'at or above the 3× rule' : 'below the 3× rule'),
      card('Coverage of remaining quota', 'coverageOfRemaining', coverage.coverageOfRemaining,
        f.times(coverage.coverageOfRemaining, sc.locale),
        coverage.remainingQuota === null ? null : `remaining ${money(coverage.remainingQuota)}`),
      card('Coverage incl. Pipeline', 'coverageWithPipeline', coverage.coverageWithPipeline,
        f.times(coverage.coverageWithPipeline, sc.locale), 'the SMB / short-cycle view')));

    const bars = ['CLOSED_WON', 'COMMIT', 'BEST_CASE', 'PIPELINE'];
    const chartBox = h('div', { class: 'chart', id: 'board-chart' });
    main.append(section('Categories against quota', chartBox,
      h('p', { class: 'note' }, 'Coverage = (Best case + Commit + Closed won) / quota; Pipeline is not counted. ',
        'The dashed line is the quota, the dotted one three times the quota.')));
    chart(chartBox, {
      tooltip: { trigger: 'axis', valueFormatter: v => money(v) },
      legend: { top: 0 },
      grid: { left: 110, right: 30, top: 40, bottom: 30 },
      // the axis reaches three times the quota, so the chart shows how far the coverage is from the 3x rule
      xAxis: { type: 'value', max: v => Math.max(v.max, quota === null ? 0 : Number(quota) * RULE_OF_THUMB) * 1.05,
        axisLabel: { formatter: v => f.moneyShort(v, sc.currency, sc.locale) } },
      yAxis: { type: 'category', data: ['This period'] },
      series: [...bars.map(category => ({ name: f.label(category), type: 'bar', stack: 'total',
        data: [chartNumber(totals[category].amount)] })),
      { name: 'Quota', type: 'line', data: [], color: '#111827', lineStyle: { type: 'dashed' }, markLine: quota === null ? undefined : { symbol: 'none',
        data: [{ xAxis: Number(quota), name: 'Quota', lineStyle: { type: 'dashed', color: '#111827' } },
          { xAxis: Number(quota) * RULE_OF_THUMB, name: '3× quota', lineStyle: { type: 'dotted', color: '#111827' } }],
        label: { formatter: p => `${p.name} ${money(p.value)}` } } }],
    }, `Closed won ${money(totals.CLOSED_WON.amount)}, Commit ${money(totals.COMMIT.amount)}, Best case `
      + `${money(totals.BEST_CASE.amount)}, Pipeline ${money(totals.PIPELINE.amount)}, quota ${money(quota)}`);

    main.append(callsSection(sc, calls));
    main.append(drillSection(sc, below));
  },
};

function callsSection(sc, calls) {
  const system = calls.system;
  const rows = calls.calls.map(call => [call.repId, moneyCell(sc, `call.${call.repId}.commit`, call.commit),
    moneyCell(sc, `call.${call.repId}.bestCase`, call.bestCase), f.instant(call.submittedAt, sc.locale), call.note || '']);
  return section('Calls beside the system',
    levelCall(sc, calls),
    table(null, [{ title: '' }, { title: 'Commit', numeric: true }, { title: 'Best case', numeric: true },
      { title: 'Closed won', numeric: true }], [
      ['Calls (sum of the reps\u2019 newest calls)', moneyCell(sc, 'calls.commit', calls.commit),
        moneyCell(sc, 'calls.bestCase', calls.bestCase), ''],
      ['System (open Commit, open Best case, won)', moneyCell(sc, 'system.commit', system.commit.amount),
        moneyCell(sc, 'system.bestCase', system.bestCase.amount), moneyCell(sc, 'system.closedWon', system.closedWon.amount)],
      ['Call minus system', moneyCell(sc, 'calls.commitMinusSystem', fromCents(cents(calls.commit) - cents(system.commit.amount))),
        moneyCell(sc, 'calls.bestCaseMinusSystem', fromCents(cents(calls.bestCase) - cents(system.bestCase.amount))), ''],
    ], { testId: 'calls-summary' }),
    rows.length ? table('Each rep\u2019s newest call', [{ title: 'Rep' }, { title: 'Commit', numeric: true },
      { title: 'Best case', numeric: true }, { title: 'Submitted' }, { title: 'Note' }], rows, { testId: 'calls' })
      : h('p', { class: 'note' }, 'No calls submitted for this period and scope yet.'));
}

/**
 * Whether the viewer calls this scope's number (the README's role rules, as ScopeAccess enforces them): a manager
 * their team, a leader their region, the CRO the org, an admin any team, region or the org. A rep's call is made
 * in my pipeline, from the deals.
 */
export function mayCallLevel(viewer, scope) {
  if (scope.startsWith('rep:') || scope.startsWith('segment:')) return false;
  if (viewer.roles.includes('admin')) return true;
  if (scope === 'org') return viewer.cro;
  if (scope.startsWith('region:')) return viewer.leader && scope === `region:${viewer.region}`;
  return viewer.manager && scope === `team:${viewer.team}`;
}

/**
 * The level's own call (a manager's for the team, a leader's for the region, the CRO's for the org) beside the
 * calls of the level below and their sum: the adjustment is how far the caller moved the number below them, and
 * versus system how far the call stands from Closed won + open Commit (+ open Best case).
 */
function levelCall(sc, calls) {
  const scope = sc.state.scope;
  if (scope.startsWith('rep:') || scope.startsWith('segment:')) return null;
  const own = calls.own;
  const pair = (name, numbers) => [moneyCell(sc, `${name}.commit`, numbers ? numbers.commit : null),
    moneyCell(sc, `${name}.bestCase`, numbers ? numbers.bestCase : null)];
  const below = calls.below || [];
  const belowName = scope === 'org' ? 'regions\u2019' : scope.startsWith('region:') ? 'teams\u2019' : 'reps\u2019';
  const parts = [h('h3', {}, `${f.scopeName(scope)}: the level\u2019s own call`),
    table(null, [{ title: '' }, { title: 'Commit', numeric: true }, { title: 'Best case', numeric: true }, { title: '' }], [
      ['Own call', ...pair('own', own), own ? `${own.callerId || ''}, ${f.instant(own.submittedAt, sc.locale)}`
        + (own.note ? ` \u00b7 ${own.note}` : '') : 'no call yet'],
      [`Sum of the ${belowName} calls`, ...pair('belowSum', calls.belowSum), `${below.length} calls`],
      ['Adjustment (own minus sum below)', ...pair('adjustment', calls.adjustment), calls.adjustment ? '' : 'needs both'],
      ['Versus system (own minus won + open)', ...pair('versusSystem', calls.versusSystem),
        'Commit against won + Commit; Best case against won + Commit + Best case'],
    ], { testId: 'level-call' })];
  if (below.length && !scope.startsWith('team:')) { // a team's level below is its reps: their table follows
    parts.push(table('The level below', [{ title: 'Scope' }, { title: 'Commit', numeric: true },
      { title: 'Best case', numeric: true }, { title: 'Submitted' }, { title: 'Note' }],
    below.map(c => [f.scopeName(c.scope), moneyCell(sc, `below.${c.scope}.commit`, c.commit),
      moneyCell(sc, `below.${c.scope}.bestCase`, c.bestCase), f.instant(c.submittedAt, sc.locale), c.note || '']),
    { testId: 'below' }));
  }
  const history = calls.ownHistory || [];
  if (history.length > 1) {
    parts.push(table('Every submission of the own call (newest last)', [{ title: 'Submitted' }, { title: 'By' },
      { title: 'Commit', numeric: true }, { title: 'Best case', numeric: true }, { title: 'Note' }],
    history.map((c, i) => [f.instant(c.submittedAt, sc.locale), c.callerId || '', moneyCell(sc, `ownHistory.${i}.commit`, c.commit),
      moneyCell(sc, `ownHistory.${i}.bestCase`, c.bestCase), c.note || '']), { testId: 'own-history' }));
  }
  if (mayCallLevel(sc.viewer, scope) && !sc.state.asOf) parts.push(levelCallForm(sc, calls));
  return h('div', { class: 'level-call' }, parts);
}

function levelCallForm(sc, calls) {
  const result = h('p', { id: 'level-call-result', role: 'status' });
  // start from the newest own call, else the calls below, else the reps' calls (bottom-up)
  const start = calls.own || ((calls.below || []).length ? calls.belowSum : { commit: calls.commit, bestCase: calls.bestCase });
  const number = (id, labelText, value) => h('div', { class: 'control' }, h('label', { for: id }, labelText),
    h('input', { id, name: id, type: 'number', min: 0, step: '0.01', required: true, value: value ?? '' }));
  const submit = async event => {
    event.preventDefault();
    const form = event.target;
    try {
      const call = await sc.api.post('/api/forecast/calls', { scope: sc.state.scope, period: sc.state.period,
        commit: form.levelCommit.value, bestCase: form.levelBestCase.value, note: form.levelNote.value || null });
      result.className = 'message ok';
      result.textContent = `Call submitted: commit ${f.money(call.commit, sc.currency, sc.locale)}, best case `
        + `${f.money(call.bestCase, sc.currency, sc.locale)}.`;
      setTimeout(() => sc.go({}, { replace: true }), 300);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      result.className = `message ${e.failure.kind}`;
      result.textContent = `${e.failure.title}: ${e.failure.detail}`;
    }
  };
  return h('form', { class: 'call-form', id: 'level-call-form', onsubmit: submit,
    'aria-label': `Submit the call of ${f.scopeName(sc.state.scope)}` },
  h('h3', {}, `Submit the call of ${f.scopeName(sc.state.scope)}`),
  number('levelCommit', 'Commit', start.commit), number('levelBestCase', 'Best case', start.bestCase),
  h('div', { class: 'control wide' }, h('label', { for: 'levelNote' }, 'Note (why it differs from the level below)'),
    h('input', { id: 'levelNote', name: 'levelNote', type: 'text', maxlength: 2000 })),
  h('div', { class: 'control buttons' }, h('button', { type: 'submit', class: 'primary' }, 'Submit call')), result);
}

function drillSection(sc, below) {
  const scope = sc.state.scope;
  const parent = drillParent(scope, sc.hierarchy, sc.viewer);
  const up = parent ? h('button', { type: 'button', class: 'link', dataset: { drill: parent },
    onclick: () => sc.go({ scope: parent }) }, `\u2191 Up to ${f.scopeName(parent)}`) : null;
  if (scope.startsWith('rep:') || scope.startsWith('segment:')) {
    const owner = scope.startsWith('rep:') ? scope.slice(4) : null;
    return section('Drill down', up, h('p', {}, h('button', { type: 'button', class: 'link', dataset: { drill: 'deals' },
      onclick: () => sc.go({ view: 'deals' }) }, `Open the deals of ${f.scopeName(scope)} closing in ${sc.state.period}`),
    owner ? '' : ' (the deals list cannot filter by segment: it shows every deal you may see)'));
  }
  if (below.failed) return section('Drill down', up, h('p', { class: 'message error' }, below.failed.message));
  if (!below.children.length) {
    return section('Drill down', up, h('p', { class: 'note' }, 'Nothing below this scope: the org has no regions, ',
      'teams or reps placed yet (an admin places them with PUT /api/forecast/org/...).'));
  }
  const rows = below.children.map(({ scope: child, coverage }) => {
    const name = h('button', { type: 'button', class: 'link', dataset: { drill: child },
      onclick: () => sc.go({ scope: child }) }, f.scopeName(child));
    const t = totalsByCategory(coverage.totals);
    const id = child.replace(':', '.');
    return [name, moneyCell(sc, `${id}.pipeline`, t.PIPELINE.amount), moneyCell(sc, `${id}.bestCase`, t.BEST_CASE.amount),
      moneyCell(sc, `${id}.commit`, t.COMMIT.amount), moneyCell(sc, `${id}.closedWon`, t.CLOSED_WON.amount),
      moneyCell(sc, `${id}.quota`, coverage.quota), timesCell(sc, `${id}.coverage`, coverage.coverage)];
  });
  return section('Drill down', up, table(null, [{ title: 'Scope' }, { title: 'Pipeline', numeric: true },
    { title: 'Best case', numeric: true }, { title: 'Commit', numeric: true }, { title: 'Closed won', numeric: true },
    { title: 'Quota', numeric: true }, { title: 'Coverage', numeric: true }], rows, { testId: 'drill' }),
  below.pages > 1 ? drillPager(sc, drillShown(below)) : null);
}

function drillPager(sc, drill) {
  const n = value => f.count(value, sc.locale);
  return h('nav', { class: 'pager', 'aria-label': 'Pages of the drill-down', dataset: { testid: 'drill-pager' } },
    h('button', { type: 'button', disabled: drill.page === 0, onclick: () => sc.go({ page: drill.page - 1 }) }, 'Previous'),
    h('span', { dataset: { testid: 'drill-shown' } },
      ` ${n(drill.first)}\u2013${n(drill.last)} of ${n(drill.total)} (page ${drill.page + 1} of ${drill.pages}) `),
    h('button', { type: 'button', disabled: drill.page >= drill.pages - 1, onclick: () => sc.go({ page: drill.page + 1 }) },
      'Next'));
}
