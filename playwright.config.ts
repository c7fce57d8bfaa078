import { defineConfig, devices } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// The tests drive the system's Chromium (Debian's package); Playwright's own browser download
// is not used. Set CHROMIUM_PATH to use another build.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
	throw new Error(
		`No Chromium at ${chromium}. Install it with "apt-get install -y chromium" ` +
			'(or set CHROMIUM_PATH to a Chromium or Chrome binary), then run the tests again.'
	);
}

const port = Number(process.env.E2E_PORT ?? 4174);

// The sync tests start a real sync server (tests/e2e/support/sync.ts) on this port, and the preview server
// passes /couch/ on to it. A free port is picked once, here, in the main process; the test workers inherit
// it through the environment. Other tests never start the server and never reach it.
process.env.E2E_SYNC_PORT ??= execFileSync(process.execPath, [
	'-e',
	"const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"
]).toString();
const syncUrl = `http://127.0.0.1:${process.env.E2E_SYNC_PORT}`;

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	forbidOnly: !!process.env.CI,
	retries: process.env.CI ? 1 : 0,
	workers: 2,
	reporter: [['list']],
	timeout: 30_000,
	expect: { timeout: 7_000 },
	use: {
		baseURL: `http://localhost:${port}`,
		// A trace records every action of every test, which costs the browser and the disk on every passing
		// test: recorded only when a failed test is run again (CI retries once). Locally: --trace on.
		trace: 'on-first-retry',
		launchOptions: {
			executablePath: chromium,
			args: [
				'--disable-background-networking',
				'--disable-component-update',
				'--no-first-run',
				'--disable-sync',
				'--disable-dev-shm-usage',
				'--no-sandbox'
			]
		}
	},
	projects: [
		{ name: 'desktop', use: { ...devices['Desktop Chrome'] }, testIgnore: /\.phone\.test\.ts$/ },
		{
			name: 'phone',
			use: { ...devices['Pixel 5'], viewport: { width: 360, height: 640 } },
			testMatch: /\.phone\.test\.ts$/
		}
	],
	webServer: {
		command: `npx vite preview --port ${port} --strictPort`,
		url: `http://localhost:${port}/`,
		env: { SYNC_URL: syncUrl },
		reuseExistingServer: false,
		timeout: 60_000
	}
});
