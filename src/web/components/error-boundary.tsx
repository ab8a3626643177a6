import { Alert, Button, Code, Container, Stack, Text, Title } from '@mantine/core';
import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { NotFoundPage } from '../shell/not-found.page';

function ErrorFallback({ error, onReset }: { error: unknown; onReset?: () => void }) {
  const { t } = useTranslation();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Container size="sm" py="xl">
      <Alert color="red" role="alert" variant="light">
        <Stack>
          <Title order={2} size="h3">
            {t('errorBoundary.title')}
          </Title>
          <Text size="sm">{t('errorBoundary.description')}</Text>
          <Code block>{message}</Code>
          <Button
            variant="default"
            w="fit-content"
            onClick={() => (onReset ? onReset() : window.location.reload())}
          >
            {t('errorBoundary.reload')}
          </Button>
        </Stack>
      </Alert>
    </Container>
  );
}

interface ErrorBoundaryState {
  error: unknown;
}

/** Catches render errors outside the router (providers, shell) so a bug never leaves a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Unhandled UI error', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error) return <ErrorFallback error={this.state.error} />;
    return this.props.children;
  }
}

/** The router's errorElement: render errors and failed lazy imports of a route. */
export function RouteErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return <ErrorFallback error={error} />;
}
