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
		const runs: { totalS: number; fitS: number; longestTaskMs: number }[] = [];
		// The first run loads the WebAssembly; the second runs with it cached.
		for (let i = 0; i < 2; i++) {
			await page.evaluate(() => ((globalThis as unknown as { __longTasks: number[] }).__longTasks = []));
			await page.getByRole('button', { name: 'Optimize', exact: true }).click();
			const status = page.getByTestId('optimize-status');
			await status
				.filter({ hasText: /Optimized on|failed|Too little|could not|needs|cancelled/ })
				.waitFor({ timeout: 600_000 });
			const text = await status.innerText();
			const m = /in ([\d.]+) s \(fitting ([\d.]+) s\)/.exec(text);
			if (!m) throw new Error(`${name}: ${text}`);
			const longest = await page.evaluate(() =>
				Math.max(0, ...(globalThis as unknown as { __longTasks: number[] }).__longTasks)
			);
			runs.push({ totalS: Number(m[1]), fitS: Number(m[2]), longestTaskMs: Math.round(longest) });
			await page.getByRole('button', { name: 'Keep the current ones' }).click();
		}
		console.log(
			`${name}: ${reviews.length.toLocaleString()} reviews: ` +
				runs.map((r) => `${r.totalS} s (fitting ${r.fitS} s), longest task ${r.longestTaskMs} ms`).join('; ')
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
	const results: Record<string, unknown> = { sizes: s, real: await timeOptimize('real year', real) };
	// BENCH_OPTIMIZER=real: the real year alone.
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
