// The period's deals (close date in the period), filtered and paged by the server, each opening its history
// (GET /api/opportunities/{id}/history: the deal-history API; "not available" where it is not deployed yet).
import { h, section, table, figure } from '../dom.js';
import * as f from '../format.js';
import { ApiError } from '../api.js';
import { OPEN_CATEGORIES } from '../shape.js';
import { countOf, csvText, dealCount, periodCloseDates } from './common.js';

const PAGE_SIZE = 25;
const COLUMNS = [['name', 'Deal'], ['ownerId', 'Owner'], ['stage', 'Stage'], ['forecastCategory', 'Category'],
  ['amount', 'Amount'], ['closeDate', 'Close date'], ['status', 'Status']];

/** Columns the list API sorts by (GET /api/opportunities?sort=...); as of a past instant, the inspection's. */
const SORTABLE_NOW = COLUMNS.map(c => c[0]);
const SORTABLE_AS_OF = ['name', 'amount', 'closeDate'];

/** The URL's sort when the list being read can sort by it, else none (the server's default order). */
export function listSort(sc) {
  const sort = sc.state.sort;
  if (!sort) return null;
  return (sc.state.asOf ? SORTABLE_AS_OF : SORTABLE_NOW).includes(sort.split(',')[0]) ? sort : null;
}

export function dealsQuery(sc, page = Number(sc.state.page || 0)) {
  const s = sc.state;
  const params = new URLSearchParams({ ...periodCloseDates(sc.period), page: String(page), size: String(PAGE_SIZE) });
  // the list narrows to the scope's rep, team or region (the server narrows further to what the viewer may see);
  // a segment scope lists every deal the viewer sees
  if (s.scope.startsWith('rep:')) params.set('ownerId', s.scope.slice(4));
  if (s.scope.startsWith('team:')) params.set('teamId', s.scope.slice(5));
  if (s.scope.startsWith('region:')) params.set('regionId', s.scope.slice(7));
  if (s.stage) params.set('stage', s.stage);
  if (s.category) params.set('forecastCategory', s.category);
  if (s.status) params.set('status', s.status);
  const sort = listSort(sc);
  if (sort) params.set('sort', sort);
  return `/api/opportunities?${params}`;
}

/**
 * As of a past instant the read model of today cannot answer, so the list comes from the forecast's inspection,
 * which holds each deal of the period and scope as it stood then (changedSince = asOf: no changes asked for).
 */
export function dealsAsOfQuery(sc, page = Number(sc.state.page || 0)) {
  return `/api/forecast/inspection?${sc.query({ changedSince: sc.state.asOf, sort: listSort(sc) || 'closeDate,asc',
    page: String(page), size: String(PAGE_SIZE) })}`;
}

/** The inspection's answer in the list's shape; amounts are in the reporting currency there. */
export function asOfList(answer, currency) {
  return { page: answer.page, size: answer.size, total: answer.totalItems, asOf: true,
    items: answer.items.map(d => ({ opportunityId: d.dealId, name: d.name || d.dealId, ownerId: d.ownerId,
      stage: d.stage, forecastCategory: d.forecastCategory, amount: d.amount, currency: answer.currency || currency,
      closeDate: d.closeDate, status: null })) };
}

async function loadList(sc, page) {
  return sc.state.asOf ? asOfList(await sc.get(dealsAsOfQuery(sc, page)), sc.currency) : sc.get(dealsQuery(sc, page));
}

export const deals = {
  id: 'deals', title: 'Deals', visible: () => true, live: true,
  async csv(sc) {
    const list = sc.state.asOf ? asOfList(await sc.api.json(dealsAsOfQuery(sc)), sc.currency)
      : await sc.api.json(dealsQuery(sc));
    return { filename: `deals-${sc.state.period}-page${list.page}.csv`, text: csvText(
      ['opportunityId', ...COLUMNS.map(c => c[0]), 'currency'],
      list.items.map(d => [d.opportunityId, ...COLUMNS.map(c => d[c[0]]), d.currency])) };
  },

  async load(sc) {
    const list = await loadList(sc);
    let history = null;
    if (sc.state.deal) history = await loadHistory(sc, `/api/opportunities/${encodeURIComponent(sc.state.deal)}`);
    return { list, history };
  },

  draw(sc, { list, history }, main) {
    main.append(list.asOf
      ? h('p', { class: 'note', dataset: { dealsAsOf: sc.state.asOf } }, `Deals of the period as they stood at `
        + `${f.instant(sc.state.asOf, sc.locale)}, amounts in the reporting currency (filters by stage, category and `
        + 'status are for the deals as they stand now).')
      : h('div', {}, filters(sc), h('p', { class: 'note' }, 'Deals closing in the period, as they stand now.')));
    main.append(dealTable(sc, list));
    if (history) main.append(historyPanel(sc, history));
  },
};

