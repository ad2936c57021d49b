import { payloadText } from '../../baking/credentialPayload.js';
import { bakePng } from '../../baking/pngBaking.js';
import { NotFoundError } from '../../core/problems.js';
import { readCredentialView } from '../../pages/credentialView.js';
import type { PublishedCredential } from '../../published/credentialService.js';
import type { Services } from '../../services.js';
import { renderBadgePng } from '../../sharing/badgePng.js';
import { renderBadgeSvg } from '../../sharing/badgeSvg.js';
import { qrMatrix, qrPng, qrSvg } from '../../sharing/qrCode.js';
import { credentialImage } from '../credentialImage.js';
import { defineRoute, type RouteRequest, type RouteResponse } from '../route.js';

// Images and downloads of one credential.
async function published(
  params: Record<string, string>,
  services: Services,
): Promise<PublishedCredential> {
  return services.credentials.published(params.uuid ?? '');
}

/** A file of the credential `uuid`, drawn by `render` once and kept (see credentialImage). */
function file(
  request: { headers: RouteRequest<unknown>['headers'] },
  services: Services,
  uuid: string,
  filename: string,
  contentType: string,
  disposition: 'inline' | 'attachment',
  render: () => Promise<string | Buffer>,
): Promise<RouteResponse> {
  return credentialImage({
    key: `${services.issuing.credentialUrl(uuid)}/${filename}`,
    contentType,
    ifNoneMatch: request.headers['if-none-match'],
    render: async () => ({
      body: await render(),
      headers: { 'Content-Disposition': `${disposition}; filename="${filename}"` },
    }),
  });
}

export const sharingRoutes = [
  defineRoute({
    method: 'get',
    path: '/c/:uuid/qr.svg',
    operationId: 'getCredentialQrSvg',
    summary: 'QR code (SVG, error correction M) of the credential page URL',
    tag: 'Sharing',
    access: 'public',
    responses: { 200: { description: 'The QR code', contentType: 'image/svg+xml' } },
    async handle(request, services) {
      const { uuid } = await published(request.params, services);
      return file(request, services, uuid, `qr-${uuid}.svg`, 'image/svg+xml', 'inline', () =>
        qrSvg(services.issuing.credentialUrl(uuid)),
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/c/:uuid/qr.png',
    operationId: 'getCredentialQrPng',
    summary: 'QR code (PNG, 512 px, error correction M) of the credential page URL',
    tag: 'Sharing',
    access: 'public',
    responses: { 200: { description: 'The QR code', contentType: 'image/png' } },
    async handle(request, services) {
      const { uuid } = await published(request.params, services);
      return file(request, services, uuid, `qr-${uuid}.png`, 'image/png', 'inline', () =>
        qrPng(services.issuing.credentialUrl(uuid)),
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/c/:uuid/badge.png',
    operationId: 'getBakedBadgePng',
    summary:
      'Open Badges 3.0 baked PNG: a medallion with the page QR, the signed credential in an iTXt chunk (keyword openbadgecredential)',
    tag: 'Sharing',
    access: 'public',
    responses: { 200: { description: 'The baked badge image', contentType: 'image/png' } },
    async handle(request, services) {
      const credential = await published(request.params, services);
      const { uuid } = credential;
      return file(request, services, uuid, `badge-${uuid}.png`, 'image/png', 'inline', async () =>
        bakePng(
          renderBadgePng(qrMatrix(services.issuing.credentialUrl(uuid))),
          payloadText(credential.payload),
        ),
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/c/:uuid/badge.svg',
    operationId: 'getBakedBadgeSvg',
    summary: 'Open Badges 3.0 baked SVG: the signed credential in an openbadges:credential element',
    tag: 'Sharing',
    access: 'public',
    responses: { 200: { description: 'The baked badge image', contentType: 'image/svg+xml' } },
    async handle(request, services) {
      const credential = await published(request.params, services);
      const { uuid } = credential;
      return file(
        request,
        services,
        uuid,
        `badge-${uuid}.svg`,
        'image/svg+xml',
        'inline',
        async () => {
          const view = readCredentialView(credential.credential);
          const name = view.achievement.name ?? 'Open Badge';
          const year = view.validFrom?.slice(0, 4);
          return renderBadgeSvg(
            {
              achievementName: name,
              ...(view.issuer.name ? { issuerName: view.issuer.name } : {}),
              ...(year ? { footnote: year } : {}),
              title: view.issuer.name ? `${name} · ${view.issuer.name}` : name,
            },
            credential.payload,
          );
        },
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/c/:uuid/credential.json',
    operationId: 'downloadCredentialJson',
    summary: 'The signed Data Integrity credential as a file to save',
    tag: 'Sharing',
    access: 'public',
    responses: {
      200: {
        description: 'The credential exactly as issued',
        schema: 'issued-open-badge-credential',
        contentType: 'application/json',
      },
    },
    async handle(request, services) {
      const { uuid, record } = await published(request.params, services);
      if (record.format !== 'di') {
        throw new NotFoundError(`this credential is a JWT: download /c/${uuid}/credential.jwt`);
      }
      return file(
        request,
        services,
        uuid,
        `credential-${uuid}.json`,
        'application/json',
        'attachment',
        async () => record.document,
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/c/:uuid/credential.jwt',
    operationId: 'downloadCredentialJwt',
    summary: 'The signed VC-JOSE credential (compact JWS) as a file to save',
    tag: 'Sharing',
    access: 'public',
    responses: {
      200: { description: 'The JWS exactly as issued', contentType: 'application/vc+jwt' },
    },
    async handle(request, services) {
      const { uuid, record } = await published(request.params, services);
      if (record.format !== 'jwt') {
        throw new NotFoundError(
          `this credential has an embedded proof: download /c/${uuid}/credential.json`,
        );
      }
      return file(
        request,
        services,
        uuid,
        `credential-${uuid}.jwt`,
        'application/vc+jwt',
        'attachment',
        async () => record.document,
      );
    },
  }),
];
