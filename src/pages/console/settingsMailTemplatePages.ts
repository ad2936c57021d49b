// Settings → E-mail's learner message templates (owners only): every kind of message in every
// language with whose text is in force, and one template's page: its subject and text to edit,
// the values it may name, a preview with sample values, and the way back to the service's text.
// Plain forms with the CSRF field; Preview and Save are two buttons of one form.
import type { FieldError } from '../../core/problems.js';
import type { MailParts } from '../../mail/composeMail.js';
import type { MailTemplateView } from '../../mail/mailTemplates.js';
import { BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH } from '../../mail/templateText.js';
import { html, type SafeHtml } from '../html.js';
import { formatDate } from '../i18n/dates.js';
import { messagesOf, type Language } from '../i18n/languages.js';
import { errorFor, errorSummary, fieldMessage, inputField, textAreaField } from './forms.js';
import { consoleTranslate, type ConsoleTranslate } from './i18n/consoleMessages.js';
import { consoleHref } from './layout.js';
import { postForm, settingsPage, type SettingsFrame } from './settingsFrame.js';

type TemplateKey = Pick<MailTemplateView, 'kind' | 'language'>;

export const templatePath = (key: TemplateKey): string =>
  `/console/settings/email/templates/${key.kind}/${key.language}`;

const languageName = (language: Language): string => messagesOf(language)['language.name'];

const messageName = (t: ConsoleTranslate, key: TemplateKey): string =>
  t(`templates.kind.${key.kind}`);

const fieldLabel = (t: ConsoleTranslate, field: string): string =>
  field === 'subject' ? t('templates.subject') : t('templates.body');

/** The E-mail tab's table: one row per kind and language, each with a link to its page. */
export function templatesSection(frame: SettingsFrame, templates: MailTemplateView[]): SafeHtml {
  const t = consoleTranslate(frame.language);
  return html`<section class="card" aria-labelledby="templates">
    <h2 id="templates">${t('templates.title')}</h2>
    <p>${t('templates.intro')}</p>
    <div class="table-scroll">
      <table class="console-table">
        <thead>
          <tr>
            <th scope="col">${t('templates.message')}</th>
            <th scope="col">${t('templates.language')}</th>
            <th scope="col">${t('templates.text')}</th>
          </tr>
        </thead>
        <tbody>
          ${templates.map(
            (template) =>
              html`<tr>
                <th scope="row">${messageName(t, template)}</th>
                <td lang="${template.language}">${languageName(template.language)}</td>
                <td>
                  ${
                    template.customised
                      ? html`<span class="pill pill--active">${t('templates.customised')}</span>`
                      : t('templates.service')
                  }
                  ·
                  <a
                    href="${consoleHref(frame.basePath, templatePath(template), frame.language)}"
                    aria-label="${t('templates.editLabel', {
                      message: messageName(t, template),
                      language: languageName(template.language),
                    })}"
                    >${t('templates.edit')}</a
                  >
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </section>`;
}

export interface TemplatePageModel extends SettingsFrame {
  /** The template in force (what the fields hold unless a draft was sent). */
  template: MailTemplateView;
  /** What the form was sent with, when it comes back previewed or refused. */
  draft?: { subject: string; body: string };
  preview?: MailParts;
  errors?: FieldError[];
}

function placeholderList(t: ConsoleTranslate, template: MailTemplateView): SafeHtml {
  return html`<section aria-labelledby="placeholders">
    <h3 id="placeholders">${t('templates.placeholders')}</h3>
    <p class="hint">${t('templates.placeholdersIntro')}</p>
    <dl>
      ${template.placeholders.map(
        (placeholder) =>
          html`<dt><code>{${placeholder.name}}</code></dt>
            <dd>
              ${t(`templates.placeholder.${placeholder.name}`)}${
                placeholder.required
                  ? html` (${t('templates.placeholder.required')})`
                  : placeholder.optional
                    ? html` (${t('templates.placeholder.optional')})`
                    : ''
              }
            </dd>`,
      )}
    </dl>
  </section>`;
}

function previewSection(t: ConsoleTranslate, preview: MailParts): SafeHtml {
  return html`<section class="card mail-preview" aria-labelledby="preview" id="preview-result">
    <h2 id="preview">${t('templates.previewTitle')}</h2>
    <p class="hint">${t('templates.previewNote')}</p>
    <dl>
      <dt>${t('templates.previewSubject')}</dt>
      <dd>${preview.subject}</dd>
      <dt>${t('templates.previewBody')}</dt>
      <dd><pre>${preview.text}</pre></dd>
    </dl>
  </section>`;
}

export function renderTemplatePage(model: TemplatePageModel): string {
  const t = consoleTranslate(model.language);
  const { template } = model;
  const errors = model.errors ?? [];
  const values = model.draft ?? template;
  const title = t('templates.page.title', {
    message: messageName(t, template),
    language: languageName(template.language),
  });
  const path = templatePath(template);
  return settingsPage(
    model,
    'email',
    title,
    html`<p>
        ${
          template.customised && template.updatedAt
            ? t('templates.page.customised', {
                date: formatDate(template.updatedAt, model.language),
              })
            : t('templates.page.service')
        }
      </p>
      ${errorSummary(
        t,
        errors.map((error) => `${fieldLabel(t, error.field)}: ${fieldMessage(t, error)}`),
      )}
      ${model.preview ? previewSection(t, model.preview) : ''}
      <div class="card narrow">
        ${postForm(
          model,
          path,
          html`${inputField({
              id: 'subject',
              label: t('templates.subject'),
              value: values.subject,
              hint: t('templates.subjectHint', { max: SUBJECT_MAX_LENGTH }),
              error: errorFor(t, errors, 'subject'),
              required: true,
              autocomplete: 'off',
            })}
            ${textAreaField({
              id: 'body',
              label: t('templates.body'),
              value: values.body,
              hint: t('templates.bodyHint', { max: BODY_MAX_LENGTH }),
              error: errorFor(t, errors, 'body'),
              required: true,
              rows: 14,
              lang: template.language,
            })}
            ${placeholderList(t, template)}
            <button class="button button--quiet" type="submit" name="action" value="preview">
              ${t('templates.preview')}
            </button>
            <button class="button" type="submit" name="action" value="save">
              ${t('templates.save')}
            </button>`,
        )}
      </div>
      ${
        template.customised
          ? html`<section class="card narrow" aria-labelledby="reset">
              <h2 id="reset">${t('templates.reset')}</h2>
              <p class="hint">${t('templates.resetHint')}</p>
              ${postForm(
                model,
                `${path}/reset`,
                html`<button class="button button--quiet" type="submit">
                  ${t('templates.reset')}
                </button>`,
              )}
            </section>`
          : ''
      }
      <p>
        <a href="${consoleHref(model.basePath, '/console/settings/email', model.language)}"
          >${t('templates.back')}</a
        >
      </p>`,
    path,
  );
}
