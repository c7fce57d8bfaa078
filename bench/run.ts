// npm run bench: builds the app twice (the real deck, and a synthetic deck of 10,000 cards), seeds each
// with a consistent review log and card states, drives it in headless Chromium, prints a table of the
// figures against their targets and writes them to bench/results/bench-<time>.json.
// The timings are the app's own User Timing measures (src/lib/perf.ts), read back from the page.
// Environment: CHROMIUM_PATH (default /usr/bin/chromium), BENCH_PORT (default 5200; the stress build
// uses the next port), BENCH_ONLY=real|stress to run one collection
// (lighthouse: only the Lighthouse audits, which otherwise run with the real collection; sync: the first
// full sync alone, bench/sync.ts; optimizer: bench/optimizer.ts alone, on the build in build/),
// LIGHTHOUSE_RUNS (default 3), BENCH_RUNS (page loads per figure), BENCH_PARTS (a comma-separated list of
// the parts to run: stats, reader, queue, startup, answers, export, import, lighthouse, optimizer (after both
// collections, on the real build: bench/optimizer.ts); default all), and
// BENCH_PROFILE=1 (a JavaScript CPU profile while answering: what ran during each long task and slow answer),
// BENCH_MARKS=1 (the User Timing entries of the last opening of /review).
import type { CardStateRow, ReviewRow, SrsSettings } from '../src/lib/model.ts';
import { encodeBackup, serializeBackup } from '../src/lib/backup/format.ts';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadDeck } from '../src/deck-compiler/load.ts';
import { makeScheduler, replay } from '../src/lib/srs/scheduler.ts';
import { countRowsOf } from '../src/lib/db/counts.ts';
import { cardSetRowsOf } from '../src/lib/db/card-set.ts';
import { DEFAULT_SETTINGS } from '../src/lib/srs/defaults.ts';
import { precacheSize, routeJavaScript } from '../scripts/bench/sizes.ts';
import { simulateDailyReview, simulateEachCard, type History } from '../scripts/bench/simulate.ts';
import { writeStressContent } from '../scripts/bench/stress-content.ts';
import { startStaticServer } from '../tests/e2e/support/static-server.ts';
import { lighthouseRoutes, lighthouseTable, type LighthouseFigure } from './lighthouse.ts';

const ROOT = resolve(import.meta.dirname, '..');
const RESULTS = join(ROOT, 'bench/results');
const PORT = Number(process.env.BENCH_PORT ?? 5200);
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const ANSWERS = 60;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
	'--disable-background-networking',
	'--disable-component-update',
	'--no-first-run',
	'--disable-sync'
];

type Collection = 'real' | 'stress';

/** The targets each collection's figures are held to. */
const TARGETS: Record<
	Collection,
	Record<'answer' | 'queue' | 'startup' | 'stats' | 'heatmap' | 'map' | 'import' | 'export', string>
> = {
	real: {
		answer: '≤12 ms median, ≤30 ms p95',
		queue: '≤30 ms',
		startup: '≤600 ms',
		stats: '≤150 ms',
		heatmap: '≤300 ms',
		map: '≤150 ms',
		import: '≤1 s',
		export: ''
	},
	stress: {
		answer: '≤12 ms median, ≤30 ms p95',
		queue: '≤50 ms',
		startup: '≤1,000 ms',
		stats: '≤300 ms',
		heatmap: '≤600 ms',
		map: '≤400 ms',
		import: '≤15 s',
		export: '≤3 s'
	}
};

const PARTS = [
	'stats',
	'reader',
	'queue',
	'startup',
	'answers',
	'export',
	'import',
	'lighthouse',
	'optimizer'
] as const;
type Part = (typeof PARTS)[number];
const chosen = process.env.BENCH_PARTS?.split(',').map((p) => p.trim());
for (const p of chosen ?? [])
	if (!(PARTS as readonly string[]).includes(p)) throw new Error(`BENCH_PARTS: no part ${p}`);
/** Whether a part of the bench runs (BENCH_PARTS; all by default). */
const runs = (part: Part) => !chosen || chosen.includes(part);

interface Figure {
	/** What was timed, when it is not the app's own measure (e.g. wall clock). */
	note?: string;
	runs: number[];
	median: number | null;
	p95: number | null;
	target?: string;
}

