// My pipeline (a rep; a manager for a rep of the team): the rep's deals in the period, their newest call beside
// the system's numbers, and the form to submit a new call (POST /api/forecast/calls).
import { h, section, table, figure } from '../dom.js';
import * as f from '../format.js';
import { ApiError } from '../api.js';
import { describeFailure } from '../problems.js';
import { dealCount, moneyCell } from './common.js';
import { dealsQuery } from './deals.js';

export function repOf(sc) {
  const scope = sc.state.scope;
  return scope.startsWith('rep:') ? scope.slice(4) : sc.viewer.rep ? sc.viewer.id : null;
}

export const mine = {
  id: 'mine', title: 'My pipeline', visible: viewer => viewer.callsFor !== 'none', live: true,
  async load(sc) {
    const rep = repOf(sc);
    if (!rep) return { rep: null };
    const [calls, list] = await Promise.all([sc.get(`/api/forecast/calls?${sc.query({ scope: `rep:${rep}` })}`),
      sc.get(dealsQuery({ ...sc, state: { ...sc.state, scope: `rep:${rep}` } }))]);
    return { rep, calls, list };
  },
  draw(sc, { rep, calls, list }, main) {
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
    callForm(sc, rep, own, calls)));
    main.append(section(`Deals closing in ${sc.state.period}`, table(dealCount(list.total, sc.locale),
      [{ title: 'Deal' }, { title: 'Stage' }, { title: 'Category' }, { title: 'Amount', numeric: true }, { title: 'Close date' },
        { title: 'Status' }],
      list.items.map(d => [h('button', { type: 'button', class: 'link', onclick: () => sc.go({ view: 'deals', deal: d.opportunityId }) }, d.name),
        d.stage, f.label(d.forecastCategory), figure(`deal.${d.opportunityId}.amount`, d.amount, f.moneyExact(d.amount, d.currency, sc.locale)),
        f.date(d.closeDate, sc.locale), f.label(d.status)]), { testId: 'my-deals' })));
  },
};

function callForm(sc, rep, own, calls) {
  const result = h('p', { id: 'call-result', role: 'status' });
  const number = (id, labelText, value) => h('div', { class: 'control' }, h('label', { for: id }, labelText),
    h('input', { id, name: id, type: 'number', min: 0, step: '0.01', required: true, value: value ?? '' }));
  const submit = async event => {
    event.preventDefault();
    const form = event.target;
    const body = { repId: rep, period: sc.state.period, commit: form.commit.value, bestCase: form.bestCase.value,
      note: form.note.value || null };
    try {
      const call = await sc.api.post('/api/forecast/calls', body);
      result.className = 'message ok';
      result.textContent = `Call submitted: commit ${f.money(call.commit, sc.currency, sc.locale)}, best case `
        + `${f.money(call.bestCase, sc.currency, sc.locale)}.`;
      setTimeout(() => sc.go({}, { replace: true }), 300);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const failure = describeFailure(e.status, e.problem);
      result.className = `message ${failure.kind}`;
      result.textContent = `${failure.title}: ${failure.detail}`;
    }
  };
  const system = calls.system;
  return h('form', { class: 'call-form', onsubmit: submit, 'aria-label': 'Submit a call' },
    h('h3', {}, 'Submit a call'),
    number('commit', 'Commit', own ? own.commit : system.commit.amount),
    number('bestCase', 'Best case', own ? own.bestCase : system.bestCase.amount),
    h('div', { class: 'control wide' }, h('label', { for: 'note' }, 'Note'), h('input', { id: 'note', name: 'note', type: 'text', maxlength: 500 })),
    h('div', { class: 'control buttons' }, h('button', { type: 'submit', class: 'primary' }, 'Submit call')), result);
}
