import { type FormEvent, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { useCurrentUser, useSignIn } from './session';

interface SignInState {
  ended?: boolean;
  from?: string;
}

function failureMessage(error: Error): string {
  if (!(error instanceof ApiError)) return `The service cannot be reached (${error.message}). Try again.`;
  if (error.status === 401) return 'Wrong email or password.';
  if (error.status === 429) {
    const wait = error.retryAfterSeconds;
    return wait
      ? `Too many failed sign-ins. Try again in ${formatWait(wait)}.`
      : 'Too many failed sign-ins. Try again later.';
  }
  return error.message;
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

export function SignInPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useSignIn();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const state = (useLocation().state ?? {}) as SignInState;
  const target = state.from && state.from !== '/sign-in' ? state.from : '/';

  if (me.data && !signIn.isSuccess) return <Navigate to={target} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password }, { onSuccess: () => void navigate(target, { replace: true }) });
  };

  return (
    <main id="main" className="sign-in">
      <form className="card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to the fact-check workbench</h1>
        {state.ended && !signIn.error && (
          <p className="notice" role="status">
            Your session has ended. Please sign in again.
          </p>
        )}
        {signIn.error && (
          <p className="error" role="alert">
            {failureMessage(signIn.error)}
          </p>
        )}
        <label htmlFor="email">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="primary" disabled={signIn.isPending}>
          Sign in
        </button>
      </form>
    </main>
  );
}
