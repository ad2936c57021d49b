import { buildCredentialPageModel } from '../../pages/credentialPageModel.js';
import { renderCredentialPage } from '../../pages/credentialPage.js';
import { chooseLanguage } from '../../pages/i18n/languages.js';
import { loadPageExtras } from '../../pages/pageExtras.js';
import { findPublishedCredential } from '../../pages/publishedCredential.js';
import { credentialDocument, negotiateRepresentation } from '../credentialRepresentation.js';
import { basePathOf, htmlResponse } from '../htmlResponse.js';
import { defineRoute } from '../route.js';

export const credentialPageRoutes = [
  defineRoute({
    method: 'get',
    path: '/c/:uuid',
    operationId: 'getCredentialPage',
    summary:
      'The public page of a credential, verified live (en, zh-TW, ja by ?lang= or Accept-Language); with Accept: application/json, application/vc or application/vc+ld+json, the signed credential',
    tag: 'Sharing',
    access: 'public',
    responses: {
      200: {
        description:
          'An HTML page; or the signed credential as asked by Accept (a JWT-format credential as application/vc+jwt)',
        contentType: 'text/html',
      },
    },
    async handle({ params, query, headers }, services) {
      const { issuing, verifier, config } = services;
      const published = await findPublishedCredential(issuing, params.uuid ?? '');
      const representation = negotiateRepresentation(headers.accept);
      if (representation.kind === 'document') {
        return credentialDocument(published.record, representation.mediaType);
      }
      const language = chooseLanguage(query.lang, headers['accept-language']);
      const basePath = basePathOf(config.publicUrl);
      const checkedAt = services.clock();
      const report = await verifier.verify(published.payload);
      const model = buildCredentialPageModel({
        uuid: published.uuid,
        format: published.record.format,
        credential: published.credential,
        report,
        checkedAt,
        pageUrl: issuing.credentialUrl(published.uuid),
        basePath,
        extras: await loadPageExtras(published.record, services),
      });
      return htmlResponse(renderCredentialPage(model, language, basePath), language);
    },
  }),
];
