// Formatting of the API's values for people: pure functions, no DOM, unit-tested in the browser test
// (infra's DashboardBrowserIT). Amounts and ratios arrive as decimal strings; null means "no value" (DOMAIN.md:
// a zero divisor gives no value, never 0 or infinity), shown as an em dash, never as 0.

export const NO_VALUE = '\u2014';

const moneyFormats = new Map();

/** An amount (decimal string or number) in a currency, whole units, grouped for the locale: "$1,234,568". */
export function money(amount, currency, locale) {
  if (amount === null || amount === undefined || amount === '') return NO_VALUE;
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0,
      minimumFractionDigits: 0 });
    moneyFormats.set(key, format);
  }
  return format.format(Number(amount));
}

/** An amount to the cent, for a single deal: "$84,250.75". */
export function moneyExact(amount, currency, locale) {
  if (amount === null || amount === undefined || amount === '') return NO_VALUE;
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(amount));
}

/** A compact amount for chart axes: "$1.2M". */
export function moneyShort(amount, currency, locale) {
  if (amount === null || amount === undefined) return NO_VALUE;
  return new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact',
    maximumFractionDigits: 1 }).format(Number(amount));
}

/** A count: "1,234". */
export function count(value, locale) {
  if (value === null || value === undefined) return NO_VALUE;
  return new Intl.NumberFormat(locale).format(Number(value));
}

/** A share (0.3333) as a percentage with one decimal: "33.3%". */
export function percent(ratio, locale) {
  if (ratio === null || ratio === undefined) return NO_VALUE;
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })
    .format(Number(ratio));
}

/** A multiple (coverage 2.4567) with two decimals: "2.46×". */
export function times(ratio, locale) {
  if (ratio === null || ratio === undefined) return NO_VALUE;
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    .format(Number(ratio)) + '\u00d7';
}

/** Days (a decimal string) with one decimal: "12.5 d". */
export function days(value, locale) {
  if (value === null || value === undefined) return NO_VALUE;
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })
    .format(Number(value)) + ' d';
}

/** A business date (2026-12-15) for the locale, read as a calendar date (no time zone shift). */
export function date(isoDate, locale) {
  if (!isoDate) return NO_VALUE;
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

/** An instant for the locale, in UTC (the figures' business zone on the local stack): "Dec 1, 2026, 21:50 UTC". */
export function instant(iso, locale) {
  if (!iso) return NO_VALUE;
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit',
    minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(new Date(iso)) + ' UTC';
}

/** Upper-case API names (BEST_CASE, CLOSED_WON) as words: "Best case", "Closed won". */
export function label(name) {
  if (!name) return NO_VALUE;
  const words = String(name).replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A scope as the API names it (org, region:emea, team:team-1, rep:rep-1, segment:SMB) for people. */
export function scopeName(scope) {
  if (!scope || scope === 'org') return 'Whole org';
  const [level, id] = scope.split(':');
  return `${label(level)} ${level === 'segment' ? label(id) : id}`;
}
