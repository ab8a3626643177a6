import { Button, Group, Stack } from '@mantine/core';
import type { ButtonVariant } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Notice } from '../components/notice';
import { PublicPageLayout } from './public-page.layout';
import { SmeNotice } from './sme-notice';

/** A narrow public page that tells how a registration step ended and what to do next. */
export function OutcomePage({
  title,
  'data-testid': testId,
  children,
}: {
  title: string;
  'data-testid': string;
  children: ReactNode;
}) {
  return (
    <PublicPageLayout title={title} size="sm">
      <Stack data-testid={testId}>{children}</Stack>
    </PublicPageLayout>
  );
}

/** A step that succeeded (registered, confirmed): what happened, whether the company counts as an SME, and the way on. */
export function RegistrationDone({
  title,
  'data-testid': testId,
  heading,
  isSme,
  next,
  children,
}: {
  title: string;
  'data-testid': string;
  heading: string;
  isSme: boolean;
  next: ReactNode;
  children: ReactNode;
}) {
  return (
    <OutcomePage title={title} data-testid={testId}>
      <Notice tone="success" title={heading} role="status">
        {children}
      </Notice>
      <SmeNotice isSme={isSme} />
      {next}
    </OutcomePage>
  );
}

/** The way on from a public page: a link styled as a button, on the right. */
export function NextLink({
  to,
  variant,
  'data-testid': testId,
  children,
}: {
  to: string;
  variant?: ButtonVariant;
  'data-testid'?: string;
  children: ReactNode;
}) {
  return (
    <Group justify="flex-end">
      <Button component={Link} to={to} variant={variant} data-testid={testId}>
        {children}
      </Button>
    </Group>
  );
}
