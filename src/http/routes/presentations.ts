import { defineRoute } from '../route.js';
import { verificationResponse } from '../verificationResponse.js';

export const presentationRoutes = [
  defineRoute({
    method: 'post',
    path: '/presentations/verify',
    operationId: 'verifyPresentation',
    summary:
      "W3C VC-API: verify a presentation as a whole (shape, the holder's proof with the challenge and domain asked for, holder binding) and each credential in it",
    tag: 'Verifying',
    access: 'public',
    requestSchema: 'presentation-verify',
    responses: {
      200: {
        description: 'Verified: the presentation and every credential in it',
        schema: 'presentation-verification-report',
      },
      422: {
        description:
          'Not verified, or could not be checked: a problem carrying the same report (presentation and per credential)',
        schema: 'presentation-verification-report',
        contentType: 'application/problem+json',
      },
    },
    async handle({ body }, { verifier }) {
      const result = await verifier.verifyPresentation(body.verifiablePresentation, body.options);
      // The problem's detail comes from the presentation's own checks, else the first credential
      // that did not verify.
      const worst =
        result.presentation.verdict !== 'verified'
          ? result.presentation
          : (result.credentials.find((report) => report.verdict !== 'verified') ??
            result.presentation);
      return verificationResponse(result, worst);
    },
  }),
];
