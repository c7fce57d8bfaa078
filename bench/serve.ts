// A small static server for a build folder, as a static host would serve it: files as they are,
// `/path` from `path.html` or `path/index.html`, anything else the build's 404.html with status 404.
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
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

function fileFor(root: string, pathname: string): string | null {
	const path = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
	for (const candidate of [path, `${path}.html`, join(path, 'index.html')]) {
		const full = join(root, candidate);
		if (full.startsWith(root) && existsSync(full) && statSync(full).isFile()) return full;
	}
	return null;
}

export function serveStatic(root: string, port: number): Promise<Server> {
	const server = createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://localhost');
		const file = fileFor(root, url.pathname);
		const served = file ?? join(root, '404.html');
		response.writeHead(file ? 200 : 404, {
			'content-type': TYPES[extname(served)] ?? 'application/octet-stream',
			'cache-control': served.includes('/_app/immutable/')
				? 'public, max-age=31536000, immutable'
				: 'no-cache'
		});
		response.end(readFileSync(served));
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve(server));
	});
}
