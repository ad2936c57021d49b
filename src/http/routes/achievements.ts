import { LANGUAGES, type Language } from '../../catalog/catalogTypes.js';
import { UnprocessableError } from '../../core/problems.js';
import { defineRoute } from '../route.js';

function languageOf(query: Record<string, unknown>): Language {
  const requested = query.lang;
  return LANGUAGES.find((language) => language === requested) ?? 'en';
}

export const achievementRoutes = [
  defineRoute({
    method: 'get',
    path: '/achievements',
    operationId: 'listAchievements',
    summary: 'The catalog as OB3 Achievements (?lang=en|zh-TW|ja)',
    tag: 'Catalog',
    access: 'public',
    responses: { 200: { description: 'Every achievement', schema: 'achievement-list' } },
    async handle({ query }, { catalog }) {
      const language = languageOf(query);
      const achievements = (await catalog.list()).map((a) =>
        catalog.achievementDocument(a, language),
      );
      return { status: 200, body: { achievements } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/achievements/:key',
    operationId: 'getAchievement',
    summary: 'One catalog achievement as an OB3 Achievement (?lang=en|zh-TW|ja)',
    tag: 'Catalog',
    access: 'public',
    responses: { 200: { description: 'The achievement', schema: 'achievement' } },
    async handle({ params, query }, { catalog }) {
      const achievement = await catalog.get(params.key ?? '');
      return { status: 200, body: catalog.achievementDocument(achievement, languageOf(query)) };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/achievements/:key',
    operationId: 'putAchievement',
    summary: 'Add or update a catalog achievement; credentials already issued do not change',
    tag: 'Catalog',
    access: 'admin',
    requestSchema: 'catalog-achievement',
    responses: { 200: { description: 'The stored catalog entry', schema: 'catalog-achievement' } },
    async handle({ params, body }, { catalog }) {
      if (body.key !== params.key) {
        throw new UnprocessableError('key-mismatch', `key must be "${params.key}"`, {
          errors: [{ field: 'key', message: `must equal the key in the path, "${params.key}"` }],
        });
      }
      return { status: 200, body: await catalog.put(body) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/achievements/:key/reevaluations',
    operationId: 'listTierReevaluations',
    summary:
      'Progress of re-evaluating every learner after this tier rule was written (newest first)',
    tag: 'Catalog',
    access: 'admin',
    responses: {
      200: {
        description: 'Each re-evaluation and how far it got',
        schema: 'tier-reevaluation-list',
      },
    },
    async handle({ params }, { catalog, catalogReevaluation }) {
      const tier = await catalog.get(params.key ?? '');
      return { status: 200, body: { reevaluations: await catalogReevaluation.progress(tier.key) } };
    },
  }),
];
