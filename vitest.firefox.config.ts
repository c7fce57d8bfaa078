// The end-to-end tests in Firefox (tests/firefox/): Node drives the browser, one file at a time, with the long
// waits a browser's start needs on a busy machine. `npm run test:firefox`, after `npm run build`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['tests/firefox/**/*.test.ts'],
		environment: 'node',
		fileParallelism: false,
		testTimeout: 120_000,
		hookTimeout: 180_000
	}
});
