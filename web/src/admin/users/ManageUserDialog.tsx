import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Problem } from '../Problem';
import { OneTimePassword, PasswordChoice, type PasswordChoiceValue } from './PasswordChoice';
import { RoleSelect } from './RoleSelect';
import { type Role, type User, useResetPassword, useUpdateUser } from './users-api';

/**
 * One account's role, active flag and password. Each change ends the person's sessions at once (the service revokes
 * them); whatever the service refuses (the last active admin) is shown with what to do.
 */
export function ManageUserDialog({ user: initial, onClose }: { user: User; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const update = useUpdateUser();
  const reset = useResetPassword();
  const user = update.data ?? initial;
  const [role, setRole] = useState<Role>(initial.role);
  const [password, setPassword] = useState<PasswordChoiceValue>(undefined);

  useEffect(() => {
    ref.current?.showModal();
  }, []);

  const change = (patch: { role?: Role; active?: boolean }) => {
    reset.reset();
    update.mutate({ id: user.id, ...patch });
  };

  return (
    <dialog ref={ref} className="dialog wide" aria-labelledby="manage-title" onClose={onClose}>
      <h2 id="manage-title">{user.displayName}</h2>
      <p className="muted">
        {user.email} · {user.role} · {user.active ? 'active' : 'deactivated'}
      </p>
      {update.isError && <Problem error={update.error} title="Not changed." />}
      {update.isSuccess && (
        <p className="notice" role="status">
          Saved. Their open sessions were signed out.
        </p>
      )}

      <form
        onSubmit={(e) => {
          e.preventDefault();
          change({ role });
        }}
      >
        <label htmlFor="manage-role">Role</label>
        <div className="inline">
          <RoleSelect id="manage-role" value={role} onChange={(r) => setRole(r || user.role)} />
          <button type="submit" disabled={update.isPending || role === user.role}>
            Change role
          </button>
        </div>
      </form>

      <h3>Access</h3>
      <p className="hint">
        {user.active
          ? 'Deactivating signs them out everywhere and stops every sign-in.'
          : 'They can sign in again with their password.'}
      </p>
      <button type="button" disabled={update.isPending} onClick={() => change({ active: !user.active })}>
        {user.active ? 'Deactivate account' : 'Reactivate account'}
      </button>

      <form
        onSubmit={(e) => {
          e.preventDefault();
          update.reset();
          reset.mutate({ id: user.id, password });
        }}
      >
        <PasswordChoice legend="Reset password" onChange={setPassword} />
        {reset.isError && <Problem error={reset.error} title="The password was not reset." />}
        {reset.isSuccess && !reset.data && (
          <p className="notice" role="status">
            Password replaced. Their open sessions were signed out.
          </p>
        )}
        {reset.data && (
          <OneTimePassword who={user.email} password={reset.data.generatedPassword} onDone={() => reset.reset()} />
        )}
        {!reset.data && (
          <button type="submit" disabled={reset.isPending}>
            Reset password
          </button>
        )}
      </form>

      <div className="actions">
        <Link to={`/admin/audit?involving=${user.id}&order=asc`}>Timeline of this account</Link>
        <button type="button" className="primary" onClick={() => ref.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}
