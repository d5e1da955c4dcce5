// Slippage (figures 6 and 9): the deals that slipped out of the period, their pushes and days pushed, per rep,
// the share of Commit that slipped, and the chronic slippers (slipped twice or more).
import { h, card, section, table } from '../dom.js';
import { chart } from '../charts.js';
import * as f from '../format.js';
import { chartNumber } from '../shape.js';
import { countCell, dealCount, figureCsv, moneyCell, percentCell } from './common.js';

export const slippage = {
  id: 'slippage', title: 'Slippage', visible: () => true, csv: figureCsv('slippage'),
  async load(sc) {
    return { answer: await sc.get(`/api/forecast/slippage?${sc.query()}`) };
  },
  draw(sc, { answer: s }, main) {
    main.append(h('div', { class: 'cards' },
      card('Slipped out', 'slipped.amount', s.slipped.amount, f.money(s.slipped.amount, sc.currency, sc.locale),
        dealCount(s.slipped.count, sc.locale)),
      card('Share of Commit that slipped', 'commitThatSlipped', s.commitThatSlipped.byAmount,
        f.percent(s.commitThatSlipped.byAmount, sc.locale), `by count ${f.percent(s.commitThatSlipped.byCount, sc.locale)}`),
      card('Slipped twice or more', 'slippedTwiceOrMore.amount', s.slippedTwiceOrMore.amount,
        f.money(s.slippedTwiceOrMore.amount, sc.currency, sc.locale), dealCount(s.slippedTwiceOrMore.count, sc.locale))));
    const byRep = [...s.byRep].sort((a, b) => Number(b.slipped.amount) - Number(a.slipped.amount));
    const box = h('div', { class: 'chart', id: 'slippage-chart' });
    main.append(section('Slipped amount per rep', byRep.length ? box : h('p', { class: 'note' }, 'Nothing slipped.')));
    if (byRep.length) {
      chart(box, { tooltip: { trigger: 'axis', valueFormatter: v => f.money(v, sc.currency, sc.locale) },
        grid: { left: 140, right: 30, top: 10, bottom: 30 },
        xAxis: { type: 'value', axisLabel: { formatter: v => f.moneyShort(v, sc.currency, sc.locale) } },
        yAxis: { type: 'category', inverse: true, data: byRep.map(r => r.ownerId) },
        series: [{ type: 'bar', name: 'Slipped', data: byRep.map(r => chartNumber(r.slipped.amount)) }] },
      byRep.map(r => `${r.ownerId} ${f.money(r.slipped.amount, sc.currency, sc.locale)}`).join(', '));
    }
    const deals = [...s.deals].sort((a, b) => b.slips - a.slips || Number(b.amount) - Number(a.amount));
    main.append(section('Slipped deals', table(null, [{ title: 'Deal' }, { title: 'Owner' }, { title: 'Amount', numeric: true },
      { title: 'Close date now' }, { title: 'Pushes', numeric: true }, { title: 'Days pushed', numeric: true },
      { title: 'Periods slipped', numeric: true }],
    deals.map(d => [h('button', { type: 'button', class: 'link', onclick: () => sc.go({ view: 'deals', deal: d.opportunityId }) },
      d.opportunityId), d.ownerId, moneyCell(sc, `deal.${d.opportunityId}.amount`, d.amount), f.date(d.closeDate, sc.locale),
    countCell(sc, `deal.${d.opportunityId}.pushes`, d.pushes), countCell(sc, `deal.${d.opportunityId}.daysPushed`, d.daysPushed),
    h('span', { class: d.slips >= 2 ? 'warn' : null }, countCell(sc, `deal.${d.opportunityId}.slips`, d.slips))]),
    { testId: 'slipped-deals' })));
  },
};
