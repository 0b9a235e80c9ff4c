import type { Client } from '@urql/core';
import { useState } from 'preact/hooks';
import { requestProblem } from './client.js';
import { UpdateAccountDocument, type Availability, type UpdateAccountMutation, type UserStatus } from './gql/graphql.js';
import type { Account } from './person.js';
import { Outcome } from './outcome.js';

type Result = UpdateAccountMutation['updateUser'];
type TextField = 'firstName' | 'lastName' | 'language' | 'jobTitle' | 'extension';

const TEXT_FIELDS: [TextField, string][] = [['firstName', 'First name'], ['lastName', 'Last name'], ['language', 'Language (BCP 47)'], ['jobTitle', 'Job title'], ['extension', 'Extension']];
const AVAILABILITIES: Availability[] = ['AVAILABLE', 'UNAVAILABLE', 'BUSY'];
const STATUSES: UserStatus[] = ['ACTIVE', 'INACTIVE', 'SUSPENDED'];

/**
 * Editing one account: only the fields changed here are sent; "Preview" is a dry run that shows the
 * vendor-level diff (`changes`) and writes nothing; "Apply" sends the same patch with an idempotency
 * key made for this preview, so pressing it twice (or retrying after a lost answer) writes once.
 */
export function EditAccount({ client, account, onClose, onApplied }: { client: Client; account: Account; onClose: () => void; onApplied: () => void }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<{ result: Result; key: string; patch: Record<string, string | null> } | null>(null);
  const [applied, setApplied] = useState<Result | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const patch = (): Record<string, string | null> =>
    Object.fromEntries(Object.entries(values).filter(([, value]) => value !== '').map(([field, value]) => [field, value === '(clear)' ? null : value]));

  const send = async (dryRun: boolean, body: Record<string, string | null>, idempotencyKey?: string): Promise<Result | null> => {
    setBusy(true);
    setProblem(null);
    const { data, error } = await client.mutation(UpdateAccountDocument, { input: { id: account.id, dryRun, ...(idempotencyKey ? { idempotencyKey } : {}), ...body } }).toPromise();
    setBusy(false);
    const refused = requestProblem(error, data !== undefined);
    if (refused || !data) {
      setProblem(refused?.message ?? 'No answer from the gateway.');
      return null;
    }
    return data.updateUser;
  };

  const set = (field: string) => (event: { currentTarget: HTMLInputElement | HTMLSelectElement }) => {
    setValues({ ...values, [field]: event.currentTarget.value });
    setPreview(null);
    setApplied(null);
  };

  return (
    <section aria-labelledby="edit-title">
      <h3 id="edit-title">Edit the {account.vendor} account #{account.vendorUserId}</h3>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const body = patch();
          const result = await send(true, body);
          if (result) setPreview({ result, key: crypto.randomUUID(), patch: body });
          setApplied(null);
        }}
      >
        <div class="edit-grid">
          {TEXT_FIELDS.map(([field, label]) => (
            <label key={field}>
              {label}
              <input name={field} placeholder={String(account[field] ?? '')} value={values[field] ?? ''} onInput={set(field)} />
            </label>
          ))}
          <label>
            Availability
            <select name="availability" value={values['availability'] ?? ''} onChange={set('availability')}>
              <option value="">unchanged ({account.availability ?? 'none'})</option>
              {AVAILABILITIES.map((value) => <option key={value} value={value}>{value}</option>)}
            </select>
          </label>
          <label>
            Status
            <select name="status" value={values['status'] ?? ''} onChange={set('status')}>
              <option value="">unchanged ({account.status})</option>
              {STATUSES.map((value) => <option key={value} value={value}>{value}</option>)}
            </select>
          </label>
        </div>
        <div class="actions">
          <button type="submit" disabled={busy}>Preview changes (dry run)</button>
          <button
            type="button"
            disabled={busy || preview?.result.__typename !== 'UpdateUserSuccess' || applied?.__typename === 'UpdateUserSuccess'}
            onClick={async () => {
              if (!preview) return;
              const result = await send(false, preview.patch, preview.key);
              if (result) {
                setApplied(result);
                if (result.__typename === 'UpdateUserSuccess') onApplied();
              }
            }}
          >
            Apply
          </button>
          <button type="button" class="secondary" onClick={onClose}>Close</button>
        </div>
      </form>
      {problem && <p class="problem" role="alert">{problem}</p>}
      <div aria-live="polite">
        {preview && !applied && <Outcome result={preview.result} />}
        {applied && <Outcome result={applied} idempotencyKey={preview?.key} />}
      </div>
    </section>
  );
}
