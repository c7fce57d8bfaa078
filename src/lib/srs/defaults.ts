// The review settings a learner starts with. Apart from settings.ts, so that the screens that only read
// settings do not load the validator with their first JavaScript.
import type { SrsSettings } from '../model.ts';

export const DEFAULT_SETTINGS: Readonly<SrsSettings> = Object.freeze({
	desiredRetention: 0.9,
	newPerDay: 10,
	maxReviewsPerDay: 200,
	learningSteps: ['1m', '10m'],
	relearningSteps: ['10m'],
	maximumInterval: 36500,
	fuzz: true,
	dayStartHour: 4,
	leechAction: 'suspend',
	loadBalance: true,
	easyDays: [],
	parameters: null
});
