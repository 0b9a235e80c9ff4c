import type { Client } from '@urql/core';
import { useState } from 'preact/hooks';
import { failingVendors, requestProblem, useQuery } from './client.js';
import { UsersListDocument, type UserStatus, type Vendor } from './gql/graphql.js';
import { PartialBanner } from './partial.js';

const VENDORS: Vendor[] = ['RINKEL', 'DIALPAD', 'IMICHAT', 'COMMPEAK'];
const STATUSES: UserStatus[] = ['ACTIVE', 'INACTIVE', 'SUSPENDED', 'PENDING', 'DELETED'];
const PAGE_SIZE = 20;

function toggle<T>(list: T[], value: T, on: boolean): T[] {
  return on ? [...list, value] : list.filter((item) => item !== value);
}

/** Users across vendors: search, vendor and status filters, and paging that follows `endCursor`. */
export function UsersView({ client, onOpenPerson }: { client: Client; onOpenPerson: (email: string) => void }) {
  const [search, setSearch] = useState('');
  const [vendors, setVendors] = useState<Vendor[]>([]);
  const [statuses, setStatuses] = useState<UserStatus[]>([]);
  // The cursors of the pages before this one: "Previous" pops, "Next" pushes the page's endCursor.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const filter = { ...(search.trim() ? { search: search.trim() } : {}), ...(vendors.length ? { vendors } : {}), ...(statuses.length ? { status: statuses } : {}) };
  const { data, error, fetching } = useQuery(client, UsersListDocument, { first: PAGE_SIZE, after, filter });
  const restart = () => setCursors([null]);
  const problem = requestProblem(error, data !== undefined);
  const users = data?.users;
  const page = cursors.length;
  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <form class="filters" aria-label="Filter users" onSubmit={(event) => event.preventDefault()}>
        <label>
          Search by name, email or username
          <input type="search" name="search" value={search} onInput={(event) => { setSearch(event.currentTarget.value); restart(); }} />
        </label>
        <fieldset>
          <legend>Vendors</legend>
          {VENDORS.map((vendor) => (
            <label key={vendor}>
              <input type="checkbox" name="vendor" value={vendor} checked={vendors.includes(vendor)} onChange={(event) => { setVendors(toggle(vendors, vendor, event.currentTarget.checked)); restart(); }} />
              {vendor}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Status</legend>
          {STATUSES.map((status) => (
            <label key={status}>
              <input type="checkbox" name="status" value={status} checked={statuses.includes(status)} onChange={(event) => { setStatuses(toggle(statuses, status, event.currentTarget.checked)); restart(); }} />
              {status}
            </label>
          ))}
        </fieldset>
      </form>
      {problem && <p class="problem" role="alert">{problem.message}</p>}
      <PartialBanner vendors={failingVendors(error, users?.unavailableVendors ?? [])} what="accounts" />
      <div class="pager">
        <button type="button" class="secondary" disabled={page === 1 || fetching} onClick={() => setCursors(cursors.slice(0, -1))}>Previous page</button>
        <button type="button" disabled={!users?.pageInfo.hasNextPage || fetching} onClick={() => users?.pageInfo.endCursor && setCursors([...cursors, users.pageInfo.endCursor])}>Next page</button>
        <span aria-live="polite" id="page-status">{users ? `Page ${page} · ${users.totalCount} users` : fetching ? 'Loading…' : ''}</span>
      </div>
      <table aria-labelledby="users-title" aria-busy={fetching ? 'true' : 'false'}>
        <thead>
          <tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Vendor</th><th scope="col">Status</th><th scope="col">Availability</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr>
        </thead>
        <tbody>
          {users?.edges.map(({ node }) => (
            <tr key={node.id} data-vendor={node.vendor}>
              <td>{node.fullName ?? '—'}</td>
              <td>{node.email ?? '—'}</td>
              <td>{node.vendor}</td>
              <td>{node.status}</td>
              <td>{node.availability ?? '—'}</td>
              <td>{node.email && <button type="button" class="outline" onClick={() => onOpenPerson(node.email!)} aria-label={`Open ${node.fullName ?? node.email} across vendors`}>Open</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {users && users.edges.length === 0 && <p>No user matches.</p>}
    </section>
  );
}
