import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildVersion, immutableFiles } from './support/builds.ts';
import { startStaticServer } from './support/static-server.ts';
import { routes, waitForServiceWorker } from './support/pwa.ts';

/** The app's hashed files this page has loaded (from the service worker or the network). */
function loadedAppFiles(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.map((e) => new URL(e.name).pathname)
			.filter((path) => path.startsWith('/_app/immutable/'))
	);
}

test.describe('a new version', () => {
	// Two production builds served in turn from one address, as two deployments: version A is the
	// suite's own build, version B is built here (once per run) under another version name.
	const PORT = Number(process.env.E2E_PORT ?? 4174) + 12;

	test('waits until the learner reloads, and the old page keeps working until then', async ({ browser }) => {
		test.setTimeout(120_000);
		const a = resolve('build');
		const versionA = (JSON.parse(await readFile(join(a, '_app/version.json'), 'utf8')) as { version: string })
			.version;
		expect(versionA).not.toBe('e2e-b');
		// Build B while the browser visits A.
		const building = buildVersion('e2e-b');
		building.catch(() => {});

		const server = await startStaticServer(a, PORT);
		const context = await browser.newContext({ baseURL: server.url });
		try {
			const page = await context.newPage();
			await page.goto('/read');
			await waitForServiceWorker(page);
			const banner = page.getByRole('status').filter({ hasText: 'A new version is available' });
			await expect(banner).toHaveCount(0);

			const b = await building;
			const [filesA, filesB] = await Promise.all([immutableFiles(a), immutableFiles(b)]);
			expect(
				[...filesB].filter((f) => !filesA.has(f)).length,
				'the two versions differ in their hashed files'
			).toBeGreaterThan(0);

			// Deploy version B; the open app looks for it when it becomes visible again.
			server.requests.length = 0;
			server.serve(b);
			await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
			await expect(banner).toBeVisible({ timeout: 15_000 });
			// The update downloaded only B's new hashed files; the ones A has too came from A's cache.
			const downloaded = server.requests.filter((path) => path.startsWith('/_app/immutable/'));
			expect(downloaded.length).toBeGreaterThan(0);
			for (const path of downloaded) expect(filesA.has(path), path).toBe(false);
			const axe = await new AxeBuilder({ page }).include('header').analyze();
			expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

			// Version A goes on working: a screen it has not loaded yet comes from A's files.
			await page
				.getByRole('navigation', { name: 'Main' })
				.getByRole('link', { name: 'Cards', exact: true })
				.click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cards');
			await expect(page.locator('.card-list > li').first()).toBeVisible();
			for (const file of await loadedAppFiles(page)) expect(filesA.has(file), file).toBe(true);
			expect(await page.evaluate(() => fetch('/_app/version.json').then((r) => r.json()))).toEqual({
				version: versionA
			});

			// A page that is not found makes SvelteKit ask whether the app was updated; it must not
			// hear about B before B runs, or it reloads the page again and again.
			let loads = 0;
			page.on('load', () => loads++);
			await page.goto('/read/no-such-document');
			await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
			await page.waitForTimeout(1_000);
			expect(loads).toBe(1);

			// A plain reload keeps version A, and offers B again.
			await page.goto('/cards');
			await page.reload();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cards');
			await expect(banner).toBeVisible();
			for (const file of await loadedAppFiles(page)) expect(filesA.has(file), file).toBe(true);

			// Reload: version B takes over, and the page runs on B's files only.
			await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Reload' }).click()]);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cards');
			await expect(banner).toHaveCount(0);
			const loaded = await loadedAppFiles(page);
			expect(loaded.length).toBeGreaterThan(0);
			for (const file of loaded) expect(filesB.has(file), file).toBe(true);
			expect(loaded.some((f) => !filesA.has(f))).toBe(true);
			expect(await page.evaluate(() => fetch('/_app/version.json').then((r) => r.json()))).toEqual({
				version: 'e2e-b'
			});
			// The old version's cache is gone.
			// Only the new version's caches (its precache, and the cache of files it loads on first use) are left.
			expect((await page.evaluate(() => caches.keys())).filter((name) => !name.endsWith('-e2e-b'))).toEqual(
				[]
			);
			expect(await page.evaluate(() => caches.keys())).toContain('app-e2e-b');
		} finally {
			await context.close();
			await server.close();
		}
	});
});

