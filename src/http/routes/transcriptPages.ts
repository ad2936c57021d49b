import { basePathOf } from '../../core/publicUrl.js';
import { chooseLanguage } from '../../pages/i18n/languages.js';
import { renderTranscriptPage } from '../../pages/transcriptPage.js';
import { carriedCredentials, carriedPayload } from '../../learners/transcripts.js';
import { credentialDocument, negotiateRepresentation } from '../credentialRepresentation.js';
import { htmlResponse } from '../htmlResponse.js';
import { defineRoute } from '../route.js';

export const transcriptPageRoutes = [
  defineRoute({
    method: 'get',
    path: '/t/:uuid',
    operationId: 'getTranscriptPage',
    summary:
      'A CLR 2.0 transcript: the signed ClrCredential unless text/html is preferred; for a browser, the page (en, zh-TW, ja by ?lang= or Accept-Language) with the transcript verified live and every credential in it, grouped by stack, with its own check',
    tag: 'Sharing',
    access: 'public',
    responses: {
      200: {
        description:
          'The signed transcript exactly as issued (application/vc by default, or the JSON type Accept asks for), or for text/html the page. Vary: Accept, Accept-Language',
        schema: 'clr-credential',
        contentType: 'application/vc',
      },
      404: { description: 'No transcript with this id', schema: 'problem' },
    },
    async handle({ params, query, headers }, services) {
      const { transcripts, verifier, credentials, config } = services;
      const published = await transcripts.published(params.uuid ?? '');
      const representation = negotiateRepresentation(headers.accept, 'di');
      if (representation.kind === 'document') {
        return credentialDocument(
          published.record,
          representation.mediaType,
          'Accept, Accept-Language',
        );
      }
      const language = chooseLanguage(query.lang, headers['accept-language']);
      const checkedAt = services.clock();
      const payloads = carriedCredentials(published.transcript).map(carriedPayload);
      const [report, standing, ...reports] = await Promise.all([
        verifier.verify(published.transcript),
        credentials.standing(published.record),
        ...payloads.map((payload) => verifier.verify(payload)),
      ]);
      const html = renderTranscriptPage(
        {
          uuid: published.uuid,
          transcript: published.transcript,
          report,
          state: standing.status.state,
          carried: payloads.map((payload, index) => ({ payload, report: reports[index]! })),
          storedHere: published.storedHere,
          checkedAt,
          pageUrl: transcripts.pageUrl(published.uuid),
          basePath: basePathOf(config.publicUrl),
        },
        language,
      );
      return htmlResponse(html, language);
    },
  }),
];
