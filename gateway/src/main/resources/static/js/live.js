// What a live redraw must not take from someone typing: a form that holds the focus or whose values were edited
// is kept as it is (its values, ticks, focus and caret) while the rest of the screen is redrawn around it, until it
// is submitted (the screen is then drawn afresh) or the screen is left. A part is found again in the redrawn screen
// by its key: the form's id, else its aria-label; a lone field outside any form by its id.

const EDITED = 'edited';

/** Marks the form (or lone field) an input or change event came from as edited; call once for the screen's root. */
export function trackEdits(root) {
  const mark = event => {
    const part = partOf(event.target, root);
    if (part) part.dataset[EDITED] = 'true';
  };
  root.addEventListener('input', mark, true);
  root.addEventListener('change', mark, true);
}

function partOf(element, root) {
  if (!(element instanceof Element) || !root.contains(element)) return null;
  const form = element.closest('form');
  if (form && root.contains(form)) return form;
  return element.matches('input[id], textarea[id], select[id]') ? element : null;
}

function keyOf(part) {
  if (part.tagName === 'FORM') return part.id ? `form#${part.id}` : `form[aria-label=${part.getAttribute('aria-label')}]`;
  return `${part.tagName.toLowerCase()}#${part.id}`;
}

function matches(part, key) {
  return keyOf(part) === key;
}

/**
 * The parts of {@code root} to keep over a redraw, with where the focus and caret were; call before clearing root.
 * A part without a key cannot be found again and is not kept.
 */
export function partsToKeep(root) {
  const focused = document.activeElement && root.contains(document.activeElement) ? document.activeElement : null;
  const focusedPart = focused ? partOf(focused, root) : null;
  const candidates = new Set(root.querySelectorAll(`[data-${EDITED}]`));
  if (focusedPart) candidates.add(focusedPart);
  const parts = [...candidates].filter(part => (part.tagName === 'FORM'
    ? part.id || part.getAttribute('aria-label') : part.id));
  return { parts: parts.map(part => ({ key: keyOf(part), node: part })), focus: focused && parts.includes(focusedPart)
    ? { element: focused, ...caretOf(focused) } : null };
}

function caretOf(element) {
  try {
    // number, checkbox and select fields have no caret: reading it throws or gives null
    return { start: element.selectionStart, end: element.selectionEnd, direction: element.selectionDirection };
  } catch (noCaret) {
    return {};
  }
}

/**
 * Puts the kept parts back in place of their freshly drawn counterparts, then the focus and caret where they were.
 * A kept part the new screen no longer draws is dropped: what it was for is gone. Returns how many were kept.
 */
export function restoreParts(root, kept) {
  let restored = 0;
  for (const { key, node } of kept.parts) {
    const fresh = [...root.querySelectorAll(node.tagName)].find(candidate => candidate !== node && matches(candidate, key));
    if (!fresh) continue;
    fresh.replaceWith(node);
    restored += 1;
  }
  const focus = kept.focus;
  if (focus && root.contains(focus.element)) {
    focus.element.focus({ preventScroll: true });
    if (typeof focus.start === 'number' && typeof focus.element.setSelectionRange === 'function') {
      try {
        focus.element.setSelectionRange(focus.start, focus.end, focus.direction || 'none');
      } catch (noCaret) {
        // a field type without a caret: the focus alone is back
      }
    }
  }
  return restored;
}
