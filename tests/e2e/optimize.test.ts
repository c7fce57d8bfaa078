import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitForServiceWorker } from './support/pwa.ts';

/** Every card's "due …" line on the Cards page, in deck order. */
async function dueDates(page: Page): Promise<string[]> {
	await page.goto('/cards');
	await expect(page.locator('p.count')).toContainText('cards');
	await expect(page.locator('.card-list .status .muted').first()).not.toHaveText('…');
	return page.locator('.card-list .status .muted').allInnerTexts();
}

async function optimize(page: Page) {
	await page.getByRole('button', { name: 'Optimize', exact: true }).click();
	const table = page.getByTestId('optimize-evaluation');
	await expect(table).toBeVisible({ timeout: 120_000 });
	return table;
}

test('a year of demo history: Optimize shows both losses, Apply moves due dates, and Optimize works offline after one use', async ({
	page,
	context
}) => {
	// Import, two fits of a year's answers and a reschedule, on a shared machine: a long test, timed by nothing.
	test.setTimeout(300_000);
	const file = join(mkdtempSync(join(tmpdir(), 'demo-')), 'demo-history.json');
	execFileSync('npx', ['tsx', 'scripts/demo-history.ts', '--out', file], { stdio: 'pipe' });

	await page.goto('/');
	await waitForServiceWorker(page);
	expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

	await page.goto('/stats');
	await page.getByLabel('Import progress').setInputFiles(file);
	await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText(
		/Imported [\d,]+ new reviews/,
		{
			timeout: 30_000
		}
	);
	const before = await dueDates(page);

	await page.goto('/settings');
	await expect(page.getByTestId('parameters-in-use')).toContainText('FSRS’s defaults');
	const table = await optimize(page);
	// Log loss and RMSE of the current (default) and the fitted parameters.
	const rows = await table.locator('tbody tr').allInnerTexts();
	expect(rows).toHaveLength(2);
	for (const row of rows) expect(row).toMatch(/\d\.\d{4}\s+\d+\.\d{2}%/);
	expect(rows[0]).toContain('defaults');
	await expect(
		page.getByRole('checkbox', { name: /Reschedule the cards I have studied with them/ })
	).toBeChecked();
	await page.getByRole('button', { name: 'Apply the fitted parameters' }).click();
	await expect(page.getByTestId('optimize-status')).toContainText(/studied cards rescheduled/);
	await expect(page.getByTestId('parameters-in-use')).toContainText('fitted to your answers');

	// The schedule follows the fitted parameters.
	const after = await dueDates(page);
	expect(after).toHaveLength(before.length);
	expect(after.filter((due, i) => due !== before[i]).length).toBeGreaterThan(10);

	// Offline, the optimizer (its worker and WebAssembly cached on first use) still runs.
	await context.setOffline(true);
	await page.goto('/settings');
	const again = await optimize(page);
	await expect(again.locator('tbody tr').first()).toContainText('fitted before');
	await page.getByRole('button', { name: 'Keep the current ones' }).click();
	await expect(page.getByTestId('optimize-status')).toHaveText('The fitted parameters were not applied.');
	await context.setOffline(false);
});

test('too little history gives a clear message and changes nothing', async ({ page }) => {
	await page.goto('/settings');
	await page.getByRole('button', { name: 'Optimize', exact: true }).click();
	await expect(page.getByTestId('optimize-status')).toContainText('Too little history to optimize');
	await expect(page.getByTestId('parameters-in-use')).toContainText('FSRS’s defaults');

	// The retention helper beside Desired retention: a picture first, its numbers as a table one click away.
	await page.getByText('Help me decide').click();
	await expect(
		page.getByRole('img', { name: /0\.70: [\d.]+ reviews a day, \d+ cards remembered/ })
	).toBeVisible();
	await page.getByRole('button', { name: 'Show as a table' }).click();
	const rows = page.locator('details table tbody tr');
	await expect(rows).toHaveCount(7);
	await expect(rows.last().locator('th')).toHaveText('0.97');
	await expect(rows.last().locator('td')).toHaveText([/^\d+\.\d$/, /^\d+ of \d+$/]);

	// The settings screen with the new sections open passes axe.
	const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);
});
