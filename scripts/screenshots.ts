// npm run screenshots [history.json]: builds the app, gives it some history (the backup file given, such as a demo
// history, or else a few answers in the review), and saves phone-size pictures of the main screens, light and dark,
// into docs/screenshots/, with manifest.json saying what each shows (checked by scripts/screenshots.test.ts).
import type { Page } from '@playwright/test';
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const OUT = 'docs/screenshots';
export const VIEWPORT = { width: 360, height: 740 };
export const SCHEMES = ['light', 'dark'] as const;

export interface Screen {
	name: string;
	path: string;
	/** The main heading the picture shows. */
	heading: string;
	prepare?: (page: Page) => Promise<void>;
}

export const SCREENS: Screen[] = [
	{ name: 'home', path: '/', heading: 'Kazakhstan–Turkmenistan relations' },
	{
		name: 'review',
		path: '/review',
		heading: 'Review',
		prepare: async (page) => {
			await page.locator('#review-question').waitFor();
			await page.getByRole('button', { name: 'Show answer' }).click();
		}
	},
	{
		name: 'read-recall',
		path: '/read/encyclopedia',
		heading: 'Kazakhstan–Turkmenistan relations',
		prepare: async (page) => {
			const recall = page.getByRole('switch', { name: 'Recall' });
			if ((await recall.getAttribute('aria-checked')) !== 'true') await recall.click();
			const prompt = page.locator('.prompt').first();
			await prompt.getByRole('button', { name: 'Show answer' }).click();
			await prompt.scrollIntoViewIfNeeded();
		}
	},
	{
		name: 'stats',
		path: '/stats',
		heading: 'Statistics',
		prepare: (page) => page.locator('[data-ready]').waitFor()
	}
];

export interface ManifestEntry {
	file: string;
	path: string;
	scheme: (typeof SCHEMES)[number];
	width: number;
	height: number;
	heading: string;
}

async function fill(page: Page, history: string | undefined) {
	if (history) {
		await page.goto('/stats');
		await page.getByRole('button', { name: 'Import progress' }).and(page.locator(':enabled')).waitFor();
		await page.getByLabel('Import progress').setInputFiles(history);
		await page.getByRole('status').filter({ hasText: 'Imported' }).waitFor({ timeout: 120_000 });
		return;
	}
	await page.goto('/review');
	for (const key of ['3', '3', '4', '1', '3']) {
		await page.locator('#review-question').waitFor();
		await page.keyboard.press('Space');
		await page.locator('#review-answer').waitFor();
		await page.keyboard.press(key);
		await page.locator('#review-answer').waitFor({ state: 'detached' });
	}
}

async function main(history: string | undefined) {
	execSync('npm run build', { stdio: 'inherit' });
	const { chromium } = await import('@playwright/test');
	const { startStaticServer } = await import('../tests/e2e/support/static-server.ts');
	const server = await startStaticServer(resolve('build'), Number(process.env.E2E_PORT ?? 4190));
	const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
	const context = await browser.newContext({
		baseURL: server.url,
		viewport: VIEWPORT,
		deviceScaleFactor: 1,
		isMobile: true,
		hasTouch: true,
		reducedMotion: 'reduce'
	});
	const manifest: ManifestEntry[] = [];
	try {
		const page = await context.newPage();
		await fill(page, history);
		mkdirSync(OUT, { recursive: true });
		for (const scheme of SCHEMES) {
			await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
			for (const screen of SCREENS) {
				await page.goto(screen.path);
				await page.getByRole('heading', { level: 1, name: screen.heading }).first().waitFor();
				await screen.prepare?.(page);
				const file = `${screen.name}-${scheme}.png`;
				await page.screenshot({ path: `${OUT}/${file}`, animations: 'disabled', caret: 'hide' });
				manifest.push({ file, path: screen.path, scheme, ...VIEWPORT, heading: screen.heading });
				console.log(`${OUT}/${file}`);
			}
		}
	} finally {
		await browser.close();
		await server.close();
	}
	writeFileSync(`${OUT}/manifest.json`, JSON.stringify(manifest, null, '\t') + '\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const history = process.argv[2];
	if (history) JSON.parse(readFileSync(history, 'utf8')); // A file that is not JSON stops here, with its error.
	await main(history);
}
