import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatDateTime } from '../../format';
import { pageOf, Pager } from '../../layout/Pager';
import { Problem } from '../Problem';
import { CreateUserForm } from './CreateUserForm';
import { ManageUserDialog } from './ManageUserDialog';
import { RoleSelect } from './RoleSelect';
import { PAGE_SIZE, type Role, ROLES, type User, type UserFilters, useUsers } from './users-api';

/** The filters live in the address, so a filtered list can be reloaded, shared and gone back to. */
function filtersOf(params: URLSearchParams): UserFilters {
  const role = params.get('role');
  const active = params.get('active');
  return {
    role: ROLES.includes(role as Role) ? (role as Role) : undefined,
    active: active === 'true' ? true : active === 'false' ? false : undefined,
    search: params.get('search') || undefined,
  };
}

export function UsersPage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const page = pageOf(params);
  const users = useUsers(filters, page);
  const [creating, setCreating] = useState(false);
  const [managed, setManaged] = useState<User | null>(null);

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('page');
    setParams(next, { replace: true });
  };

  return (
    <section className="page wide" aria-labelledby="users-title">
      <div className="page-head">
        <h1 id="users-title">Accounts</h1>
        {!creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New account
          </button>
        )}
      </div>
      {creating && <CreateUserForm onClose={() => setCreating(false)} />}

      <form className="filters" role="search" aria-label="Filter accounts" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="users-search">Name or email</label>
          <input
            id="users-search"
            type="search"
            value={filters.search ?? ''}
            onChange={(e) => setFilter('search', e.target.value)}
          />
        </div>
        <div>
          <label htmlFor="users-role">Role</label>
          <RoleSelect
            id="users-role"
            value={filters.role ?? ''}
            onChange={(r) => setFilter('role', r)}
            anyLabel="Any role"
          />
        </div>
        <div>
          <label htmlFor="users-active">Status</label>
          <select
            id="users-active"
            value={params.get('active') ?? ''}
            onChange={(e) => setFilter('active', e.target.value)}
          >
            <option value="">Active and deactivated</option>
            <option value="true">Active</option>
            <option value="false">Deactivated</option>
          </select>
        </div>
      </form>

      {users.isPending && <p role="status">Loading accounts…</p>}
      {users.isError && <Problem error={users.error} title="Could not load the accounts." />}
      {users.data?.total === 0 && <p>No account matches these filters.</p>}
      {!!users.data?.items.length && (
        <>
          <table className="data">
            <caption className="visually-hidden">Accounts, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Last sign-in</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.items.map((user) => (
                <tr key={user.id}>
                  <th scope="row">
                    {user.displayName}
                    <div className="muted">{user.email}</div>
                  </th>
                  <td>{user.role}</td>
                  <td>{user.active ? 'Active' : <span className="status-off">Deactivated</span>}</td>
                  <td>
                    {user.lastLoginAt ? (
                      <time dateTime={user.lastLoginAt}>{formatDateTime(user.lastLoginAt)}</time>
                    ) : (
                      <span className="muted">Never</span>
                    )}
                  </td>
                  <td>
                    <button type="button" onClick={() => setManaged(user)} aria-label={`Manage ${user.displayName}`}>
                      Manage
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} total={users.data.total} pageSize={PAGE_SIZE} noun="accounts" />
        </>
      )}
      {managed && <ManageUserDialog key={managed.id} user={managed} onClose={() => setManaged(null)} />}
    </section>
  );
}
