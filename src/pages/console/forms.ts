// Pieces every console form shares: the CSRF field, labelled inputs with their hints and
// errors, and the summary of what was wrong at the top of a refused form.
import type { FieldError } from '../../core/problems.js';
import { html, type SafeHtml } from '../html.js';
import type { ConsoleKey, ConsoleTranslate } from './i18n/consoleMessages.js';

export const csrfField = (token: string): SafeHtml =>
  html`<input type="hidden" name="csrf" value="${token}" />`;

export interface InputOptions {
  id: string;
  label: string;
  value?: string;
  type?: 'text' | 'email' | 'password' | 'url' | 'date';
  hint?: string;
  error?: string;
  required?: boolean;
  autocomplete?: string;
}

export function inputField(options: InputOptions): SafeHtml {
  const hintId = `${options.id}-hint`;
  const errorId = `${options.id}-error`;
  const describedBy = [options.hint ? hintId : '', options.error ? errorId : '']
    .filter(Boolean)
    .join(' ');
  return html`<div class="field">
    <label for="${options.id}">${options.label}</label>
    ${options.hint ? html`<p class="hint" id="${hintId}">${options.hint}</p>` : ''}
    ${options.error ? html`<p class="field-error" id="${errorId}">${options.error}</p>` : ''}
    <input
      id="${options.id}"
      name="${options.id}"
      type="${options.type ?? 'text'}"
      value="${options.value ?? ''}"
      ${options.required ? html`required` : ''}
      ${options.autocomplete ? html`autocomplete="${options.autocomplete}"` : ''}
      ${describedBy ? html`aria-describedby="${describedBy}"` : ''}
      ${options.error ? html`aria-invalid="true"` : ''}
    />
  </div>`;
}

export interface TextAreaOptions {
  id: string;
  label: string;
  value?: string;
  hint?: string;
  error?: string;
  required?: boolean;
  rows?: number;
  /** The language the text is written in, when it is not the page's. */
  lang?: string;
}

export function textAreaField(options: TextAreaOptions): SafeHtml {
  const hintId = `${options.id}-hint`;
  const errorId = `${options.id}-error`;
  const describedBy = [options.hint ? hintId : '', options.error ? errorId : '']
    .filter(Boolean)
    .join(' ');
  // The line break after the start tag is dropped by HTML parsers, so the value keeps its own.
  return html`<div class="field">
    <label for="${options.id}">${options.label}</label>
    ${options.hint ? html`<p class="hint" id="${hintId}">${options.hint}</p>` : ''}
    ${options.error ? html`<p class="field-error" id="${errorId}">${options.error}</p>` : ''}
    <textarea
      id="${options.id}"
      name="${options.id}"
      rows="${String(options.rows ?? 3)}"
      ${options.required ? html`required` : ''}
      ${options.lang ? html`lang="${options.lang}"` : ''}
      ${describedBy ? html`aria-describedby="${describedBy}"` : ''}
      ${options.error ? html`aria-invalid="true"` : ''}
    >
${options.value ?? ''}</textarea>
  </div>`;
}

/** The label a batch column (or award form field) has on the page. */
export function columnLabel(t: ConsoleTranslate, column: string): string {
  const key = `column.${column}`;
  return isColumnKey(key) ? t(key) : column;
}

const COLUMN_KEYS = [
  'column.recipient',
  'column.achievement',
  'column.evidence_name',
  'column.evidence_narrative',
  'column.evidence_url',
  'column.result',
  'column.lang',
  'column.valid_until',
  'column.row',
  'column.file',
  'column.achievement_name',
  'column.achievement_description',
  'column.achievement_criteria',
] as const satisfies readonly ConsoleKey[];

const isColumnKey = (key: string): key is (typeof COLUMN_KEYS)[number] =>
  (COLUMN_KEYS as readonly string[]).includes(key);

/** A refusal in the page's language when it is a named one; the API's English otherwise. */
export function fieldMessage(t: ConsoleTranslate, error: FieldError): string {
  return error.code ? t(`fieldError.${error.code}`, error.params ?? {}) : error.message;
}

/** "Recipient: must be an e-mail address or a DID", one line per error. */
export function fieldErrorText(t: ConsoleTranslate, error: FieldError): string {
  return `${columnLabel(t, error.field)}: ${fieldMessage(t, error)}`;
}

/** At the top of a refused form, focusable so a screen reader hears it first. */
export function errorSummary(t: ConsoleTranslate, messages: readonly string[]): SafeHtml {
  if (messages.length === 0) return html``;
  return html`<div class="card problem" role="alert" tabindex="-1" id="problems">
    <h2>${t('form.problems')}</h2>
    <ul>
      ${messages.map((message) => html`<li>${message}</li>`)}
    </ul>
  </div>`;
}

/** The first error on a column, for its field, in the page's language. */
export function errorFor(
  t: ConsoleTranslate,
  errors: readonly FieldError[],
  column: string,
): string | undefined {
  const found = errors.find((error) => error.field === column);
  return found ? fieldMessage(t, found) : undefined;
}

/** A secret shown once (an API key, a signing secret, a claim link): read-only, all of it selectable. */
export const shownOnceField = (id: string, label: string, value: string): SafeHtml =>
  html`<div class="field">
    <label for="${id}">${label}</label>
    <input id="${id}" class="secret-once" type="text" value="${value}" readonly />
  </div>`;

export interface PasskeyFormOptions {
  /** What the passkey script does with it: make a passkey, or sign in with one. */
  mode: 'register' | 'sign-in';
  /** Where the form posts the browser's answer, and where the script asks for its options. */
  action: string;
  optionsUrl: string;
  /** The script's words when the dialog is closed, and when anything else goes wrong. */
  cancelled: string;
  failed: string;
  csrfToken: string;
  /** The form's own content above the script's message (headings, fields). */
  content: SafeHtml;
  submitLabel: string;
  submitClass: string;
  className?: string;
  labelledBy?: string;
}

/**
 * A form the passkey script drives: hidden until the script finds the browser can use passkeys,
 * it posts the dialog's answer in `response`, and says what went wrong in its message line.
 */
export function passkeyForm(options: PasskeyFormOptions): SafeHtml {
  return html`<form
    ${options.className ? html`class="${options.className}"` : ''}
    method="post"
    action="${options.action}"
    data-passkey="${options.mode}"
    data-options="${options.optionsUrl}"
    data-cancelled="${options.cancelled}"
    data-failed="${options.failed}"
    ${options.labelledBy ? html`aria-labelledby="${options.labelledBy}"` : ''}
    hidden
  >
    ${csrfField(options.csrfToken)}
    <input type="hidden" name="response" value="" />
    ${options.content}
    <p class="field-error" role="alert" tabindex="-1" data-passkey-message hidden></p>
    <button class="${options.submitClass}" type="submit">${options.submitLabel}</button>
  </form>`;
}
