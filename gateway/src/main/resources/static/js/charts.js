// ECharts (the WebJar, loaded as a classic script: window.echarts) with its accessibility on: an aria label
// describing the chart for screen readers, and decal patterns so series differ by more than colour.

const PALETTE = ['#1d4ed8', '#b45309', '#047857', '#7c3aed', '#be123c', '#0e7490', '#4d7c0f', '#a21caf'];
const instances = new WeakMap();

export function chart(container, option, description) {
  if (!window.echarts) {
    container.textContent = 'Charts are not available (the charting library did not load); the tables below show every figure.';
    return null;
  }
  let instance = instances.get(container);
  if (!instance) {
    instance = window.echarts.init(container, null, { renderer: 'canvas' });
    instances.set(container, instance);
    new ResizeObserver(() => instance.resize()).observe(container);
  }
  container.setAttribute('role', 'img');
  if (description) container.setAttribute('aria-label', description);
  instance.setOption({ color: PALETTE, animation: false, textStyle: { fontFamily: 'inherit' },
    aria: { enabled: true, decal: { show: true } }, ...option }, true);
  return instance;
}
