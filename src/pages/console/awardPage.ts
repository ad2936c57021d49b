// Award: one catalog achievement of this issuer (or one described on the form) to one recipient,
// previewed as its public page will show it if asked, then issued and the credential's page linked.
import type { FieldError } from '../../core/problems.js';
import { ownText, renderCredentialDetails } from '../credentialDetails.js';
import type { CredentialView } from '../credentialView.js';
import { html, type SafeHtml } from '../html.js';
import { translator } from '../i18n/messages.js';
import { LANGUAGES, messagesOf, type Language } from '../i18n/languages.js';
import {
  csrfField,
  errorFor,
  errorSummary,
  fieldErrorText,
  inputField,
  textAreaField,
} from './forms.js';
import { consoleTranslate, type ConsoleTranslate } from './i18n/consoleMessages.js';
import { consoleHref, renderConsolePage, type SignedInFrame } from './layout.js';

export interface AchievementChoice {
  key: string;
  name: string;
}

export interface AwardFormModel {
  language: Language;
  basePath: string;
  signedIn: SignedInFrame;
  achievements: AchievementChoice[];
  values: Record<string, string>;
  errors: FieldError[];
  /** The credential the form would issue, when Preview was pressed and nothing was wrong. */
  preview?: CredentialView;
}

/** The credential's own parts as its public page shows them, under a notice that it is a draft. */
function previewSection(t: ConsoleTranslate, language: Language, view: CredentialView): SafeHtml {
  const pageT = translator(messagesOf(language));
  return html`<section class="card" aria-labelledby="award-preview" id="award-preview-result">
    <h2 id="award-preview">${t('award.previewTitle')}</h2>
    <p class="notice">${t('award.previewNote')}</p>
    ${ownText('h3', view.achievement.language, view.achievement.name ?? '')}
    ${
      view.issuer.name
        ? html`<p>${pageT('credential.issuedBy', { issuer: view.issuer.name })}</p>`
        : ''
    }
    ${renderCredentialDetails(view, { language, t: pageT, headingLevel: 3 })}
  </section>`;
}

function selectField(
  t: ConsoleTranslate,
  id: string,
  label: string,
  options: Array<{ value: string; text: string; lang?: string }>,
  selected: string | undefined,
  error: string | undefined,
): SafeHtml {
  return html`<div class="field">
    <label for="${id}">${label}</label>
    ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : ''}
    <select
      id="${id}"
      name="${id}"
      ${error ? html`aria-invalid="true" aria-describedby="${id}-error"` : ''}
    >
      ${options.map(
        (option) =>
          html`<option
            value="${option.value}"
            ${option.lang ? html`lang="${option.lang}"` : ''}
            ${option.value === selected ? html`selected` : ''}
          >
            ${option.text}
          </option>`,
      )}
    </select>
  </div>`;
}

/** The schema names one mistake several ways (format, oneOf, required): the first says it. */
function firstPerField(errors: readonly FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((error) => !seen.has(error.field) && seen.add(error.field));
}

export function renderAwardForm(
  model: AwardFormModel,
  status = 200,
): { body: string; status: number } {
  const { language, basePath, values, errors } = model;
  const t = consoleTranslate(language);
  const field = (
    id: string,
    label: string,
    type: 'text' | 'email' | 'url' = 'text',
    hint?: string,
  ) => inputField({ id, label, type, value: values[id], error: errorFor(t, errors, id), hint });
  const textArea = (id: string, label: string) =>
    textAreaField({ id, label, value: values[id], error: errorFor(t, errors, id) });
  const body = renderConsolePage({
    language,
    t,
    basePath,
    title: t('award.title'),
    path: '/console/award',
    signedIn: model.signedIn,
    section: 'award',
    main: html`<div class="narrow">
      <h1>${t('award.title')}</h1>
      ${errorSummary(
        t,
        firstPerField(errors).map((error) => fieldErrorText(t, error)),
      )}
      ${model.preview ? previewSection(t, language, model.preview) : ''}
      ${
        model.achievements.length === 0
          ? html`<p class="card">${t('award.noAchievements')}</p>`
          : html`<form
              class="card"
              method="post"
              action="${consoleHref(basePath, '/console/award', language)}"
            >
              ${csrfField(model.signedIn.csrfToken)}
              ${selectField(
                t,
                'achievement',
                t('column.achievement'),
                [
                  ...model.achievements.map((a) => ({ value: a.key, text: a.name })),
                  { value: '', text: t('award.describeChoice') },
                ],
                values.achievement,
                errorFor(t, errors, 'achievement'),
              )}
              <fieldset>
                <legend>${t('award.describe')}</legend>
                <p class="hint">${t('award.describeHint')}</p>
                ${field('achievement_name', t('column.achievement_name'))}
                ${textArea('achievement_description', t('column.achievement_description'))}
                ${textArea('achievement_criteria', t('column.achievement_criteria'))}
              </fieldset>
              ${inputField({
                id: 'recipient',
                label: t('column.recipient'),
                type: 'email',
                value: values.recipient,
                error: errorFor(t, errors, 'recipient'),
                hint: t('award.recipientHint'),
                required: true,
              })}
              <fieldset>
                <legend>${t('award.evidence')}</legend>
                ${field('evidence_name', t('column.evidence_name'))}
                ${field('evidence_url', t('column.evidence_url'), 'url')}
                ${textArea('evidence_narrative', t('column.evidence_narrative'))}
              </fieldset>
              ${field('result', t('column.result'), 'text', t('award.resultHint'))}
              ${selectField(
                t,
                'lang',
                t('column.lang'),
                LANGUAGES.map((code) => ({
                  value: code,
                  text: messagesOf(code)['language.name'],
                  lang: code,
                })),
                values.lang ?? language,
                errorFor(t, errors, 'lang'),
              )}
              <button class="button button--quiet" type="submit" name="action" value="preview">
                ${t('award.preview')}
              </button>
              <button class="button" type="submit" name="action" value="issue">
                ${t('award.submit')}
              </button>
            </form>`
      }
    </div>`,
  });
  return { body, status };
}

export interface AwardedModel {
  language: Language;
  basePath: string;
  signedIn: SignedInFrame;
  issued: { name: string; url: string };
  stacked: Array<{ name: string; url: string }>;
}

export function renderAwardedPage(model: AwardedModel): string {
  const { language, basePath } = model;
  const t = consoleTranslate(language);
  return renderConsolePage({
    language,
    t,
    basePath,
    title: t('award.done'),
    path: '/console/award',
    signedIn: model.signedIn,
    section: 'award',
    main: html`<div class="narrow">
      <div class="card notice" role="status">
        <h1>${t('award.done')}</h1>
        <p>${model.issued.name}</p>
        <p>
          <a class="button" href="${model.issued.url}?lang=${language}">${t('award.open')}</a>
        </p>
      </div>
      ${
        model.stacked.length > 0
          ? html`<section class="card">
              <h2>${t('award.stacked')}</h2>
              <ul>
                ${model.stacked.map(
                  (tier) => html`<li><a href="${tier.url}?lang=${language}">${tier.name}</a></li>`,
                )}
              </ul>
            </section>`
          : ''
      }
      <p>
        <a href="${consoleHref(basePath, '/console/award', language)}">${t('award.another')}</a>
      </p>
    </div>`,
  });
}
