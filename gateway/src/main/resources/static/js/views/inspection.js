// Pipeline inspection: what changed in the period's deals since an instant (pushed out, pulled in, amount up or
// down, stage moves, won, lost...), totals per kind and the deals (GET /api/forecast/inspection: the
// deal-history API; "not available" where it is not deployed yet).
import { h, section, table, figure } from '../dom.js';
import * as f from '../format.js';
import { ApiError } from '../api.js';
import { countCell, dealCount, moneyCell } from './common.js';

export const KINDS = ['CREATED', 'CLOSED_WON', 'CLOSED_LOST', 'PUSHED_OUT', 'PULLED_IN', 'AMOUNT_UP', 'AMOUNT_DOWN',
  'STAGE_FORWARD', 'STAGE_BACK', 'CATEGORY_CHANGED'];

/** Since when: the URL's changedSince, else seven days before the as-of instant (a weekly pipeline review). */
export function changedSince(sc) {
  if (sc.state.changedSince) return sc.state.changedSince;
  const end = sc.state.asOf ? Date.parse(sc.state.asOf) : Date.now();
  return new Date(end - 7 * 86400000).toISOString().slice(0, 10) + 'T00:00:00Z';
}

function query(sc) {
  const extra = { changedSince: changedSince(sc), sort: sc.state.sort || 'amount,desc', page: sc.state.page || '0', size: '50' };
  if (sc.state.kind) extra.kind = sc.state.kind;
  return sc.query(extra);
}

export const inspection = {
  id: 'inspection', title: 'Inspection', visible: viewer => !viewer.rep,
  csv: async sc => ({ filename: `inspection-${sc.state.period}.csv`,
    text: await sc.api.text(`/api/forecast/csv/inspection?${query(sc)}`) }),
  async load(sc) {
    try {
      return { answer: await sc.get(`/api/forecast/inspection?${query(sc)}`) };
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return { unavailable: true };
      throw e;
    }
  },
  draw(sc, { answer, unavailable }, main) {
    main.append(h('form', { class: 'filters', 'aria-label': 'Inspection options', onsubmit: e => e.preventDefault() },
      h('div', { class: 'control' }, h('label', { for: 'changedSince' }, 'Changed since (UTC)'),
        h('input', { id: 'changedSince', type: 'datetime-local', value: changedSince(sc).replace(/Z$/, '').slice(0, 16),
          onchange: e => sc.go({ changedSince: e.target.value ? `${e.target.value.slice(0, 16)}:00Z` : null }) })),
      h('div', { class: 'control' }, h('label', { for: 'kind' }, 'Change'),
        h('select', { id: 'kind', onchange: e => sc.go({ kind: e.target.value || null }) }, h('option', { value: '' }, 'any'),
          KINDS.map(k => h('option', { value: k, selected: k === sc.state.kind }, f.label(k)))))));
    if (unavailable) {
      main.append(h('p', { class: 'message not-available', dataset: { inspection: 'unavailable' } },
        'Inspection not available: this server does not serve pipeline inspection yet.'));
      return;
    }
    main.append(section('Changes by kind', h('ul', { class: 'chips' }, answer.totals.map(t => h('li', {},
      h('button', { type: 'button', class: t.kind === sc.state.kind ? 'chip selected' : 'chip',
        onclick: () => sc.go({ kind: t.kind === sc.state.kind ? null : t.kind }) },
      `${f.label(t.kind)}: `, countCell(sc, `${t.kind}.count`, t.count), ' \u00b7 ', moneyCell(sc, `${t.kind}.amount`, t.amount)))))));
    main.append(section(`${dealCount(answer.totalItems, sc.locale)} changed`, table(null, [{ title: 'Deal' }, { title: 'Owner' },
      { title: 'Stage' }, { title: 'Category' }, { title: 'Amount', numeric: true }, { title: 'Close date' }, { title: 'Changes' }],
    answer.items.map(d => [h('button', { type: 'button', class: 'link', onclick: () => sc.go({ view: 'deals', deal: d.dealId }) }, d.name || d.dealId),
      d.ownerId, d.stage, f.label(d.forecastCategory), figure(`deal.${d.dealId}.amount`, d.amount, f.money(d.amount, answer.currency || sc.currency, sc.locale)),
      f.date(d.closeDate, sc.locale), d.changes.map(c => `${f.label(c.kind)}${c.from || c.to ? ` (${c.from ?? '\u2205'} \u2192 ${c.to ?? '\u2205'})` : ''}`).join('; ')]),
    { testId: 'inspection' })));
  },
};
