// npm run bench:optimizer (or BENCH_ONLY=optimizer npm run bench): times Optimize (Settings) in headless
// Chromium on a year of the real deck's reviews and on a stress log of about 300,000 reviews of 10,000 cards,
// with the page's longest task meanwhile, and reports the bytes the optimizer adds (its worker, thread helper and
// WebAssembly, loaded on first use) and that /review loads none of them. Uses the build in build/ (npm run build
// first); serves it with `vite preview` on BENCH_PORT (default 5200), which sends the isolation headers.
import type { ReviewRow } from '../src/lib/model.ts';
import { chromium, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadDeck } from '../src/deck-compiler/load.ts';
import { DEFAULT_SETTINGS } from '../src/lib/srs/defaults.ts';
import { routeJavaScript } from '../scripts/bench/sizes.ts';
import { simulateDailyReview, simulateEachCard } from '../scripts/bench/simulate.ts';
import { spawn } from 'node:child_process';

const ROOT = resolve(import.meta.dirname, '..');
const BUILD = join(ROOT, 'build');
const PORT = Number(process.env.BENCH_PORT ?? 5200);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

/** The optimizer's files (as the service worker names them) and their sizes; and whether /review loads any. */
function sizes() {
	const lazy = filesUnder(join(BUILD, '_app/immutable/workers')).filter((f) =>
		/workers\/(optimizer-worker-|workerHelpers-|assets\/fsrs_browser)/.test(f)
	);
	// The thread helper's own chunk (the package's glue code, imported as '../../..').
	const helperChunks = filesUnder(join(BUILD, '_app/immutable/workers/chunks')).filter((f) =>
		/workerHelpers-/.test(readFileSync(f, 'utf8'))
	);
	const files = [...lazy, ...helperChunks];
	const js = files.filter((f) => f.endsWith('.js'));
	const wasm = files.filter((f) => f.endsWith('.wasm'));
	const raw = (list: string[]) => list.reduce((s, f) => s + statSync(f).size, 0);
	const gzip = (list: string[]) => list.reduce((s, f) => s + gzipSync(readFileSync(f)).length, 0);
	const review = routeJavaScript(join(ROOT, '.svelte-kit/output'), BUILD, '/review');
	const reviewLoads = review.files.filter((f) =>
		/optimizer-worker|fsrs_browser|workerHelpers/.test(readFileSync(join(BUILD, f), 'utf8'))
	);
	return {
		jsRaw: raw(js),
		jsGzip: gzip(js),
		wasmRaw: raw(wasm),
		wasmGzip: gzip(wasm),
		reviewFiles: reviewLoads
	};
}

/** `vite preview` of build/ on PORT, started and ready. */
async function preview(): Promise<{ url: string; close: () => void }> {
	const child = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'inherit'],
		detached: true
	});
	await new Promise<void>((resolve, reject) => {
		child.stdout!.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('Local')) resolve();
		});
		child.on('exit', (code) => reject(new Error(`vite preview exited with ${code}`)));
	});
	return { url: `http://localhost:${PORT}`, close: () => process.kill(-child.pid!) };
}

/** Puts the reviews straight into the app's database (the optimizer reads only the log). */
async function seed(page: Page, reviews: ReviewRow[]): Promise<void> {
	for (let i = 0; i < reviews.length; i += 25_000) {
		await page.evaluate(
			async ({ json, clear }) => {
				const rows = JSON.parse(json) as unknown[];
				const db = await new Promise<IDBDatabase>((resolve, reject) => {
					const r = indexedDB.open('kz-tm-study');
					r.onsuccess = () => resolve(r.result);
					r.onerror = () => reject(r.error);
				});
				await new Promise<void>((resolve, reject) => {
					const tx = db.transaction('reviews', 'readwrite');
					if (clear) tx.objectStore('reviews').clear();
					for (const row of rows) tx.objectStore('reviews').put(row);
					tx.oncomplete = () => resolve();
					tx.onerror = () => reject(tx.error);
				});
				db.close();
			},
			{ json: JSON.stringify(reviews.slice(i, i + 25_000)), clear: i === 0 }
		);
	}
}

