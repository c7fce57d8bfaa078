import { expect, test } from '@playwright/test';
import { axeViolations } from './support/axe.ts';
import { backupFile, deck, history } from './support/history.ts';

test('the stats page, its tables and the shaded reader pass an accessibility check', async ({ page }) => {
	// Three full axe scans, one of a page with hundreds of chart cells: slow on a busy 2-core machine.
	test.slow();
	const now = Date.now();
	await page.goto('/stats');
	await page.getByLabel('Import progress').setInputFiles(backupFile(history(now, 12), now));
	await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();
	// The heatmap is counted after the rest of the page is shown.
	await expect(page.locator('.heatmap-region')).toHaveAttribute('aria-busy', 'false');
	await expect(page.locator('figure', { hasText: 'Answers per day' })).toBeVisible();
	const show = page.getByRole('button', { name: /Show as a table/ });
	while (await show.count()) await show.first().click();
	await expect(page.getByRole('table')).toHaveCount(3);
	expect(await axeViolations(page)).toEqual([]);

	// The shaded reader: in full in the light scheme, its colours in the dark one.
	await page.goto(`/read/${deck.cards[0]!.refs[0]!.document}`);
	await expect(page.locator('.recall-label').first()).toBeVisible();
	for (const scheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme: scheme });
		expect(await axeViolations(page, { colours: scheme === 'dark' }), scheme).toEqual([]);
	}
});
