import { expect, test } from '@playwright/test';
import { storedStates } from './support/history.ts';
import { answerByKeys } from './support/review.ts';

test('Settings shows whether storage is kept and when progress was last backed up', async ({ page }) => {
	await page.goto('/settings');
	await expect(page.getByRole('heading', { name: 'Your data on this device' })).toBeVisible();
	await expect(page.locator('.storage-status')).toContainText(/Persistent storage|Best-effort storage/);
	await expect(page.getByTestId('settings-last-backup')).toHaveText('Last backup: never');

	await page.getByRole('link', { name: 'Backup', exact: true }).click();
	await expect(page).toHaveURL(/\/stats#backup$/);
	await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export progress' }).click()
	]);
	await expect(page.getByTestId('last-backup')).toHaveText(/\d{4}/);

	await page.goto('/settings');
	await expect(page.getByTestId('settings-last-backup')).toHaveText(/^Last backup: \S.*\d/);
	await expect(page.getByTestId('settings-last-backup')).not.toContainText('never');
});

test('new settings can reschedule the cards already studied, and a refused value changes nothing', async ({
	page
}) => {
	await page.goto('/review');
	await answerByKeys(page, '4');
	const [before] = await storedStates(page);
	expect(before).toBeDefined();

	await page.goto('/settings');
	const retention = page.getByLabel('Desired retention');
	await expect(retention).toHaveValue('0.90');
	await retention.fill('0.5');
	await page.getByLabel('Reschedule the cards I have studied').check();
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.locator('form [role="status"]')).toContainText('Nothing was saved');
	expect(await storedStates(page)).toEqual([before]);

	await retention.fill('0.80');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.locator('form [role="status"]')).toHaveText(
		'Settings saved; one studied card rescheduled.'
	);
	await expect(page.getByLabel('Reschedule the cards I have studied')).not.toBeChecked();
	const [after] = await storedStates(page);
	expect(after!.cardId).toBe(before!.cardId);
	expect(after!.due).toBeGreaterThan(before!.due);

	await page.reload();
	await expect(page.getByLabel('Desired retention')).toHaveValue('0.80');
});
