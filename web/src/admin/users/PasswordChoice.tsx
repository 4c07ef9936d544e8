import { useId, useState } from 'react';

/** `undefined`: let the service generate the password (it answers it once); else the one the admin typed. */
export type PasswordChoiceValue = string | undefined;

/** "Generate one (shown once)" or "Set it myself" with the field; the service checks the length. */
export function PasswordChoice({
  legend,
  onChange,
}: {
  legend: string;
  onChange: (value: PasswordChoiceValue) => void;
}) {
  const id = useId();
  const [mode, setMode] = useState<'generate' | 'set'>('generate');
  const [password, setPassword] = useState('');
  const choose = (next: 'generate' | 'set') => {
    setMode(next);
    onChange(next === 'generate' ? undefined : password);
  };
  return (
    <fieldset>
      <legend>{legend}</legend>
      <label className="radio">
        <input type="radio" name={`${id}-mode`} checked={mode === 'generate'} onChange={() => choose('generate')} />{' '}
        Generate one (shown once)
      </label>
      <label className="radio">
        <input type="radio" name={`${id}-mode`} checked={mode === 'set'} onChange={() => choose('set')} /> Set it myself
      </label>
      {mode === 'set' && (
        <>
          <label htmlFor={`${id}-password`}>Password</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              onChange(e.target.value);
            }}
          />
          <p className="hint">At least 10 characters. Tell the person through a channel other than email.</p>
        </>
      )}
    </fieldset>
  );
}

/** The generated password, shown this once: the service keeps only its hash. */
export function OneTimePassword({ who, password, onDone }: { who: string; password: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="notice one-time" role="status">
      <p>
        The password for <strong>{who}</strong> is <code className="secret">{password}</code>
      </p>
      <p className="muted">It is shown only now. Pass it on safely; they can change it after signing in.</p>
      <div className="actions">
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard?.writeText(password).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy password'}
        </button>
        <button type="button" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
