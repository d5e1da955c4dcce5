// Pieces several screens share: money/ratio cells bound to their raw API values, CSV of figure endpoints.
import { figure } from '../dom.js';
import * as f from '../format.js';
import { ApiError } from '../api.js';

export function moneyCell(sc, name, amount) {
  return figure(name, amount, f.money(amount, sc.currency, sc.locale));
}

export function countCell(sc, name, value) {
  return figure(name, value, f.count(value, sc.locale));
}

export function percentCell(sc, name, ratio) {
  return figure(name, ratio, f.percent(ratio, sc.locale));
}

export function timesCell(sc, name, ratio) {
  return figure(name, ratio, f.times(ratio, sc.locale));
}

export function daysCell(sc, name, value) {
  return figure(name, value, f.days(value, sc.locale));
}

/** "1 event", "12 events": a count with its noun, singular for exactly one. */
export function countOf(value, locale, singular, plural = `${singular}s`) {
  return `${f.count(value, locale)} ${Number(value) === 1 ? singular : plural}`;
}

/** "1 deal", "12 deals". */
export function dealCount(value, locale) {
  return `${f.count(value, locale)} ${Number(value) === 1 ? 'deal' : 'deals'}`;
}

/** The CSV of forecast figures for the screen's period, scope and as-of, one file (rows of each figure). */
export function figureCsv(...figures) {
  return async sc => {
    const parts = await Promise.all(figures.map(name => sc.api.text(`/api/forecast/csv/${name}?${sc.query()}`)));
    const [first, ...rest] = parts;
    const text = [first, ...rest.map(part => part.split('\n').slice(1).join('\n'))].join('');
    return { filename: `${figures.join('+')}-${sc.state.period}-${sc.state.scope.replace(':', '-')}.csv`, text };
  };
}

/** Rows as CSV text (RFC 4180 quoting), for lists built on the page. */
export function csvText(header, rows) {
  const quote = value => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map(row => row.map(quote).join(',')).join('\n') + '\n';
}

/** The period's close dates as the deals list filter: closeFrom = start, closeTo = the day before end. */
export function periodCloseDates(period) {
  // a period the calendar does not list (a URL from far back or ahead): a plain message, not a blank screen
  if (!period) {
    throw new ApiError(400, { detail: 'The period picker lists the fiscal quarters and months this screen can show: '
      + 'pick one of them.', errors: [{ field: 'period', message: 'not a period the calendar lists' }] });
  }
  const end = new Date(`${period.end}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() - 1);
  return { closeFrom: period.start, closeTo: end.toISOString().slice(0, 10) };
}
