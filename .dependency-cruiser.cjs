// The import rules of the code's layout (README, "Architecture"), checked by `npm run lint` (depcruise src).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
	forbidden: [
		{
			name: 'no-cycles',
			comment: 'No import cycles anywhere, type-only and dynamic imports included.',
			severity: 'error',
			from: {},
			to: { circular: true }
		},
		{
			name: 'screens-reach-data-through-state',
			comment:
				'Routes and components never import db/: a state class (*.svelte.ts) or a feature module reads and writes for them.',
			severity: 'error',
			from: { path: '(^src/routes/|\\.svelte$)', pathNot: '(\\.svelte\\.ts|\\.test\\.ts)$' },
			to: { path: '^src/lib/db/' }
		},
		{
			name: 'only-db-imports-dexie',
			comment: 'db/ is the one place that knows the database library.',
			severity: 'error',
			from: { path: '^src/', pathNot: '^src/lib/db/' },
			to: { path: 'node_modules/dexie/' }
		},
		{
			name: 'only-srs-runs-ts-fsrs',
			comment: 'srs/ is the one place that runs the scheduler; others may import its types only.',
			severity: 'error',
			from: { path: '^src/', pathNot: '^src/lib/srs/' },
			to: { path: 'node_modules/ts-fsrs/', dependencyTypesNot: ['type-only'] }
		},
		{
			name: 'pure-logic-stays-pure',
			comment:
				'Pure modules take data and return data: no database, no Svelte, no browser-only deck module, no screens.',
			severity: 'error',
			from: {
				path: '^src/lib/((srs|quiz|stats)/|backup/(format|validate|merge|anki)\\.ts$|ui/format\\.ts$|deck/(search|highlight|summarize)\\.ts$)'
			},
			to: {
				path: '(^src/lib/db/|node_modules/(dexie|svelte|@sveltejs)/|\\.svelte(\\.ts)?$|^src/lib/deck/(deck|summary)\\.ts$|^src/routes/)'
			}
		},
		{
			name: 'model-imports-nothing',
			comment: "The app's types (model.ts) depend on nothing, so every layer can share them.",
			severity: 'error',
			from: { path: '^src/lib/model\\.ts$' },
			to: {}
		},
		{
			name: 'lib-never-imports-routes',
			comment: 'Shared code does not reach into a screen.',
			severity: 'error',
			from: { path: '^src/lib/' },
			to: { path: '^src/routes/' }
		},
		{
			name: 'browser-code-never-reaches-the-compiler',
			comment:
				'The deck compiler (Node: file system, YAML) runs at build time only; the browser gets the compiled deck.',
			severity: 'error',
			from: { path: '^src/(lib|routes)/|^src/service-worker\\.ts$', pathNot: '\\.test\\.ts$' },
			to: { path: '(^src/deck-compiler/|node_modules/yaml/)' }
		},
		{
			name: 'browser-code-has-no-node-builtins',
			severity: 'error',
			from: { path: '^src/(lib|routes)/|^src/service-worker\\.ts$', pathNot: '\\.test\\.ts$' },
			to: { dependencyTypes: ['core'] }
		},
		{
			name: 'shipped-code-has-no-test-helpers',
			comment: 'Test helpers live in tests/; shipped folders import none of them.',
			severity: 'error',
			from: { path: '^src/', pathNot: '\\.test\\.ts$' },
			to: { path: '(^tests/|\\.test\\.ts$|node_modules/(vitest|fake-indexeddb|@playwright)/)' }
		},
		{
			name: 'no-unresolvable',
			severity: 'error',
			from: {},
			to: { couldNotResolve: true, pathNot: '^(virtual:|\\$app/|\\$service-worker|\\./\\$types)' }
		}
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		tsPreCompilationDeps: true,
		tsConfig: { fileName: 'tsconfig.json' },
		webpackConfig: { fileName: '.dependency-cruiser-resolve.cjs' },
		enhancedResolveOptions: {
			exportsFields: ['exports'],
			conditionNames: ['import', 'require', 'node', 'default', 'types', 'svelte'],
			extensions: ['.ts', '.js', '.svelte', '.json'],
			mainFields: ['module', 'main', 'types']
		},
		exclude: { path: '(^|/)\\.svelte-kit/' }
	}
};
