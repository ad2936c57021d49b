// The Settings forms for API keys and webhooks read into the API's own request bodies and checked
// by the same JSON Schemas, so the console and the API refuse the same things. What was wrong is
// named per field in the page's language.
import type { FieldError } from '../../core/problems.js';
import type { ScopedKeyInput } from '../../issuers/apiKeys.js';
import type { KeyFormErrors, KeyFormValues } from '../../pages/console/settingsKeysPage.js';
import type {
  WebhookFormErrors,
  WebhookFormValues,
} from '../../pages/console/settingsWebhooksPages.js';
import type { ConsoleTranslate } from '../../pages/console/i18n/consoleMessages.js';
import { findSchemaErrors } from '../../schemas.js';
import type { WebhookInput } from '../../webhooks/webhookEndpoints.js';
import type { ConsoleForm } from './consoleRequest.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

type Read<T, V, E> = { input: T; values: V } | { errors: E; values: V };

const fieldsNamed = (errors: readonly FieldError[], name: string): boolean =>
  errors.some((error) => error.field === name || error.field.startsWith(`${name}[`));

/**
 * The last day a key works, as the instant it stops: the start of the next UTC day. Undefined
 * when the form left it empty; null when it is not a day after `today`.
 */
function expiryOf(day: string, today: Date): string | undefined | null {
  if (day === '') return undefined;
  if (!DAY.test(day)) return null;
  const start = Date.parse(`${day}T00:00:00.000Z`);
  if (Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== day) return null;
  const stops = start + DAY_MS;
  return stops > today.getTime() + DAY_MS ? new Date(stops).toISOString() : null;
}

export function readKeyForm(
  form: ConsoleForm,
  t: ConsoleTranslate,
  today: Date,
): Read<ScopedKeyInput, KeyFormValues, KeyFormErrors> {
  const values = {
    name: form.fields.get('name')?.trim() ?? '',
    scopes: form.lists.get('scopes') ?? [],
    expires: form.fields.get('expires')?.trim() ?? '',
  };
  const expiresAt = expiryOf(values.expires, today);
  const body = {
    name: values.name,
    scopes: values.scopes,
    ...(typeof expiresAt === 'string' ? { expiresAt } : {}),
  };
  const found = findSchemaErrors('scoped-key-create', body);
  const errors: KeyFormErrors = {
    ...(fieldsNamed(found, 'name') ? { name: t('keys.badName') } : {}),
    ...(fieldsNamed(found, 'scopes') ? { scopes: t('keys.noScope') } : {}),
    ...(expiresAt === null ? { expires: t('keys.badExpiry') } : {}),
  };
  if (Object.keys(errors).length > 0) return { errors, values };
  return { input: body as ScopedKeyInput, values };
}

export function readWebhookForm(
  form: ConsoleForm,
  t: ConsoleTranslate,
): Read<WebhookInput, WebhookFormValues, WebhookFormErrors> {
  const description = form.fields.get('description')?.trim() ?? '';
  const values = {
    url: form.fields.get('url')?.trim() ?? '',
    events: form.lists.get('events') ?? [],
    description,
  };
  const body = {
    url: values.url,
    events: values.events,
    ...(description === '' ? {} : { description }),
  };
  const found = findSchemaErrors('webhook-create', body);
  const urlError = found.find((error) => error.field === 'url');
  const errors: WebhookFormErrors = {
    ...(urlError ? { url: t('webhooks.badUrl', { reason: urlError.message }) } : {}),
    ...(fieldsNamed(found, 'events') ? { events: t('webhooks.noEvent') } : {}),
    ...(fieldsNamed(found, 'description')
      ? { description: found.find((e) => e.field === 'description')?.message ?? '' }
      : {}),
  };
  if (Object.keys(errors).length > 0) return { errors, values };
  return { input: body as WebhookInput, values };
}