const rounded = (n: number) => Math.round(n * 10) / 10;

function figure(runs: number[], target?: string, note?: string): Figure {
	const sorted = [...runs].sort((a, b) => a - b);
	const at = (q: number) =>
		sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : null;
	return { runs: runs.map(rounded), median: at(0.5), p95: at(0.95), target, ...(note ? { note } : {}) };
}

function log(...parts: unknown[]): void {
	console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...parts);
}

// ---------------------------------------------------------------------------------------------- builds

function build(collection: Collection): { buildDir: string; kitOut: string } {
	const env = { ...process.env };
	let buildDir = join(ROOT, 'build');
	let kitOut = join(ROOT, '.svelte-kit');
	if (collection === 'stress') {
		const content = join(RESULTS, 'stress-content');
		writeStressContent(content);
		buildDir = join(RESULTS, 'stress-build');
		kitOut = join(RESULTS, 'stress-kit');
		Object.assign(env, { CONTENT_DIR: content, BUILD_DIR: buildDir, KIT_OUT_DIR: kitOut });
	}
	log(`building the ${collection} app…`);
	try {
		// A fresh checkout has no .svelte-kit yet, which tsconfig.json extends.
		execFileSync(join(ROOT, 'node_modules/.bin/svelte-kit'), ['sync'], { cwd: ROOT, stdio: 'pipe' });
		execFileSync(join(ROOT, 'node_modules/.bin/vite'), ['build'], { cwd: ROOT, env, stdio: 'pipe' });
	} catch (error) {
		const e = error as { stdout?: Buffer; stderr?: Buffer };
		console.error(String(e.stdout ?? ''), String(e.stderr ?? ''));
		throw new Error(`the ${collection} build failed`);
	}
	return { buildDir, kitOut };
}

// ----------------------------------------------------------------------------------------- histories

interface Seed {
	settings: SrsSettings;
	history: History;
	/** A document to open in the reader. */
	document: string;
}

function makeSeed(collection: Collection, end: number): Seed {
	if (collection === 'stress') process.env.CONTENT_DIR = join(RESULTS, 'stress-content');
	const deck = loadDeck(ROOT);
	delete process.env.CONTENT_DIR;
	const started = Date.now();
	let settings: SrsSettings;
	let history: History;
	if (collection === 'real') {
		// A learner who asks for a high retention: a year of daily reviews, about 5,000 answers.
		settings = { ...DEFAULT_SETTINGS, desiredRetention: 0.94 };
		history = simulateDailyReview({ cards: deck.cards, settings, days: 365, end, seed: 1 });
	} else {
		// Intervals capped at 120 days keep every card coming back: about 300,000 answers over two years.
		settings = { ...DEFAULT_SETTINGS, maximumInterval: 120 };
		history = simulateEachCard({
			cardIds: deck.cards.map((c) => c.id),
			settings,
			days: 730,
			introduceOver: 520,
			end,
			seed: 2
		});
	}
	// The cached states must be what the app's replay of the log gives: check a sample.
	const f = makeScheduler(settings);
	const byCard = new Map<string, ReviewRow[]>();
	for (const r of history.reviews) {
		const list = byCard.get(r.cardId);
		if (list) list.push(r);
		else byCard.set(r.cardId, [r]);
	}
	for (const cardId of [...history.states.keys()].filter((_, i) => i % 97 === 0)) {
		const rebuilt = replay(f, cardId, byCard.get(cardId)!);
		if (JSON.stringify(rebuilt) !== JSON.stringify(history.states.get(cardId)))
			throw new Error(`the simulated state of ${cardId} is not what replaying its log gives`);
	}
	log(
		`${collection}: ${deck.cards.length.toLocaleString()} cards, ${history.reviews.length.toLocaleString()} reviews simulated in ${Math.round((Date.now() - started) / 1000)} s`
	);
	return { settings, history, document: deck.documents[0]!.id };
}

