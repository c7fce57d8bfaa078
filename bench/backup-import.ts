// How a long import and export behave: builds the app with a synthetic 10,000-card deck
// (scripts/bench/stress-content.ts), makes a review log of REVIEWS answers (default 300,000) with the app's
// scheduler, writes it as a backup file, imports it through the Import progress button into an empty
// browser, then imports it again (nothing new), then exports. Reports the time of each phase (the
// progress bar's labels), the `backup:import` and `backup:export` measures, the file sizes and the
// page's long tasks (the budget: none over 200 ms).
// Run: npm run bench:import   Environment: REVIEWS, FORMAT (2, or 1 for the old rows-as-stored file),
// E2E_PORT (default 4184), SKIP_BUILD=1 to reuse the last stress build.
import type { Answer, CardStateRow, ReviewRow } from '../src/lib/model.ts';
import { chromium, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { writeStressContent } from '../scripts/bench/stress-content.ts';
import { startStaticServer } from '../tests/e2e/support/static-server.ts';
import { encodeBackup, serializeBackup, type BackupV1 } from '../src/lib/backup/format.ts';
import { dueNowRow, makeScheduler, rate } from '../src/lib/srs/scheduler.ts';
import { DEFAULT_SETTINGS } from '../src/lib/srs/defaults.ts';
import { loadDeck } from '../src/deck-compiler/load.ts';

const port = Number(process.env.E2E_PORT ?? 4184);
const total = Number(process.env.REVIEWS ?? 300_000);
const format = Number(process.env.FORMAT ?? 2);
// Relative: the content loader joins CONTENT_DIR to the project folder.
const ROOT = '.bench/stress';
const CONTENT = join(ROOT, 'content');
const BUILD = join(ROOT, 'build');
const DAY = 86_400_000;

if (!process.env.SKIP_BUILD) {
	writeStressContent(CONTENT);
	const started = Date.now();
	// A fresh checkout has no .svelte-kit yet, which tsconfig.json extends.
	execFileSync('npx', ['svelte-kit', 'sync'], { stdio: 'inherit' });
	execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], {
		env: { ...process.env, CONTENT_DIR: CONTENT, BUILD_DIR: BUILD, KIT_OUT_DIR: join(ROOT, 'kit') },
		stdio: 'inherit'
	});
	console.log(`built the stress deck app in ${Math.round((Date.now() - started) / 1000)} s`);
}
process.env.CONTENT_DIR = CONTENT;
const cardIds = loadDeck(process.cwd()).cards.map((c) => c.id);

/**
 * A plausible log made as the app makes it: each card answered in turn over two years, at its due time
 * or earlier (never more than three weeks apart), mostly Good, with some Again, Hard and Easy, and now and
 * then made due by a quiz (rating 0).
 */
function makeLog(now: number): ReviewRow[] {
	const f = makeScheduler(DEFAULT_SETTINGS);
	const perCard = Math.ceil(total / cardIds.length);
	const reviews: ReviewRow[] = [];
	let seed = 7;
	const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
	for (const [c, cardId] of cardIds.entries()) {
		let state: CardStateRow | undefined;
		let at = now - 730 * DAY + (c % 60) * DAY + Math.floor(random() * DAY);
		for (let k = 0; k < perCard && reviews.length < total; k++) {
			if (k && random() < 0.01) {
				const row = dueNowRow(state, cardId, at, crypto.randomUUID());
				reviews.push(row);
				state = { ...state!, due: at, state: row.state };
				continue;
			}
			const p = random();
			const answer: Answer = p < 0.1 ? 1 : p < 0.2 ? 2 : p < 0.28 ? 4 : 3;
			const r = rate(f, cardId, state, answer, at, crypto.randomUUID(), 2000 + Math.floor(random() * 20_000));
			reviews.push(r.review);
			state = r.state;
			const next = Math.min(state.due, at + 21 * DAY);
			at = Math.max(at + 60_000, next - Math.floor(random() * 600_000));
			if (at > now - DAY) break;
		}
		if (reviews.length >= total) break;
	}
	return reviews;
}

const now = Date.now();
const started = Date.now();
const log = makeLog(now);
console.log(
	`made ${log.length.toLocaleString()} reviews of ${cardIds.length.toLocaleString()} cards in ${Math.round((Date.now() - started) / 1000)} s`
);
const data = { settings: {}, cardFlags: [], quizzes: [], reviews: log };
const header = { appVersion: '0.1.0', exportedAt: now };
const v1: BackupV1 = { format: 'kz-tm-study-backup', version: 1, ...header, ...data };
const text = format === 1 ? JSON.stringify(v1) : serializeBackup(encodeBackup(data, header)).join('');
const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
console.log(
	`file: version ${format}, ${mb(text.length)} (version 1 would be ${mb(JSON.stringify(v1).length)})`
);

