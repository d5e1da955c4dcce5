// My pipeline (a rep; a manager for a rep of the team): the rep's deals in the period, their newest call beside
// the system's numbers, and the form to submit a new call (POST /api/forecast/calls). The call is made of deals
// (seed 002, steps 5-8): the rep ticks the open deals in Commit and in Best Case, and the numbers follow the ticks
// (Commit = Closed won + ticked Commit deals, Best case = Commit + ticked Best case deals); what the rep expects from
// deals not yet identifiable is typed on top. The deals of the newest call are shown as they stand now. A ticked
// deal counts at its amount in the reporting currency as forecast-service converted it (its inspection of the rep's
// period: the rates of the as-of date, the forecast's one rule); a deal the forecast has no amount in the reporting
// currency for (no rate then, or not read yet) is left out of the sum and named.
import { h, section, table, figure } from '../dom.js';
import * as f from '../format.js';
import { ApiError } from '../api.js';
import { describeFailure } from '../problems.js';
import { cents, fromCents } from '../shape.js';
import { dealCount, moneyCell } from './common.js';
import { dealsQuery } from './deals.js';

// the open deals a rep can tick: the list API's largest page, so a rep's whole quarter fits on one form
const OPEN_DEALS_PAGE = 500;

export function repOf(sc) {
  const scope = sc.state.scope;
  return scope.startsWith('rep:') ? scope.slice(4) : sc.viewer.rep ? sc.viewer.id : null;
}

export const mine = {
  id: 'mine', title: 'My pipeline', visible: viewer => viewer.callsFor !== 'none', live: true,
  async load(sc) {
    const rep = repOf(sc);
    if (!rep) return { rep: null };
    const repSc = { ...sc, state: { ...sc.state, scope: `rep:${rep}` } };
    const openQuery = dealsQuery({ ...repSc, state: { ...repSc.state, status: 'OPEN', stage: null, category: null } }, 0)
      .replace(/size=\d+/, `size=${OPEN_DEALS_PAGE}`);
    const inReporting = `/api/forecast/inspection?${sc.query({ scope: `rep:${rep}`, changedSince: sc.state.asOf,
      size: String(OPEN_DEALS_PAGE) })}`;
    const [calls, list, open, converted] = await Promise.all([sc.get(`/api/forecast/calls?${sc.query({ scope: `rep:${rep}` })}`),
      sc.get(dealsQuery(repSc)), sc.get(openQuery), sc.get(inReporting)]);
    return { rep, calls, list, open, converted };
  },
  draw(sc, { rep, calls, list, open, converted }, main) {
    if (!rep) {
      main.append(h('p', { class: 'note' }, 'Pick one rep in the scope control to see their pipeline and call.'));
      return;
    }
    const own = calls.calls.find(c => c.repId === rep);
    main.append(section(`${rep}: call for ${sc.state.period}`, table(null, [{ title: '' }, { title: 'Commit', numeric: true },
      { title: 'Best case', numeric: true }, { title: 'Closed won', numeric: true }], [
      ['Newest call', moneyCell(sc, 'myCall.commit', own ? own.commit : null), moneyCell(sc, 'myCall.bestCase', own ? own.bestCase : null),
        own ? `submitted ${f.instant(own.submittedAt, sc.locale)}` : 'no call yet'],
      ['System', moneyCell(sc, 'mySystem.commit', calls.system.commit.amount), moneyCell(sc, 'mySystem.bestCase', calls.system.bestCase.amount),
        moneyCell(sc, 'mySystem.closedWon', calls.system.closedWon.amount)]], { testId: 'my-call' }),
    calledDealsPart(sc, calls.calledDeals),
    callForm(sc, rep, own, calls, open.items.filter(d => d.status === 'OPEN'), converted)));
    main.append(section(`Deals closing in ${sc.state.period}`, table(dealCount(list.total, sc.locale),
      [{ title: 'Deal' }, { title: 'Stage' }, { title: 'Category' }, { title: 'Amount', numeric: true }, { title: 'Close date' },
        { title: 'Status' }],
      list.items.map(d => [h('button', { type: 'button', class: 'link', onclick: () => sc.go({ view: 'deals', deal: d.opportunityId }) }, d.name),
        d.stage, f.label(d.forecastCategory), figure(`deal.${d.opportunityId}.amount`, d.amount, f.moneyExact(d.amount, d.currency, sc.locale)),
        f.date(d.closeDate, sc.locale), f.label(d.status)]), { testId: 'my-deals' })));
  },
};

