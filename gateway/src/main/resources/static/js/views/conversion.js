// Conversion as trends over the last eight periods: close rate, slippage-adjusted close rate, win rate and the
// coverage they require; beside them the selected period's win rates by segment and team, and losses by competitor.
import { h, section, table } from '../dom.js';
import { chart } from '../charts.js';
import * as f from '../format.js';
import { chartNumber, conversionTrend, periodList, periodsEndingAt } from '../shape.js';
import { countCell, figureCsv, moneyCell, percentCell, timesCell } from './common.js';

const TREND_PERIODS = 8;

export const conversion = {
  id: 'conversion', title: 'Conversion', visible: () => true, csv: figureCsv('close-rates'),
  async load(sc) {
    const periods = periodsEndingAt(periodList(sc.calendar, sc.state.period), sc.state.period, TREND_PERIODS);
    // the rates by team are shown for the selected period only: the others are asked without them (a large org's
    // teams make each answer about a megabyte)
    const answers = await Promise.all(periods.map(p => sc.get(`/api/forecast/close-rates?${sc.query(
      p.id === sc.state.period ? { period: p.id } : { period: p.id, teams: 'false' })}`)));
    return { trend: periods.map((p, i) => ({ period: p.id, rates: answers[i] })) };
  },
  draw(sc, { trend }, main) {
    const rows = conversionTrend(trend);
    const box = h('div', { class: 'chart tall', id: 'conversion-chart' });
    main.append(section(`Trend over the last ${rows.length} periods (by amount)`, box));
    chart(box, {
      tooltip: { trigger: 'axis' }, legend: { top: 0 },
      grid: { left: 60, right: 60, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: rows.map(r => r.period) },
      yAxis: [{ type: 'value', name: 'rate', axisLabel: { formatter: v => f.percent(v, sc.locale) }, min: 0, max: 1 },
        { type: 'value', name: 'required', axisLabel: { formatter: v => `${v}\u00d7` }, min: 0 }],
      series: [
        { name: 'Close rate', type: 'line', connectNulls: false, data: rows.map(r => chartNumber(r.closeRate)) },
        { name: 'Slippage-adjusted close rate', type: 'line', data: rows.map(r => chartNumber(r.slippageAdjustedCloseRate)) },
        { name: 'Win rate', type: 'line', data: rows.map(r => chartNumber(r.winRate)) },
        { name: 'Required coverage', type: 'bar', yAxisIndex: 1, barMaxWidth: 24, data: rows.map(r => chartNumber(r.requiredCoverage)) }],
    }, rows.map(r => `${r.period}: close rate ${f.percent(r.closeRate, sc.locale)}`).join('; '));
    main.append(section('Per period', table(null, [{ title: 'Period' }, { title: 'Won', numeric: true },
      { title: 'Lost (competition / no decision / unknown)', numeric: true }, { title: 'Slipped', numeric: true },
      { title: 'Close rate', numeric: true }, { title: 'Slippage-adjusted', numeric: true }, { title: 'Win rate', numeric: true },
      { title: 'Required coverage', numeric: true }],
    trend.map(({ period, rates: r }) => [period, moneyCell(sc, `${period}.won`, r.won.amount),
      `${f.money(r.lostToCompetition.amount, sc.currency, sc.locale)} / ${f.money(r.lostToNoDecision.amount, sc.currency, sc.locale)} / ${f.money(r.lostUnknownReason.amount, sc.currency, sc.locale)}`,
      moneyCell(sc, `${period}.slipped`, r.slipped.amount), percentCell(sc, `${period}.closeRate`, r.closeRate.byAmount),
      percentCell(sc, `${period}.slippageAdjustedCloseRate`, r.slippageAdjustedCloseRate.byAmount),
      percentCell(sc, `${period}.winRate`, r.winRate.byAmount), timesCell(sc, `${period}.requiredCoverage`, r.requiredCoverage.byAmount)]),
    { testId: 'conversion' }),
    h('p', { class: 'note' }, 'Close rate = won / (won + every loss); slippage-adjusted adds the deals that slipped out; ',
      'win rate = won / (won + lost to competition); required coverage = 1 / close rate. By amount; \u2014 = no closed deals.')));
    const selected = trend[trend.length - 1].rates;
    const winTable = (title, list, testId) => table(title, [{ title: '' }, { title: 'Won', numeric: true },
      { title: 'Lost to competition', numeric: true }, { title: 'Win rate', numeric: true }],
    list.map(w => [f.label(w.key), countCell(sc, `${testId}.${w.key}.won`, w.won.count),
      countCell(sc, `${testId}.${w.key}.lost`, w.lostToCompetition.count), percentCell(sc, `${testId}.${w.key}.winRate`, w.winRate.byAmount)]),
    { testId });
    main.append(section(`Win rates in ${sc.state.period}`, h('div', { class: 'columns' },
      winTable('By segment', selected.winRateBySegment, 'segment'), winTable('By team', selected.winRateByTeam, 'team'),
      table('Losses by competitor', [{ title: 'Competitor' }, { title: 'Lost', numeric: true }, { title: 'Amount', numeric: true }],
        selected.lossesByCompetitor.map(c => [c.competitor, countCell(sc, `competitor.${c.competitor}.count`, c.lost.count),
          moneyCell(sc, `competitor.${c.competitor}.amount`, c.lost.amount)]), { testId: 'competitors' }))));
  },
};
