import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// The end-to-end update test builds the app twice, as two versions, away from the usual folders:
// APP_VERSION names the version (it names the service worker's cache too), KIT_OUT_DIR and
// BUILD_DIR keep those builds from overwriting the one `vite preview` is serving.
const env = process.env;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		runes: true
	},
	kit: {
		// BUILD_DIR and KIT_OUT_DIR let a test or the benchmark build a second copy beside the real one.
		// Every route is prerendered with its content; 404.html, rendered in the browser alone, answers any other
		// address (the host's not-found page, and the service worker's answer offline).
		adapter: adapter({ pages: env.BUILD_DIR ?? 'build', fallback: '404.html', strict: true }),
		outDir: env.KIT_OUT_DIR ?? '.svelte-kit',
		version: env.APP_VERSION ? { name: env.APP_VERSION } : {},
		// Registered by src/lib/pwa/app-update.svelte.ts, which owns the update flow:
		// a new version waits until the learner chooses to reload.
		serviceWorker: { register: false },
		// Absolute asset paths: the service worker answers unknown addresses with the cached fallback page,
		// and its ./_app/… links would break one folder down (/read/anything).
		paths: { relative: false },
		prerender: {
			handleHttpError: 'fail',
			handleMissingId: 'fail'
		},
		// Only this origin, ever: no fonts, CDNs or analytics. SvelteKit adds the hash of its one
		// inline boot script to script-src. Inline style *attributes* stay allowed (SvelteKit's own
		// route announcer has one); inline <style> elements and every other inline source do not.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				'style-src-attr': ['unsafe-inline'],
				'img-src': ['self'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