/** Writes the log, the states and the settings into the app's database (opened by the app first, at its version). */
async function seedDatabase(page: Page, seed: Seed): Promise<void> {
	// Rows go over as one JSON string: much faster through the DevTools protocol than as objects.
	const put = (store: string, rows: unknown[], clear: boolean) =>
		page.evaluate(
			async ({ store, json, clear }) => {
				const rows = JSON.parse(json) as unknown[];
				const db = await new Promise<IDBDatabase>((resolve, reject) => {
					const r = indexedDB.open('kz-tm-study');
					r.onsuccess = () => resolve(r.result);
					r.onerror = () => reject(r.error);
				});
				await new Promise<void>((resolve, reject) => {
					// A store this build does not have (an earlier version of the app, measured for comparison).
					if (!db.objectStoreNames.contains(store)) return resolve();
					const tx = db.transaction(store, 'readwrite');
					if (clear) tx.objectStore(store).clear();
					for (const row of rows) tx.objectStore(store).put(row);
					tx.oncomplete = () => resolve();
					tx.onerror = () => reject(tx.error);
				});
				db.close();
			},
			{ store, json: JSON.stringify(rows), clear }
		);
	const { reviews, states } = seed.history;
	for (let i = 0; i < reviews.length; i += 25_000)
		await put('reviews', reviews.slice(i, i + 25_000), i === 0);
	await put('cardStates', [...states.values()] satisfies CardStateRow[], true);
	// The answer counts and the card set the app keeps (db/counts.ts, db/card-set.ts), as its own writes leave them.
	await put('answerCounts', countRowsOf(reviews), true);
	await put('cardSet', cardSetRowsOf(states.keys()), true);
	await put('settings', [{ key: 'srs', value: seed.settings }], false);
}

// ------------------------------------------------------------------------------------------- browser

function launch(profile: string, baseURL: string): Promise<BrowserContext> {
	return chromium.launchPersistentContext(profile, {
		baseURL,
		executablePath: CHROMIUM,
		args: ARGS,
		headless: true,
		viewport: { width: 1280, height: 900 }
	});
}

/** The first `name` measure's duration, waiting for it (null when it does not come). */
async function measured(page: Page, name: string, timeout = 30_000): Promise<number | null> {
	try {
		const handle = await page.waitForFunction(
			(n) => performance.getEntriesByName(n, 'measure')[0]?.duration ?? null,
			name,
			{ timeout, polling: 50 }
		);
		return (await handle.jsonValue()) as number;
	} catch {
		return null;
	}
}

async function pageLoads(page: Page, url: string, name: string): Promise<number[]> {
	return (await pageLoadsOf(page, url, [name]))[0]!;
}

/** Several measures from the same page loads (e.g. `stats:ready`, then `stats:heatmap` which comes after it). */
async function pageLoadsOf(page: Page, url: string, names: string[]): Promise<number[][]> {
	const values = names.map((): number[] => []);
	for (let i = 0; i < RUNS; i++) {
		await page.goto(url);
		for (const [k, name] of names.entries()) {
			const v = await measured(page, name);
			if (v === null) throw new Error(`no ${name} measure on ${url}`);
			values[k]!.push(v);
		}
	}
	return values;
}

const LONG_TASKS = `
	globalThis.__longTasks = [];
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) globalThis.__longTasks.push({ start: e.startTime, duration: e.duration });
	}).observe({ type: 'longtask', buffered: true });`;

