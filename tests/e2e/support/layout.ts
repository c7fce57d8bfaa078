import type { Page } from '@playwright/test';

/** How far the page scrolls sideways: 0 when nothing is wider than the screen. */
export function sidewaysScroll(page: Page): Promise<number> {
	return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * Everything that can be tapped and is smaller than 44×44 CSS pixels. Links inside a sentence are
 * exempt, as WCAG's target-size criteria exempt them: the sentence sets their size.
 */
export function smallTargets(page: Page, min = 44): Promise<string[]> {
	return page.evaluate((min) => {
		const describe = (el: Element, r: DOMRect) =>
			`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`;
		const inSentence = (el: HTMLElement) => {
			if (getComputedStyle(el).display !== 'inline') return false;
			let block = el.parentElement;
			while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
			const own = (el.textContent ?? '').trim().length;
			return !!block && (block.textContent ?? '').trim().length > own;
		};
		const small: string[] = [];
		for (const el of document.querySelectorAll<HTMLElement>(
			'a[href], button, summary, input, select, textarea, [role="button"], [tabindex="0"]'
		)) {
			const r = el.getBoundingClientRect();
			if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
			if (el.matches('.skip, .visually-hidden')) continue;
			if (el.tagName === 'A' && inSentence(el)) continue;
			// A checkbox or radio inside its label: a tap anywhere on the label sets it.
			const label = el.tagName === 'INPUT' ? el.closest('label') : null;
			if (label) {
				const l = label.getBoundingClientRect();
				if (l.width >= min && l.height >= min) continue;
			}
			if (r.width < min || r.height < min) small.push(describe(el, r));
		}
		return small;
	}, min);
}

/** Open every passage's cards on a document page: the most there is on it. */
export async function openAllCards(page: Page): Promise<void> {
	await page
		.locator('details')
		.evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
}
