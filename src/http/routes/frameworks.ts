import { LANGUAGES, type Language } from '../../catalog/catalogTypes.js';
import { defineRoute } from '../route.js';

function languageOf(query: Record<string, unknown>): Language {
  return LANGUAGES.find((language) => language === query.lang) ?? 'en';
}

export const frameworkRoutes = [
  defineRoute({
    method: 'get',
    path: '/frameworks',
    operationId: 'listFrameworks',
    summary: 'The qualifications frameworks levels can be mapped onto (?lang=en|zh-TW|ja)',
    tag: 'Frameworks',
    access: 'public',
    responses: { 200: { description: 'Every framework', schema: 'framework-list' } },
    async handle({ query }, { frameworks }) {
      const language = languageOf(query);
      return {
        status: 200,
        body: { frameworks: frameworks.list().map((f) => frameworks.view(f, language)) },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/frameworks/:key',
    operationId: 'getFramework',
    summary: 'One framework by its key (eqf, itss, icap) with its levels (?lang=en|zh-TW|ja)',
    tag: 'Frameworks',
    access: 'public',
    responses: {
      200: { description: 'The framework', schema: 'framework-view' },
      404: { description: 'No framework with this key', schema: 'problem' },
    },
    async handle({ params, query }, { frameworks }) {
      const framework = frameworks.get(params.key ?? '');
      return { status: 200, body: frameworks.view(framework, languageOf(query)) };
    },
  }),
];
