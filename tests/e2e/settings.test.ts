import { expect, test } from '@playwright/test';

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
	await expect(page.getByTestId('last-backup')).not.toHaveText('never');

	await page.goto('/settings');
	await expect(page.getByTestId('settings-last-backup')).toHaveText(/^Last backup: \S.*\d/);
	await expect(page.getByTestId('settings-last-backup')).not.toContainText('never');
});
