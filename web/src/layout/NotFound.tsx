import { Link } from 'react-router';

export function NotFound() {
  return (
    <section className="page">
      <h1>Page not found</h1>
      <Link to="/">Back to your queues</Link>
    </section>
  );
}
