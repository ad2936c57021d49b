// Settings → Webhooks (owners only): the issuer's endpoints, a form to add one (the signing
// secret shown once), delete, and each endpoint's delivery log with every attempt.
import { SERVICE_EVENT_TYPES } from '../../events/serviceEvents.js';
import type { DeliveryView, WebhookView } from '../../webhooks/webhookEndpoints.js';
import { html, type SafeHtml } from '../html.js';
import { formatDate, formatDateTime } from '../i18n/dates.js';
import { errorSummary, inputField, shownOnceField } from './forms.js';
import { consoleTranslate, type ConsoleTranslate } from './i18n/consoleMessages.js';
import { consoleHref } from './layout.js';
import { postForm, settingsPage, type SettingsFrame } from './settingsFrame.js';

export interface WebhookFormValues {
  url?: string;
  events?: readonly string[];
  description?: string;
}

export type WebhookFormErrors = Partial<Record<'url' | 'events' | 'description', string>>;

/** An endpoint and how its latest deliveries went. */
export interface WebhookListItem {
  webhook: WebhookView;
  delivered: number;
  failed: number;
  total: number;
}

export interface WebhooksPageModel extends SettingsFrame {
  webhooks: WebhookListItem[];
  values?: WebhookFormValues;
  errors?: WebhookFormErrors;
}

const logPath = (id: string) => `/console/settings/webhooks/${id}`;

function webhookRow(frame: SettingsFrame, t: ConsoleTranslate, item: WebhookListItem): SafeHtml {
  const { webhook } = item;
  return html`<tr>
    <th scope="row"><code>${webhook.url}</code></th>
    <td>
      <ul class="plain-list">
        ${webhook.events.map((event) => html`<li><code>${event}</code></li>`)}
      </ul>
    </td>
    <td>${webhook.description ?? ''}</td>
    <td>${formatDate(webhook.createdAt, frame.language)}</td>
    <td>
      ${
        item.failed > 0
          ? html`<span class="pill pill--revoked"
              >${t('webhooks.failedCount', { failed: item.failed, total: item.total })}</span
            >`
          : ''
      }
      <a
        href="${consoleHref(frame.basePath, logPath(webhook.id), frame.language)}"
        aria-label="${t('webhooks.logLabel', { url: webhook.url })}"
        >${t('webhooks.log')}</a
      >
      ${postForm(
        frame,
        `/console/settings/webhooks/${webhook.id}/delete`,
        html`<button
          class="button button--quiet button--small"
          type="submit"
          aria-label="${t('webhooks.deleteLabel', { url: webhook.url })}"
        >
          ${t('webhooks.delete')}
        </button>`,
      )}
    </td>
  </tr>`;
}

function eventChoices(t: ConsoleTranslate, chosen: readonly string[], error?: string): SafeHtml {
  return html`<fieldset ${error ? html`aria-describedby="events-error"` : ''}>
    <legend>${t('webhooks.events')}</legend>
    ${error ? html`<p class="field-error" id="events-error">${error}</p>` : ''}
    ${SERVICE_EVENT_TYPES.map(
      (event) =>
        html`<div class="choice">
          <input
            type="checkbox"
            id="event-${event.replace('.', '-')}"
            name="events"
            value="${event}"
            ${chosen.includes(event) ? html`checked` : ''}
          />
          <label for="event-${event.replace('.', '-')}"><code>${event}</code></label>
        </div>`,
    )}
  </fieldset>`;
}

