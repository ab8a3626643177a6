import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router/dom';
import { setUnauthenticatedHandler } from './api/client';
import { createQueryClient } from './api/query-client';
import { meKey } from './api/session.api';
import { ErrorBoundary } from './components/error-boundary';
import { createAppRouter } from './routes';
import { createAppTheme } from './theme';

function createApp() {
  return { queryClient: createQueryClient(), router: createAppRouter() };
}

export function App() {
  const [{ queryClient, router }] = useState(createApp);

  // Any 401 means the session is over (expired, revoked, signed out elsewhere). Dropping the user from the
  // cache makes RequireAuth send the user to the login page, which then returns them to where they were.
  useEffect(() => {
    setUnauthenticatedHandler(() => queryClient.setQueryData(meKey, null));
    return () => setUnauthenticatedHandler(null);
  }, [queryClient]);

  const { t } = useTranslation();
  const theme = useMemo(
    () => createAppTheme({ close: t('common.close'), toggleVisibility: t('common.toggleVisibility') }),
    [t],
  );
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <ErrorBoundary>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </ErrorBoundary>
    </MantineProvider>
  );
}
