// Accuracy and diagnosis (figures 16 and 17): how each caller of the scope (the scope and every level below it)
// called the last ended quarters against what was won, with the bias and the verdict (sandbagging: every last call
// below the actual; happy ears: every one above), the error per period as a chart, the bottom-up calls and the
// top-down weighted forecast beside them; and the period's diagnosis with the figures behind it.
import { h, section, table, figure } from '../dom.js';
import { chart } from '../charts.js';
import * as f from '../format.js';
import { chartNumber } from '../shape.js';
import { moneyCell, percentCell, timesCell } from './common.js';

const PERIODS = 4;

export const accuracy = {
  id: 'accuracy', title: 'Accuracy and diagnosis', visible: viewer => !viewer.rep,
  async load(sc) {
    const scope = sc.state.scope;
    if (scope.startsWith('segment:')) return { segment: true };
    const asOf = sc.state.asOf ? `&asOf=${encodeURIComponent(sc.state.asOf)}` : '';
    const [scored, diagnosis] = await Promise.all([
      sc.get(`/api/forecast/accuracy?scope=${encodeURIComponent(scope)}&periods=${PERIODS}${asOf}`),
      sc.get(`/api/forecast/diagnosis?${sc.query()}`)]);
    return { scored, diagnosis };
  },
  draw(sc, { segment, scored, diagnosis }, main) {
    if (segment) {
      main.append(h('p', { class: 'note' }, 'A segment makes no call: pick the org, a region, a team or a rep.'));
      return;
    }
    main.append(diagnosisSection(sc, diagnosis));
    main.append(accuracySection(sc, scored));
  },
};

const VERDICT_TEXT = {
  SANDBAGGING: 'Sandbagging: every last call below what was won',
  HAPPY_EARS: 'Happy ears: every last call above what was won',
  MIXED: 'Mixed: some calls above, some below',
};

function verdictCell(name, verdict) {
  return figure(name, verdict, verdict ? VERDICT_TEXT[verdict] || f.label(verdict) : 'no verdict (fewer than two scored periods)');
}

function accuracySection(sc, scored) {
  const rows = [...scored.callers.map(c => ({ name: f.scopeName(c.scope), key: c.scope, c })),
    scored.bottomUp ? { name: 'Bottom-up (sum of the reps\u2019 last calls)', key: 'bottomUp', c: scored.bottomUp } : null,
    scored.topDown ? { name: 'Top-down (weighted forecast at mid-period)', key: 'topDown', c: scored.topDown } : null]
    .filter(Boolean);
  const box = h('div', { class: 'chart tall', id: 'accuracy-chart' });
  const parts = [h('p', { class: 'note' }, `The last ${scored.periods.length} ended fiscal quarters: `,
    scored.periods.join(', '), '. Error = Commit call - Closed won of the caller\u2019s scope; relative error = error / ',
    'Closed won; bias = mean relative error of the last calls (negative: below the actual).')];
  if (!rows.length) {
    parts.push(h('p', { class: 'note' }, 'No calls were made in those quarters for this scope.'));
    return section('Forecast accuracy', ...parts);
  }
  parts.push(table(null, [{ title: 'Caller' }, { title: 'Verdict' }, { title: 'Bias', numeric: true },
    { title: 'Mean absolute error', numeric: true }, { title: 'Quarters scored', numeric: true }],
  rows.map(({ name, key, c }) => [name, verdictCell(`verdict.${key}`, c.verdict), percentCell(sc, `bias.${key}`, c.bias),
    percentCell(sc, `meanAbsoluteError.${key}`, c.meanAbsoluteError), String(c.periods.length)]), { testId: 'accuracy' }));
  parts.push(box);
  parts.push(table('Each caller\u2019s calls per quarter (first, mid-period, last) against Closed won',
    [{ title: 'Caller' }, { title: 'Quarter' }, { title: 'Closed won', numeric: true }, { title: 'First call', numeric: true },
      { title: 'Mid-period', numeric: true }, { title: 'Last call (top-down: forecast)', numeric: true }, { title: 'Error (last)', numeric: true },
      { title: 'Relative', numeric: true }],
    rows.flatMap(({ name, key, c }) => c.periods.map(p => [name, p.period, moneyCell(sc, `${key}.${p.period}.closedWon`, p.closedWon),
      moneyCell(sc, `${key}.${p.period}.first`, p.first ? p.first.commit : null),
      moneyCell(sc, `${key}.${p.period}.mid`, p.mid ? p.mid.commit : null),
      moneyCell(sc, `${key}.${p.period}.last`, p.last.commit), moneyCell(sc, `${key}.${p.period}.error`, p.last.error),
      percentCell(sc, `${key}.${p.period}.relativeError`, p.last.relativeError)])), { testId: 'accuracy-periods' }));
  chart(box, {
    tooltip: { trigger: 'axis', valueFormatter: v => (v === null || v === undefined ? f.NO_VALUE : f.percent(v, sc.locale)) },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 60, right: 30, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: scored.periods },
    yAxis: { type: 'value', axisLabel: { formatter: v => f.percent(v, sc.locale) } },
    series: rows.map(({ name, c }) => ({ name, type: 'line', connectNulls: false, symbolSize: 8,
      data: scored.periods.map(id => {
        const p = c.periods.find(x => x.period === id);
        return p ? chartNumber(p.last.relativeError) : null;
      }),
      markLine: { silent: true, symbol: 'none', data: [{ yAxis: 0 }], lineStyle: { color: '#111827' }, label: { show: false } } })),
  }, `Relative error of the last call per quarter: ${rows.map(({ name, c }) => `${name} bias ${f.percent(c.bias, sc.locale)}`).join('; ')}`);
  return section('Forecast accuracy', ...parts);
}

function diagnosisSection(sc, diagnosis) {
  const e = diagnosis.evidence;
  const money = (name, value) => moneyCell(sc, `evidence.${name}`, value);
  return section(`Diagnosis of ${sc.state.period}`,
    h('p', { class: 'verdicts' }, 'Verdict: ', figure('diagnosis.verdicts', diagnosis.verdicts.join(','),
      diagnosis.verdicts.map(f.label).join(', '), 'strong')),
    h('ul', { class: 'findings', dataset: { findings: diagnosis.findings.length } },
      diagnosis.findings.map(finding => h('li', { dataset: { finding: finding.kind } }, h('strong', {}, f.label(finding.kind)),
        ': ', finding.explanation))),
    table('The figures behind it (won and lost over the weighted forecast\u2019s lookback quarters)', [{ title: 'Figure' },
      { title: 'Value', numeric: true }], [
      ['Quota', money('quota', e.quota)],
      ['Coverage now', timesCell(sc, 'evidence.coverage', e.coverage)],
      ['Won (lookback)', money('won', e.won.amount)],
      ['Lost to competition', money('lostToCompetition', e.lostToCompetition.amount)],
      ['Lost to no decision', money('lostToNoDecision', e.lostToNoDecision.amount)],
      ['Lost, other reason', money('lostOther', e.lostOther.amount)],
      ['Closed deals that reached Pipeline', money('reachedPipeline', e.reachedPipeline)],
      ['\u2026 Best case', money('reachedBestCase', e.reachedBestCase)],
      ['\u2026 Commit', money('reachedCommit', e.reachedCommit)],
      ['Slipped out of the period', money('slipped', e.slipped.amount)],
      ['Expected (weighted forecast)', money('expected', e.expected)],
    ], { testId: 'diagnosis-evidence' }));
}
