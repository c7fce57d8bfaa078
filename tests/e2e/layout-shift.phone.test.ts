import { test } from '@playwright/test';
import { expectNoShifts } from './support/layout-shift.ts';

test('no screen moves when its data arrives, and the HTML matches what the app renders (phone)', async ({
	page
}) => {
	test.setTimeout(120_000);
	await expectNoShifts(page);
});
