import { useMemo, useState } from 'preact/hooks';
import { createClient, endpoint, storedToken, storeToken } from './client.js';
import { VendorHealthPanel } from './health.js';
import { PersonView } from './person.js';
import { UsersView } from './users.js';

/** The console: vendor health on top, then the user list or one person (with editing). */
export function App() {
  const [token, setToken] = useState(storedToken());
  const [draft, setDraft] = useState(token);
  const [person, setPerson] = useState<string | null>(null);
  const client = useMemo(() => createClient(token), [token]);
  return (
    <main class="container">
      <header class="bar">
        <div>
          <h1>Switchboard console</h1>
          <small>
            Gateway: <code>{endpoint}</code> · <a href={new URL('/graphql', endpoint).toString()}>GraphiQL</a>
          </small>
        </div>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            storeToken(draft.trim());
            setToken(draft.trim());
          }}
        >
          <label>
            Access token
            <input type="password" name="token" autocomplete="off" placeholder="Bearer token, when auth is on" value={draft} onInput={(event) => setDraft(event.currentTarget.value)} />
          </label>
          <button type="submit">Use token</button>
        </form>
      </header>
      <VendorHealthPanel client={client} />
      {person === null ? <UsersView client={client} onOpenPerson={setPerson} /> : <PersonView client={client} email={person} onBack={() => setPerson(null)} />}
    </main>
  );
}
