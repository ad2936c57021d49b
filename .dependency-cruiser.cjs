// The import rule (ARCHITECTURE.md): web -> use cases -> store ports, with core below all.
// `npm run lint` runs this; a change that imports upward or in a circle fails CI.
const WEB = '^src/(http|pages|sharing|baking)/';
const COMPOSITION = '^src/(main|app|services)\\.ts$|^src/(migrate|backup)/';
const STORE_ADAPTERS = '^src/store/(sqlite|mongo)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules that import one another cannot be understood or changed one at a time.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'core-imports-nothing-of-ours',
      comment: 'src/core is the vocabulary every layer shares; it depends on no other layer.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'nothing-imports-web',
      comment: 'HTTP, pages and badges are the outermost layer: use cases never see them.',
      severity: 'error',
      from: { path: '^src/', pathNot: `${WEB}|${COMPOSITION}` },
      to: { path: WEB },
    },
    {
      name: 'web-does-not-touch-the-store',
      comment: 'Routes and pages go through use cases, which own the rules around storage.',
      severity: 'error',
      from: { path: WEB },
      to: { path: '^src/store/' },
    },
    {
      name: 'only-the-composition-root-picks-an-adapter',
      comment: 'Use cases talk to store ports; which database is behind them is chosen once.',
      severity: 'error',
      from: { path: '^src/', pathNot: `${COMPOSITION}|${STORE_ADAPTERS}` },
      to: { path: STORE_ADAPTERS },
    },
    {
      name: 'the-store-knows-only-core',
      comment: 'Ports and adapters store records; they do not call back into use cases.',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/', pathNot: '^src/(store|core)/' },
    },
    {
      name: 'nothing-imports-the-composition-root',
      comment: 'main, app and services wire everything; depending on them closes a circle.',
      severity: 'error',
      from: { path: '^src/', pathNot: COMPOSITION },
      to: { path: '^src/(main|app)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/types/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.json'] },
  },
};