/** The deals the newest call named, as they stood then and stand now: a slipped, lost or won deal says so. */
function calledDealsPart(sc, called) {
  if (!called || !called.deals.length) return null;
  const changed = called.deals.filter(d => d.change !== 'UNCHANGED').length;
  return h('div', {}, table(`Deals in the newest call (${changed} changed since)`, [{ title: 'Deal' }, { title: 'Called as' },
    { title: 'Amount at call', numeric: true }, { title: 'Amount now', numeric: true }, { title: 'Close date' },
    { title: 'Category now' }, { title: 'Change' }],
  called.deals.map(d => [d.opportunityId, f.label(d.calledAs), moneyCell(sc, `called.${d.opportunityId}.amountAtCall`, d.amountAtCall),
    moneyCell(sc, `called.${d.opportunityId}.amount`, d.amount), f.date(d.closeDate, sc.locale), f.label(d.forecastCategory),
    h('span', { class: d.change === 'UNCHANGED' ? null : 'warn' }, figure(`called.${d.opportunityId}.change`, d.change, f.label(d.change)))]),
  { testId: 'called-deals' }),
  h('p', { class: 'note' }, 'Of the newest Commit number, ', moneyCell(sc, 'called.unidentifiedCommit', called.unidentifiedCommit),
    ' is expected from deals not named (call minus Closed won minus the named Commit deals still open); upside left out: ',
    moneyCell(sc, 'called.upside', called.upside.amount), ` (${dealCount(called.upside.count, sc.locale)} in Commit or Best case not in the call).`));
}

/** The date whose rates convert the call's deals: the as-of instant's, else today's, in the business zone. */
export function ratesDate(sc) {
  const at = sc.state.asOf ? new Date(sc.state.asOf) : new Date();
  // en-CA writes dates as yyyy-mm-dd
  return new Intl.DateTimeFormat('en-CA', { timeZone: sc.calendar.businessZone || 'UTC', year: 'numeric',
    month: '2-digit', day: '2-digit' }).format(at);
}

