import { expect, test } from '@playwright/test';

const quote = 'Kazakhstan has an embassy in Ashgabat.';

test('a reader link with a quote scrolls to the passage and highlights the quoted words', async ({
	page
}) => {
	await page.goto(`/read/encyclopedia?quote=${encodeURIComponent(quote)}#overview`);
	const passage = page.locator('section#overview');
	await expect(passage.locator('mark')).toHaveText(quote);
	await expect(passage).toBeInViewport();
	await expect(page.locator('mark')).toHaveCount(1);
	// The licence is shown wherever the encyclopedia's text is shown.
	await expect(page.getByRole('link', { name: 'CC BY-SA 4.0' }).first()).toBeVisible();
});

test('a quote that is not in the passage is reported, not highlighted', async ({ page }) => {
	await page.goto(`/read/encyclopedia?quote=${encodeURIComponent('words that are nowhere')}#overview`);
	await expect(page.getByRole('status')).toContainText('not found');
	await expect(page.locator('mark')).toHaveCount(0);
});

test('an unknown document gives a clear not-found page', async ({ page }) => {
	await page.goto('/read/no-such-document');
	await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
	await expect(page.getByRole('alert')).toContainText('no-such-document');
});

test('each passage opens its cards in place', async ({ page }) => {
	await page.goto('/read/magazine-2022');
	const passage = page.locator('section#visit-milestone');
	const summary = passage.locator('summary');
	await expect(summary).toHaveText(/\d+ cards?/);
	const count = Number((await summary.textContent())!.match(/\d+/)![0]);
	await summary.click();
	await expect(passage.locator('.passage-cards > li')).toHaveCount(count);
	await expect(passage.locator('.passage-cards')).toContainText('Serdar Berdimuhamedov');
});

test('both documents are listed and readable', async ({ page }) => {
	await page.goto('/read');
	await page.getByRole('link', { name: 'Kazakhstan–Turkmenistan relations' }).click();
	await expect(page).toHaveURL(/\/read\/encyclopedia$/);
	await expect(page.locator('h1')).toHaveText('Kazakhstan–Turkmenistan relations');
	await page.goto('/read');
	await page.getByRole('link', { name: /first state visit/ }).click();
	await expect(page.locator('section#press-conference')).toContainText('final press conference');
});
