import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { problemsOf } from '../api/client';
import { useCurrentUser } from '../session/session';
import { EmptyQueue } from './EmptyQueue';
import { useAssignment } from './review-api';
import { ReviewWorkspace } from './ReviewWorkspace';

export function ReviewPage() {
  const slug = useParams().slug!;
  const user = useCurrentUser().data!;
  const assignment = useAssignment(slug);
  const [announcement, setAnnouncement] = useState('');

  let content;
  if (assignment.isPending) content = <p role="status">Pulling the next claim…</p>;
  else if (assignment.isError)
    content = (
      <div role="alert" className="error">
        <p>
          Could not pull a claim from {slug}: {problemsOf(assignment.error).join(' ')}
        </p>
        <Link to="/">Back to your queues</Link>
      </div>
    );
  else if (!assignment.data)
    content = <EmptyQueue slug={slug} checking={assignment.isFetching} onCheck={() => void assignment.refetch()} />;
  else
    content = (
      <ReviewWorkspace
        key={assignment.data.id}
        assignment={assignment.data}
        userId={user.id}
        onDone={setAnnouncement}
        onPullAgain={() => void assignment.refetch()}
      />
    );

  return (
    <>
      <h1 className="visually-hidden">Review: {slug}</h1>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {content}
    </>
  );
}
