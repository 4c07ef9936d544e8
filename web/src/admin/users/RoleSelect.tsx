import { type Role, ROLES } from './users-api';

/** A role picker; with `anyLabel` it also offers no role (''), for filters. */
export function RoleSelect({
  id,
  value,
  onChange,
  anyLabel,
}: {
  id: string;
  value: Role | '';
  onChange: (role: Role | '') => void;
  anyLabel?: string;
}) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value as Role | '')}>
      {anyLabel && <option value="">{anyLabel}</option>}
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {r}
        </option>
      ))}
    </select>
  );
}
