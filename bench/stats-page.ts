// How long /stats takes to show its numbers with a long review log (the budget is 300 ms with 300,000 reviews).
// Seeds the built app's IndexedDB in Chromium with a synthetic log, then loads /stats several times and reports
// the time from navigation start to the "stats:ready" mark. Run: npx vite build && npx tsx bench/stats-page.ts
// Environment: REVIEWS (default 300000), DAYS the log spans (default 730), E2E_PORT (default 4184).
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { loadDeck } from '../src/lib/content/load.ts';

const port = Number(process.env.E2E_PORT ?? 4184);
const total = Number(process.env.REVIEWS ?? 300_000);
const days = Number(process.env.DAYS ?? 730);
const runs = 7;
const cardIds = loadDeck(process.cwd()).cards.map((c) => c.id);

const server = spawn('node_modules/.bin/vite', ['preview', '--port', String(port), '--strictPort'], {
	stdio: 'ignore'
});
const base = `http://localhost:${port}`;
for (let i = 0; ; i++) {
	try {
		if ((await fetch(base)).ok) break;
	} catch {
		if (i > 100) throw new Error('the preview server did not start');
		await new Promise((r) => setTimeout(r, 200));
	}
}

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox']
});
try {
	const page = await browser.newPage();
	// tsx keeps function names with a helper the page does not have.
	await page.addInitScript('globalThis.__name = (f) => f');
	await page.goto(`${base}/stats`);
	await page.locator('[data-ready]').waitFor();
	const started = Date.now();
	await page.evaluate(
		async ({ total, days, cardIds }) => {
			const DAY = 86_400_000;
			const now = Date.now();
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const r = indexedDB.open('kz-tm-study');
				r.onsuccess = () => resolve(r.result);
				r.onerror = () => reject(r.error);
			});
			const put = (store: string, rows: unknown[]) =>
				new Promise<void>((resolve, reject) => {
					const tx = db.transaction(store, 'readwrite');
					for (const row of rows) tx.objectStore(store).put(row);
					tx.oncomplete = () => resolve();
					tx.onerror = () => reject(tx.error);
				});
			// Every day of the span has answers (so the streak runs back through the whole log).
			for (let start = 0; start < total; start += 20_000) {
				const rows = [];
				for (let i = start; i < Math.min(total, start + 20_000); i++) {
					const rating = i % 500 === 0 ? 0 : i % 9 === 0 ? 1 : i % 7 === 0 ? 2 : i % 11 === 0 ? 4 : 3;
					rows.push({
						id: crypto.randomUUID(),
						cardId: cardIds[i % cardIds.length],
						rating,
						reviewedAt: now - days * DAY + Math.floor(((i + 0.5) * days * DAY) / total),
						durationMs: 4000 + (i % 13) * 1000,
						state: i % 10 === 0 ? 1 : 2,
						due: now,
						stability: 20,
						difficulty: 5,
						elapsedDays: 5,
						lastElapsedDays: 4,
						scheduledDays: 6,
						learningSteps: 0
					});
				}
				await put('reviews', rows);
			}
			await put(
				'cardStates',
				cardIds.map((cardId, i) => ({
					cardId,
					due: now + (i % 40) * DAY - 3 * DAY,
					stability: 5 + (i % 30),
					difficulty: 5,
					elapsedDays: 3,
					scheduledDays: 10,
					learningSteps: 0,
					reps: 30,
					lapses: 2,
					state: 2,
					lastReview: now - (i % 10) * DAY
				}))
			);
			db.close();
		},
		{ total, days, cardIds }
	);
	console.log(
		`seeded ${total.toLocaleString()} reviews over ${days} days in ${Math.round((Date.now() - started) / 1000)} s`
	);

	const times: number[] = [];
	/** From the start of reading to the numbers on screen. */
	const loads: number[] = [];
	for (let i = 0; i < runs; i++) {
		await page.goto(`${base}/stats`);
		await page.locator('[data-ready]').waitFor();
		const t = await page.evaluate(() => {
			const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
			return { ready: at('stats:ready'), start: at('stats:load') };
		});
		times.push(t.ready);
		loads.push(t.ready - t.start);
	}
	const shown = await page.locator('[data-stat="streak"] .big').innerText();
	console.log(`first visit (no streak memo yet): ${Math.round(times[0]!)} ms`);
	times.sort((a, b) => a - b);
	console.log(`streak shown: ${shown}`);
	console.log(`/stats ready after navigation start, ms: ${times.map((t) => Math.round(t)).join(', ')}`);
	loads.sort((a, b) => a - b);
	console.log(`of which reading and drawing, ms: ${loads.map((t) => Math.round(t)).join(', ')}`);
	console.log(`median ${Math.round(times[Math.floor(runs / 2)]!)} ms (budget 300 ms)`);
	if (times[Math.floor(runs / 2)]! > 300) process.exitCode = 1;
} finally {
	await browser.close();
	server.kill();
}
