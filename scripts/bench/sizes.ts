// Shipped bytes, gzip: the JavaScript a route loads on a cold start, and the whole precache.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { isLazy } from '../../src/lib/pwa/lazy-files.ts';

const gzipSize = (path: string) => gzipSync(readFileSync(path)).length;

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

/** The client files a route's page imports statically: the entry, the root layout and the page's own node. */
export function routeJavaScript(
	kitOutput: string,
	buildDir: string,
	routeId: string
): { files: string[]; gzip: number } {
	const server = join(kitOutput, 'server');
	const full = readFileSync(join(server, 'manifest-full.js'), 'utf8');
	const route = new RegExp(
		`id: "${routeId.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}",[\\s\\S]*?page: \\{ layouts: \\[([\\d,]*)\\], errors: \\[[\\d,]*\\], leaf: (\\d+) \\}`
	).exec(full);
	if (!route) throw new Error(`route ${routeId} is not in the build`);
	const nodes = [...route[1]!.split(',').filter(Boolean), route[2]!];
	const client = /imports:(\[[^\]]*\])/.exec(readFileSync(join(server, 'manifest.js'), 'utf8'));
	const files = new Set<string>(JSON.parse(client![1]!) as string[]);
	for (const n of nodes) {
		const node = readFileSync(join(server, 'nodes', `${n}.js`), 'utf8');
		for (const f of JSON.parse(/export const imports = (\[[^\]]*\])/.exec(node)![1]!) as string[])
			files.add(f);
	}
	const list = [...files];
	return { files: list, gzip: list.reduce((sum, f) => sum + gzipSize(join(buildDir, f)), 0) };
}

/**
 * What the service worker precaches: the static build, less the worker itself and the files it caches on first use
 * (src/lib/pwa/lazy-files.ts).
 */
export function precacheSize(buildDir: string): { files: number; gzip: number; raw: number } {
	const files = filesUnder(buildDir).filter((f) => {
		const path = relative(buildDir, f);
		return !path.startsWith('.') && path !== 'service-worker.js' && !isLazy(`/${path}`);
	});
	return {
		files: files.length,
		gzip: files.reduce((s, f) => s + gzipSize(f), 0),
		raw: files.reduce((s, f) => s + statSync(f).size, 0)
	};
}

if (process.argv[1]?.endsWith('sizes.ts')) {
	for (const route of ['/', '/review', '/read/[document]', '/cards']) {
		const r = routeJavaScript('.svelte-kit/output', 'build', route);
		console.log(route, (r.gzip / 1024).toFixed(1), 'KB gzip in', r.files.length, 'files');
	}
	const p = precacheSize('build');
	console.log('precache', (p.gzip / 1024).toFixed(1), 'KB gzip,', p.files, 'files');
}
