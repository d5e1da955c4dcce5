// Velocity (figure 10): time in each stage (mean, median, p90) and stage-to-stage conversion, and the times
// Pipeline -> Best case -> Commit -> Closed won.
import { h, section, table } from '../dom.js';
import { chart } from '../charts.js';
import * as f from '../format.js';
import { chartNumber } from '../shape.js';
import { countCell, daysCell, figureCsv, percentCell } from './common.js';

export const velocity = {
  id: 'velocity', title: 'Velocity', visible: () => true, csv: figureCsv('velocity'),
  async load(sc) {
    return { answer: await sc.get(`/api/forecast/velocity?${sc.query()}`) };
  },
  draw(sc, { answer: v }, main) {
    const stages = v.stages;
    const box = h('div', { class: 'chart tall', id: 'velocity-chart' });
    main.append(section('Days in stage (visits that ended in the period)', stages.length ? box
      : h('p', { class: 'note' }, 'No stage visit ended in this period.')));
    if (stages.length) {
      chart(box, { tooltip: { trigger: 'axis' }, legend: { top: 0 },
        grid: { left: 50, right: 50, top: 40, bottom: 60 },
        xAxis: { type: 'category', data: stages.map(s => s.stage), axisLabel: { interval: 0, rotate: 20 } },
        yAxis: [{ type: 'value', name: 'days' }, { type: 'value', name: 'conversion', min: 0, max: 1,
          axisLabel: { formatter: x => f.percent(x, sc.locale) } }],
        series: [
          { name: 'Mean', type: 'bar', data: stages.map(s => chartNumber(s.timeInStage.meanDays)) },
          { name: 'Median', type: 'bar', data: stages.map(s => chartNumber(s.timeInStage.medianDays)) },
          { name: 'p90', type: 'bar', data: stages.map(s => chartNumber(s.timeInStage.p90Days)) },
          { name: 'Conversion', type: 'line', yAxisIndex: 1, data: stages.map(s => chartNumber(s.conversion)) }] },
      stages.map(s => `${s.stage}: median ${f.days(s.timeInStage.medianDays, sc.locale)}`).join('; '));
    }
    main.append(section('Per stage', table(null, [{ title: 'Stage' }, { title: 'Visits', numeric: true },
      { title: 'Mean', numeric: true }, { title: 'Median', numeric: true }, { title: 'p90', numeric: true },
      { title: 'Entered', numeric: true }, { title: 'Advanced', numeric: true }, { title: 'Conversion', numeric: true }],
    stages.map(s => [s.stage, countCell(sc, `${s.stage}.visits`, s.timeInStage.count), daysCell(sc, `${s.stage}.mean`, s.timeInStage.meanDays),
      daysCell(sc, `${s.stage}.median`, s.timeInStage.medianDays), daysCell(sc, `${s.stage}.p90`, s.timeInStage.p90Days),
      countCell(sc, `${s.stage}.entered`, s.entered), countCell(sc, `${s.stage}.advanced`, s.advanced),
      percentCell(sc, `${s.stage}.conversion`, s.conversion)]), { testId: 'stages' })));
    main.append(section('Between categories', table(null, [{ title: 'From \u2192 to' }, { title: 'Deals', numeric: true },
      { title: 'Mean', numeric: true }, { title: 'Median', numeric: true }, { title: 'p90', numeric: true }],
    v.categories.map(c => [`${f.label(c.from)} \u2192 ${f.label(c.to)}`, countCell(sc, `${c.from}-${c.to}.count`, c.time.count),
      daysCell(sc, `${c.from}-${c.to}.mean`, c.time.meanDays), daysCell(sc, `${c.from}-${c.to}.median`, c.time.medianDays),
      daysCell(sc, `${c.from}-${c.to}.p90`, c.time.p90Days)]), { testId: 'category-times' })));
  },
};
