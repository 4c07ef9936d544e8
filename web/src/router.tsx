import { createBrowserRouter } from 'react-router';
import { AppShell } from './layout/AppShell';
import { EditorsOnly } from './layout/EditorsOnly';
import { RouteError } from './layout/RouteError';

// Each screen is its own chunk: the first page load carries only the shell and the screen it shows.
export const router = createBrowserRouter(
  [
    { path: '/sign-in', lazy: async () => ({ Component: (await import('./session/SignInPage')).SignInPage }) },
    {
      path: '/',
      Component: AppShell,
      ErrorBoundary: RouteError,
      children: [
        { index: true, lazy: async () => ({ Component: (await import('./queues/QueuesPage')).QueuesPage }) },
        { path: 'review/:slug', lazy: async () => ({ Component: (await import('./review/ReviewPage')).ReviewPage }) },
        { path: 'my-work', lazy: async () => ({ Component: (await import('./my-work/MyWorkPage')).MyWorkPage }) },
        {
          path: 'adjudication',
          lazy: async () => ({ Component: (await import('./adjudication/AdjudicationPage')).AdjudicationPage }),
        },
        {
          path: 'dashboard',
          lazy: async () => ({ Component: (await import('./dashboard/DashboardPage')).DashboardPage }),
        },
        {
          path: 'claims/:id/history',
          lazy: async () => ({ Component: (await import('./history/HistoryPage')).HistoryPage }),
        },
        { path: 'admin/users', lazy: async () => ({ Component: (await import('./admin/users/UsersPage')).UsersPage }) },
        {
          path: 'admin/queues',
          lazy: async () => ({ Component: (await import('./admin/queues/QueuesAdminPage')).QueuesAdminPage }),
        },
        {
          path: 'admin/queues/new',
          lazy: async () => ({ Component: (await import('./admin/queues/QueueEditPage')).QueueEditPage }),
        },
        {
          path: 'admin/queues/:slug',
          lazy: async () => ({ Component: (await import('./admin/queues/QueueEditPage')).QueueEditPage }),
        },
        { path: 'admin/audit', lazy: async () => ({ Component: (await import('./admin/audit/AuditPage')).AuditPage }) },
        {
          Component: EditorsOnly,
          children: [
            {
              path: 'articles',
              lazy: async () => ({ Component: (await import('./articles/ArticlesPage')).ArticlesPage }),
            },
            {
              path: 'articles/:id',
              lazy: async () => ({ Component: (await import('./articles/ArticlePage')).ArticlePage }),
            },
            { path: 'ingest', lazy: async () => ({ Component: (await import('./ingest/IngestPage')).IngestPage }) },
            { path: 'exports', lazy: async () => ({ Component: (await import('./exports/ExportsPage')).ExportsPage }) },
          ],
        },
        { path: '*', lazy: async () => ({ Component: (await import('./layout/NotFound')).NotFound }) },
      ],
    },
  ],
  { basename: '/app' },
);