async function longestTaskSince(page: Page, since: number): Promise<number> {
	return page.evaluate(
		(since) =>
			Math.max(
				0,
				...(globalThis as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks
					.filter((t) => t.start >= since)
					.map((t) => t.duration)
			),
		since
	);
}

/** A long task or a slow answer while answering, with the functions that took most of it (self time, from the CPU profile). */
interface TaskProfile {
	start: number;
	duration: number;
	/** The answer (1 = the first) whose measure the task falls in, if any. */
	answer: number | null;
	top: { name: string; ms: number }[];
}

interface CpuProfile {
	nodes: {
		id: number;
		callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
	}[];
	startTime: number;
	samples: number[];
	timeDeltas: number[];
}

/** Self time by function (name, file and line) within each long task of the page, from a CPU profile. */
async function profileTasks(page: Page, profile: CpuProfile, startedAt: number): Promise<TaskProfile[]> {
	const { tasks, answers } = await page.evaluate(() => ({
		tasks: (globalThis as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks,
		answers: performance
			.getEntriesByName('review:answer', 'measure')
			.map((e) => ({ start: e.startTime, end: e.startTime + e.duration }))
	}));
	const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
	// Sample times on the page's clock: the profile starts at `startedAt` (performance.now() just before).
	const times: number[] = [];
	let t = 0;
	for (const d of profile.timeDeltas) times.push((t += d) / 1000 + startedAt);
	// The long tasks (over 50 ms), and the answers over 25 ms whatever their tasks.
	const windows = [
		...tasks.filter((task) => task.start >= startedAt),
		...answers.filter((a) => a.end - a.start > 25).map((a) => ({ start: a.start, duration: a.end - a.start }))
	];
	return windows.map((task) => {
		const self = new Map<string, number>();
		for (const [i, id] of profile.samples.entries()) {
			const at = times[i]!;
			if (at < task.start || at > task.start + task.duration) continue;
			const f = nodes.get(id)!;
			const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
			self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
		}
		const index = answers.findIndex((a) => task.start < a.end && task.start + task.duration > a.start);
		return {
			start: Math.round(task.start),
			duration: Math.round(task.duration),
			answer: index < 0 ? null : index + 1,
			top: [...self]
				.sort((a, b) => b[1] - a[1])
				.slice(0, 8)
				.map(([name, ms]) => ({ name, ms: Math.round(ms * 10) / 10 }))
		};
	});
}

/** Answers cards as a quick learner would: Space shows the answer, then a rating by key or by a tap. */
async function answerCards(
	page: Page
): Promise<{ times: number[]; longestTask: number; profile?: TaskProfile[] }> {
	await page.goto('/review');
	await page.locator('#review-question').waitFor();
	const cdp = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : null;
	if (cdp) {
		await cdp.send('Profiler.enable');
		await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
	}
	const since = await page.evaluate(() => performance.now());
	await cdp?.send('Profiler.start');
	const ratings = ['Good', 'Good', 'Again', 'Good', 'Hard', 'Good', 'Easy', 'Good'];
	for (let i = 0; i < ANSWERS; i++) {
		// Today's work may end first (the real deck has a few dozen cards due a day).
		if (!(await page.locator('#review-question').count())) break;
		await page.keyboard.press('Space');
		const name = ratings[i % ratings.length]!;
		const button = page.getByRole('button', { name: new RegExp(`^${name}`) });
		await button.waitFor();
		await page.waitForTimeout(150);
		if (i % 2) await button.click();
		else await page.keyboard.press(String(['Again', 'Hard', 'Good', 'Easy'].indexOf(name) + 1));
		await page.waitForFunction(
			(n) => performance.getEntriesByName('review:answer', 'measure').length >= n,
			i + 1,
			{ polling: 10 }
		);
		await page.waitForTimeout(150);
	}
	const times = await page.evaluate(() =>
		performance.getEntriesByName('review:answer', 'measure').map((e) => e.duration)
	);
	const longestTask = await longestTaskSince(page, since);
	if (!cdp) return { times, longestTask };
	const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
	await cdp.detach();
	return { times, longestTask, profile: await profileTasks(page, profile, since) };
}

// -------------------------------------------------------------------------------------------- backup

/** A backup file in the format the app writes (version 2, src/lib/backup/format.ts). */
function backupFile(seed: Seed, path: string): number {
	const backup = encodeBackup(
		{
			settings: { srs: seed.settings, knowledgeMap: true },
			cardFlags: [],
			quizzes: [],
			reviews: seed.history.reviews
		},
		{ appVersion: '0.1.0', exportedAt: Date.now() }
	);
	const text = serializeBackup(backup).join('');
	writeFileSync(path, text);
	return Buffer.byteLength(text);
}

async function exportBackup(page: Page): Promise<{ figure: Figure; bytes: number | null }> {
	await page.goto('/stats');
	await page.locator('[data-ready]').waitFor();
	const started = Date.now();
	const download = page.waitForEvent('download', { timeout: 180_000 });
	await page.getByRole('button', { name: 'Export progress' }).click();
	const file = await download;
	const wall = Date.now() - started;
	const path = await file.path();
	const bytes = path ? (await import('node:fs')).statSync(path).size : null;
	const own = await measured(page, 'backup:export', 5_000);
	return {
		figure:
			own === null
				? figure([wall], undefined, 'wall clock, click to download (no backup:export measure)')
				: figure([own]),
		bytes
	};
}

async function importBackup(
	context: BrowserContext,
	file: string,
	expected: number
): Promise<{ figure: Figure; longestTask: number; reviews: number; message: string }> {
	const page = await context.newPage();
	await page.goto('/stats');
	await page.locator('[data-ready]').waitFor();
	const since = await page.evaluate(() => performance.now());
	const started = Date.now();
	await page.locator('.backup-panel input[type=file]').setInputFiles(file);
	const outcome = page.locator('.backup-panel [role=status]:not(:empty), .backup-panel [role=alert]');
	let own: number | null = null;
	for (const end = Date.now() + 300_000; Date.now() < end; await page.waitForTimeout(100)) {
		own = await page.evaluate(
			() => performance.getEntriesByName('backup:import', 'measure')[0]?.duration ?? null
		);
		if (own !== null || (await outcome.count())) break;
	}
	const wall = Date.now() - started;
	// Wait until it is over (the measure may come a little after the message), then look at what it left.
	await page.locator('.backup-panel progress').waitFor({ state: 'detached', timeout: 300_000 });
	own ??= await measured(page, 'backup:import', 2_000);
	const message = (await outcome.allInnerTexts()).join(' ').trim();
	const reviews = await page.evaluate(
		() =>
			new Promise<number>((resolve, reject) => {
				const r = indexedDB.open('kz-tm-study');
				r.onerror = () => reject(r.error);
				r.onsuccess = () => {
					const req = r.result.transaction('reviews').objectStore('reviews').count();
					req.onsuccess = () => {
						r.result.close();
						resolve(req.result);
					};
				};
			})
	);
	if (reviews !== expected) log(`import: ${reviews} reviews in the database, ${expected} in the file`);
	return {
		figure:
			own === null
				? figure([wall], undefined, 'wall clock, file chosen to message shown (no backup:import measure)')
				: figure([own]),
		longestTask: await longestTaskSince(page, since),
		reviews,
		message
	};
}

// ------------------------------------------------------------------------------------------ the run

async function benchCollection(collection: Collection, port: number, end: number) {
	const { buildDir, kitOut } = build(collection);
	const review = routeJavaScript(join(kitOut, 'output'), buildDir, '/review');
	const home = routeJavaScript(join(kitOut, 'output'), buildDir, '/');
	const precache = precacheSize(buildDir);
	const seed = makeSeed(collection, end);
	const server = await startStaticServer(buildDir, port);
	const base = server.url;
	const profile = mkdtempSync(join(tmpdir(), `bench-${collection}-`));
	const importProfile = mkdtempSync(join(tmpdir(), `bench-${collection}-import-`));
	const out: Record<string, unknown> = {
		cards: seed.history.states.size,
		reviews: seed.history.reviews.length,
		sizes: {
			reviewJsGzip: review.gzip,
			homeJsGzip: home.gzip,
			precacheGzip: precache.gzip,
			precacheFiles: precache.files
		}
	};
	try {
		let context = await launch(profile, base);
		context.setDefaultNavigationTimeout(60_000);
		await context.addInitScript(LONG_TASKS);
		let page = context.pages()[0] ?? (await context.newPage());
		await page.goto(`${base}/stats`);
		await page.locator('[data-ready]').waitFor();
		log(`${collection}: seeding the database…`);
		await seedDatabase(page, seed);
		// The service worker controls the page once it has installed (clients.claim on activation).
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });

		page.on('pageerror', (e) => log(`${collection}: page error: ${e.message}`));
		const at = (path: string) => `${base}${path}`;
		log(`${collection}: stats, reader, queue…`);
		if (runs('stats')) {
			const [statsReady, statsHeatmap] = await pageLoadsOf(page, at('/stats'), [
				'stats:ready',
				'stats:heatmap'
			]);
			out.statsReady = figure(statsReady!, TARGETS[collection].stats);
			out.statsHeatmap = figure(
				statsHeatmap!,
				TARGETS[collection].heatmap,
				'the heatmap, counted after the page is ready'
			);
		}
		if (runs('reader'))
			out.readerMap = figure(
				await pageLoads(page, at(`/read/${seed.document}`), 'reader:map'),
				TARGETS[collection].map
			);
		if (runs('queue')) {
			out.queueBuild = figure(await pageLoads(page, at('/review'), 'queue:build'), TARGETS[collection].queue);
			// BENCH_MARKS=1: the User Timing entries of the last opening, to see where the time went.
			if (process.env.BENCH_MARKS)
				log(
					await page.evaluate(() =>
						performance
							.getEntries()
							.filter((e) => e.entryType === 'mark' || e.entryType === 'measure')
							.map((e) => `${e.name} ${Math.round(e.startTime)}+${Math.round(e.duration)}`)
							.join('; ')
					)
				);
		}

		// Cold starts: the browser closed and opened again on the same profile, the app from the worker's cache.
		log(`${collection}: cold starts…`);
		const starts: number[] = [];
		let fromWorker = true;
		for (let i = 0; i < (runs('startup') ? Math.min(RUNS, 7) : 1); i++) {
			await context.close();
			context = await launch(profile, base);
			await context.addInitScript(LONG_TASKS);
			page = context.pages()[0] ?? (await context.newPage());
			const answeredByNetwork: string[] = [];
			page.on('response', (r) => {
				if (!r.fromServiceWorker()) answeredByNetwork.push(r.url());
			});
			await page.goto(at('/review'));
			const v = await measured(page, 'startup:first-card', 60_000);
			if (v === null) {
				log(
					`${collection}: no startup:first-card measure; the page shows: ${(await page.locator('main').innerText()).slice(0, 200)}`
				);
				continue;
			}
			starts.push(v);
			if (answeredByNetwork.some((u) => u.startsWith(base))) fromWorker = false;
		}
		if (runs('startup'))
			out.startupFirstCard = figure(
				starts,
				TARGETS[collection].startup,
				fromWorker ? undefined : 'some files came from the network, not the service worker'
			);

		if (runs('answers')) {
			log(`${collection}: answering ${ANSWERS} cards…`);
			page.context().setDefaultTimeout(60_000);
			const answers = await answerCards(page);
			out.reviewAnswer = figure(answers.times, TARGETS[collection].answer);
			out.reviewLongestTask = answers.longestTask;
			if (answers.profile) out.reviewProfile = answers.profile;
		}

		if (runs('export')) {
			log(`${collection}: export…`);
			const exported = await exportBackup(page);
			out.backupExport = { ...exported.figure, target: TARGETS[collection].export, bytes: exported.bytes };
		}
		await context.close();
		if (!runs('import')) return out;

		log(`${collection}: import into an empty browser…`);
		const file = join(RESULTS, `${collection}-backup.json`);
		const bytes = backupFile(seed, file);
		const importContext = await launch(importProfile, base);
		importContext.setDefaultNavigationTimeout(60_000);
		await importContext.addInitScript(LONG_TASKS);
		const origin = importContext.pages()[0];
		await origin?.goto(base);
		const imported = await importBackup(importContext, file, seed.history.reviews.length);
		out.backupImport = {
			...imported.figure,
			target: TARGETS[collection].import,
			bytes,
			reviewsAfter: imported.reviews,
			message: imported.message,
			longestTask: imported.longestTask
		};
		await importContext.close();
		rmSync(file, { force: true });
	} finally {
		await server.close();
		rmSync(profile, { recursive: true, force: true });
		rmSync(importProfile, { recursive: true, force: true });
	}
	return out;
}

