// The waterfall of the period's open pipeline between two instants (DOMAIN.md figure 12): open at the start, each
// flow floating from the running total, open at the end; the bars end exactly on the closing total.
import { h, section, table } from '../dom.js';
import { chart } from '../charts.js';
import * as f from '../format.js';
import { fromCents, waterfallBars } from '../shape.js';
import { moneyCell, countCell } from './common.js';

const FLOW_NAMES = { openAtFrom: 'Open at start', openAtTo: 'Open at end', created: 'Created', reopened: 'Reopened',
  pulledIn: 'Pulled in', pushedOut: 'Pushed out', increased: 'Amount up', decreased: 'Amount down', won: 'Won',
  lost: 'Lost', deferred: 'Deferred', categoryIn: 'Into category', categoryOut: 'Out of category',
  transferredIn: 'Transferred in', transferredOut: 'Transferred out' };

/** The waterfall's start: the URL's "from", else the period's start (or a week before the end, for a period ahead). */
export function waterfallFrom(sc) {
  if (sc.state.from) return sc.state.from;
  return `${sc.period.start}T00:00:00Z`;
}

function query(sc) {
  return sc.query({ from: waterfallFrom(sc) });
}

export const waterfall = {
  id: 'waterfall', title: 'Waterfall', visible: () => true,
  csv: async sc => {
    const text = await sc.api.text(`/api/forecast/csv/waterfall?${query(sc)}`);
    return { filename: `waterfall-${sc.state.period}.csv`, text };
  },
  async load(sc) {
    if (Date.parse(waterfallFrom(sc)) >= (sc.state.asOf ? Date.parse(sc.state.asOf) : Date.now())) {
      return { tooEarly: true };
    }
    return { answer: await sc.get(`/api/forecast/waterfall?${query(sc)}`) };
  },
  draw(sc, { answer, tooEarly }, main) {
    const fromValue = waterfallFrom(sc).replace(/Z$/, '').slice(0, 16);
    const categories = sc.state.category || 'ALL';
    const measure = sc.state.measure === 'count' ? 'count' : 'amount';
    main.append(h('form', { class: 'filters', 'aria-label': 'Waterfall options', onsubmit: e => e.preventDefault() },
      h('div', { class: 'control' }, h('label', { for: 'from' }, 'From (UTC)'),
        h('input', { id: 'from', type: 'datetime-local', value: fromValue,
          onchange: e => sc.go({ from: e.target.value ? `${e.target.value.slice(0, 16)}:00Z` : null }) })),
      h('div', { class: 'control' }, h('span', { class: 'control-label' }, 'To'), h('output', {}, sc.state.asOf
        ? f.instant(sc.state.asOf, sc.locale) : 'now (the as-of control above)')),
      h('div', { class: 'control' }, h('label', { for: 'category' }, 'Categories'),
        h('select', { id: 'category', onchange: e => sc.go({ category: e.target.value === 'ALL' ? null : e.target.value }) },
          ['ALL', 'PIPELINE', 'BEST_CASE', 'COMMIT'].map(c => h('option', { value: c, selected: c === categories },
            c === 'ALL' ? 'All open categories' : f.label(c))))),
      h('div', { class: 'control' }, h('label', { for: 'measure' }, 'Measure'),
        h('select', { id: 'measure', onchange: e => sc.go({ measure: e.target.value === 'amount' ? null : e.target.value }) },
          h('option', { value: 'amount', selected: measure === 'amount' }, 'Amount'),
          h('option', { value: 'count', selected: measure === 'count' }, 'Count')))));
    if (tooEarly) {
      main.append(h('p', { class: 'message invalid' }, 'The start must be before the end (the as-of instant).'));
      return;
    }
    const view = answer.views.find(v => v.categories === categories);
    const shaped = waterfallBars(view, measure);
    const show = c => (measure === 'amount' ? f.money(fromCents(c), sc.currency, sc.locale) : f.count(c / 100, sc.locale));
    const box = h('div', { class: 'chart tall', id: 'waterfall-chart' });
    main.append(section(`${f.label(categories === 'ALL' ? 'all open categories' : categories)}, ${f.instant(answer.from, sc.locale)} \u2192 ${f.instant(answer.to, sc.locale)}`, box,
      h('p', { class: 'balance', dataset: { balanced: String(view.balanced && shaped.balances) } },
        `Open at start ${show(shaped.bars[0].delta)} + flows = open at end ${show(shaped.closing)}: `,
        view.balanced && shaped.balances ? h('strong', {}, 'balances exactly \u2713')
          : h('strong', { class: 'warn' }, 'does not balance'))));
    chart(box, {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' },
        formatter: params => { const bar = shaped.bars[params[0].dataIndex]; return `${FLOW_NAMES[bar.name]}: ${show(bar.delta)}`; } },
      grid: { left: 80, right: 20, top: 20, bottom: 70 },
      xAxis: { type: 'category', data: shaped.bars.map(b => FLOW_NAMES[b.name]), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value', axisLabel: { formatter: v => (measure === 'amount' ? f.moneyShort(v, sc.currency, sc.locale) : v) } },
      series: [
        { type: 'bar', stack: 'w', silent: true, itemStyle: { color: 'transparent', decal: { symbol: 'none' } }, data: shaped.bars.map(b => b.base / 100) },
        { type: 'bar', stack: 'w', name: 'Flow', data: shaped.bars.map(b => ({ value: b.height / 100,
          itemStyle: { color: b.kind === 'total' ? '#1d4ed8' : b.kind === 'up' ? '#047857' : '#b91c1c' } })),
        label: { show: true, position: 'top', formatter: p => show(shaped.bars[p.dataIndex].delta) } }],
    }, shaped.bars.map(b => `${FLOW_NAMES[b.name]} ${show(b.delta)}`).join(', '));
    const rows = [['Open at start', moneyCell(sc, 'openAtFrom.amount', view.openAtFrom.amount), countCell(sc, 'openAtFrom.count', view.openAtFrom.count)],
      ...Object.entries(view.flows).map(([name, m]) => [FLOW_NAMES[name] || name, moneyCell(sc, `${name}.amount`, m.amount),
        countCell(sc, `${name}.count`, m.count)]),
      ['Open at end', moneyCell(sc, 'openAtTo.amount', view.openAtTo.amount), countCell(sc, 'openAtTo.count', view.openAtTo.count)]];
    main.append(section('Every flow', table(null, [{ title: 'Flow' }, { title: 'Amount', numeric: true },
      { title: 'Count', numeric: true }], rows, { testId: 'waterfall' })));
  },
};
