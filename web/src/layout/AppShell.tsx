import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { sessionEnded } from '../api/client';
import { forgetSession, isAdmin, isEditor, useCurrentUser, useSignOut } from '../session/session';

/** Header, navigation and the signed-in screens; without a session, the sign-in screen. */
export function AppShell() {
  const me = useCurrentUser();
  const signOut = useSignOut();
  const client = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();

  useEffect(() => {
    const ended = () => {
      forgetSession(client);
      void navigate('/sign-in', { state: { ended: true, from: location.pathname } });
    };
    sessionEnded.addEventListener('ended', ended);
    return () => sessionEnded.removeEventListener('ended', ended);
  }, [client, navigate, location.pathname]);

  if (me.isPending)
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    );
  if (me.isError) return <p role="alert">The service cannot be reached: {me.error.message}</p>;
  if (!me.data) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  const user = me.data;

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Fact-check workbench</span>
        <nav aria-label="Main">
          <NavLink to="/" end>
            Your queues
          </NavLink>
          <NavLink to="/my-work">My work</NavLink>
          {isEditor(user) && (
            <>
              <NavLink to="/adjudication">Adjudication</NavLink>
              <NavLink to="/dashboard">Dashboard</NavLink>
              <NavLink to="/articles">Articles</NavLink>
              <NavLink to="/ingest">Add articles</NavLink>
              <NavLink to="/exports">Exports</NavLink>
            </>
          )}
          {isAdmin(user) && (
            <>
              <NavLink to="/admin/users">Accounts</NavLink>
              <NavLink to="/admin/queues">Queue settings</NavLink>
              <NavLink to="/admin/audit">Audit</NavLink>
            </>
          )}
        </nav>
        <span className="whoami">
          {user.displayName} <span className="role">({user.role})</span>
        </span>
        <button
          type="button"
          className="quiet"
          onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in') })}
        >
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
