export function MyWorkPage() {
  return (
    <section className="page" aria-labelledby="my-work-title">
      <h1 id="my-work-title">My work</h1>
    </section>
  );
}
