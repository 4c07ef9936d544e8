import { useId, useState } from 'react';
import type { Role } from '../users/users-api';
import { useUserChoices } from '../users/users-api';

/** Who may pull: ticked accounts of the pull role; none ticked means everyone with the role. */
export function MembersPicker({
  role,
  members,
  onChange,
}: {
  role: Role;
  members: string[];
  onChange: (members: string[]) => void;
}) {
  const id = useId();
  const [filter, setFilter] = useState('');
  const choices = useUserChoices(role, filter.trim());
  const shown = choices.data?.items ?? [];
  const toggle = (userId: string, on: boolean) =>
    onChange(on ? [...members, userId] : members.filter((m) => m !== userId));

  return (
    <fieldset className="members">
      <legend>Members</legend>
      <p className="hint">
        {members.length === 0
          ? `Nobody ticked: every active ${role} may pull.`
          : `Only the ${members.length} ticked may pull (admins always may).`}
      </p>
      <label htmlFor={`${id}-filter`}>Find a {role}</label>
      <input id={`${id}-filter`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      {choices.isError && <p role="alert">Could not load the {role}s.</p>}
      <ul className="checklist">
        {shown.map((u) => (
          <li key={u.id}>
            <label className="radio">
              <input
                type="checkbox"
                checked={members.includes(u.id)}
                onChange={(e) => toggle(u.id, e.target.checked)}
              />
              {u.displayName} <span className="muted">{u.email}</span>
              {!u.active && <span className="status-off"> (deactivated)</span>}
            </label>
          </li>
        ))}
      </ul>
      {choices.data && choices.data.total > choices.data.items.length && (
        <p className="hint">
          The first {choices.data.items.length} of {choices.data.total} are listed; narrow with the search.
        </p>
      )}
    </fieldset>
  );
}
