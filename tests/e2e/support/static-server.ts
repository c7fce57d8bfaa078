// A small static server for the built app, as a plain host would serve it: clean addresses
// (/read → read.html), the fallback page for unknown ones, immutable caching for hashed files.
// The offline and update tests need a server they can stop, or switch to another build.
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const types: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.webmanifest': 'application/manifest+json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.txt': 'text/plain; charset=utf-8'
};

export interface StaticServer {
	readonly url: string;
	/** Serve another build from the same address, as a new deployment would. */
	serve(root: string): void;
	/** The paths requested, in order; a test may empty it to watch what follows. */
	requests: string[];
	close(): Promise<void>;
}

async function isFile(path: string): Promise<boolean> {
	try {
		return (await stat(path)).isFile();
	} catch {
		return false;
	}
}

async function resolve(root: string, pathname: string): Promise<{ file: string; status: number }> {
	const clean = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
	const candidates = clean.endsWith('/')
		? [join(root, clean, 'index.html')]
		: [join(root, clean), join(root, `${clean}.html`)];
	for (const file of candidates) {
		if (file.startsWith(root) && (await isFile(file))) return { file, status: 200 };
	}
	return { file: join(root, '404.html'), status: 404 };
}

/** Text files a host sends compressed. */
const compressible = new Set(['.html', '.js', '.css', '.json', '.webmanifest', '.svg', '.txt']);

/**
 * Serves `root` on `port` (0: a free port, named in the url returned). With `gzip`, text files go gzip-compressed to
 * a browser that accepts it, as every production host sends them (the bench's Lighthouse audits).
 */
export async function startStaticServer(
	root: string,
	port: number,
	{ gzip = false }: { gzip?: boolean } = {}
): Promise<StaticServer> {
	let current = root;
	const requests: string[] = [];
	const compressed = new Map<string, Buffer>();
	const server: Server = createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		requests.push(url.pathname);
		const { file, status } = await resolve(current, url.pathname);
		try {
			let body: Buffer = await readFile(file);
			const headers: Record<string, string> = {
				'content-type': types[extname(file)] ?? 'application/octet-stream',
				'cache-control': url.pathname.startsWith('/_app/immutable/')
					? 'public, max-age=31536000, immutable'
					: 'no-cache'
			};
			if (gzip && compressible.has(extname(file))) {
				headers.vary = 'accept-encoding';
				if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
					const packed = compressed.get(file) ?? gzipSync(body);
					compressed.set(file, packed);
					body = packed;
					headers['content-encoding'] = 'gzip';
				}
			}
			res.writeHead(status, headers);
			res.end(body);
		} catch {
			res.writeHead(404).end('Not found');
		}
	});
	await new Promise<void>((done, fail) => {
		server.once('error', fail);
		server.listen(port, 'localhost', () => done());
	});
	const address = server.address();
	const bound = address && typeof address === 'object' ? address.port : port;
	return {
		url: `http://localhost:${bound}`,
		serve(root: string) {
			current = root;
		},
		requests,
		close: () =>
			new Promise<void>((done) => {
				server.closeAllConnections();
				server.close(() => done());
			})
	};
}
