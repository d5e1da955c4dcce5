// A few DOM helpers, so the screens build their markup without a framework.

/** An element: h('td', {class: 'num', dataset: {value: '12'}}, 'text', child, ...). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (key === 'class') element.className = value;
    else if (value === true) element.setAttribute(key, '');
    else element.setAttribute(key, value);
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * A figure as the page shows it: its formatted text, with the API's raw value in data-value and a stable
 * data-figure name, so a test (or a curious user) can compare what is shown with what the API said.
 */
export function figure(name, raw, text, tag = 'span') {
  return h(tag, { class: 'figure', dataset: { figure: name, value: raw === null || raw === undefined ? '' : String(raw) } },
    text);
}

/** A card of one headline figure. */
export function card(title, name, raw, text, note) {
  return h('div', { class: 'card' }, h('div', { class: 'card-title' }, title), figure(name, raw, text, 'div'),
    note ? h('div', { class: 'card-note' }, note) : null);
}

/** A table: columns [{title, numeric}], rows of cells (nodes or text). */
export function table(caption, columns, rows, { testId } = {}) {
  return h('table', { class: 'data', dataset: testId ? { table: testId } : {} },
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', class: c.numeric ? 'num' : null }, c.title)))),
    h('tbody', {}, rows.map(cells => h('tr', {}, cells.map((cell, i) =>
      h('td', { class: columns[i] && columns[i].numeric ? 'num' : null }, cell))))));
}

export function section(title, ...children) {
  return h('section', { class: 'panel', 'aria-label': title }, h('h2', {}, title), ...children);
}

export function clear(element) {
  while (element.firstChild) element.firstChild.remove();
  return element;
}

/** Saves text as a file (CSV downloads): a Blob URL, so the token never appears in a link. */
export function download(filename, text, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h('a', { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