/** A Chrome trace event (the JSON trace format). */
interface TraceEvent {
	name: string;
	cat: string;
	ph: string;
	ts: number;
	dur?: number;
	pid: number;
	tid: number;
	args?: { name?: string; data?: Record<string, unknown> };
}

/**
 * BENCH_OPTIMIZER_TRACE=1: what the page's main thread did in its long tasks. Traces the run (CDP Tracing, the
 * DevTools timeline categories) and names, for each task over 50 ms on the page's main thread, the events that
 * took most of it (scripts by URL and function, garbage collection, layout, messages from workers).
 */
async function traced<T>(page: Page, run: () => Promise<T>): Promise<{ result: T; tasks: string[] }> {
	const cdp = await page.context().newCDPSession(page);
	const chunks: TraceEvent[] = [];
	cdp.on('Tracing.dataCollected', (e: { value: TraceEvent[] }) => chunks.push(...e.value));
	const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
	await cdp.send('Tracing.start', {
		categories: 'devtools.timeline,disabled-by-default-devtools.timeline,toplevel',
		transferMode: 'ReportEvents'
	});
	const result = await run();
	await cdp.send('Tracing.end');
	await complete;
	await cdp.detach();
	const pageUrl = page.url();
	// The page's main thread: the renderer main thread whose tasks ran the page's own scripts.
	const mains = new Map<string, number>();
	for (const e of chunks)
		if (e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mains.set(`${e.pid}:${e.tid}`, 0);
	for (const e of chunks) {
		const key = `${e.pid}:${e.tid}`;
		if (mains.has(key) && e.name === 'FunctionCall') mains.set(key, mains.get(key)! + (e.dur ?? 0));
	}
	const main = [...mains.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
	const on = chunks.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X');
	const tasks = on.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > 50_000);
	const lines = tasks.map((t) => {
		const inside = on
			.filter((e) => e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur! && (e.dur ?? 0) > 5_000)
			.sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
			.slice(0, 8)
			.map((e) => {
				const d = e.args?.data ?? {};
				const what = [d.functionName, d.url, d.type].filter(Boolean).join(' ');
				return `${e.name}${what ? ` (${String(what).replace(pageUrl, '')})` : ''} ${Math.round(e.dur! / 1000)} ms`;
			});
		return `task ${Math.round(t.dur! / 1000)} ms: ${inside.join('; ') || 'nothing traced inside'}`;
	});
	if (process.env.BENCH_OPTIMIZER_TRACE_FILE)
		writeFileSync(process.env.BENCH_OPTIMIZER_TRACE_FILE, JSON.stringify({ traceEvents: chunks }));
	return { result, tasks: lines };
}

const LONG_TASKS = `
	globalThis.__longTasks = [];
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) globalThis.__longTasks.push(e.duration);
	}).observe({ type: 'longtask' });`;

async function timeOptimize(name: string, reviews: ReviewRow[]) {
	const profile = mkdtempSync(join(tmpdir(), 'bench-optimizer-'));
	const server = await preview();
	const context = await chromium.launchPersistentContext(profile, {
		baseURL: server.url,
		executablePath: CHROMIUM,
		headless: true,
		args: ['--disable-background-networking', '--disable-component-update', '--no-first-run']
	});
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto('/');
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
			if (!navigator.serviceWorker.controller) {
				await new Promise((done) =>
					navigator.serviceWorker.addEventListener('controllerchange', done, { once: true })
				);
			}
		});
		await seed(page, reviews);
		await page.addInitScript(LONG_TASKS);
		await page.goto('/settings');
		if (!(await page.evaluate(() => crossOriginIsolated)))
			throw new Error('the page is not cross-origin isolated');
		const runs: {
			totalS: number;
			readS: number;
			fitS: number;
			sample: string | null;
			longestTaskMs: number;
			tasks?: string[];
		}[] = [];
		// The first run loads the WebAssembly; the second runs with it cached.
		for (let i = 0; i < 2; i++) {
			await page.evaluate(() => ((globalThis as unknown as { __longTasks: number[] }).__longTasks = []));
			const once = async () => {
				await page.getByRole('button', { name: 'Optimize', exact: true }).click();
				const status = page.getByTestId('optimize-status');
				await status
					.filter({ hasText: /Optimized on|failed|Too little|could not|needs|cancelled/ })
					.waitFor({ timeout: 600_000 });
				// The result's table drawn, and a moment for the tasks after it.
				await page.getByRole('button', { name: 'Keep the current ones' }).waitFor({ timeout: 10_000 });
				await page.waitForTimeout(500);
				return status.innerText();
			};
			const trace = process.env.BENCH_OPTIMIZER_TRACE === '1';
			const { result: text, tasks } = trace ? await traced(page, once) : { result: await once(), tasks: [] };
			const m = /in ([\d.]+) s \(reading ([\d.]+) s, fitting ([\d.]+) s\)/.exec(text);
			if (!m) throw new Error(`${name}: ${text}`);
			const longest = await page.evaluate(() =>
				Math.max(0, ...(globalThis as unknown as { __longTasks: number[] }).__longTasks)
			);
			runs.push({
				totalS: Number(m[1]),
				readS: Number(m[2]),
				fitS: Number(m[3]),
				// The status line's own words: "Fitted to 68,016 answers of 2,241 of your 10,000 cards".
				sample: /Fitted to ([\d,]+ answers) of ([\d,]+) of your/.exec(text)?.slice(1, 3).join(' of ') ?? null,
				longestTaskMs: Math.round(longest),
				...(trace ? { tasks } : {})
			});
			for (const line of tasks) console.log(`  ${name}, run ${i + 1}: ${line}`);
			await page.getByRole('button', { name: 'Keep the current ones' }).click();
		}
		console.log(
			`${name}: ${reviews.length.toLocaleString()} reviews: ` +
				runs
					.map(
						(r) =>
							`${r.totalS} s (reading ${r.readS} s, fitting ${r.fitS} s${r.sample ? ` on a sample of ${r.sample} cards` : ''}), longest task ${r.longestTaskMs} ms`
					)
					.join('; ')
		);
		return { reviews: reviews.length, runs };
	} finally {
		await context.close();
		server.close();
		rmSync(profile, { recursive: true, force: true });
	}
}

