import { startTestApp } from './support/app.js';
const app = await startTestApp({});
const h = { 'content-type': 'application/json' , accept: 'application/json'};
for (const body of ['{"query": "{ vendors { vendor } }", secretbody', '']) {
const r = await fetch(`${app.url}/graphql`, { method: 'POST', headers: h, body });
console.log(r.status, await r.text());
}
await app.close();
