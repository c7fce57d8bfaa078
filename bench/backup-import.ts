// How a long import behaves: imports a ~19 MB backup (70,000 reviews) through the Import progress button,
// reports the time of each phase and the page's long tasks, then times an export.
// Run: npx vite build && npx tsx bench/backup-import.ts   (E2E_PORT, default 4184)
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { loadDeck } from '../src/lib/content/load.ts';

const port = Number(process.env.E2E_PORT ?? 4184);
const base = `http://localhost:${port}`;
const cardIds = loadDeck(process.cwd()).cards.map((c) => c.id);
const server = spawn('node_modules/.bin/vite', ['preview', '--port', String(port), '--strictPort'], {
	stdio: 'ignore'
});
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
	await page.goto(`${base}/stats`);
	const now = Date.now();
	const DAY = 86_400_000;
	const n = 70_000;
	const reviews = Array.from({ length: n }, (_, i) => ({
		id: crypto.randomUUID(),
		cardId: cardIds[i % cardIds.length],
		rating: i % 9 ? 3 : 1,
		reviewedAt: now - 700 * DAY + Math.floor((i * 700 * DAY) / n),
		durationMs: 5000,
		state: 2,
		due: now,
		stability: 10,
		difficulty: 5,
		elapsedDays: 3,
		lastElapsedDays: 2,
		scheduledDays: 4,
		learningSteps: 0
	}));
	const text = JSON.stringify({
		format: 'kz-tm-study-backup',
		version: 1,
		appVersion: '0.1.0',
		exportedAt: now,
		settings: {},
		cardFlags: [],
		quizzes: [],
		reviews
	});
	console.log(`file: ${(text.length / 1048576).toFixed(1)} MB, ${n.toLocaleString()} reviews`);
	// Handing the file to the page (Playwright) is itself one long task: count only what comes after.
	await page.getByLabel('Import progress').setInputFiles({
		name: 'big.json',
		mimeType: 'application/json',
		buffer: Buffer.from(text)
	});
	const start = await page.evaluate(() => performance.now());
	await page.getByRole('status').filter({ hasText: 'Imported' }).waitFor({ timeout: 300_000 });
	const { tasks, phases } = await page.evaluate(() => ({
		tasks: (globalThis as unknown as { __tasks: [number, number][] }).__tasks,
		phases: (globalThis as unknown as { __phases: [number, string][] }).__phases
	}));
	for (const [i, [at, label]] of phases.entries()) {
		const next = phases[i + 1];
		if (next && label !== 'done') console.log(`${label.padEnd(28)} ${((next[0] - at) / 1000).toFixed(1)} s`);
	}
	const after = tasks.filter(([at]) => at >= start - 50).map(([, d]) => d);
	console.log(`long tasks during the import: ${after.length}, longest ${Math.max(0, ...after)} ms`);
	const t = Date.now();
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export progress' }).click()
	]);
	await download.path();
	console.log(`export of ${n.toLocaleString()} reviews: ${((Date.now() - t) / 1000).toFixed(1)} s`);
} finally {
	await browser.close();
	server.kill();
}
