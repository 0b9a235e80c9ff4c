import type { UpdateAccountMutation } from './gql/graphql.js';

type Result = UpdateAccountMutation['updateUser'];

const show = (value: unknown) => (value === null || value === undefined ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value));

/** A mutation result shown as what it means: each typed error says what happened and what to do. */
export function Outcome({ result, idempotencyKey }: { result: Result; idempotencyKey?: string }) {
  switch (result.__typename) {
    case 'UpdateUserSuccess':
      return (
        <div class={result.dryRun ? 'notice' : 'done'} role="status" data-outcome={result.dryRun ? 'preview' : 'applied'}>
          <strong>{result.dryRun ? 'Preview: nothing was written yet.' : 'Applied.'}</strong>
          {!result.dryRun && idempotencyKey && <small> Idempotency key <code>{idempotencyKey}</code>: repeating this writes nothing more.</small>}
          {result.changes.length === 0 ? (
            <p>No change: the account already has these values.</p>
          ) : (
            <table>
              <caption>{result.dryRun ? 'What would change' : 'What changed'}</caption>
              <thead><tr><th scope="col">Field</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
              <tbody>
                {result.changes.map((change) => (
                  <tr key={change.field}><td>{change.field}</td><td>{show(change.before)}</td><td>{show(change.after)}</td></tr>
                ))}
              </tbody>
            </table>
          )}
          {result.skippedFields.length > 0 && <p>Not written (the vendor cannot take them): {result.skippedFields.join(', ')}</p>}
        </div>
      );
    case 'ValidationError':
      return (
        <div class="problem" role="alert" data-outcome="validation">
          <strong>Not accepted; nothing was sent to the vendor.</strong>
          <ul>
            {result.fieldErrors.map((error) => (
              <li key={error.field}>
                <strong>{error.field}</strong>: {error.reason}
                {error.acceptedValues && <> Accepted values: {error.acceptedValues.join(', ')}.</>}
              </li>
            ))}
          </ul>
        </div>
      );
    case 'RateLimitedError':
      return (
        <div class="notice" role="alert" data-outcome="rate-limited">
          <strong>The vendor is rate limiting; nothing was written.</strong>{' '}
          {result.retryAfterSeconds === null ? 'Try again in a little while.' : `Try again in ${result.retryAfterSeconds} s.`}
        </div>
      );
    case 'VendorError':
      return result.outcome === 'UNKNOWN' ? (
        <div class="problem" role="alert" data-outcome="unknown">
          <strong>The write may or may not have happened.</strong> The vendor gave no clear answer{result.httpStatus ? ` (HTTP ${result.httpStatus})` : ''}.
          Reload the account and check before trying again.
        </div>
      ) : (
        <div class="problem" role="alert" data-outcome="not-applied">
          <strong>Nothing was written.</strong> {result.message} {result.retryable ? 'It is safe to try again.' : 'Trying again will not help.'}
        </div>
      );
    case 'NotFoundError':
      return (
        <div class="problem" role="alert" data-outcome="not-found">
          <strong>The account no longer exists at the vendor.</strong> {result.message}
        </div>
      );
  }
}
