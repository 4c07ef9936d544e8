import { Outlet } from 'react-router';
import { isEditor, useCurrentUser } from '../session/session';

/** The newsroom desk's screens: a reviewer who follows a link here is told so instead of seeing refused requests. */
export function EditorsOnly() {
  const me = useCurrentUser();
  if (me.data && !isEditor(me.data)) {
    return (
      <section className="page" aria-labelledby="editors-only-title">
        <h1 id="editors-only-title">For editors</h1>
        <p>This screen is for editors and admins.</p>
      </section>
    );
  }
  return <Outlet />;
}
