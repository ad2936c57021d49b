import { UPLOADABLE_IMAGE_TYPES } from '../../issuers/imageContent.js';
import type { Services } from '../../services.js';
import {
  achievementArtSvg,
  issuerArtSvg,
  pngArt,
  svgArt,
  type ArtImage,
} from '../../sharing/badgeArt.js';
import { defineRoute, type RouteResponse } from '../route.js';

// The images profiles and achievements name. They may change (a new upload, a renamed
// achievement) at the same URL, so caches keep them an hour and then revalidate by ETag.
const CACHE_AN_HOUR = 'public, max-age=3600';
// An SVG opened on its own runs in our origin: forbid scripts in it whatever it holds.
const SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

function image(contentType: 'image/png' | 'image/svg+xml', art: ArtImage): RouteResponse {
  return {
    status: 200,
    body: art.body,
    contentType,
    headers: {
      'Cache-Control': CACHE_AN_HOUR,
      ETag: art.etag,
      // Displayers on other sites show these, and some fetch them from script.
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      ...(contentType === 'image/svg+xml' ? { 'Content-Security-Policy': SVG_POLICY } : {}),
    },
  };
}

async function achievementArt(params: Record<string, string>, services: Services) {
  const { catalog, issuers } = services;
  const achievement = await catalog.get(params.key ?? '');
  // In the catalog's default language, as credentials name it when no language is asked for.
  const document = catalog.achievementDocument(achievement);
  const issuer = await issuers.get(achievement.issuer);
  return achievementArtSvg({
    key: achievement.key,
    name: document.name,
    kind: achievement.kind,
    ...(achievement.achievementType ? { label: achievement.achievementType } : {}),
    issuerName: issuer.name,
  });
}

export const imageRoutes = [
  defineRoute({
    method: 'get',
    path: '/achievements/:key/image.png',
    operationId: 'getAchievementImagePng',
    summary:
      "The achievement's badge art (PNG, 600 px): what its Achievement.image names when the catalog gives no image",
    tag: 'Catalog',
    access: 'public',
    responses: { 200: { description: 'The badge art', contentType: 'image/png' } },
    async handle({ params }, services) {
      return image('image/png', await pngArt(await achievementArt(params, services)));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/achievements/:key/image.svg',
    operationId: 'getAchievementImageSvg',
    summary: "The achievement's badge art as SVG (the PNG is drawn from it)",
    tag: 'Catalog',
    access: 'public',
    responses: { 200: { description: 'The badge art', contentType: 'image/svg+xml' } },
    async handle({ params }, services) {
      return image('image/svg+xml', svgArt(await achievementArt(params, services)));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/issuers/:slug/image.png',
    operationId: 'getIssuerImage',
    summary:
      "The issuer's image (PNG): its upload, or badge art with its initials; what its Profile.image names when it was given no image URL",
    tag: 'Issuers',
    access: 'public',
    responses: { 200: { description: 'The image', contentType: 'image/png' } },
    async handle({ params }, { issuerImages }) {
      const { issuer, upload } = await issuerImages.source(params.slug ?? '');
      if (upload) {
        return image('image/png', { body: upload.bytes, etag: `"${upload.digest.slice(0, 32)}"` });
      }
      return image('image/png', await pngArt(issuerArtSvg(issuer)));
    },
  }),
  defineRoute({
    method: 'put',
    path: '/issuers/:slug/image',
    operationId: 'putIssuerImage',
    summary:
      "Upload the issuer's image: a PNG, or an SVG of shapes and text (drawn to PNG here); served from then on at /issuers/{slug}/image.png",
    tag: 'Issuers',
    access: 'issuer',
    rawBody: {
      mediaTypes: [...UPLOADABLE_IMAGE_TYPES],
      limit: (config) => config.issuerImageMaxBytes,
    },
    responses: {
      200: { description: 'Stored; the image URL serves it now', schema: 'issuer-image' },
      409: {
        description: 'The issuer names its image by URL, which its profiles keep showing',
        schema: 'problem',
        contentType: 'application/problem+json',
      },
      413: {
        description: 'Larger than ISSUER_IMAGE_MAX_BYTES',
        schema: 'problem',
        contentType: 'application/problem+json',
      },
      422: {
        description:
          'Not the image its Content-Type says (image-unreadable), an SVG with scripts, event handlers, external references or foreign objects (image-unsafe), or more than 2048 px a side (image-dimensions-too-large)',
        schema: 'problem',
        contentType: 'application/problem+json',
      },
    },
    async handle({ params, rawBody }, { issuerImages }) {
      // rawBody is set whenever the route runs: other types are refused with 415 before.
      const stored = await issuerImages.upload(params.slug ?? '', {
        contentType: rawBody?.contentType ?? '',
        bytes: rawBody?.bytes ?? Buffer.alloc(0),
      });
      return { status: 200, body: stored };
    },
  }),
];
