import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { routes } from './support/pwa.ts';
import { openAllCards } from './support/layout.ts';

// Each screen once, in the state with the most on it.
const pages: { path: string; ready: (page: Page) => Promise<void> }[] = [
	...routes.map((r) => ({
		path: r.path,
		ready: async (page: Page) => {
			await r.shows(page);
			await openAllCards(page);
		}
	})),
	{
		path: '/read/no-such-document',
		ready: (page) => expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible()
	}
];

// Each width in one scheme and each scheme at one width: the phone in light, the desktop in dark. (Axe on every
// page is the suite's slowest work; the schemes differ in colours alone, the widths in layout alone.) A page is
// loaded once and checked on the phone, then widened and darkened: its layout follows the width through CSS
// alone, so the wide page is laid out as it is when loaded on a desktop.
const runs = [
	{ name: 'phone', viewport: { width: 360, height: 640 }, colorScheme: 'light' },
	{ name: 'desktop', viewport: { width: 1280, height: 800 }, colorScheme: 'dark' }
] as const;

async function seriousViolations(page: Page) {
	// Only violations are reported: passes and incomplete checks are long lists nobody reads here.
	const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => ({
			rule: v.id,
			help: v.help,
			nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`)
		}));
}

async function emulate(page: Page, run: (typeof runs)[number]) {
	await page.setViewportSize(run.viewport);
	await page.emulateMedia({ colorScheme: run.colorScheme });
	expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(
		run.colorScheme === 'dark'
	);
}

// A test a page, so that each screen has the whole time limit and the pages run side by side.
for (const { path, ready } of pages) {
	test(`${path} has no serious or critical accessibility violation, on a phone in light and a desktop in dark`, async ({
		page
	}) => {
		// Two checks of the whole page by axe.
		test.slow();
		await emulate(page, runs[0]);
		await page.goto(path);
		await ready(page);
		for (const run of runs) {
			await emulate(page, run);
			expect(await seriousViolations(page), `${path}, ${run.name}, ${run.colorScheme}`).toEqual([]);
		}
	});
}
