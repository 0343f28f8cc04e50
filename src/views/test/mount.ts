import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import './markup'; // React's act() environment

/** Renders `node` into a host attached to the document (so events bubble as in the page); `unmount` removes both. */
export function mount(node: ReactNode): { host: HTMLElement; unmount: () => void } {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() => root.render(node));
  return {
    host,
    unmount: () => {
      act(() => root.unmount());
      host.remove();
    },
  };
}

/** Types into a React-controlled input as a user would (the native setter, then an input event). */
export function typeInto(el: HTMLInputElement, text: string): void {
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  act(() => {
    setValue?.call(el, text);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