const server = await startStaticServer(resolve(BUILD), port);
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox']
});

type Task = [start: number, duration: number];
const tasksSince = async (page: Page, from: number) =>
	(await page.evaluate(() => (globalThis as unknown as { __tasks: Task[] }).__tasks)).filter(
		([at]) => at >= from
	);
const longest = (tasks: Task[]) => Math.max(0, ...tasks.map(([, d]) => d));

async function importOnce(page: Page, name: string): Promise<void> {
	await page.evaluate(() => {
		(globalThis as unknown as { __phases: unknown[] }).__phases = [];
		performance.clearMeasures('backup:import');
	});
	// Handing the file to the page (Playwright) is itself a long task, before the import's start mark.
	await page.getByLabel('Import progress').setInputFiles(
		{
			name,
			mimeType: 'application/json',
			buffer: Buffer.from(text)
			// Handing 19 MB to the page takes long on a busy machine.
		},
		{ timeout: 300_000 }
	);
	const status = page.getByRole('status').filter({ hasText: 'Imported' });
	const alert = page.getByRole('alert');
	await status.or(alert).first().waitFor({ timeout: 600_000 });
	if (await alert.count()) throw new Error(await alert.innerText());
	console.log(`  ${await status.innerText()}`);
	const { measure, phases } = await page.evaluate(() => {
		const m = performance.getEntriesByName('backup:import', 'measure').at(-1)!;
		return {
			measure: { start: m.startTime, duration: m.duration },
			phases: (globalThis as unknown as { __phases: [number, string][] }).__phases
		};
	});
	for (const [i, [at, label]] of phases.entries()) {
		const next = phases[i + 1];
		if (next && label !== 'done')
			console.log(`  ${label.padEnd(34)} ${((next[0] - at) / 1000).toFixed(1)} s`);
	}
	console.log(`  backup:import ${(measure.duration / 1000).toFixed(1)} s`);
	const during = (await tasksSince(page, measure.start)).filter(
		([at]) => at <= measure.start + measure.duration
	);
	console.log(`  long tasks during the import: ${during.length}, longest ${longest(during)} ms`);
	await page.waitForTimeout(3000);
	const after = (await tasksSince(page, measure.start + measure.duration)).map(([, d]) => d);
	console.log(
		`  long tasks in the 3 s after (the stats page showing the new log): ${after.join(', ') || 'none'} ms`
	);
}

try {
	const page = await browser.newPage();
	await page.addInitScript(`
		globalThis.__tasks = [];
		globalThis.__phases = [];
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) globalThis.__tasks.push([Math.round(e.startTime), Math.round(e.duration)]);
		}).observe({ type: 'longtask' });
		new MutationObserver(() => {
			const label = document.querySelector('.progress label')?.textContent ?? 'done';
			const phases = globalThis.__phases;
			if (phases[phases.length - 1]?.[1] !== label) phases.push([Math.round(performance.now()), label]);
		}).observe(document, { subtree: true, childList: true, characterData: true });`);
	await page.goto(`${server.url}/stats`);
	await page.locator('[data-ready]').waitFor();

	console.log(`import into an empty browser:`);
	await importOnce(page, 'stress.json');
	console.log(`the same file again:`);
	await importOnce(page, 'stress-again.json');

	await page.evaluate(() => performance.clearMeasures('backup:export'));
	const [download] = await Promise.all([
		page.waitForEvent('download', { timeout: 600_000 }),
		page.getByRole('button', { name: 'Export progress' }).click()
	]);
	const size = (await (await import('node:fs/promises')).stat((await download.path())!)).size;
	const measure = await page.evaluate(() => {
		const m = performance.getEntriesByName('backup:export', 'measure').at(-1)!;
		return { start: m.startTime, duration: m.duration };
	});
	const during = (await tasksSince(page, measure.start)).filter(
		([at]) => at <= measure.start + measure.duration
	);
	console.log(
		`export: backup:export ${(measure.duration / 1000).toFixed(1)} s, file ${mb(size)}, long tasks ${during.length}, longest ${longest(during)} ms`
	);
} finally {
	await browser.close();
	await server.close();
}