function row(name: string, f: Figure | undefined, unit = 'ms'): string {
	if (!f) return '';
	const v = (n: number | null) => (n === null ? '–' : `${Math.round(n)} ${unit}`);
	return `${name.padEnd(22)} ${v(f.median).padStart(10)} ${v(f.p95).padStart(10)}   ${f.target ?? ''}${f.note ? `  (${f.note})` : ''}`;
}

const only = process.env.BENCH_ONLY as Collection | 'lighthouse' | 'sync' | 'optimizer' | undefined;
// BENCH_ONLY=sync: the first full sync alone (bench/sync.ts), with no build and no browser.
// The sync bench runs the app's database code in Node: the deck's virtual modules are answered by a loader hook.
async function runSyncBench() {
	(await import('./virtual-modules.ts')).registerVirtualModules(ROOT);
	return (await import('./sync.ts')).runSyncBench();
}
if (only === 'sync') {
	await runSyncBench();
	process.exit(0);
}
if (only === 'optimizer') {
	// The optimizer's part alone (bench/optimizer.ts), on the build in build/.
	await (await import('./optimizer.ts')).benchOptimizer();
	process.exit(0);
}
const collections: Collection[] = only === 'lighthouse' ? [] : only ? [only] : ['real', 'stress'];
mkdirSync(RESULTS, { recursive: true });
const end = Date.now();
const results: Record<string, Record<string, unknown>> = {};
for (const [i, c] of collections.entries()) results[c] = await benchCollection(c, PORT + i, end);