export async function benchOptimizer(): Promise<Record<string, unknown>> {
	const s = sizes();
	const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
	console.log(
		`optimizer bytes (loaded on first use, not precached): JS ${kb(s.jsRaw)} (${kb(s.jsGzip)} gzip), WASM ${kb(s.wasmRaw)} (${kb(s.wasmGzip)} gzip); /review loads ${s.reviewFiles.length ? s.reviewFiles.join(', ') : 'none of them'}`
	);
	const deck = loadDeck(ROOT);
	const end = Date.now();
	const real = simulateDailyReview({
		cards: deck.cards,
		settings: { ...DEFAULT_SETTINGS, desiredRetention: 0.94 },
		days: 365,
		end,
		seed: 1
	}).reviews;
	const results: Record<string, unknown> = { sizes: s };
	// BENCH_OPTIMIZER=real: the real year alone; =stress: the stress log alone.
	if (process.env.BENCH_OPTIMIZER !== 'stress') results.real = await timeOptimize('real year', real);
	if (process.env.BENCH_OPTIMIZER === 'real') return results;
	const stress = simulateEachCard({
		cardIds: Array.from({ length: 10_000 }, (_, i) => `stress-${i}`),
		settings: { ...DEFAULT_SETTINGS, maximumInterval: 120 },
		days: 730,
		introduceOver: 520,
		end,
		seed: 2
	}).reviews;
	results.stress = await timeOptimize('stress log', stress);
	console.log('targets: ≤ 30 s for 300,000 reviews; no task over 200 ms on the page');
	return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const results = await benchOptimizer();
	const dir = join(ROOT, 'bench/results');
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `optimizer-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
	writeFileSync(file, JSON.stringify(results, null, '\t'));
	console.log(`written to ${file}`);
}
