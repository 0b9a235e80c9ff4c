/**
 * The employee directory subgraph on its own port: `npx tsx examples/employee-directory/server.ts`
 * (DIRECTORY_PORT, default 4001). Serves GraphQL at /graphql with the sandbox's employees.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createYoga } from 'graphql-yoga';
import { createDirectorySchema, SANDBOX_EMPLOYEES, type Employee } from './schema.js';

export interface DirectoryServer {
  /** e.g. http://127.0.0.1:4001/graphql */
  readonly url: string;
  close(): Promise<void>;
}

export async function startDirectory({ employees = SANDBOX_EMPLOYEES, port = 0, host = '127.0.0.1' }: { employees?: readonly Employee[]; port?: number; host?: string } = {}): Promise<DirectoryServer> {
  const yoga = createYoga({ schema: createDirectorySchema(employees), graphiql: false, landingPage: false });
  const server: Server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}/graphql`,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const directory = await startDirectory({ port: Number(process.env.DIRECTORY_PORT ?? 4001) });
  console.log(`employee directory subgraph on ${directory.url}`);
}
