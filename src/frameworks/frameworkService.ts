// Qualifications frameworks as data: the files in credentials/frameworks/, validated at start,
// read-only afterwards. A mapping names a framework by its key and a level by its URI.
import { NotFoundError, UnprocessableError } from '../core/problems.js';
import { readValidatedJsonDir } from '../catalog/readValidatedJsonDir.js';
import { CatalogError } from '../catalog/loadCatalogDir.js';
import { DEFAULT_LANGUAGE, type Language } from '../catalog/catalogTypes.js';

/** Every text of a framework is in all three page languages (schemas/framework.json). */
export type FrameworkText = Record<Language, string>;

export interface FrameworkLevel {
  id: string;
  code: string;
  name: FrameworkText;
  description: FrameworkText;
}

export interface Framework {
  key: string;
  id: string;
  name: FrameworkText;
  description: FrameworkText;
  url?: string;
  levels: FrameworkLevel[];
}

/** A framework as GET /frameworks/{key}?lang= shows it (schemas/framework-view.json). */
export interface FrameworkView {
  key: string;
  id: string;
  name: string;
  description: string;
  url?: string;
  inLanguage: Language;
  levels: Array<{ id: string; code: string; name: string; description: string }>;
}

/** The frameworks folder inside the catalog folder. */
export const FRAMEWORKS_SUBDIR = 'frameworks';

/** Reads every *.json in the folder (none when it is missing); a bad file stops the start. */
export function loadFrameworkDir(directory: string): Framework[] {
  const frameworks: Framework[] = [];
  for (const { file, value: framework } of readValidatedJsonDir<Framework>(
    directory,
    'framework',
  )) {
    const problem = levelProblem(framework);
    if (problem) throw new CatalogError(file, 'levels', problem);
    if (frameworks.some((f) => f.key === framework.key || f.id === framework.id)) {
      throw new CatalogError(
        file,
        'key',
        `a framework "${framework.key}" or ${framework.id} exists`,
      );
    }
    frameworks.push(framework);
  }
  return frameworks;
}

/** Level URIs and codes must each name one level: a credential's alignment is read by them. */
function levelProblem(framework: Framework): string | undefined {
  const ids = new Set(framework.levels.map((l) => l.id));
  const codes = new Set(framework.levels.map((l) => l.code));
  if (ids.size !== framework.levels.length) return 'two levels have the same id';
  if (codes.size !== framework.levels.length) return 'two levels have the same code';
  return undefined;
}

export function frameworkView(framework: Framework, language: Language): FrameworkView {
  return {
    key: framework.key,
    id: framework.id,
    name: framework.name[language],
    description: framework.description[language],
    ...(framework.url ? { url: framework.url } : {}),
    inLanguage: language,
    levels: framework.levels.map((level) => ({
      id: level.id,
      code: level.code,
      name: level.name[language],
      description: level.description[language],
    })),
  };
}

export class FrameworkService {
  readonly #byKey: ReadonlyMap<string, Framework>;

  constructor(frameworks: readonly Framework[]) {
    this.#byKey = new Map(frameworks.map((f) => [f.key, f]));
  }

  list(): Framework[] {
    return [...this.#byKey.values()];
  }

  /** For GET /frameworks/{key}: an unknown key is a 404. */
  get(key: string): Framework {
    const framework = this.#byKey.get(key);
    if (!framework) throw new NotFoundError(`no framework with key "${key}"`);
    return framework;
  }

  /** For a request body naming a framework and a level: either unknown is a 422 on its field. */
  level(frameworkKey: string, level: string): { framework: Framework; level: FrameworkLevel } {
    const framework = this.#byKey.get(frameworkKey);
    if (!framework) {
      throw new UnprocessableError('unknown-framework', `no framework "${frameworkKey}"`, {
        errors: [
          {
            field: 'framework',
            message: `must be one of ${JSON.stringify([...this.#byKey.keys()])}`,
          },
        ],
      });
    }
    // A level is named by its URI or, for convenience, by its code in that framework.
    const found = framework.levels.find((l) => l.id === level || l.code === level);
    if (!found) {
      throw new UnprocessableError(
        'unknown-level',
        `framework "${frameworkKey}" has no level "${level}"`,
        { errors: [{ field: 'level', message: `is not a level URI or code of ${framework.key}` }] },
      );
    }
    return { framework, level: found };
  }

  view(framework: Framework, language: Language = DEFAULT_LANGUAGE): FrameworkView {
    return frameworkView(framework, language);
  }
}
