import { NotFoundError } from '../../core/problems.js';
import type { Services } from '../../services.js';
import {
  credentialQr,
  credentialQrPng,
  credentialQrSvg,
  type CredentialQr,
} from '../../sharing/credentialQr.js';
import { credentialImage } from '../credentialImage.js';
import type { PublishedCredential } from '../../published/credentialService.js';
import { defineRoute, type RouteRequest, type RouteResponse } from '../route.js';

const TOO_LARGE = {
  description:
    'The credential does not fit in a QR code (credential-qr-too-large, naming the size and the URL QR that works for it)',
  schema: 'problem',
  contentType: 'application/problem+json',
} as const;

/** The vc+jwt of a credential: itself when issued as a JWT, else the copy signed beside it. */
async function qrOf(
  uuid: string,
  record: PublishedCredential['record'],
  services: Services,
): Promise<CredentialQr> {
  const jws = record.format === 'jwt' ? record.document : record.vcJwt;
  if (!jws) {
    throw new NotFoundError(
      `credential ${uuid} was issued before credential QR codes and has no vc+jwt form; /c/${uuid}/qr.png links to it`,
    );
  }
  return credentialQr(jws, `${services.issuing.credentialUrl(uuid)}/qr.png`);
}

/** The credential QR as `draw` renders it, drawn once and kept (see credentialImage). */
async function image(
  request: RouteRequest<unknown>,
  services: Services,
  file: string,
  contentType: string,
  draw: (qr: CredentialQr) => Promise<string | Buffer>,
): Promise<RouteResponse> {
  const { uuid, record } = await services.credentials.published(request.params.uuid ?? '');
  return credentialImage({
    key: `${services.issuing.credentialUrl(uuid)}/${file}`,
    contentType,
    ifNoneMatch: request.headers['if-none-match'],
    render: async () => {
      const qr = await qrOf(uuid, record, services);
      // What a printer or a test needs to know about the code without decoding it.
      return {
        body: await draw(qr),
        headers: {
          'X-QR-Version': String(qr.version),
          'X-QR-Error-Correction': qr.errorCorrectionLevel,
        },
      };
    },
  });
}

export const credentialQrRoutes = [
  defineRoute({
    method: 'get',
    path: '/c/:uuid/qr-credential.png',
    operationId: 'getSignedCredentialQrPng',
    summary:
      'Credential QR (PNG, 8 px a module): the signed credential itself as a vc+jwt (VCJWT1: and the JWS deflated, in base45), verified by the /verify page with no connection',
    tag: 'Sharing',
    access: 'public',
    responses: {
      200: { description: 'The credential QR', contentType: 'image/png' },
      422: TOO_LARGE,
    },
    async handle(request, services) {
      return image(request, services, 'qr-credential.png', 'image/png', credentialQrPng);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/c/:uuid/qr-credential.svg',
    operationId: 'getSignedCredentialQrSvg',
    summary: 'Credential QR as SVG (the same code as qr-credential.png)',
    tag: 'Sharing',
    access: 'public',
    responses: {
      200: { description: 'The credential QR', contentType: 'image/svg+xml' },
      422: TOO_LARGE,
    },
    async handle(request, services) {
      return image(request, services, 'qr-credential.svg', 'image/svg+xml', credentialQrSvg);
    },
  }),
];
