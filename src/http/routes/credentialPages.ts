import { buildCredentialPageModel } from '../../pages/credentialPageModel.js';
import { renderCredentialPage } from '../../pages/credentialPage.js';
import { chooseLanguage } from '../../pages/i18n/languages.js';
import { verdictOf } from '../../pages/verdict.js';
import { credentialDocument, negotiateRepresentation } from '../credentialRepresentation.js';
import { htmlResponse } from '../htmlResponse.js';
import { basePathOf } from '../../core/publicUrl.js';
import { defineRoute } from '../route.js';

export const credentialPageRoutes = [
  defineRoute({
    method: 'get',
    path: '/c/:uuid',
    operationId: 'getCredentialPage',
    summary:
      'A credential by its QR-code URL: the signed credential for wallets and verifier apps (Accept: */*, application/json or none); the public page, verified (again once its status, a constituent’s status or the issuer’s keys changed, or a date it is judged by passed), for a client that prefers text/html (en, zh-TW, ja by ?lang= or Accept-Language)',
    tag: 'Sharing',
    access: 'public',
    responses: {
      200: {
        description:
          'The signed credential exactly as issued unless text/html is preferred: a Data Integrity credential as application/vc (default), application/vc+ld+json, application/ld+json or application/json as asked; a JWT-format credential as its compact JWS (application/vc+jwt). For text/html, the HTML page. Vary: Accept, Accept-Language',
        schema: 'issued-open-badge-credential',
        contentType: 'application/vc',
      },
    },
    async handle({ params, query, headers }, services) {
      const { issuing, config, credentials } = services;
      const published = await credentials.published(params.uuid ?? '');
      const representation = negotiateRepresentation(headers.accept, published.record.format);
      if (representation.kind === 'document') {
        // The page's variants differ by language too, and one URL's answers share one Vary.
        return credentialDocument(
          published.record,
          representation.mediaType,
          'Accept, Accept-Language',
        );
      }
      const language = chooseLanguage(query.lang, headers['accept-language']);
      const basePath = basePathOf(config.publicUrl);
      // Verified when what the verdict rests on changed since the last view; the page says when.
      const { report, checkedAt } = await services.credentialChecks.check(published);
      // The page's own check is part of the view: counted once, as a view.
      services.credentialUses.viewed(published.record);
      // Each endorsement it carries is checked on its own, so a revoked one says so here.
      const endorsements = (await services.endorsements.embeddedIn(published.credential)).map(
        ({ report: own, state, ...endorsement }) => ({
          ...endorsement,
          verdict: verdictOf(own, state),
        }),
      );
      const model = buildCredentialPageModel({
        uuid: published.uuid,
        format: published.record.format,
        credential: published.credential,
        report,
        checkedAt,
        pageUrl: issuing.credentialUrl(published.uuid),
        basePath,
        hasVcJwt: published.record.format === 'jwt' || Boolean(published.record.vcJwt),
        extras: { ...(await credentials.standing(published.record)), endorsements },
      });
      return htmlResponse(renderCredentialPage(model, language, basePath), language);
    },
  }),
];
