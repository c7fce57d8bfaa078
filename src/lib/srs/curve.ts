// The FSRS forgetting curve alone, computed as ts-fsrs computes it, for the order of today's reviews: today's
// queue is built without loading the scheduler (scheduler.ts), which only answering needs.
import type { SrsSettings } from '../model.ts';

/** The part of a scheduler that today's queue needs. */
export interface RecallCurve {
	/** The probability of recall after `elapsed` days, for a card of this stability. */
	forgetting_curve(elapsed: number, stability: number): number;
}

/** FSRS-6's decay when the settings carry no parameters; FSRS-5's for 17 or 19 parameters (as ts-fsrs fills them). */
const FSRS6_DECAY = 0.1542;
const FSRS5_DECAY = 0.5;

const round8 = (n: number) => Math.round(n * 1e8) / 1e8;

/** The curve of the scheduler these settings make (makeScheduler), with the same rounding. */
export function recallCurve(settings: Pick<SrsSettings, 'parameters'>): RecallCurve {
	const w = settings.parameters;
	const given = !w ? FSRS6_DECAY : w.length === 21 ? w[20] : FSRS5_DECAY;
	// ts-fsrs clamps the decay parameter to [0.1, 0.8].
	const decay = -Math.min(0.8, Math.max(0.1, given || 0));
	const factor = round8(Math.exp(Math.pow(decay, -1) * Math.log(0.9)) - 1);
	return {
		forgetting_curve: (elapsed, stability) => round8(Math.pow(1 + (factor * elapsed) / stability, decay))
	};
}
