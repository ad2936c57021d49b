import { html, type SafeHtml } from '../html.js';

/**
 * A wide table in a box that scrolls sideways on a phone. The box is a named region that takes
 * focus, so someone on a keyboard can scroll it too.
 */
export const tableScroll = (label: string, table: SafeHtml): SafeHtml =>
  html`<div class="table-scroll" role="region" aria-label="${label}" tabindex="0">${table}</div>`;
