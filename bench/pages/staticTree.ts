// The mount benchmark's in-run baseline: the DOM a mounted parcel produced, captured as data and rendered again as a
// plain static React tree (same elements, attributes and text; no components, no styles, no state).
import type { ReactNode } from 'react';

export interface StaticNode {
  tag: string;
  attrs: Record<string, string>;
  children: Array<StaticNode | string>;
}

type CreateElement = (type: string, props: Record<string, unknown> | null, ...children: ReactNode[]) => ReactNode;

/** HTML boolean attributes: present means true (React reads "" as false). */
const BOOLEAN_ATTRS = new Set(['disabled', 'checked', 'readonly', 'required', 'hidden', 'multiple', 'autofocus']);
const RENAMED: Record<string, string> = {
  class: 'className',
  for: 'htmlFor',
  tabindex: 'tabIndex',
  readonly: 'readOnly',
  autofocus: 'autoFocus',
  autocomplete: 'autoComplete',
  inputmode: 'inputMode',
  maxlength: 'maxLength',
  value: 'defaultValue',
  checked: 'defaultChecked',
};

export function captureTree(element: Element): StaticNode {
  const attrs: Record<string, string> = {};
  for (const name of element.getAttributeNames()) attrs[name] = element.getAttribute(name) ?? '';
  const children: Array<StaticNode | string> = [];
  for (const child of element.childNodes) {
    if (child.nodeType === Node.ELEMENT_NODE) children.push(captureTree(child as Element));
    else if (child.nodeType === Node.TEXT_NODE && child.textContent) children.push(child.textContent);
  }
  return { tag: element.tagName.toLowerCase(), attrs, children };
}

export function countElements(node: StaticNode): number {
  return 1 + node.children.reduce((n, c) => n + (typeof c === 'string' ? 0 : countElements(c)), 0);
}

function styleObject(text: string): Record<string, string> {
  const style: Record<string, string> = {};
  for (const declaration of text.split(';')) {
    const at = declaration.indexOf(':');
    if (at < 0) continue;
    const name = declaration.slice(0, at).trim();
    const key = name.startsWith('--') ? name : name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    style[key] = declaration.slice(at + 1).trim();
  }
  return style;
}

function propsOf(attrs: Record<string, string>): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'style') props.style = styleObject(value);
    else props[RENAMED[name] ?? name] = BOOLEAN_ATTRS.has(name) ? true : value;
  }
  return props;
}

/** The captured tree as React elements, built with the page's own React. */
export function toElements(node: StaticNode, h: CreateElement, key?: number): ReactNode {
  const children = node.children.map((c, i) => (typeof c === 'string' ? c : toElements(c, h, i)));
  const props = { ...propsOf(node.attrs), ...(key === undefined ? {} : { key }) };
  return children.length > 0 ? h(node.tag, props, ...children) : h(node.tag, props);
}
