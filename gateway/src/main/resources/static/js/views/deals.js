// The period's deals (close date in the period), filtered and paged by the server, each opening its history
// (GET /api/opportunities/{id}/history: the deal-history API; "not available" where it is not deployed yet).
import { h, section, table, figure } from '../dom.js';
import * as f from '../format.js';
import { ApiError } from '../api.js';
import { OPEN_CATEGORIES } from '../shape.js';
import { csvText, periodCloseDates } from './common.js';

const PAGE_SIZE = 25;
const COLUMNS = [['name', 'Deal'], ['ownerId', 'Owner'], ['stage', 'Stage'], ['forecastCategory', 'Category'],
  ['amount', 'Amount'], ['closeDate', 'Close date'], ['status', 'Status']];

export function dealsQuery(sc, page = Number(sc.state.page || 0)) {
  const s = sc.state;
  const params = new URLSearchParams({ ...periodCloseDates(sc.period), page: String(page), size: String(PAGE_SIZE) });
  if (s.scope.startsWith('rep:')) params.set('ownerId', s.scope.slice(4));
  if (s.stage) params.set('stage', s.stage);
  if (s.category) params.set('forecastCategory', s.category);
  if (s.status) params.set('status', s.status);
  return `/api/opportunities?${params}`;
}

/** Sorts a page's rows by a column ("amount,desc"); the list API pages by its own order, so this sorts the page. */
export function sortRows(items, sort) {
  if (!sort) return items;
  const [key, direction] = sort.split(',');
  const sign = direction === 'desc' ? -1 : 1;
  return [...items].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (key === 'amount') return sign * (Number(x) - Number(y));
    return sign * String(x ?? '').localeCompare(String(y ?? ''));
  });
}

export const deals = {
  id: 'deals', title: 'Deals', visible: () => true, live: true,
  async csv(sc) {
    const list = await sc.api.json(dealsQuery(sc));
    return { filename: `deals-${sc.state.period}-page${list.page}.csv`, text: csvText(
      ['opportunityId', ...COLUMNS.map(c => c[0]), 'currency'],
      list.items.map(d => [d.opportunityId, ...COLUMNS.map(c => d[c[0]]), d.currency])) };
  },

  async load(sc) {
    const list = await sc.get(dealsQuery(sc));
    let history = null;
    if (sc.state.deal) history = await loadHistory(sc, `/api/opportunities/${encodeURIComponent(sc.state.deal)}`);
    return { list, history };
  },

  draw(sc, { list, history }, main) {
    main.append(filters(sc), h('p', { class: 'note' }, 'Deals closing in the period, as they stand now (the list is ',
      'today\u2019s read model; the as-of instant applies to the figures).'));
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
  const sort = sc.state.sort;
  const items = sortRows(list.items, sort);
  const header = COLUMNS.map(([key, title]) => {
    const [sortKey, direction] = (sort || '').split(',');
    const next = sortKey === key && direction === 'asc' ? `${key},desc` : `${key},asc`;
    return h('th', { scope: 'col', class: key === 'amount' ? 'num' : null,
      'aria-sort': sortKey === key ? (direction === 'asc' ? 'ascending' : 'descending') : null },
    h('button', { type: 'button', class: 'sort', onclick: () => sc.go({ sort: next }, { replace: true }) }, title));
  });
  const rows = items.map(d => h('tr', { dataset: { deal: d.opportunityId }, class: d.opportunityId === sc.state.deal ? 'selected' : null },
    h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => sc.go({ deal: d.opportunityId }) }, d.name)),
    h('td', {}, d.ownerId), h('td', {}, d.stage), h('td', {}, f.label(d.forecastCategory)),
    h('td', { class: 'num' }, figure(`deal.${d.opportunityId}.amount`, d.amount, f.moneyExact(d.amount, d.currency, sc.locale))),
    h('td', {}, f.date(d.closeDate, sc.locale)), h('td', {}, f.label(d.status))));
  const page = list.page;
  const pages = Math.max(1, Math.ceil(list.total / list.size));
  return h('div', {},
    h('table', { class: 'data', dataset: { table: 'deals' } }, h('caption', {},
      `${f.count(list.total, sc.locale)} deals; page ${page + 1} of ${pages}`),
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
    body.push(h('p', {}, `${f.count(history.totalItems, sc.locale)} events`),
      h('ol', { class: 'history', dataset: { history: 'events' } }, history.items.map(item => h('li', {},
        h('div', { class: 'event-head' }, h('strong', {}, f.label(item.type)), ` ${f.instant(item.occurredAt, sc.locale)}`,
          item.actor ? ` by ${item.actor}` : '', item.imported ? ' (imported)' : ''),
        item.changes && item.changes.length ? h('ul', {}, item.changes.map(c => h('li', {},
          `${f.label(c.field)}: ${c.from ?? '\u2205'} \u2192 ${c.to ?? '\u2205'}`))) : null))));
  }
  return h('aside', { class: 'panel history-panel', 'aria-label': `History of ${title}` },
    h('h2', {}, `History: ${title}`), close, ...body);
}
