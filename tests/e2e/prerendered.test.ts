// Each screen as the server sends it, JavaScript off: the pages are prerendered with their content, so they paint
// before any script runs (and read without one); what comes from the learner's storage fills in after.
import { expect, test } from '@playwright/test';
import { deck, scopes } from './support/quiz.ts';

test.use({ javaScriptEnabled: false });

test('every screen arrives as HTML with its own content, before any JavaScript', async ({ page }) => {
	test.setTimeout(90_000);
	const heading = page.getByRole('heading', { level: 1 });

	await page.goto('/');
	await expect(heading).toHaveText('Kazakhstan–Turkmenistan relations');
	await expect(page.locator('main > p').first()).toContainText(
		`${deck.cards.length} question cards in ${deck.topics.length} topics`
	);
	for (const doc of deck.documents)
		await expect(page.getByRole('listitem').getByRole('link', { name: doc.title })).toBeVisible();
	// The day's numbers have their place, filled once the storage is read.
	await expect(page.locator('.numbers > div')).toHaveCount(4);
	await expect(page.getByRole('link', { name: 'Review', exact: true }).first()).toBeVisible();

	await page.goto('/read');
	await expect(heading).toHaveText('Read the documents');
	for (const doc of deck.documents) await expect(page.getByRole('link', { name: doc.title })).toBeVisible();

	// A document: every passage, and under each the questions of its cards.
	const doc = deck.documents.find((d) => d.id === 'encyclopedia') ?? deck.documents[0]!;
	await page.goto(`/read/${doc.id}`);
	const passages = doc.passages.filter((p) => p.kind !== 'title' && p.kind !== 'heading');
	await expect(page.locator('section.passage')).toHaveCount(passages.length);
	const ofPassage = (id: string) =>
		deck.cards.find((c) => c.refs.some((r) => r.document === doc.id && r.passage === id));
	const passage = passages.find((p) => ofPassage(p.id))!;
	const section = page.locator(`section.passage[id="${passage.id}"]`);
	await expect(section.locator('p').first()).toContainText(passage.text.slice(0, 40));
	const card = ofPassage(passage.id)!;
	await section.locator('summary').click();
	await expect(section.getByText(card.question)).toBeVisible();

	// The card browser: the whole deck, each card with its question and answer.
	await page.goto('/cards');
	await expect(heading).toHaveText('Cards');
	await expect(page.locator('.card-list > li.card-box')).toHaveCount(deck.cards.length);
	const first = page.locator(`.card-list > li[id="${deck.cards[0]!.id}"]`);
	await expect(first.locator('.q')).toHaveText(deck.cards[0]!.question);
	await expect(first.locator('.a')).toHaveText(deck.cards[0]!.answer);

	// The quizzes: one link a topic or document with cards.
	await page.goto('/quiz');
	await expect(heading).toHaveText('Quiz');
	await expect(page.getByRole('heading', { name: 'Start a quiz' })).toBeVisible();
	await expect(page.locator('li.scope')).toHaveCount(scopes.length);
	const scope = scopes.find((s) => s.cards.length > 0)!;
	await expect(page.locator(`li[data-scope="${scope.id}"] a`)).toContainText(scope.title);
	await page.goto(`/quiz/${scope.id}`);
	await expect(heading).toHaveText(`Quiz: ${scope.title}`);

	// The frames of the screens that show the learner's own data.
	await page.goto('/review');
	await expect(heading).toHaveText('Review');
	await expect(page.getByRole('group', { name: 'Card actions' }).getByRole('button')).toHaveCount(3);
	await page.goto('/stats');
	await expect(heading).toHaveText('Statistics');
	await expect(page.getByRole('heading', { name: 'Backup' })).toBeVisible();
	await page.goto('/settings');
	await expect(heading).toHaveText('Settings');
	for (const name of ['Daily review', 'Your data on this device', 'Reset progress'])
		await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
});
