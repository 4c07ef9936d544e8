import { type FormEvent, useState } from 'react';
import { Problem } from '../Problem';
import { OneTimePassword, PasswordChoice, type PasswordChoiceValue } from './PasswordChoice';
import { RoleSelect } from './RoleSelect';
import { type Role, useCreateUser } from './users-api';

/** A new account: name, email, role and a password the admin sets or the service generates (then shown once). */
export function CreateUserForm({ onClose }: { onClose: () => void }) {
  const create = useCreateUser();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('reviewer');
  const [password, setPassword] = useState<PasswordChoiceValue>(undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ displayName, email, role, ...(password === undefined ? {} : { password }) });
  };

  const created = create.data;
  if (created) {
    return (
      <section className="panel" aria-labelledby="created-title">
        <h2 id="created-title">Account created</h2>
        <p>
          {created.displayName} ({created.email}) can now sign in as {created.role}.
        </p>
        {created.generatedPassword ? (
          <OneTimePassword who={created.email} password={created.generatedPassword} onDone={onClose} />
        ) : (
          <div className="actions">
            <button type="button" onClick={onClose}>
              Done
            </button>
          </div>
        )}
      </section>
    );
  }

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="new-user-title">
      <h2 id="new-user-title">New account</h2>
      {create.isError && <Problem error={create.error} title="The account was not created." />}
      <div className="form-grid">
        <div>
          <label htmlFor="new-user-name">Name</label>
          <input
            id="new-user-name"
            required
            autoComplete="off"
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
            autoFocus
          />
        </div>
        <div>
          <label htmlFor="new-user-email">Email</label>
          <input
            id="new-user-email"
            type="email"
            required
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor="new-user-role">Role</label>
          <RoleSelect id="new-user-role" value={role} onChange={(r) => setRole(r || 'reviewer')} />
        </div>
      </div>
      <PasswordChoice legend="Initial password" onChange={setPassword} />
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          Create account
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
