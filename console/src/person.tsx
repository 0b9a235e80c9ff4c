import type { Client } from '@urql/core';
import { useState } from 'preact/hooks';
import { failingVendors, requestProblem, useQuery } from './client.js';
import { EditAccount } from './edit.js';
import { PersonDocument, type PersonQuery } from './gql/graphql.js';
import { PartialBanner } from './partial.js';

export type Account = PersonQuery['usersByEmail'][number];

/** The vendor-only fields of one account, by its details type. */
function details(account: Account): [string, unknown][] {
  const { __typename, ...fields } = account.details;
  return Object.entries(fields);
}

function Field({ name, value }: { name: string; value: unknown }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>{value === null || value === undefined ? '—' : String(value)}</dd>
    </>
  );
}

/** One person (`usersByEmail`): every account side by side with its vendor details, each editable. */
export function PersonView({ client, email, onBack }: { client: Client; email: string; onBack: () => void }) {
  const { data, error, fetching, refetch } = useQuery(client, PersonDocument, { email });
  const [editing, setEditing] = useState<string | null>(null);
  const problem = requestProblem(error, data !== undefined);
  const accounts = data?.usersByEmail ?? [];
  const account = accounts.find((candidate) => candidate.id === editing);
  return (
    <section aria-labelledby="person-title">
      <button type="button" class="secondary outline" onClick={onBack}>← Back to users</button>
      <h2 id="person-title">{accounts[0]?.fullName ?? email}</h2>
      <p>
        <code>{email}</code> · {fetching ? 'Loading…' : `${accounts.length} account${accounts.length === 1 ? '' : 's'}`}
      </p>
      {problem && <p class="problem" role="alert">{problem.message}</p>}
      <PartialBanner vendors={failingVendors(error)} what="accounts of this person" />
      <div class="accounts">
        {accounts.map((item) => (
          <article key={item.id} aria-label={`${item.vendor} account`} data-vendor={item.vendor}>
            <header>
              <strong>{item.vendor}</strong> <small>#{item.vendorUserId}</small>
            </header>
            <dl>
              <Field name="Name" value={item.fullName} />
              <Field name="Email" value={item.email} />
              <Field name="Status" value={item.status} />
              <Field name="Availability" value={item.availability} />
              <Field name="Language" value={item.language} />
              <Field name="Job title" value={item.jobTitle} />
              <Field name="Extension" value={item.extension} />
              <Field name="Phone" value={item.phoneNumber} />
              {details(item).map(([name, value]) => <Field key={name} name={name} value={value} />)}
            </dl>
            <footer>
              <button type="button" onClick={() => setEditing(item.id)} aria-label={`Edit the ${item.vendor} account`}>Edit</button>
            </footer>
          </article>
        ))}
      </div>
      {account && <EditAccount key={account.id} client={client} account={account} onClose={() => setEditing(null)} onApplied={refetch} />}
    </section>
  );
}
