// Lighthouse (mobile, its default simulated throttling) on the built app's main routes: each route is
// audited RUNS times in a fresh Chromium profile (a first visit: no service worker, empty storage) and
// the median run by performance score is kept, with its LCP, TBT and CLS.
import lighthouse from 'lighthouse';
import { launch } from 'chrome-launcher';
import { startStaticServer } from '../tests/e2e/support/static-server.ts';

export interface LighthouseFigure {
	route: string;
	/** Performance scores of every run, 0–1. */
	scores: number[];
	/** The median run's figures. */
	score: number;
	lcp: number;
	tbt: number;
	cls: number;
}

const FLAGS = [
	'--headless=new',
	'--no-sandbox',
	'--disable-background-networking',
	'--disable-component-update',
	'--no-first-run',
	'--disable-sync',
	'--disable-dev-shm-usage'
];

interface Run {
	score: number;
	lcp: number;
	tbt: number;
	cls: number;
}

async function audit(url: string, chromePath: string): Promise<Run> {
	const chrome = await launch({ chromePath, chromeFlags: FLAGS });
	try {
		const result = await lighthouse(url, {
			port: chrome.port,
			onlyCategories: ['performance'],
			output: 'json',
			logLevel: 'error'
		});
		const lhr = result?.lhr;
		if (!lhr) throw new Error(`Lighthouse gave no result for ${url}`);
		if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.message}`);
		const value = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
		return {
			score: lhr.categories.performance?.score ?? NaN,
			lcp: value('largest-contentful-paint'),
			tbt: value('total-blocking-time'),
			cls: value('cumulative-layout-shift')
		};
	} finally {
		chrome.kill();
	}
}

export async function lighthouseRoutes(
	buildDir: string,
	port: number,
	routes: readonly string[],
	runs = 3,
	chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
): Promise<LighthouseFigure[]> {
	const server = await startStaticServer(buildDir, port, { gzip: true });
	const figures: LighthouseFigure[] = [];
	try {
		for (const route of routes) {
			const all: Run[] = [];
			for (let i = 0; i < runs; i++) all.push(await audit(`${server.url}${route}`, chromePath));
			const byScore = [...all].sort((a, b) => a.score - b.score);
			const median = byScore[Math.floor(byScore.length / 2)]!;
			figures.push({ route, scores: all.map((r) => r.score), ...median });
		}
	} finally {
		await server.close();
	}
	return figures;
}

export function lighthouseTable(figures: readonly LighthouseFigure[]): string {
	const lines = [
		`${'Lighthouse (mobile)'.padEnd(22)} ${'score'.padStart(6)} ${'LCP'.padStart(9)} ${'TBT'.padStart(8)} ${'CLS'.padStart(6)}   target: ≥0.98, LCP ≤1.5 s, CLS ≤0.02`
	];
	for (const f of figures)
		lines.push(
			`${f.route.padEnd(22)} ${f.score.toFixed(2).padStart(6)} ${`${Math.round(f.lcp)} ms`.padStart(9)} ${`${Math.round(f.tbt)} ms`.padStart(8)} ${f.cls.toFixed(3).padStart(6)}   (runs: ${f.scores.map((s) => s.toFixed(2)).join(', ')})`
		);
	return lines.join('\n');
}
