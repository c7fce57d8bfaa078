// The quiz's only source of chance: a seeded generator, so that a seed fixes the order of questions and
// choices (tests rely on it) and a resumed quiz replays exactly what was asked.

export type Random = () => number;

/** The largest seed: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 0xffffffff;

/**
 * mulberry32 (Tommy Ettinger): a tiny 32-bit generator, uniform enough for shuffling a few dozen cards,
 * and the same on every engine because it uses only 32-bit integer maths. Returns numbers in [0, 1).
 */
export function mulberry32(seed: number): Random {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A second, independent seed drawn from a seed, for a separate stream of choices. */
export function deriveSeed(seed: number, salt: number): number {
	return Math.floor(mulberry32((seed ^ salt) >>> 0)() * (MAX_SEED + 1));
}

/** A whole number in [0, n). */
export function randomIndex(random: Random, n: number): number {
	return Math.min(n - 1, Math.floor(random() * n));
}

/** A shuffled copy (Fisher–Yates). */
export function shuffle<T>(items: readonly T[], random: Random): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = randomIndex(random, i + 1);
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}
