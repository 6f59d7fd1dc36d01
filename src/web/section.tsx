import type { ComponentChildren } from 'preact';
import { Heading } from './components.js';

/**
 * A part of a page under its own h2, which names it for screen readers (`aria-labelledby`);
 * `spaced` puts room between it and the part before.
 */
export function Section(props: { id: string; title: string; spaced?: boolean; children: ComponentChildren }) {
  return (
    <section aria-labelledby={props.id} class={props.spaced ? 'bow-section' : undefined}>
      <Heading level={2} id={props.id}>
        {props.title}
      </Heading>
      {props.children}
    </section>
  );
}