// Lighthouse audits the real deck's build, as a first visit (empty storage, no service worker).
let lighthouse: LighthouseFigure[] | null = null;
// LIGHTHOUSE_RUNS=0 leaves it out.
if (
	(only === 'lighthouse' || ((!only || only === 'real') && runs('lighthouse'))) &&
	Number(process.env.LIGHTHOUSE_RUNS ?? 3) > 0
) {
	const { buildDir } = only === 'lighthouse' ? build('real') : { buildDir: join(ROOT, 'build') };
	log('Lighthouse (mobile)…');
	const document = loadDeck(ROOT).documents[0]!.id;
	lighthouse = await lighthouseRoutes(
		buildDir,
		PORT + 2,
		['/', '/review', `/read/${document}`, '/quiz', '/stats'],
		Number(process.env.LIGHTHOUSE_RUNS ?? 3)
	);
}
// The optimizer (bench/optimizer.ts) on the real deck's build: a year of answers, then the stress log.
let optimizer: Record<string, unknown> | null = null;
if (!only && runs('optimizer')) {
	log('Optimizer…');
	optimizer = await (await import('./optimizer.ts')).benchOptimizer();
}
const commit = (() => {
	try {
		return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
	} catch {
		return null;
	}
})();
const file = join(RESULTS, `bench-${new Date(end).toISOString().replace(/[:.]/g, '-')}.json`);
// Written before the sync part and again after it, so a long sync run loses none of the figures above.
const save = (sync?: unknown) =>
	writeFileSync(
		file,
		JSON.stringify(
			{ date: new Date(end).toISOString(), commit, runs: RUNS, results, lighthouse, optimizer, sync },
			null,
			'\t'
		)
	);
