// Layout shift on the prerendered screens: each is opened with a learner's history in storage, and the shifts the
// browser reports (PerformanceObserver, 'layout-shift') from the first paint until the screen shows its data are
// added up. The HTML keeps a place of the final size for each thing read from storage, so the sum stays near 0.
import { expect, type Page } from '@playwright/test';
import { backupFile, history } from './history.ts';

export interface Shift {
	value: number;
	/** The elements that moved, as `tag#id.class`. */
	sources: string[];
}

/** Imports a history of 40 cards, from weeks ago to today, through the backup panel. */
export async function giveHistory(page: Page): Promise<void> {
	const now = Date.now();
	await page.goto('/stats');
	await expect(page.getByRole('button', { name: 'Export progress' })).toBeEnabled();
	await page.getByLabel('Import progress').setInputFiles(backupFile(history(now, 40), now));
	// Importing starts a worker and rebuilds 40 cards' schedules: room for a busy machine.
	await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible({ timeout: 60_000 });
}

// Waits, not limits: reading the storage can take a while on a busy machine.
const wait = expect.configure({ timeout: 30_000 });

/** The screens, and what each shows once it has read the learner's data. */
export const screens: { path: string; ready: (page: Page) => Promise<void> }[] = [
	{
		path: '/',
		ready: async (page) => {
			await wait(page.getByRole('definition').first()).toBeVisible();
			await wait(page.locator('section.continue')).toHaveAttribute('aria-busy', 'false');
		}
	},
	{ path: '/review', ready: (page) => wait(page.locator('#review-question')).toBeVisible() },
	{ path: '/quiz', ready: (page) => wait(page.getByText('Not taken yet').first()).toBeVisible() },
	{ path: '/quiz/diplomacy', ready: (page) => wait(page.getByText(/^Question 1 of/)).toBeVisible() },
	{ path: '/read', ready: (page) => wait(page.locator('.docs li').first()).toBeVisible() },
	{
		path: '/read/encyclopedia',
		ready: async (page) => {
			await wait(page.locator('.recall-label[data-recall]').first()).toBeAttached();
			await wait(page.getByRole('switch', { name: 'Recall' })).toBeEnabled();
		}
	},
	{
		path: '/cards',
		ready: (page) => wait(page.locator('.status .muted', { hasText: /^due / }).first()).toBeVisible()
	},
	{
		path: '/stats',
		ready: async (page) => {
			await wait(page.locator('[data-ready]')).toBeVisible();
			await wait(page.locator('.heatmap-region')).toHaveAttribute('aria-busy', 'false');
		}
	},
	{
		path: '/settings',
		ready: async (page) => {
			await wait(page.getByRole('button', { name: 'Save settings' })).toBeVisible();
			await wait(page.locator('.storage-status strong').first()).toBeVisible();
		}
	}
];

/**
 * Opens `path`, waits until the screen and the tab bar's count show the learner's data, and returns every layout
 * shift the page had (none right after an input: there is none).
 */
export async function shiftsOf(page: Page, screen: (typeof screens)[number]): Promise<Shift[]> {
	await page.goto(screen.path);
	await screen.ready(page);
	// Today's cards left, on the Review tab: read after the first paint.
	await wait(page.getByRole('link', { name: /^Review, \d+ cards? left today$/ }).first()).toBeAttached();
	return page.evaluate(
		() =>
			new Promise<Shift[]>((resolve) => {
				type LayoutShift = PerformanceEntry & {
					value: number;
					hadRecentInput: boolean;
					sources?: { node?: Node | null }[];
				};
				const entries: LayoutShift[] = [];
				// Buffered: every shift since the page began, as well as any still to be reported.
				const observer = new PerformanceObserver((list) =>
					entries.push(...(list.getEntries() as LayoutShift[]))
				);
				observer.observe({ type: 'layout-shift', buffered: true });
				const name = (node?: Node | null) => {
					if (!(node instanceof Element)) return node?.nodeName ?? '?';
					const classes = [...node.classList].filter((c) => !c.startsWith('svelte-'));
					return `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${classes.map((c) => `.${c}`).join('')}`;
				};
				// Two frames, then a task: whatever the last rendering shifted has been reported by then.
				requestAnimationFrame(() =>
					requestAnimationFrame(() =>
						setTimeout(() => {
							entries.push(...(observer.takeRecords() as LayoutShift[]));
							observer.disconnect();
							resolve(
								entries
									.filter((e) => !e.hadRecentInput)
									.map((e) => ({ value: e.value, sources: (e.sources ?? []).map((s) => name(s.node)) }))
							);
						})
					)
				);
			})
	);
}

/** Collects the console's hydration warnings (Svelte names a mismatch between the HTML and the app). */
export function hydrationWarnings(page: Page): string[] {
	const warnings: string[] = [];
	page.on('console', (message) => {
		if (/hydrat/i.test(message.text())) warnings.push(`${page.url()}: ${message.text()}`);
	});
	return warnings;
}

/**
 * With a history in storage, opens every screen and checks that the layout shifts it reports until its data is
 * shown add up to 0.02 or less, and that no hydration warning was logged.
 */
export async function expectNoShifts(page: Page): Promise<void> {
	const warnings = hydrationWarnings(page);
	await giveHistory(page);
	for (const screen of screens) {
		const shifts = await shiftsOf(page, screen);
		const total = shifts.reduce((sum, s) => sum + s.value, 0);
		expect(total, `${screen.path}: ${JSON.stringify(shifts)}`).toBeLessThanOrEqual(0.02);
	}
	expect(warnings).toEqual([]);
}