function filters(sc) {
  const s = sc.state;
  const select = (id, labelText, values, current) => h('div', { class: 'control' }, h('label', { for: id }, labelText),
    h('select', { id, onchange: e => sc.go({ [id]: e.target.value || null }) },
      h('option', { value: '' }, 'any'), values.map(v => h('option', { value: v, selected: v === current }, f.label(v)))));
  return h('form', { class: 'filters', onsubmit: e => e.preventDefault(), 'aria-label': 'Deal filters' },
    h('div', { class: 'control' }, h('label', { for: 'stage' }, 'Stage'),
      h('input', { id: 'stage', type: 'text', value: s.stage || '', placeholder: 'e.g. Evaluation',
        onchange: e => sc.go({ stage: e.target.value.trim() || null }) })),
    select('category', 'Category', [...OPEN_CATEGORIES, 'CLOSED', 'OMITTED'], s.category),
    select('status', 'Status', ['OPEN', 'WON', 'LOST', 'DEFERRED'], s.status));
}

function dealTable(sc, list) {
  const sort = listSort(sc);
  const sortable = list.asOf ? SORTABLE_AS_OF : SORTABLE_NOW;
  const items = list.items;
  const header = COLUMNS.map(([key, title]) => {
    const [sortKey, direction] = (sort || '').split(',');
    const next = sortKey === key && direction === 'asc' ? `${key},desc` : `${key},asc`;
    // the server sorts the whole list, so a new order starts again at its first page
    return h('th', { scope: 'col', class: key === 'amount' ? 'num' : null,
      'aria-sort': sortKey === key ? (direction === 'asc' ? 'ascending' : 'descending') : null },
    sortable.includes(key)
      ? h('button', { type: 'button', class: 'sort', onclick: () => sc.go({ sort: next, page: null }, { replace: true }) }, title)
      : title);
  });
  const rows = items.map(d => h('tr', { dataset: { deal: d.opportunityId }, class: d.opportunityId === sc.state.deal ? 'selected' : null },
    h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => sc.go({ deal: d.opportunityId }) }, d.name)),
    h('td', {}, d.ownerId), h('td', {}, d.stage), h('td', {}, f.label(d.forecastCategory)),
    h('td', { class: 'num' }, figure(`deal.${d.opportunityId}.amount`, d.amount, f.moneyExact(d.amount, d.currency, sc.locale))),
    h('td', {}, f.date(d.closeDate, sc.locale)), h('td', {}, d.status ? f.label(d.status) : f.NO_VALUE)));
  const page = list.page;
  const pages = Math.max(1, Math.ceil(list.total / list.size));
  return h('div', {},
    h('table', { class: 'data', dataset: { table: 'deals' } }, h('caption', {},
      `${dealCount(list.total, sc.locale)}; page ${page + 1} of ${pages}`),
    h('thead', {}, h('tr', {}, header)), h('tbody', {}, rows.length ? rows
      : h('tr', {}, h('td', { colspan: COLUMNS.length }, 'No deals match.')))),
    h('nav', { class: 'pager', 'aria-label': 'Pages' },
      h('button', { type: 'button', disabled: page <= 0, onclick: () => sc.go({ page: String(page - 1) }) }, '\u2190 Previous'),
      h('button', { type: 'button', disabled: page + 1 >= pages, onclick: () => sc.go({ page: String(page + 1) }) }, 'Next \u2192')));
}

/** The entity's current state and its history page; a 404 of the history endpoint says "not available". */
export async function loadHistory(sc, entityPath) {
  const entity = await sc.get(entityPath).catch(e => ({ failed: e }));
  let history;
  try {
    history = await sc.get(`${entityPath}/history?page=0&size=50`);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    history = { failed: e };
  }
  return { entity, history };
}

export function historyPanel(sc, { entity, history }) {
  const close = h('button', { type: 'button', onclick: () => sc.go({ deal: null }, { replace: true }) }, 'Close');
  const title = entity.failed ? sc.state.deal : `${entity.name || entity.opportunityId || entity.leadId}`;
  const body = [];
  if (history.failed) {
    body.push(h('p', { class: 'message not-available', dataset: { history: 'unavailable' } },
      history.failed.status === 404 ? 'History not available: this server does not serve deal histories yet.'
        : `${history.failed.failure.title}: ${history.failed.failure.detail}`));
  } else {
    body.push(h('p', {}, countOf(history.totalItems, sc.locale, 'event')),
      h('ol', { class: 'history', dataset: { history: 'events' } }, history.items.map(item => h('li', {},
        h('div', { class: 'event-head' }, h('strong', {}, f.label(item.type)), ` ${f.instant(item.occurredAt, sc.locale)}`,
          item.actor ? ` by ${item.actor}` : '', item.imported ? ' (imported)' : ''),
        item.changes && item.changes.length ? h('ul', {}, item.changes.map(c => h('li', {},
          `${f.label(c.field)}: ${c.from ?? '\u2205'} \u2192 ${c.to ?? '\u2205'}`))) : null))));
  }
  return h('aside', { class: 'panel history-panel', 'aria-label': `History of ${title}` },
    h('h2', {}, `History: ${title}`), close, ...body);
}
