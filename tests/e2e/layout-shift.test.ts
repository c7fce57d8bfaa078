import { expect, test } from '@playwright/test';
import { giveHistory, hydrationWarnings, screens, shiftsOf } from './support/layout-shift.ts';

test('no screen moves when its data arrives, and the HTML matches what the app renders (desktop)', async ({
	page
}) => {
	test.setTimeout(120_000);
	const warnings = hydrationWarnings(page);
	await giveHistory(page);
	for (const screen of screens) {
		const shifts = await shiftsOf(page, screen);
		const total = shifts.reduce((sum, s) => sum + s.value, 0);
		expect(total, `${screen.path}: ${JSON.stringify(shifts)}`).toBeLessThanOrEqual(0.02);
	}
	expect(warnings).toEqual([]);
});
