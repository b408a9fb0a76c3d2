'use strict';
// A small HTTP server: `/` greets, `/healthz` answers for probes. `--healthcheck` starts it on a loopback
// port and probes itself (a smoke test that needs nothing but node); `--version` prints the version.
const http = require('node:http');
const { greet } = require('greeting');
const { version } = require('../package.json');

function handler(req, res) {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'ok', version }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`${greet(url.searchParams.get('name'))}\n`);
}

function healthcheck() {
  const server = http.createServer(handler).listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    http
      .get({ host: '127.0.0.1', port, path: '/healthz' }, (res) => {
        res.resume();
        console.log(res.statusCode === 200 ? 'healthy' : `unhealthy: ${res.statusCode}`);
        process.exitCode = res.statusCode === 200 ? 0 : 1;
        server.close();
      })
      .on('error', (error) => {
        console.error(`unhealthy: ${error.message}`);
        process.exitCode = 1;
        server.close();
      });
  });
}

if (process.argv.includes('--version')) {
  console.log(`node-app ${version}`);
} else if (process.argv.includes('--healthcheck')) {
  healthcheck();
} else {
  const port = Number(process.env.PORT || 3000);
  const server = http.createServer(handler).listen(port, () => console.log(`node-app ${version} on :${port}`));
  process.on('SIGTERM', () => server.close());
}
