// Deal amounts in the reporting currency, converted exactly as forecast-service converts them (ConversionRates):
// the rate effective on the date (the newest rate dated on or before it; the reporting currency itself is 1),
// amount x rate rounded to the cent half-even, per deal. The rates are forecast-service's
// (GET /api/forecast/currency-rates: {reportingCurrency, rates: {EUR: {"2026-01-01": 1.08, ...}}}). Exact
// arithmetic in BigInt: 15-digit amounts times 6-decimal rates do not fit a double.

/** The rate of currency on an ISO date (yyyy-mm-dd) as its decimal text, or null when none is effective yet. */
export function rateOn(rates, currency, date) {
  if (!rates || currency === rates.reportingCurrency) return '1';
  const byDate = (rates.rates || {})[currency];
  if (!byDate) return null;
  const effective = Object.keys(byDate).filter(from => from <= date).sort().pop();
  return effective === undefined ? null : decimalText(byDate[effective]);
}

function decimalText(value) {
  const text = String(value).trim();
  // a JSON number may print as 1e-7; a decimal string (the contract's) is used as it is
  return /e/i.test(text) ? Number(text).toFixed(12).replace(/0+$/, '') : text;
}

/** Integer cents times a decimal rate, rounded to the cent half-even (BigDecimal.setScale(2, HALF_EVEN)). */
export function convertCents(amountCents, rate) {
  const text = decimalText(rate);
  const negativeRate = text.startsWith('-');
  const [whole, fraction = ''] = text.replace(/^[-+]/, '').split('.');
  const divisor = 10n ** BigInt(fraction.length);
  const product = BigInt(amountCents) * BigInt((whole || '0') + fraction);
  const negative = (product < 0n) !== negativeRate;
  const abs = product < 0n ? -product : product;
  let quotient = abs / divisor;
  const twice = (abs % divisor) * 2n;
  if (twice > divisor || (twice === divisor && quotient % 2n === 1n)) quotient += 1n;
  const cents = Number(quotient);
  return negative && cents !== 0 ? -cents : cents;
}

/** A deal's amount (integer cents in its currency) in the reporting currency's cents, or null without a rate. */
export function toReportingCents(amountCents, currency, rates, date) {
  const rate = rateOn(rates, currency, date);
  return rate === null ? null : convertCents(amountCents, rate);
}