test('Chromium finds the app installable, with the manifest read without errors', async ({
	playwright,
	baseURL
}, testInfo) => {
	// Chromium never offers to install from a private window, which is what a test's context is.
	const profile = await mkdtemp(join(tmpdir(), 'kz-tm-profile-'));
	const context = await playwright.chromium.launchPersistentContext(profile, {
		...testInfo.project.use.launchOptions,
		baseURL
	});
	const page = context.pages()[0] ?? (await context.newPage());
	await page.goto('/');
	await waitForServiceWorker(page);
	const cdp = await context.newCDPSession(page);
	const manifest = await cdp.send('Page.getAppManifest');
	expect(manifest.errors).toEqual([]);
	expect(new URL(manifest.url).pathname).toBe('/manifest.webmanifest');
	const data = JSON.parse(manifest.data!) as {
		display: string;
		start_url: string;
		icons: { sizes: string; purpose?: string }[];
	};
	expect(data.display).toBe('standalone');
	expect(data.icons.map((i) => `${i.sizes} ${i.purpose ?? 'any'}`)).toEqual(
		expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable'])
	);
	const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
	expect(installabilityErrors).toEqual([]);
	await context.close();
	await rm(profile, { recursive: true, force: true });
});

test('every icon the manifest and the pages name is served as the image it claims to be', async ({
	page,
	request
}) => {
	await page.goto('/');
	const manifest = (await (await request.get('/manifest.webmanifest')).json()) as {
		icons: { src: string; sizes: string; type: string }[];
	};
	const links = await page
		.locator('link[rel="icon"], link[rel="apple-touch-icon"]')
		.evaluateAll((els) => els.map((e) => new URL(e.getAttribute('href')!, location.href).pathname));
	expect(links).toContain('/apple-touch-icon.png');
	for (const icon of manifest.icons) {
		const response = await request.get(icon.src);
		expect(response.ok(), icon.src).toBe(true);
		expect(response.headers()['content-type']).toContain(icon.type);
		if (icon.type === 'image/png') {
			const png = await response.body();
			const [w, h] = icon.sizes.split('x').map(Number);
			expect([png.readUInt32BE(16), png.readUInt32BE(20)], icon.src).toEqual([w, h]);
		}
	}
	for (const href of links) expect((await request.get(href)).ok(), href).toBe(true);
});

// One walk through every screen for both: what the pages load must break no rule of the policy and reach no
// other origin.
test('the content security policy allows this origin only, nothing on any page breaks it, and the app never asks another origin for anything', async ({
	context,
	page,
	baseURL
}) => {
	test.slow(); // every screen in turn, hovering its links
	const problems: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) problems.push(m.text());
	});
	page.on('pageerror', (e) => problems.push(e.message));
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
		});
	});
	const origin = new URL(baseURL!).origin;
	const ours: string[] = [];
	const foreign: string[] = [];
	// Every request of every page in this context, the service worker's page requests included.
	context.on('request', (r) => (new URL(r.url()).origin === origin ? ours : foreign).push(r.url()));

	await page.goto('/');
	const policy = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
	const directives = new Map(
		policy!
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.map(([name, ...sources]) => [name!, sources])
	);
	expect(directives.get('default-src')).toEqual(["'self'"]);
	for (const [name, sources] of directives) {
		for (const source of sources) {
			const allowed =
				["'self'", "'none'"].includes(source) ||
				(name === 'script-src' && /^'sha256-[A-Za-z0-9+/=]+'$/.test(source)) ||
				(name === 'style-src-attr' && source === "'unsafe-inline'");
			expect(allowed, `${name} ${source}`).toBe(true);
		}
	}

	// The service worker registers and runs under the policy.
	await waitForServiceWorker(page);
	for (const route of routes) {
		await page.goto(route.path);
		await route.shows(page);
		// Hover and follow links inside the app, which preloads and loads what they need.
		for (const link of (await page.locator('main a[href^="/"]').all()).slice(0, 8)) await link.hover();
	}
	await page.goto('/read/magazine-2022');
	await page.locator('section#visit-milestone summary').click();
	await page.goto('/read/encyclopedia');
	await page.locator('summary').first().click();
	await page.goto('/cards');
	await page.getByLabel('Search').fill('Gurbanguly');
	await page.locator('.card-list .sources a').first().click();
	await expect(page.locator('mark')).toHaveCount(1);
	await page.goto('/read/no-such-document');
	await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();

	expect(problems).toEqual([]);
	expect(ours.length).toBeGreaterThan(0);
	expect(foreign).toEqual([]);
});
