// The console's wallet offer: a credential of this issuer offered for claiming into a wallet, as
// POST /credentials/{uuid}/offers does; the learner's claim link (and PIN) shown on this page only.
import { renderOfferMadePage } from '../../pages/console/walletOffersSection.js';
import { actingAsOf } from '../auth.js';
import { consoleFormBody, shownOncePage } from '../console/consoleRequest.js';
import { consolePage } from '../console/consolePage.js';
import { defineRoute } from '../route.js';
import { uuidParam } from '../uuidParam.js';

export const consoleOfferRoutes = [
  defineRoute({
    method: 'post',
    path: '/console/credentials/:uuid/offers',
    operationId: 'consoleMakeWalletOffer',
    summary:
      'Offer one credential for claiming into a wallet (an optional PIN): the page shows the learner’s claim link this once',
    tag: 'Console',
    access: 'public',
    rawBody: consoleFormBody,
    responses: {
      200: { description: 'The claim link (and PIN), shown once', contentType: 'text/html' },
      303: { description: 'Not signed in: on to the sign-in page' },
      403: { description: 'A viewer, or no CSRF token', contentType: 'text/html' },
      404: { description: 'No such credential of this issuer', contentType: 'text/html' },
      409: { description: 'The credential is not active', contentType: 'text/html' },
    },
    handle: consolePage(
      async (signedIn, request, services, form) => {
        const uuid = uuidParam(request.params.uuid);
        const item = await services.issuerCredentials.one(signedIn.session.issuerSlug, uuid);
        const offer = await services.walletOffers.create(uuid, actingAsOf(signedIn.principal), {
          txCode: form.fields.get('txCode') === 'true',
        });
        return shownOncePage(
          signedIn,
          renderOfferMadePage({
            language: signedIn.language,
            basePath: signedIn.basePath,
            signedIn: signedIn.frame,
            credentialId: uuid,
            credentialName: item.name,
            offer,
          }),
        );
      },
      { form: true, scope: 'awards:write' },
    ),
  }),
];