save();

for (const [c, r] of Object.entries(results)) {
	const sizes = r.sizes as Record<string, number>;
	const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
	console.log(`\n${c}: ${String(r.cards)} cards, ${Number(r.reviews).toLocaleString()} reviews`);
	console.log(`${'measure'.padEnd(22)} ${'median'.padStart(10)} ${'p95'.padStart(10)}   target`);
	for (const [name, key] of [
		['review:answer', 'reviewAnswer'],
		['queue:build', 'queueBuild'],
		['startup:first-card', 'startupFirstCard'],
		['stats:ready', 'statsReady'],
		['stats:heatmap', 'statsHeatmap'],
		['reader:map', 'readerMap'],
		['backup:export', 'backupExport'],
		['backup:import', 'backupImport']
	] as const)
		console.log(row(name, r[key] as Figure | undefined));
	const imp = r.backupImport as { longestTask: number; message: string; reviewsAfter: number } | undefined;
	if (r.reviewLongestTask !== undefined)
		console.log(`longest task while answering: ${Math.round(Number(r.reviewLongestTask))} ms`);
	for (const t of (r.reviewProfile ?? []) as TaskProfile[])
		console.log(
			`task of ${t.duration} ms at ${t.start} ms (answer ${t.answer ?? '–'}): ${t.top.map((f) => `${f.name} ${f.ms}`).join(', ')}`
		);
	if (imp) {
		console.log(
			`longest task during import:   ${Math.round(imp.longestTask)} ms   (target: none over 200 ms)`
		);
		console.log(`import said: ${imp.message || '(nothing)'}; reviews afterwards: ${imp.reviewsAfter}`);
	}
	console.log(
		`JS for /review ${kb(sizes.reviewJsGzip!)} gzip (target ≤72 KB), for / ${kb(sizes.homeJsGzip!)}`
	);
	console.log(`precache ${kb(sizes.precacheGzip!)} gzip in ${sizes.precacheFiles} files (target ≤400 KB)`);
}
if (lighthouse) console.log(`\n${lighthouseTable(lighthouse)}`);
console.log(`\nwritten to ${file}`);

if (!only && !chosen) save(await runSyncBench());
