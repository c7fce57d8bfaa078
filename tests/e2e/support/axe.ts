// Accessibility checks with axe. A dark colour scheme changes the page's colours alone (src/app.css sets colour
// variables in it, nothing else), so a page checked in full in one scheme needs only axe's colour rules in the
// other: the rest read its structure and layout, which are the same in both.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** The axe rules whose outcome depends on the page's colours. */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/** Axe's violations on the page as it is: every rule, or with `colours` the colour rules alone. */
export async function axeViolations(page: Page, { colours = false } = {}) {
	const builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] });
	if (colours) builder.withRules(COLOUR_RULES);
	return (await builder.analyze()).violations;
}
