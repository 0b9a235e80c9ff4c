import type { Client } from '@urql/core';
import { useEffect } from 'preact/hooks';
import { requestProblem, useQuery } from './client.js';
import { VendorHealthDocument } from './gql/graphql.js';

const REFRESH_MS = 10_000;

/** Each vendor's mode, health and circuit breaker, refreshed every 10 s. */
export function VendorHealthPanel({ client }: { client: Client }) {
  const { data, error, refetch } = useQuery(client, VendorHealthDocument, {});
  useEffect(() => {
    const timer = setInterval(refetch, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refetch]);
  const problem = requestProblem(error, data !== undefined);
  return (
    <section aria-labelledby="health-title">
      <h2 id="health-title" class="visually-hidden">Vendor health</h2>
      {problem && <p class="problem" role="alert">{problem.message}</p>}
      <div class="health" aria-live="polite">
        {data?.vendors.map((vendor) => (
          <article key={vendor.vendor} aria-label={`${vendor.vendor} health`} data-vendor={vendor.vendor}>
            <strong>{vendor.vendor}</strong> <small>{vendor.mode}</small>
            <div>
              health <span class={`state ${vendor.health}`}>{vendor.health}</span>
              {vendor.circuit && (
                <>
                  {' '}· circuit <span class={`state ${vendor.circuit}`}>{vendor.circuit}</span>
                </>
              )}
            </div>
          </article>
        ))}
      </div>
    </section>
  );
}
