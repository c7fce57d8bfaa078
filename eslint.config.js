import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'bench/results/',
			'.e2e-builds/',
			'.bench/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// The app has no base path, so plain absolute links are right; resolve() would add noise only.
			'svelte/no-navigation-without-resolve': 'off',
			// Never render markup from content, files or users.
			'svelte/no-at-html-tags': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
		}
	},
	// dependency-cruiser reads CommonJS configuration files.
	{ files: ['*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
	// One import style: inside src/lib, relative paths; from routes and the service worker, $lib. Both name
	// the file with its extension. (Which folder may import which is checked by .dependency-cruiser.cjs.)
	{
		files: ['src/lib/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: [{ regex: '^\\$lib(/|$)', message: 'Inside src/lib, import with a relative path.' }] }
			]
		}
	},
	{
		files: ['src/routes/**', 'src/service-worker.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: '^(\\.\\./)+(lib|src/lib)/',
							message: 'From a route, import shared code as $lib/….'
						}
					]
				}
			]
		}
	},
	{
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		rules: {
			'no-restricted-syntax': [
				'error',
				{
					selector:
						'ImportDeclaration[source.value=/^(\\.(?!\\/\\$types$)|\\$lib)(?!.*\\.(ts|js|svelte|json|css)$)/]',
					message: 'Name the imported file with its extension (.ts, .svelte, .svelte.ts).'
				}
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	}
);
