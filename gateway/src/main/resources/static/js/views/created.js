// Pipeline created per period (figure 11) over the last eight periods, and the period's weighted forecast
// (figure 13) with its workings: open amount x historical win share per category, plus created-and-won, plus won.
import { h, section, table } from '../dom.js';
import { chart } from '../charts.js';
import * as f from '../format.js';
import { chartNumber, periodList, periodsEndingAt } from '../shape.js';
import { countCell, figureCsv, moneyCell, percentCell } from './common.js';

const TREND_PERIODS = 8;

export const created = {
  id: 'created', title: 'Pipeline created & weighted forecast', visible: () => true,
  csv: figureCsv('pipeline-created', 'weighted-forecast'),
  async load(sc) {
    const periods = periodsEndingAt(periodList(sc.calendar, sc.state.period), sc.state.period, TREND_PERIODS);
    const [weighted, ...answers] = await Promise.all([sc.get(`/api/forecast/weighted-forecast?${sc.query()}`),
      ...periods.map(p => sc.get(`/api/forecast/pipeline-created?${sc.query({ period: p.id })}`))]);
    return { weighted, trend: periods.map((p, i) => ({ period: p.id, created: answers[i].created })) };
  },
  draw(sc, { weighted, trend }, main) {
    const money = a => f.money(a, sc.currency, sc.locale);
    const box = h('div', { class: 'chart', id: 'created-chart' });
    main.append(section('Qualified pipeline created per period', box,
      table(null, [{ title: 'Period' }, { title: 'Amount', numeric: true }, { title: 'Deals', numeric: true }],
        trend.map(t => [t.period, moneyCell(sc, `${t.period}.created.amount`, t.created.amount),
          countCell(sc, `${t.period}.created.count`, t.created.count)]), { testId: 'created' })));
    chart(box, { tooltip: { trigger: 'axis', valueFormatter: v => money(v) },
      grid: { left: 80, right: 20, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: trend.map(t => t.period) },
      yAxis: { type: 'value', axisLabel: { formatter: v => f.moneyShort(v, sc.currency, sc.locale) } },
      series: [{ type: 'bar', name: 'Created', data: trend.map(t => chartNumber(t.created.amount)) }] },
    trend.map(t => `${t.period} ${money(t.created.amount)}`).join(', '));
    main.append(section(`Weighted forecast for ${sc.state.period}`,
      h('p', { class: 'note' }, `Each open category's amount times the share of that category's amount that closed won in `
        + `the period it was open for, over ${weighted.lookbackPeriods.length ? weighted.lookbackPeriods.join(', ')
          : `the ${weighted.lookbackWanted} periods before (none has deals of this scope yet)`}; plus the amount created and won within a `
        + 'period (mean per period), plus what is already won.'),
      table(null, [{ title: '' }, { title: 'Open', numeric: true }, { title: 'Historical win share', numeric: true },
        { title: 'Weighted', numeric: true }], [
        ...weighted.categories.map(c => [f.label(c.category), moneyCell(sc, `${c.category}.open`, c.open),
          percentCell(sc, `${c.category}.share`, c.historicalWinShare), moneyCell(sc, `${c.category}.weighted`, c.weighted)]),
        ['Created and won in a period (mean)', '', '', moneyCell(sc, 'createdAndWonPerPeriod', weighted.createdAndWonPerPeriod)],
        ['Already won', '', '', moneyCell(sc, 'closedWon', weighted.closedWon)],
        [h('strong', {}, 'Weighted forecast'), '', '', h('strong', {}, moneyCell(sc, 'forecast', weighted.forecast))],
      ], { testId: 'weighted' }),
      weighted.forecast === null ? h('p', { class: 'note' }, 'No value: a category holding open amount has no history to learn '
        + 'its win share from.') : null));
  },
};
