import { ForbiddenError, UnauthenticatedError } from '../../core/problems.js';
import { crosswalkCsv, type MappingActor } from '../../mappings/mappingService.js';
import { csvDownload } from '../csvDownload.js';
import { defineRoute, type Principal } from '../route.js';

function actorOf(principal: Principal | undefined): MappingActor {
  if (!principal) throw new UnauthenticatedError();
  if (principal.kind === 'admin') return { admin: true };
  return principal.kind === 'registrar'
    ? { registrar: principal.slug }
    : { issuer: principal.slug };
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

const decision = (action: 'approve' | 'reject' | 'withdraw', summary: string) =>
  defineRoute({
    method: 'post',
    path: `/mappings/:id/${action}`,
    operationId: `${action}Mapping`,
    summary,
    tag: 'Mappings',
    access: 'authenticated',
    requestSchema: 'mapping-decision',
    responses: {
      200: { description: 'The mapping with its history', schema: 'mapping-view' },
      403: { description: 'Not the one who may take this decision', schema: 'problem' },
      409: { description: 'No longer proposed, or already approved elsewhere', schema: 'problem' },
    },
    async handle({ params, body, principal }, { mappings }) {
      const view = await mappings.decide(params.id ?? '', action, actorOf(principal), body.comment);
      return { status: 200, body: view };
    },
  });

export const mappingRoutes = [
  defineRoute({
    method: 'get',
    path: '/frameworks/:key/crosswalk.json',
    operationId: 'getCrosswalkJson',
    summary:
      'Every achievement with its issuer, its mapping in the framework (level, state, dates) and its issued and valid credentials',
    tag: 'Frameworks',
    access: 'public',
    responses: {
      200: { description: 'The crosswalk', schema: 'crosswalk' },
      404: { description: 'No framework with this key', schema: 'problem' },
    },
    async handle({ params }, { mappings }) {
      return { status: 200, body: await mappings.crosswalk(params.key ?? '') };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/frameworks/:key/crosswalk.csv',
    operationId: 'getCrosswalkCsv',
    summary: 'The crosswalk as CSV (RFC 4180, a header line, the JSON rows as columns)',
    tag: 'Frameworks',
    access: 'public',
    responses: { 200: { description: 'The crosswalk', contentType: 'text/csv' } },
    async handle({ params }, { mappings }) {
      const { framework, rows } = await mappings.crosswalk(params.key ?? '');
      return csvDownload(crosswalkCsv(rows), `${framework}-crosswalk.csv`);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/mappings',
    operationId: 'proposeMapping',
    summary: 'A registrar proposes a framework level for an achievement; its issuer decides',
    tag: 'Mappings',
    access: 'registrar',
    requestSchema: 'mapping-create',
    responses: {
      201: { description: 'Proposed', schema: 'mapping-view' },
      409: { description: 'The achievement has an approved mapping there', schema: 'problem' },
      422: { description: 'Unknown achievement, framework or level', schema: 'problem' },
    },
    async handle({ body, principal }, { mappings }) {
      if (principal?.kind !== 'registrar') {
        throw new ForbiddenError('a mapping is proposed with a registrar key');
      }
      return { status: 201, body: await mappings.propose(principal.slug, body) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/mappings',
    operationId: 'listMappings',
    summary: 'Mappings, by ?framework=, ?achievement= and ?state=',
    tag: 'Mappings',
    access: 'public',
    responses: { 200: { description: 'The mappings, oldest first', schema: 'mapping-list' } },
    async handle({ query }, { mappings }) {
      const filter = {
        ...(text(query.framework) ? { framework: text(query.framework) } : {}),
        ...(text(query.achievement) ? { achievement: text(query.achievement) } : {}),
        ...(text(query.state) ? { state: text(query.state) } : {}),
      };
      return { status: 200, body: { mappings: await mappings.list(filter) } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/mappings/suggestions',
    operationId: 'suggestMappingLevel',
    summary: "For a tier (?achievement=&framework=): the level its constituents' levels guarantee",
    tag: 'Mappings',
    access: 'registrar',
    responses: { 200: { description: 'A suggestion, never applied', schema: 'level-suggestion' } },
    async handle({ query }, { mappings }) {
      const body = await mappings.suggest(
        text(query.achievement) ?? '',
        text(query.framework) ?? '',
      );
      return { status: 200, body };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/mappings/:id',
    operationId: 'getMapping',
    summary: 'One mapping with its full history (who, when, what, comment)',
    tag: 'Mappings',
    access: 'public',
    responses: { 200: { description: 'The mapping', schema: 'mapping-view' } },
    async handle({ params }, { mappings }) {
      return { status: 200, body: await mappings.get(params.id ?? '') };
    },
  }),
  decision(
    'approve',
    "The achievement's issuer (or the admin) approves: credentials issued from now on carry the level",
  ),
  decision('reject', "The achievement's issuer (or the admin) rejects, with a comment"),
  decision('withdraw', 'The registrar that proposed it withdraws the proposal'),
];