export function renderWebhooksPage(model: WebhooksPageModel): string {
  const t = consoleTranslate(model.language);
  const values = model.values ?? {};
  const errors = model.errors ?? {};
  return settingsPage(
    model,
    'webhooks',
    t('settings.webhooks'),
    html`<p>${t('webhooks.intro')}</p>
      ${
        model.webhooks.length === 0
          ? html`<p>${t('webhooks.none')}</p>`
          : html`<div class="table-scroll">
              <table class="console-table">
                <thead>
                  <tr>
                    <th scope="col">${t('webhooks.url')}</th>
                    <th scope="col">${t('webhooks.events')}</th>
                    <th scope="col">${t('webhooks.description')}</th>
                    <th scope="col">${t('settings.created')}</th>
                    <th scope="col">${t('settings.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${model.webhooks.map((item) => webhookRow(model, t, item))}
                </tbody>
              </table>
            </div>`
      }
      <section class="card narrow" aria-labelledby="add-webhook">
        <h2 id="add-webhook">${t('webhooks.add')}</h2>
        ${errorSummary(t, Object.values(errors))}
        ${postForm(
          model,
          '/console/settings/webhooks',
          html`${inputField({
              id: 'url',
              label: t('webhooks.url'),
              type: 'url',
              value: values.url ?? '',
              hint: t('webhooks.urlHint'),
              error: errors.url,
              required: true,
              autocomplete: 'off',
            })}
            ${eventChoices(t, values.events ?? [], errors.events)}
            ${inputField({
              id: 'description',
              label: t('webhooks.description'),
              value: values.description ?? '',
              error: errors.description,
            })} <button class="button" type="submit">${t('webhooks.submit')}</button>`,
        )}
      </section>`,
  );
}

/** The signing secret, this once: the receiver needs it to check each delivery. */
export function renderWebhookMadePage(
  frame: SettingsFrame & { webhook: WebhookView; secret: string },
): string {
  const t = consoleTranslate(frame.language);
  return settingsPage(
    frame,
    'webhooks',
    t('webhooks.made.title'),
    html`<div class="card narrow">
      <p><code>${frame.webhook.url}</code></p>
      <p><strong>${t('webhooks.made.once')}</strong></p>
      ${shownOnceField('made-secret', t('webhooks.made.secret'), frame.secret)}
      <p>
        <a href="${consoleHref(frame.basePath, '/console/settings/webhooks', frame.language)}"
          >${t('webhooks.back')}</a
        >
      </p>
    </div>`,
  );
}

const STATE_PILL: Record<DeliveryView['state'], string> = {
  queued: 'suspended',
  delivered: 'active',
  failed: 'revoked',
};

function attemptsList(t: ConsoleTranslate, frame: SettingsFrame, delivery: DeliveryView): SafeHtml {
  return html`<ol class="plain-list">
    ${delivery.attempts.map(
      (attempt) =>
        html`<li>
          ${formatDateTime(attempt.at, frame.language)} —
          ${
            attempt.status !== undefined
              ? t('webhooks.log.status', { status: attempt.status })
              : (attempt.error ?? '')
          }
        </li>`,
    )}
    ${
      delivery.state === 'queued' && delivery.nextAttemptAt
        ? html`<li>
            ${t('webhooks.log.next', {
              time: formatDateTime(delivery.nextAttemptAt, frame.language),
            })}
          </li>`
        : ''
    }
  </ol>`;
}

export function renderWebhookLogPage(
  frame: SettingsFrame & { webhook: WebhookView; deliveries: DeliveryView[] },
): string {
  const t = consoleTranslate(frame.language);
  return settingsPage(
    frame,
    'webhooks',
    t('webhooks.log.title', { url: frame.webhook.url }),
    html`<p>${t('webhooks.log.intro')}</p>
      ${
        frame.deliveries.length === 0
          ? html`<p>${t('webhooks.log.none')}</p>`
          : html`<div class="table-scroll">
              <table class="console-table">
                <thead>
                  <tr>
                    <th scope="col">${t('settings.created')}</th>
                    <th scope="col">${t('webhooks.log.event')}</th>
                    <th scope="col">${t('settings.state')}</th>
                    <th scope="col">${t('webhooks.log.attempts')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${frame.deliveries.map(
                    (delivery) =>
                      html`<tr>
                        <th scope="row">${formatDateTime(delivery.createdAt, frame.language)}</th>
                        <td><code>${delivery.type}</code></td>
                        <td>
                          <span class="pill pill--${STATE_PILL[delivery.state]}"
                            >${t(`webhooks.state.${delivery.state}`)}</span
                          >
                        </td>
                        <td>${attemptsList(t, frame, delivery)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
      <p>
        <a href="${consoleHref(frame.basePath, '/console/settings/webhooks', frame.language)}"
          >${t('webhooks.back')}</a
        >
      </p>`,
    logPath(frame.webhook.id),
  );
}