function callForm(sc, rep, own, calls, openDeals, converted) {
  const result = h('p', { id: 'call-result', role: 'status' });
  const ticked = { COMMIT: new Set(own ? own.commitDeals : []), BEST_CASE: new Set(own ? own.bestCaseDeals : []) };
  const closedWon = calls.system.closedWon.amount;
  const number = (id, labelText, value) => h('div', { class: 'control' }, h('label', { for: id }, labelText),
    h('input', { id, name: id, type: 'number', min: 0, step: '0.01', required: true, value: value ?? '' }));
  const commitInput = number('commit', 'Commit', own ? own.commit : calls.system.commit.amount);
  const bestCaseInput = number('bestCase', 'Best case', own ? own.bestCase : calls.system.bestCase.amount);
  const extraCommit = number('extraCommit', 'Commit from deals not yet identified', '0');
  const extraBestCase = number('extraBestCase', 'Best case from deals not yet identified', '0');
  const on = ratesDate(sc);
  const forecastAmounts = new Map(converted.items.map(d => [d.dealId, d.amount === null ? null : cents(d.amount)]));
  const reporting = new Map(openDeals.map(d => [d.opportunityId, forecastAmounts.get(d.opportunityId) ?? null]));
  const amountOf = id => reporting.get(id) ?? 0;
  const sum = set => [...set].reduce((total, id) => total + amountOf(id), 0);
  const unconverted = () => [...ticked.COMMIT, ...ticked.BEST_CASE].filter(id => reporting.has(id) && reporting.get(id) === null);
  const fromDeals = h('p', { class: 'note', id: 'from-deals' });
  // the numbers follow the ticks: Commit = won + ticked Commit + unidentified, Best case = Commit + ticked Best case
  const recompute = () => {
    const commit = cents(closedWon) + sum(ticked.COMMIT) + cents(extraCommit.querySelector('input').value);
    const bestCase = commit + sum(ticked.BEST_CASE) + cents(extraBestCase.querySelector('input').value);
    commitInput.querySelector('input').value = fromCents(commit);
    bestCaseInput.querySelector('input').value = fromCents(bestCase);
    fromDeals.textContent = `Closed won ${f.money(closedWon, sc.currency, sc.locale)} + ${ticked.COMMIT.size} Commit deals `
      + `${f.money(fromCents(sum(ticked.COMMIT)), sc.currency, sc.locale)} + ${ticked.BEST_CASE.size} Best case deals `
      + `${f.money(fromCents(sum(ticked.BEST_CASE)), sc.currency, sc.locale)}, in ${sc.currency} at the rates of ${on}.`
      + (unconverted().length ? ` Left out, no amount in ${sc.currency} in the forecast (no rate then, or not read`
        + ` yet): ${unconverted().join(', ')}.` : '');
  };
  extraCommit.querySelector('input').addEventListener('input', recompute);
  extraBestCase.querySelector('input').addEventListener('input', recompute);
  const tick = (d, list) => h('input', { type: 'checkbox', 'aria-label': `${d.name} in ${f.label(list)}`,
    dataset: { tick: list, deal: d.opportunityId }, checked: ticked[list].has(d.opportunityId),
    onchange: event => {
      const other = list === 'COMMIT' ? 'BEST_CASE' : 'COMMIT';
      if (event.target.checked) {
        ticked[list].add(d.opportunityId);
        // a deal counts in one list only: the Best case number already holds the Commit deals
        ticked[other].delete(d.opportunityId);
        const box = event.target.closest('tr').querySelector(`input[data-tick='${other}']`);
        if (box) box.checked = false;
      } else ticked[list].delete(d.opportunityId);
      recompute();
    } });
  const inReporting = d => {
    const converted = reporting.get(d.opportunityId);
    return figure(`open.${d.opportunityId}.reporting`, converted === null ? null : fromCents(converted),
      converted === null ? `no ${sc.currency} amount` : f.moneyExact(fromCents(converted), sc.currency, sc.locale));
  };
  const dealRows = openDeals.map(d => [tick(d, 'COMMIT'), tick(d, 'BEST_CASE'), d.name, f.label(d.forecastCategory),
    figure(`open.${d.opportunityId}.amount`, d.amount, f.moneyExact(d.amount, d.currency, sc.locale)), inReporting(d),
    f.date(d.closeDate, sc.locale)]);
  const submit = async event => {
    event.preventDefault();
    const form = event.target;
    const body = { repId: rep, period: sc.state.period, commit: form.commit.value, bestCase: form.bestCase.value,
      note: form.note.value || null, commitDeals: [...ticked.COMMIT], bestCaseDeals: [...ticked.BEST_CASE] };
    try {
      const call = await sc.api.post('/api/forecast/calls', body);
      result.className = 'message ok';
      result.textContent = `Call submitted: commit ${f.money(call.commit, sc.currency, sc.locale)}, best case `
        + `${f.money(call.bestCase, sc.currency, sc.locale)}, ${call.commitDeals.length + call.bestCaseDeals.length} deals named.`;
      setTimeout(() => sc.go({}, { replace: true }), 300);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const failure = describeFailure(e.status, e.problem);
      result.className = `message ${failure.kind}`;
      result.textContent = `${failure.title}: ${failure.detail}`;
    }
  };
  return h('form', { class: 'call-form', id: 'call-form', onsubmit: submit, 'aria-label': 'Submit a call' },
    h('h3', {}, 'Submit a call'),
    openDeals.length ? h('div', { class: 'wide-block' }, table('Tick the open deals in the call (the numbers follow, '
      + `in ${sc.currency})`, [{ title: 'Commit' }, { title: 'Best case' }, { title: 'Deal' },
      { title: 'Category' }, { title: 'Amount', numeric: true }, { title: `In ${sc.currency}`, numeric: true },
      { title: 'Close date' }], dealRows, { testId: 'tick-deals' }),
    fromDeals) : h('p', { class: 'note wide-block' }, 'No open deals close in this period: the call is typed as numbers.'),
    extraCommit, extraBestCase, commitInput, bestCaseInput,
    h('div', { class: 'control wide' }, h('label', { for: 'note' }, 'Note'), h('input', { id: 'note', name: 'note', type: 'text', maxlength: 500 })),
    h('div', { class: 'control buttons' }, h('button', { type: 'submit', class: 'primary' }, 'Submit call')), result);
}
