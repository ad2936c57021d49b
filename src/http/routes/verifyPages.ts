import { readCredentialFile } from '../../baking/credentialFile.js';
import { parsePayloadText, type CredentialPayload } from '../../baking/credentialPayload.js';
import { ProblemError } from '../../core/problems.js';
import { readCredentialView } from '../../pages/credentialView.js';
import { chooseLanguage, translate } from '../../pages/i18n/languages.js';
import { buildPresentationView, isPresentation } from '../../pages/presentationView.js';
import { verdictOf } from '../../pages/verdict.js';
import { offlineScript } from '../../pages/offlineAssets.js';
import { offlineBundles } from '../../pages/offlineBundle.js';
import type { OfflineVerifier } from '../../pages/offlineScanner.js';
import type { Config } from '../../config.js';
import { renderVerifyPage, type VerifyOutcome } from '../../pages/verifyPage.js';
import { presentCredential } from '../../verifying/presentedCredential.js';
import { htmlResponse } from '../htmlResponse.js';
import { basePathOf } from '../../core/publicUrl.js';
import { parseMultipartForm, UPLOAD_LIMIT_BYTES, type MultipartForm } from '../multipartForm.js';
import { defineRoute } from '../route.js';

async function offlineVerifier(config: Config): Promise<OfflineVerifier> {
  return {
    scriptPath: offlineScript(await offlineBundles()).path,
    jwtClockSkewSeconds: config.jwtClockSkewSeconds,
  };
}

const OFFLINE = { offlineVerifier: true };

/** A chosen file wins over pasted text; neither is `undefined`. */
function submittedCredential(form: MultipartForm): CredentialPayload | undefined {
  const file = form.files.find((candidate) => candidate.field === 'file');
  if (file) return readCredentialFile(file.bytes, 'unknown');
  const pasted = form.fields.get('credential') ?? '';
  return pasted.trim() === '' ? undefined : parsePayloadText(pasted, 'the pasted text');
}

export const verifyPageRoutes = [
  defineRoute({
    method: 'get',
    path: '/verify',
    operationId: 'getVerifyPage',
    summary:
      'A page to verify a credential or a Verifiable Presentation: paste JSON or a JWT, or upload a .json, .jwt or baked .png/.svg',
    tag: 'Verifying',
    access: 'public',
    responses: { 200: { description: 'The verify page', contentType: 'text/html' } },
    async handle({ query, headers }, { config }) {
      const language = chooseLanguage(query.lang, headers['accept-language']);
      const offline = await offlineVerifier(config);
      return htmlResponse(
        renderVerifyPage({ language, basePath: basePathOf(config.publicUrl), offline }),
        language,
        200,
        OFFLINE,
      );
    },
  }),
  defineRoute({
    method: 'post',
    path: '/verify',
    operationId: 'submitVerifyPage',
    summary:
      'The verify page form (no JavaScript needed): fields `credential` (text) and `file`, a credential or a JSON Verifiable Presentation; answers with the report as a page',
    tag: 'Verifying',
    access: 'public',
    rawBody: {
      mediaTypes: ['multipart/form-data'],
      limit: UPLOAD_LIMIT_BYTES,
      multipartSchema: 'credential-upload',
    },
    responses: {
      200: { description: 'The check-by-check report as a page', contentType: 'text/html' },
      422: { description: 'The page, saying why nothing could be read', contentType: 'text/html' },
    },
    async handle({ query, headers, rawBody }, { verifier, config, credentialUses }) {
      const language = chooseLanguage(query.lang, headers['accept-language']);
      const basePath = basePathOf(config.publicUrl);
      const form: MultipartForm = rawBody
        ? await parseMultipartForm(rawBody)
        : { fields: new Map(), files: [] };
      const pasted = form.fields.get('credential');
      const offline = await offlineVerifier(config);
      const page = (outcome: VerifyOutcome): string =>
        renderVerifyPage({ language, basePath, outcome, offline, ...(pasted ? { pasted } : {}) });
      let payload: CredentialPayload | undefined;
      try {
        payload = submittedCredential(form);
      } catch (error) {
        if (!(error instanceof ProblemError)) throw error;
        return htmlResponse(
          page({ kind: 'unreadable', detail: error.message }),
          language,
          422,
          OFFLINE,
        );
      }
      if (payload === undefined) {
        const detail = translate(language)('verify.empty');
        return htmlResponse(page({ kind: 'unreadable', detail }), language, 422, OFFLINE);
      }
      if (isPresentation(payload)) {
        // No challenge or domain: the page did not ask the holder for one.
        const result = await verifier.verifyPresentation(payload);
        return htmlResponse(
          page({ kind: 'presentation', ...buildPresentationView(payload, result) }),
          language,
          200,
          OFFLINE,
        );
      }
      const report = await verifier.verify(payload);
      credentialUses.verified(payload, report);
      const view = readCredentialView(presentCredential(payload).credential);
      return htmlResponse(
        page({ kind: 'report', report, verdict: verdictOf(report), view }),
        language,
        200,
        OFFLINE,
      );
    },
  }),
];
