// The lead funnel (figure 15): Lead -> MQL -> SQL -> SAL -> Opportunity -> Won, with conversion and time.
import { h, section, table } from '../dom.js';
import { chart } from '../charts.js';
import * as f from '../format.js';
import { countCell, daysCell, figureCsv, percentCell } from './common.js';

export const funnel = {
  id: 'funnel', title: 'Lead funnel', visible: () => true, csv: figureCsv('lead-funnel'),
  async load(sc) {
    return { answer: await sc.get(`/api/forecast/lead-funnel?${sc.query()}`) };
  },
  draw(sc, { answer }, main) {
    const steps = answer.steps;
    const box = h('div', { class: 'chart tall', id: 'funnel-chart' });
    main.append(section('Leads first seen in the period', box));
    chart(box, { tooltip: { trigger: 'item' },
      series: [{ type: 'funnel', sort: 'none', left: '10%', width: '80%', minSize: '8%', gap: 2,
        label: { show: true, position: 'inside', color: '#fff', formatter: p => `${p.name}: ${f.count(p.value, sc.locale)}` },
        data: steps.map(s => ({ name: s.stage === 'OPPORTUNITY' ? 'Opportunity' : s.stage === 'LEAD' ? 'Lead'
          : s.stage === 'WON' ? 'Won' : s.stage, value: s.reached }))}] },
    steps.map(s => `${s.stage} ${s.reached}`).join(', '));
    main.append(section('Steps', table(null, [{ title: 'Step' }, { title: 'Reached', numeric: true },
      { title: 'Conversion from previous', numeric: true }, { title: 'Median days from previous', numeric: true },
      { title: 'Mean days', numeric: true }],
    steps.map(s => [s.stage, countCell(sc, `${s.stage}.reached`, s.reached),
      percentCell(sc, `${s.stage}.conversion`, s.conversionFromPrevious),
      daysCell(sc, `${s.stage}.medianDays`, s.timeFromPrevious && s.timeFromPrevious.medianDays),
      daysCell(sc, `${s.stage}.meanDays`, s.timeFromPrevious && s.timeFromPrevious.meanDays)]), { testId: 'funnel' })));
  },
};
